// maqal's JavaScript API, without side effects: nothing is fetched or defined until called.
//
// Two builds of the widget's WebAssembly (README, "Two builds"): the full one draws articles and
// brings server-rendered ones to life; the live-controls one, a smaller download, only brings
// server-rendered ones to life. An element whose article the server rendered starts with the
// live-controls build unless the full one is loaded or on its way already; anything else, and
// `mount()`, loads the full one, once per page, beside it.

const ATTRIBUTES = ['src', 'from-page', 'lang', 'share-url', 'toast-ms', 'utm-campaign', 'no-utm'];
/** A server-rendered article's root, not yet alive (src/island.rs names it). */
const SERVER_ROOT = '.maqal-root[data-server]';
/** Each build's exports once its wasm is instantiated; a promise while it loads. */
let full;
let fullLoaded;
let live;
/** What init() returns, the same promise every time: a failed download then reaches the page
 * once, through whoever waits for it (each element does), not as an unhandled rejection. */
let fullReady;
/** Hosts with a widget in them, to show the crash message in if the wasm ever traps. */
const widgets = new Set();
/** Server-rendered elements that the live-controls build could not bring to life. */
const drawnByFull = new WeakSet();

// A trap (a Rust panic aborts) leaves the wasm unusable: every widget says so instead of
// freezing half-drawn. Registered once a build is loaded, so importing this module has no side
// effects.
let watching = false;
function watchForCrash() {
  if (watching) return;
  watching = true;
  addEventListener('error', (event) => {
    if (!(event.error instanceof WebAssembly.RuntimeError)) return;
    for (const host of widgets) showError(host, 'maqal stopped on an internal error; the console has the details');
    widgets.clear();
  });
}

// Loads a build's glue and instantiates its wasm: `wasm` as given, else a download that
// maqal.js started for the same URL as the page loaded, else the glue's own URL.
async function start(glue, url, wasm) {
  const { default: initWasm, ...exports } = await glue;
  wasm ??= globalThis[Symbol.for(`maqal.wasm ${url}`)];
  await initWasm(wasm === undefined ? undefined : { module_or_path: wasm });
  watchForCrash();
  return exports;
}

/**
 * Loads and compiles the widget's full WebAssembly (streaming, once per page). Awaiting it again
 * is harmless. `wasm` overrides where maqal_bg.wasm comes from: a URL, or a fetch already started.
 */
export function init(wasm) {
  full ??= start(import('./maqal_glue.js'), new URL('./maqal_bg.wasm', import.meta.url), wasm).then((exports) => {
    fullLoaded = exports;
    return exports;
  });
  fullReady ??= full.then(() => undefined);
  return fullReady;
}

/** The build that brings `element` to life: the live-controls one for a server-rendered article,
 * unless the full one is loaded or on its way (one build per page where one is enough). */
function buildFor(element) {
  if (full || drawnByFull.has(element) || !element.shadowRoot?.querySelector(SERVER_ROOT)) return init().then(() => full);
  // A host that serves only the full build's files (a bundler set up by hand) still works.
  live ??= start(import('./maqal_live_glue.js'), new URL('./maqal_live_bg.wasm', import.meta.url))
    .catch(() => init().then(() => full));
  return live;
}

// The handle of the widget that `create` puts into `host`; null if it put none.
function handleOf(host, create) {
  let inner;
  try {
    inner = create();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) showError(host, `maqal stopped on an internal error: ${error.message}`);
    throw error;
  }
  if (!inner) return null;
  widgets.add(host);
  // A long article draws the rest of its body a slice per task (docs/CONTRACT.md §1).
  let next = setTimeout(function more() {
    if (inner?.more()) next = setTimeout(more);
  });
  return {
    unmount() {
      clearTimeout(next);
      if (!inner) return;
      widgets.delete(host);
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
  if (!fullLoaded) throw new Error('maqal: await init() before mount()');
  return handleOf(host, () => fullLoaded.mount(host, article, options ?? {}));
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
      buildFor(this).then(
        (build) => {
          this.#queued = false;
          if (token !== this.#token) return;
          // The src changed while the wasm loaded: fetch what it says now.
          if (fetching?.url !== this.#url()) fetching = this.#fetch();
          this.#draw(build, fetching?.settled);
          if (fetching && !fetching.settled) fetching.then(() => token === this.#token && this.#draw(build, fetching.settled));
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

    #draw(build, fetched) {
      this.#handle?.unmount();
      this.#handle = null;
      if (!this.isConnected) return;
      if (build.mountElement) {
        this.#handle = handleOf(this, () => build.mountElement(this, fetched));
        return;
      }
      // The live-controls build: a server-rendered article it cannot read is drawn by the full
      // build, which says what is wrong with it.
      this.#handle = handleOf(this, () => build.hydrate(this));
      if (this.#handle) return;
      drawnByFull.add(this);
      this.#schedule();
    }
  }

  customElements.define(name, MaqalArticle);
  return MaqalArticle;
}
