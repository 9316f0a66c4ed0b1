// maqal's JavaScript API, without side effects: nothing is fetched or defined until called.
import initWasm, { mount as mountWasm, mountElement } from './maqal_glue.js';

const ATTRIBUTES = ['src', 'from-page', 'lang', 'share-url', 'toast-ms', 'utm-campaign', 'no-utm'];
let loading;
let loaded = false;
/** Hosts with a widget in them, to show the crash message in if the wasm ever traps. */
const live = new Set();

// A trap (a Rust panic aborts) leaves the wasm unusable: every widget says so instead of
// freezing half-drawn. Registered by init(), so importing this module has no side effects.
function watchForCrash() {
  addEventListener('error', (event) => {
    if (!(event.error instanceof WebAssembly.RuntimeError)) return;
    for (const host of live) showError(host, 'maqal stopped on an internal error; the console has the details');
    live.clear();
  });
}

/**
 * Loads and compiles the widget's WebAssembly (streaming, once per page). Awaiting it again is
 * harmless. `wasm` overrides where maqal_bg.wasm comes from: a URL, or a fetch already started.
 */
export function init(wasm) {
  loading ??= initWasm(wasm === undefined ? undefined : { module_or_path: wasm }).then(() => {
    loaded = true;
    watchForCrash();
  });
  return loading;
}

function handleOf(host, create) {
  let inner;
  try {
    inner = create();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) showError(host, `maqal stopped on an internal error: ${error.message}`);
    throw error;
  }
  live.add(host);
  return {
    unmount() {
      if (!inner) return;
      live.delete(host);
      inner.unmount();
      inner.free();
      inner = undefined;
    },
  };
}

/**
 * Renders `article` (a native or JSON-LD object, or its JSON text) into `host`'s shadow root.
 * Bad article data shows part="error" and dispatches `maqal-error`. Await `init()` first.
 */
export function mount(host, article, options = {}) {
  if (!loaded) throw new Error('maqal: await init() before mount()');
  return handleOf(host, () => mountWasm(host, article, options ?? {}));
}

/** Takes out what `mount` put in. */
export function unmount(handle) {
  handle?.unmount();
}

/** Shows `message` in part="error" (as text) in place of the widget and dispatches `maqal-error`. */
function showError(host, message) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.setAttribute('part', 'error');
  box.setAttribute('role', 'alert');
  box.textContent = message;
  root.replaceChildren(box);
  host.dispatchEvent(new CustomEvent('maqal-error', { bubbles: true, composed: true, detail: { message } }));
}

/** The article fetch that maqal.js started for `url` as the page loaded, or a new one. Each early
 * fetch is taken once: its body can be read only once. */
function takeEarly(url) {
  const early = globalThis[Symbol.for('maqal.early')];
  const started = early?.get(url.href);
  early?.delete(url.href);
  return started ?? fetch(url);
}

/** Defines `<maqal-article>` (or `name`); defining twice, or from two copies of maqal, is harmless. */
export function defineElement(name = 'maqal-article') {
  const existing = customElements.get(name);
  if (existing) return existing;

  class MaqalArticle extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }

    #handle = null;
    #queued = false;
    #near = false;
    #observer = null;

    connectedCallback() {
      this.#schedule();
    }

    disconnectedCallback() {
      this.#observer?.disconnect();
      this.#observer = null;
      this.#schedule();
    }

    attributeChangedCallback(_name, before, after) {
      if (before !== after) this.#schedule();
    }

    // Far below the fold (more than a screen down), or with loading="lazy", the element waits
    // until it comes within a screen of the viewport; loading="eager" never waits. maqal.js
    // applies the same rule to choose which articles to fetch early: change both together.
    #waitsForViewport() {
      if (this.#near || !this.isConnected) return false;
      const mode = this.getAttribute('loading');
      if (mode === 'eager' || (mode !== 'lazy' && this.getBoundingClientRect().top < 2 * innerHeight)) return false;
      this.#observer ??= new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.#observer.disconnect();
        this.#observer = null;
        this.#near = true;
        this.#schedule();
      }, { rootMargin: '100% 0px' });
      this.#observer.observe(this);
      return true;
    }

    // Attribute changes and moves in one task make one render, once the wasm is ready.
    #schedule() {
      if (this.#queued || this.#waitsForViewport()) return;
      this.#queued = true;
      // The article downloads while the wasm compiles; the widget reports any failure, including
      // a src that is not a URL (left to the wasm, which says so in part="error").
      const src = this.isConnected ? this.getAttribute('src')?.trim() : undefined;
      let early;
      try {
        early = src ? takeEarly(new URL(src, document.baseURI)) : undefined;
        early?.catch(() => {});
      } catch {
        early = undefined;
      }
      init().then(
        () => {
          this.#queued = false;
          this.#handle?.unmount();
          this.#handle = null;
          if (!this.isConnected) return;
          const started = this.getAttribute('src')?.trim() === src ? early : undefined;
          this.#handle = handleOf(this, () => mountElement(this, started));
        },
        (error) => {
          this.#queued = false;
          if (this.isConnected) showError(this, `maqal could not start: ${error?.message ?? error}`);
        },
      );
    }
  }

  customElements.define(name, MaqalArticle);
  return MaqalArticle;
}
