// Misuse the types must refuse: each line after a @ts-expect-error is an error, or tsc fails on
// the comment itself (so this file fails if the types stop checking anything).
import type { MaqalShareDetail } from 'maqal/api';
import type {} from 'maqal/react';

export const refused = [
  // @ts-expect-error: toast-ms is a number of milliseconds
  <maqal-article toast-ms={{ ms: 3000 }} />,
  // @ts-expect-error: loading is "eager" or "lazy"
  <maqal-article loading="soon" />,
  // @ts-expect-error: the share event's detail has no `link`
  <maqal-article onmaqal-share={(event) => event.detail.link} />,
  // @ts-expect-error: there is no such element attribute as `source`
  <maqal-article source="/a.json" />,
];

export function listen(element: HTMLElementTagNameMap['maqal-article']) {
  element.addEventListener('maqal-share', (event) => {
    const method: MaqalShareDetail['method'] = event.detail.method;
    // @ts-expect-error: `method` is one of five words, not any string
    const wrong: 'copy' = event.detail.method;
    return [method, wrong];
  });
  element.addEventListener('maqal-error', (event) => event.detail.message.length);
  const created = document.createElement('maqal-article');
  created.setAttribute('share-url', 'https://example.com/a');
  return created;
}
