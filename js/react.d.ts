// `<maqal-article>` in React 19's JSX: `import type {} from 'maqal/react'` once in a project (or
// list "maqal/react" in tsconfig's "types"). React 19 passes these props to the element as
// attributes, and a prop `on` + event name as a listener for that event (README, "React 19").
import type { HTMLAttributes, RefAttributes } from 'react';
import type { MaqalArticleAttributes, MaqalArticleElement, MaqalErrorDetail, MaqalShareDetail } from './maqal.js';

/** The element's props in JSX: its attributes, its three events, and React's own. */
export interface MaqalArticleProps
  extends MaqalArticleAttributes,
    Omit<HTMLAttributes<MaqalArticleElement>, keyof MaqalArticleAttributes>,
    RefAttributes<MaqalArticleElement> {
  'onmaqal-share'?: (event: CustomEvent<MaqalShareDetail>) => void;
  'onmaqal-error'?: (event: CustomEvent<MaqalErrorDetail>) => void;
  'onmaqal-ready'?: (event: CustomEvent<null>) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'maqal-article': MaqalArticleProps;
    }
  }
}
