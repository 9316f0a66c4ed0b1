// maqal's JavaScript API, without side effects: nothing is fetched or defined until called.
import initWasm, { mount as mountWasm, mountElement } from './maqal_glue.js';

const ATTRIBUTES = ['src', 'from-page', 'lang', 'share-url', 'toast-ms', 'utm-campaign', 'no-utm'];
let loading;
let loaded = false;

/**
 * Loads and compiles the widget's WebAssembly (streaming, once per page). Awaiting it again is
 * harmless. `wasmUrl` overrides where maqal_bg.wasm is fetched from.
 */
export function init(wasmUrl) {
  loading ??= initWasm(wasmUrl === undefined ? undefined : { module_or_path: wasmUrl }).then(() => {
    loaded = true;
  });
  return loading;
}

function handleOf(inner) {
  let live = true;
  return {
    unmount() {
      if (!live) return;
      live = false;
      inner.unmount();
      inner.free();
    },
  };
}

/**
 * Renders `article` (a native or JSON-LD object, or its JSON text) into `host`'s shadow root.
 * Bad article data shows part="error" and dispatches `maqal-error`. Await `init()` first.
 */
export function mount(host, article, options = {}) {
  if (!loaded) throw new Error('maqal: await init() before mount()');
  return handleOf(mountWasm(host, article, options ?? {}));
}

/** Takes out what `mount` put in. */
export function unmount(handle) {
  handle?.unmount();
}

function showLoadError(element, error) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.setAttribute('part', 'error');
  box.setAttribute('role', 'alert');
  box.textContent = `maqal could not start: ${error?.message ?? error}`;
  root.replaceChildren(box);
  element.dispatchEvent(new CustomEvent('maqal-error', { bubbles: true, composed: true, detail: { message: box.textContent } }));
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

    connectedCallback() {
      this.#schedule();
    }

    disconnectedCallback() {
      this.#schedule();
    }

    attributeChangedCallback(_name, before, after) {
      if (before !== after) this.#schedule();
    }

    // Attribute changes and moves in one task make one render, once the wasm is ready.
    #schedule() {
      if (this.#queued) return;
      this.#queued = true;
      init().then(
        () => {
          this.#queued = false;
          this.#handle?.unmount();
          this.#handle = this.isConnected ? handleOf(mountElement(this)) : null;
        },
        (error) => {
          this.#queued = false;
          if (this.isConnected) showLoadError(this, error);
        },
      );
    }
  }

  customElements.define(name, MaqalArticle);
  return MaqalArticle;
}
