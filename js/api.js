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
  // A long article draws the rest of its body a slice per task (docs/CONTRACT.md §1).
  let next = setTimeout(function more() {
    if (inner?.more()) next = setTimeout(more);
  });
  return {
    unmount() {
      clearTimeout(next);
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

/** The article fetch that maqal.js started for `url` as the page loaded, if any. Each early fetch
 * is taken once: its body can be read only once. */
function takeEarly(url) {
  const early = globalThis[Symbol.for('maqal.early')];
  const started = early?.get(url);
  early?.delete(url);
  return started;
}

/** How long an article may take, from the request to its last byte (docs/CONTRACT.md §3). */
const TIMEOUT_S = 10;

/**
 * Fetches the article at `url` (reading `started`, a fetch of it under way, if given): resolves
 * `{ article, url }` (the parsed JSON and the final URL; `text` instead of `article` when it is not
 * JSON), or rejects with what went wrong, in words a page author can act on.
 */
async function load(url, started) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_S * 1000);
  const timedOut = new Promise((_, fail) =>
    controller.signal.addEventListener('abort', () => fail(`no answer within ${TIMEOUT_S} s`)));
  const read = async () => {
    const response = await (started ?? fetch(url, { signal: controller.signal })).catch(() => {
      throw 'the network request failed (offline, a redirect loop, or another origin that does not allow it by CORS)';
    });
    if (!response.ok) throw `HTTP ${response.status} ${response.statusText}`;
    const text = await response.text();
    if (!text.trim()) throw 'the answer is empty';
    if (text.trimStart().startsWith('<')) throw 'the answer is an HTML page, not article JSON';
    // Parsed here, so that a 10 MB article does not cross into the wasm as text; text that is
    // not JSON goes as it is, for the wasm to say what is wrong with it. A new task follows,
    // so that parsing and drawing do not hold the page as one.
    let article;
    try {
      article = { article: JSON.parse(text) };
    } catch {
      article = { text };
    }
    await new Promise((next) => setTimeout(next));
    return { ...article, url: response.url || url };
  };
  try {
    return await Promise.race([read(), timedOut]);
  } catch (why) {
    throw `could not load ${url}: ${typeof why === 'string' ? why : why?.message ?? why}`;
  } finally {
    // Done, or given up: a body still arriving is cut off, its connection closed.
    clearTimeout(timer);
    controller.abort();
    started?.abort?.();
  }
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
    #token = null;
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

    // Attribute changes and moves in one task make one render, once the wasm is ready. A src is
    // fetched here, while the wasm compiles; the widget shows that it is on its way, then the
    // article or what went wrong, with a button that tries again (docs/CONTRACT.md §3).
    #schedule() {
      if (this.#queued || this.#waitsForViewport()) return;
      this.#queued = true;
      const token = (this.#token = {});
      let fetching = this.#fetch();
      init().then(
        () => {
          this.#queued = false;
          if (token !== this.#token) return;
          // The src changed while the wasm loaded: fetch what it says now.
          if (fetching?.url !== this.#url()) fetching = this.#fetch();
          this.#draw(fetching?.settled);
          if (fetching && !fetching.settled) fetching.then(() => token === this.#token && this.#draw(fetching.settled));
        },
        (error) => {
          this.#queued = false;
          if (this.isConnected) showError(this, `maqal could not start: ${error?.message ?? error}`);
        },
      );
    }

    // Starts loading the element's src (not a URL: left to the wasm, which says so); the promise
    // keeps what came of it in `settled`, as mountElement takes it.
    #fetch() {
      const url = this.#url();
      if (!url) return undefined;
      const fetching = load(url, takeEarly(url)).then(
        (loaded) => (fetching.settled = loaded),
        (error) => (fetching.settled = { error, retry: () => this.#schedule() }),
      );
      fetching.url = url;
      return fetching;
    }

    #url() {
      try {
        const src = this.isConnected && this.getAttribute('src')?.trim();
        return src ? new URL(src, document.baseURI).href : undefined;
      } catch {
        return undefined;
      }
    }

    #draw(fetched) {
      this.#handle?.unmount();
      this.#handle = null;
      if (this.isConnected) this.#handle = handleOf(this, () => mountElement(this, fetched));
    }
  }

  customElements.define(name, MaqalArticle);
  return MaqalArticle;
}
