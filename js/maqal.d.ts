/** Options for `mount`: the element's attributes in camelCase. */
export interface MountOptions {
  /** UI language of the widget's own words (toast, labels); defaults to the article's language. */
  lang?: string;
  /** The link to share, ahead of the article's url, the canonical link, og:url and location. */
  shareUrl?: string;
  /** How long the toast stays, in milliseconds (at least 2500; default 3000). */
  toastMs?: number;
  /** Adds utm_campaign to share-target links. */
  utmCampaign?: string;
  /** Share-target links without utm_source/utm_medium. */
  noUtm?: boolean;
}

/** A mounted widget. */
export interface MountHandle {
  /** Empties the host and frees the widget's app and listeners. Calling it twice is harmless. */
  unmount(): void;
}

/** `maqal-share`'s detail. */
export interface MaqalShareDetail {
  url: string;
  method: 'clipboard' | 'exec-command' | 'manual' | 'native' | 'link';
  target?: 'whatsapp' | 'telegram' | 'x' | 'facebook' | 'email';
  ok: boolean;
}

/** `maqal-error`'s detail. */
export interface MaqalErrorDetail {
  message: string;
}

/** Loads the WebAssembly once per page (from `wasm`: a URL, or a fetch of it already started); awaiting it again is harmless. */
export function init(wasm?: string | URL | Response | Promise<Response>): Promise<void>;

/** Renders an article (native or JSON-LD object, or JSON text) into `host`'s shadow root. */
export function mount(host: Element, article: object | string, options?: MountOptions): MountHandle;

/** Same as `handle.unmount()`. */
export function unmount(handle: MountHandle | null | undefined): void;

/** Defines the custom element (default `maqal-article`); defining twice is harmless. */
export function defineElement(name?: string): CustomElementConstructor;

/**
 * `<maqal-article>`'s attributes (README, "Attributes"), as a framework's templates set them. In
 * HTML every value is text; a boolean attribute is on when present.
 */
export interface MaqalArticleAttributes {
  /** URL of the article's JSON (native or JSON-LD). */
  src?: string;
  /** Read this page's JSON-LD `NewsArticle`, then Open Graph. */
  'from-page'?: boolean;
  /** Language of the widget's own words; defaults to the article's, then the page's. */
  lang?: string;
  /** The link to share, ahead of the article's url, the canonical link, og:url and location. */
  'share-url'?: string;
  /** How long the toast stays, in ms (at least 2500; default 3000). */
  'toast-ms'?: number | `${number}`;
  /** Adds utm_campaign to share-target links. */
  'utm-campaign'?: string;
  /** Share-target links without utm_source/utm_medium. */
  'no-utm'?: boolean;
  /** `eager` starts at once; `lazy` waits until the element nears the viewport. */
  loading?: 'eager' | 'lazy';
}

/** The element's attribute names. */
export type MaqalArticleAttribute = keyof MaqalArticleAttributes;

/** `<maqal-article>` in the DOM: an HTMLElement whose own events are typed (HTMLElementEventMap). */
export interface MaqalArticleElement extends HTMLElement {
  getAttribute(name: MaqalArticleAttribute | (string & {})): string | null;
  setAttribute(name: MaqalArticleAttribute | (string & {}), value: string): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'maqal-article': MaqalArticleElement;
  }
  interface HTMLElementEventMap {
    'maqal-share': CustomEvent<MaqalShareDetail>;
    'maqal-error': CustomEvent<MaqalErrorDetail>;
    'maqal-ready': CustomEvent<null>;
  }
}
