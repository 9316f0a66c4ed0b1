// The browser under the end-to-end tests, chosen by MAQAL_ENGINE=chromium|firefox|webkit (default
// chromium). Chromium is driven by playwright-core itself. Firefox (puppeteer-core over WebDriver
// BiDi) and WebKitGTK (webdriverio against WebKitWebDriver) get a small adapter that gives the tests
// the part of Playwright's API they use:
//   browser.newContext({ viewport, permissions, javaScriptEnabled }) / close()
//   context.newPage() / close()
//   page.goto, evaluate(fn, arg), waitForFunction(fn, arg, { timeout }), waitForTimeout,
//     setViewportSize, screenshot({ path, fullPage }), on('console'|'pageerror'|'request'),
//     keyboard.press, addScriptTag({ path | content }), locator(css), getByText, url, title
//   locator.click, hover, textContent, evaluate, evaluateAll, count, nth, first, last, all,
//     waitFor({ state, timeout }), getByText, locator, allTextContents, isVisible, getAttribute,
//     boundingBox, scrollIntoViewIfNeeded
// Locators are found in the page, as Playwright's CSS locators are: the light DOM and every open
// shadow root, so `maqal-article [part~="share"]` finds the part inside the element's shadow root.
// Clicks and hovers are real pointer input from the driver at the element's centre, once the
// element is there, visible, still, enabled and the one the pointer would hit.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';

export const ENGINE = process.env.MAQAL_ENGINE ?? 'chromium';
if (!['chromium', 'firefox', 'webkit'].includes(ENGINE)) {
  throw new Error(`MAQAL_ENGINE is "${ENGINE}": use chromium, firefox or webkit`);
}

/**
 * For `test(name, { skip: skipOn('webkit', 'why') }, fn)`: the reason (which node:test prints)
 * when the tests run in `engines` (a name or a list of names), otherwise false.
 */
export function skipOn(engines, reason) {
  return [engines].flat().includes(ENGINE) ? `${ENGINE}: ${reason}` : false;
}

const DEFAULT_TIMEOUT = 30_000; // Playwright's default for actions and waits

export async function launchEngine() {
  if (ENGINE === 'firefox') return FirefoxBrowser.launch();
  if (ENGINE === 'webkit') return WebKitBrowser.launch();
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// ---------------------------------------------------------------- WebKit: what the page itself can see

// WebKitWebDriver speaks classic WebDriver only, which has no console, error or network events. So on
// WebKit, serve() puts this script first in every HTML page (a same-origin file, so a CSP with
// 'self' allows it) and the adapter collects what it notes after every call: console messages,
// uncaught errors and unhandled rejections, CSP violations (Chromium logs those as console errors),
// and each request the page made: the document, each fetch() when it is made (the watcher wraps
// fetch), and the rest from Resource Timing once their responses end (a request that fails at the
// network level, refused or blocked by CORS, has no entry there, so WebKit does not see it).
export const WATCH_PATH = '/__maqal-e2e/watch.js';
export const WATCH_SCRIPT = `(() => {
  const log = [];
  Object.defineProperty(window, '__maqalE2E', { value: log });
  // What the adapter takes: the log so far, with the resource entries not yet handed to the observer.
  Object.defineProperty(log, 'take', { value: () => { requests(observer.takeRecords()); return log.splice(0); } });
  const show = (a) => {
    if (typeof a === 'string') return a;
    if (a instanceof Error) return String(a);
    try { return typeof a === 'object' && a !== null ? JSON.stringify(a) : String(a); } catch { return String(a); }
  };
  for (const [method, type] of [['error', 'error'], ['warn', 'warning'], ['log', 'log'], ['info', 'info'], ['debug', 'debug']]) {
    const original = console[method];
    console[method] = function (...args) {
      log.push({ kind: 'console', type, text: args.map(show).join(' ') });
      return original.apply(this, args);
    };
  }
  // The message, then the stack where there is one: a wasm trap's names the functions (by index).
  addEventListener('error', (e) => { if (e instanceof ErrorEvent) log.push({ kind: 'pageerror', message: [e.error?.message ?? e.message, e.error?.stack].filter(Boolean).join('\\n') }); });
  addEventListener('unhandledrejection', (e) => log.push({ kind: 'pageerror', message: e.reason?.message ?? String(e.reason) }));
  document.addEventListener('securitypolicyviolation', (e) => log.push({ kind: 'console', type: 'error',
    text: 'Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI }), true);
  log.push({ kind: 'request', url: location.href });
  // A fetch is noted when it is made (its timing entry comes only once its response has ended,
  // which can be after the test has looked), and its timing entry is then not noted again.
  const fetched = new Map();
  const nativeFetch = window.fetch;
  window.fetch = function fetch(input, init) {
    try {
      const url = input instanceof Request ? input.url : new URL(String(input), document.baseURI).href;
      fetched.set(url, (fetched.get(url) ?? 0) + 1);
      log.push({ kind: 'request', url });
    } catch {
      // not a URL: the real fetch rejects it
    }
    return nativeFetch.apply(this, arguments);
  };
  performance.setResourceTimingBufferSize?.(100000);
  const requests = (entries) => {
    for (const e of entries) {
      const early = e.initiatorType === 'fetch' ? fetched.get(e.name) ?? 0 : 0;
      if (early > 0) fetched.set(e.name, early - 1);
      else log.push({ kind: 'request', url: e.name });
    }
  };
  const observer = new PerformanceObserver((list) => requests(list.getEntries()));
  observer.observe({ type: 'resource', buffered: true });
})();
`;

/** Whether a CSP (header or meta) lets a same-origin script run: script-src (or default-src) has 'self', or no such directive. */
function allowsSelfScript(policies) {
  for (const policy of policies) {
    const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([n, ...v]) => [n.toLowerCase(), v]));
    const sources = directives['script-src-elem'] ?? directives['script-src'] ?? directives['default-src'];
    if (sources && (!sources.includes("'self'") || sources.includes("'strict-dynamic'"))) return false;
  }
  return true;
}

/** The page with the watcher as its first script (WebKit only; other engines get the page as it is). */
export function withWatcher(html, headers = {}) {
  if (ENGINE !== 'webkit') return html;
  const text = String(html);
  if (!/^\s*</.test(text)) return html; // served as HTML but not HTML (a test's script, say)
  const policies = [...Object.entries(headers).filter(([k]) => k.toLowerCase() === 'content-security-policy').map(([, v]) => String(v)),
    ...[...text.matchAll(/<meta[^>]+http-equiv=["']?content-security-policy["']?[^>]*>/gi)]
      .map((m) => /content=(?:"([^"]*)"|'([^']*)')/i.exec(m[0])).filter(Boolean).map((m) => m[1] ?? m[2])];
  if (!allowsSelfScript(policies)) return html;
  const tag = `<script src="${WATCH_PATH}"></script>`;
  for (const pattern of [/<head(\s[^>]*)?>/i, /<!doctype[^>]*>/i, /<html(\s[^>]*)?>/i]) {
    const m = pattern.exec(text);
    if (m) return text.slice(0, m.index + m[0].length) + tag + text.slice(m.index + m[0].length);
  }
  return tag + text;
}

// ---------------------------------------------------------------- in the page: finding elements

// Runs in the page (its source is sent with each call; nothing is left behind in the page).
// Steps: { css }, { text, exact }, { regex, flags }, { nth }.
function pageLibrary() {
  const composedParent = (el) => el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);
  // Every element under `scope` (the document, or an element and its shadow root), in tree order:
  // an element, then its shadow root's elements, then its light children.
  const deep = (scope) => {
    const out = [];
    const visit = (node) => {
      for (const child of node.children) {
        out.push(child);
        if (child.shadowRoot) visit(child.shadowRoot);
        visit(child);
      }
    };
    if (scope.shadowRoot) visit(scope.shadowRoot);
    visit(scope);
    return out;
  };
  // Splits at `separators` outside brackets, parentheses and quotes.
  const splitTop = (s, isSeparator) => {
    const parts = [];
    let depth = 0; let quote = null; let current = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (quote) { current += c; if (c === '\\') current += s[++i] ?? ''; else if (c === quote) quote = null; continue; }
      if (c === '"' || c === "'") { quote = c; current += c; continue; }
      if (c === '[' || c === '(') depth++;
      if (c === ']' || c === ')') depth--;
      if (depth === 0 && isSeparator(c)) { parts.push(current); current = ''; continue; }
      current += c;
    }
    parts.push(current);
    return parts.map((p) => p.trim()).filter((p) => p !== '');
  };
  const queryCss = (scope, selector) => {
    const all = deep(scope);
    const found = new Set();
    for (const alternative of splitTop(selector, (c) => c === ',')) {
      const parts = splitTop(alternative, (c) => /\s/.test(c));
      if (parts.some((p) => /^[>+~]|[>+~]$/.test(p)) || parts.some((p) => splitTop(p, (c) => '>+~'.includes(c)).length > 1)) {
        // Other combinators: matched inside each tree (the document and every shadow root) separately.
        const roots = [scope, ...all.filter((el) => el.shadowRoot).map((el) => el.shadowRoot)];
        if (scope.shadowRoot) roots.push(scope.shadowRoot);
        for (const root of roots) for (const el of root.querySelectorAll(alternative)) found.add(el);
        continue;
      }
      // Descendant combinators only: ancestors are looked for across shadow boundaries too.
      for (const el of all) {
        if (!el.matches(parts[parts.length - 1])) continue;
        let i = parts.length - 2;
        for (let a = composedParent(el); i >= 0 && a && a !== scope; a = composedParent(a)) if (a.matches(parts[i])) i--;
        if (i < 0) found.add(el);
      }
    }
    return all.filter((el) => found.has(el));
  };
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD']);
  const textOf = (el) => {
    if (SKIP.has(el.nodeName)) return '';
    let text = '';
    const nodes = [...(el.shadowRoot ? el.shadowRoot.childNodes : []), ...el.childNodes];
    for (const n of nodes) text += n.nodeType === Node.TEXT_NODE ? n.data : n.nodeType === Node.ELEMENT_NODE ? textOf(n) : '';
    return text;
  };
  const normal = (s) => s.replace(/\s+/g, ' ').trim();
  const queryText = (scope, step) => {
    const matches = (el) => {
      const text = normal(textOf(el));
      if (step.regex !== undefined) return new RegExp(step.regex, step.flags).test(text);
      return step.exact ? text === normal(step.text) : text.toLowerCase().includes(normal(step.text).toLowerCase());
    };
    const candidates = [...(scope.nodeType === Node.ELEMENT_NODE ? [scope] : []), ...deep(scope)].filter(matches);
    const set = new Set(candidates);
    // The innermost elements that hold the text, as Playwright's getByText gives.
    return candidates.filter((el) => ![...(el.shadowRoot ? el.shadowRoot.children : []), ...el.children].some((c) => set.has(c)));
  };
  const resolve = (steps) => {
    let current = [document];
    for (const step of steps) {
      if ('nth' in step) {
        const el = current.at(step.nth);
        current = el ? [el] : [];
        continue;
      }
      const next = new Set();
      for (const scope of current) {
        for (const el of 'css' in step ? queryCss(scope, step.css) : queryText(scope, step)) next.add(el);
      }
      current = [...next];
    }
    return current;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility === 'visible';
  };
  /** The one element `steps` find, or undefined; more than one is an error, as in Playwright. */
  const one = (steps, what) => {
    const els = resolve(steps);
    if (els.length > 1) throw new Error(`strict mode violation: ${what} resolved to ${els.length} elements`);
    return els[0];
  };
  const state = (steps, wanted, what) => {
    const el = one(steps, what);
    const is = wanted === 'attached' ? !!el : wanted === 'detached' ? !el : wanted === 'visible' ? !!el && visible(el)
      : wanted === 'hidden' ? !el || !visible(el) : undefined;
    if (is === undefined) throw new Error(`unknown state ${wanted}`);
    return is ? { done: 1, ok: true } : { wait: `${what} to be ${wanted}` };
  };
  const inView = (r) => r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  const scrollIfNeeded = (el) => {
    if (!inView(el.getBoundingClientRect())) el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  };
  const hitTarget = (x, y) => {
    let hit = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit;
  };
  /**
   * Where to put the pointer for the element: its centre, once it is visible, enabled, scrolled into
   * view and the element the pointer would hit there. `box` says where it is (the caller checks it
   * stays put between two looks).
   */
  const point = (steps, what) => {
    const el = one(steps, what);
    if (!el) return { wait: `${what} to exist` };
    if (!visible(el)) return { wait: `${what} to be visible` };
    if (el.matches(':disabled')) return { wait: `${what} to be enabled` };
    scrollIfNeeded(el);
    const r = el.getBoundingClientRect();
    const x = r.x + r.width / 2;
    const y = r.y + r.height / 2;
    const hit = hitTarget(x, y);
    let a = hit;
    while (a && a !== el) a = composedParent(a);
    if (!a) return { wait: `${what} to receive the pointer (${hit?.outerHTML.slice(0, 100)} is on top)` };
    return { done: 1, ok: { x, y, box: [r.x, r.y, r.width, r.height].join() } };
  };
  return { resolve, one, state, visible, point, scrollIfNeeded };
}

const LIBRARY = `(${pageLibrary})()`;
const json = (value) => (value === undefined ? 'undefined' : JSON.stringify(value));

/**
 * An expression for `body` (statements that see `L`, the library, and return a value or a promise
 * of one): its value as JSON text (or a promise of that, when body gives a promise), with what the
 * WebKit watcher noted since the last call when `collect`. Synchronous when body is, so it also
 * works in a page whose own script is off.
 */
const inPage = (body, collect) => `(() => { const L = ${LIBRARY};
  const enc = (v) => JSON.stringify({ v, u: v === undefined, log: ${collect ? 'window.__maqalE2E?.take()' : 'undefined'} });
  const out = (() => { ${body} })();
  return out && typeof out.then === 'function' ? out.then(enc) : enc(out); })()`;
/** Gives `{ done: 1, ok: v }` for a value `v`, or a promise of that for a promise (a user's async function). */
const OK = 'const ok = (v) => (v && typeof v.then === "function" ? v.then((ok) => ({ done: 1, ok })) : { done: 1, ok: v });';

// ---------------------------------------------------------------- the shared page, locator and context

const PROBLEM_EVENTS = ['console', 'pageerror', 'request'];
const SCREENSHOT_SUFFIX = (path) => path.replace(/(\.png)?$/, `-${ENGINE}$1`);
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

class Locator {
  constructor(page, steps, description) {
    this.page = page;
    this.steps = steps;
    this.description = description;
  }

  #with(step, text) { return new Locator(this.page, [...this.steps, step], `${this.description}${text}`); }
  locator(css) { return this.#with({ css }, `.locator(${JSON.stringify(css)})`); }
  getByText(text, { exact = false } = {}) {
    return this.#with(text instanceof RegExp ? { regex: text.source, flags: text.flags } : { text, exact }, `.getByText(${text instanceof RegExp ? text : JSON.stringify(text)})`);
  }
  nth(n) { return this.#with({ nth: n }, `.nth(${n})`); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }

  #vars() { return `const steps = ${JSON.stringify(this.steps)}; const what = ${JSON.stringify(this.description)}; ${OK}`; }
  /** Once, now. */
  #now(body) { return this.page._run(`${this.#vars()} ${body}`); }
  /** Until `body` gives { done: 1, ok } (ok is the value) rather than { wait } (why not yet), for up to `timeout` ms. */
  #until(body, timeout, end) { return this.page._poll(`${this.#vars()} ${body}`, timeout, end); }
  /** `expression` (which sees `el`) on the one element, once it is there. */
  #withElement(expression, timeout) {
    return this.#until(`const el = L.one(steps, what); return el ? ok(${expression}) : { wait: what + ' to exist' };`, timeout);
  }

  count() { return this.#now('return L.resolve(steps).length;'); }
  async all() { return Array.from({ length: await this.count() }, (_, i) => this.nth(i)); }
  allTextContents() { return this.#now('return L.resolve(steps).map((el) => el.textContent);'); }
  isVisible() { return this.#now('const el = L.one(steps, what); return !!el && L.visible(el);'); }
  evaluateAll(fn, arg) { return this.#now(`return (${fn})(L.resolve(steps), ${json(arg)});`); }
  async waitFor({ state = 'visible', timeout = DEFAULT_TIMEOUT } = {}) {
    await this.#until(`return L.state(steps, ${json(state)}, what);`, timeout);
  }
  textContent({ timeout = DEFAULT_TIMEOUT } = {}) { return this.#withElement('el.textContent', timeout); }
  getAttribute(name, { timeout = DEFAULT_TIMEOUT } = {}) { return this.#withElement(`el.getAttribute(${json(name)})`, timeout); }
  boundingBox({ timeout = DEFAULT_TIMEOUT } = {}) {
    return this.#withElement(`((r) => (r.width === 0 && r.height === 0 && el.getClientRects().length === 0 ? null
      : { x: r.x, y: r.y, width: r.width, height: r.height }))(el.getBoundingClientRect())`, timeout);
  }
  async scrollIntoViewIfNeeded({ timeout = DEFAULT_TIMEOUT } = {}) { await this.#withElement('L.scrollIfNeeded(el)', timeout); }
  evaluate(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) { return this.#withElement(`(${fn})(el, ${json(arg)})`, timeout); }

  /** The element's centre once it is ready for the pointer and has stayed put between two looks. */
  async #point(timeout) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      const { x, y, box } = await this.#until('return L.point(steps, what);', timeout, end);
      if (box === last) return { x, y };
      last = box;
      await sleep(16);
    }
  }
  async click({ timeout = DEFAULT_TIMEOUT } = {}) {
    const { x, y } = await this.#point(timeout);
    await this.page._pointer(x, y, true);
  }
  async hover({ timeout = DEFAULT_TIMEOUT } = {}) {
    const { x, y } = await this.#point(timeout);
    await this.page._pointer(x, y, false);
  }
}

class Page {
  #listeners = new Map();
  keyboard = { press: (key) => this._op(() => this._press(key)) };

  on(event, handler) {
    if (!this.#listeners.has(event)) this.#listeners.set(event, []);
    this.#listeners.get(event).push(handler);
    if (PROBLEM_EVENTS.includes(event)) this._listen?.(event);
    return this;
  }
  emit(event, value) { for (const handler of this.#listeners.get(event) ?? []) handler(value); }

  /** Runs `body` (see inPage) in the page and gives its result. */
  async _run(body) {
    const { v, u, log } = JSON.parse(await this._evaluate(inPage(body, this._collects)));
    if (log) this._deliver(log);
    return u ? undefined : v;
  }
  /** Runs `body` until it gives { done: 1, ok: value } rather than { wait: reason }; gives the value.
   * Gives up at `end` (a caller that polls more than once passes its own), saying `timeout`. */
  async _poll(body, timeout, end = Date.now() + timeout) {
    for (;;) {
      const result = await this._run(body);
      if (result.done) return result.ok;
      if (Date.now() >= end) throw new Error(`Timeout ${timeout}ms exceeded waiting for ${result.wait}`);
      await sleep(20);
    }
  }
  async _op(action) { return action(); }

  locator(css) { return new Locator(this, [{ css }], `locator(${JSON.stringify(css)})`); }
  getByText(text, options) { return new Locator(this, [], 'page').getByText(text, options); }
  evaluate(fn, arg) {
    return this._run(typeof fn === 'string' ? `return (${fn});` : `return (${fn})(${json(arg)});`);
  }
  waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    const value = typeof fn === 'string' ? `(${fn})` : `(${fn})(${json(arg)})`;
    return this._poll(`const v = ${value}; const check = (v) => (v ? { done: 1, ok: v } : { wait: 'a function to return a true value' });
      return v && typeof v.then === 'function' ? v.then(check) : check(v);`, timeout);
  }
  waitForTimeout(ms) { return this._op(() => sleep(ms)); }
  async addScriptTag({ path, content, url } = {}) {
    if (path) content = `${await readFile(path, 'utf8')}\n//# sourceURL=${path}`;
    return this._run(`const s = document.createElement('script');
      ${url ? `s.src = ${json(url)}; const loaded = new Promise((ok, no) => { s.onload = () => ok(); s.onerror = () => no(new Error('could not load ' + s.src)); });`
        : `s.textContent = ${json(content)}; const loaded = undefined;`}
      (document.head ?? document.documentElement).append(s); return loaded;`);
  }
  url() { return this._run('return location.href;'); }
  title() { return this._run('return document.title;'); }
}

// ---------------------------------------------------------------- Firefox

class FirefoxBrowser {
  static async launch() {
    const browser = new FirefoxBrowser();
    browser.main = await FirefoxBrowser.#start({});
    return browser;
  }

  static async #start(prefs) {
    const { default: puppeteer } = await import('puppeteer-core');
    return puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
      headless: true,
      protocol: 'webDriverBiDi',
      defaultViewport: null,
      // Reading the clipboard back (what the share button wrote) without Firefox's paste prompt.
      extraPrefsFirefox: { 'dom.events.testing.asyncClipboard': true, ...prefs },
    });
  }

  async newContext({ viewport = { width: 1280, height: 720 }, javaScriptEnabled = true } = {}) {
    // WebDriver BiDi in this Firefox cannot turn script off for one page, so a page without script
    // gets a second Firefox whose script is off by preference (started once, on first use).
    let browser = this.main;
    if (!javaScriptEnabled) browser = await (this.noScript ??= FirefoxBrowser.#start({ 'javascript.enabled': false }));
    return new FirefoxContext(await browser.createBrowserContext(), viewport);
  }

  async close() {
    await this.main?.close();
    await (await this.noScript)?.close();
  }
}

class FirefoxContext {
  constructor(context, viewport) {
    this.context = context;
    this.viewport = viewport;
  }

  async newPage() {
    const page = await this.context.newPage();
    if (this.viewport) await page.setViewport(this.viewport);
    return new FirefoxPage(page);
  }

  close() { return this.context.close(); }
  route() { throw new Error('context.route is Chromium-only here: skip the test on firefox with skipOn()'); }
  waitForEvent() { throw new Error('context.waitForEvent is Chromium-only here: skip the test on firefox with skipOn()'); }
}

class FirefoxPage extends Page {
  #listening = new Set();

  constructor(page) {
    super();
    this.page = page;
  }

  _listen(event) {
    if (this.#listening.has(event)) return;
    this.#listening.add(event);
    if (event === 'console') {
      this.page.on('console', (m) => this.emit('console', { type: () => (m.type() === 'warn' ? 'warning' : m.type()), text: () => m.text() }));
    } else if (event === 'pageerror') {
      this.page.on('pageerror', (e) => this.emit('pageerror', e));
    } else {
      this.page.on('request', (r) => this.emit('request', { url: () => r.url(), method: () => r.method() }));
    }
  }

  // Evaluated in the page's own realm, without the user activation puppeteer's evaluate grants, so a
  // test cannot pass on a gesture no reader made.
  async _evaluate(expression) {
    const result = await this.page.mainFrame().mainRealm().realm.evaluate(expression, true, { resultOwnership: 'none', userActivation: false });
    if (result.type === 'exception') {
      const details = result.exceptionDetails;
      throw new Error(details.exception?.value?.message ?? details.text);
    }
    return result.result.value;
  }

  goto(url, { waitUntil = 'load', timeout = DEFAULT_TIMEOUT } = {}) {
    return this.page.goto(url, { waitUntil: waitUntil === 'domcontentloaded' ? 'domcontentloaded' : 'load', timeout });
  }
  setViewportSize(size) { return this.page.setViewport(size); }
  screenshot({ path, fullPage = false } = {}) { return this.page.screenshot({ path: path && SCREENSHOT_SUFFIX(path), fullPage }); }
  _pointer(x, y, click) { return click ? this.page.mouse.click(x, y) : this.page.mouse.move(x, y); }

  async _press(key) {
    const keys = key === '+' ? ['+'] : key.split('+');
    const name = (k) => ({ Space: ' ' }[k] ?? k);
    for (const k of keys.slice(0, -1)) await this.page.keyboard.down(name(k));
    await this.page.keyboard.press(name(keys.at(-1)));
    for (const k of keys.slice(0, -1).reverse()) await this.page.keyboard.up(name(k));
  }
}

// ---------------------------------------------------------------- WebKit

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
// MiniBrowser's toolbar keeps its window at least ~450 px wide; this shrinks the toolbar (a GTK
// setting for the browser's own window, not the page) so 320 px viewports fit.
const GTK_CSS = `* { min-width: 0; min-height: 0; }
toolbar *, headerbar *, toolbar, headerbar, entry, button {
  padding: 0; margin: 0; border-width: 0; font-size: 1px; min-width: 0; min-height: 0; -gtk-icon-transform: scale(0.1);
}
`;

const SHADER_CACHE = resolvePath(import.meta.dirname, '../../target/e2e-webkit-shaders');

/** Ends a driver started by #startDriver and everything it started (its process group). */
function endGroup(driver) {
  try {
    process.kill(-driver.pid, 'SIGKILL');
  } catch {
    driver.kill('SIGKILL'); // its group is gone; the driver itself, if it is not
  }
}

const freePort = () => new Promise((ok, no) => {
  const server = createServer();
  server.on('error', no);
  server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => ok(port)); });
});

class WebKitBrowser {
  contexts = new Set();

  static async launch() {
    if (!process.env.DISPLAY) {
      throw new Error('WebKit (MiniBrowser) needs a display: run under xvfb-run -a -s "-screen 0 1280x1024x24" (make test-e2e-webkit does)');
    }
    const browser = new WebKitBrowser();
    browser.home = await mkdtemp(join(tmpdir(), 'maqal-webkit-'));
    await mkdir(join(browser.home, 'config/gtk-3.0'), { recursive: true });
    await writeFile(join(browser.home, 'config/gtk-3.0/gtk.css'), GTK_CSS);
    return browser;
  }

  /** WebKitWebDriver on a free port; it takes one session at a time, so each context has its own. */
  async #startDriver() {
    const port = await freePort();
    const path = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
    const driver = spawn(path, [`--port=${port}`], {
      // Its own process group: the driver, its MiniBrowser and the web processes end together.
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
      // The browser's settings, caches and storage live in a fresh folder, removed on close; only
      // compiled GL shaders are kept between runs (in target/), which saves seconds at start.
      env: { ...process.env, XDG_CONFIG_HOME: join(this.home, 'config'), XDG_CACHE_HOME: join(this.home, 'cache'),
        XDG_DATA_HOME: join(this.home, 'data'), MESA_SHADER_CACHE_DIR: SHADER_CACHE },
    });
    const exited = new Promise((_, no) => driver.once('exit', (code) => no(new Error(`${path} exited (${code})`))));
    exited.catch(() => {});
    const end = Date.now() + 10_000;
    for (;;) {
      const ready = await Promise.race([exited, fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false)]);
      if (ready) return { driver, port };
      if (Date.now() > end) {
        endGroup(driver);
        throw new Error(`${path} did not answer on port ${port}`);
      }
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  /** Each context is its own browser session (~0.5 s): its own window, size, clipboard access and script setting. */
  async newContext({ viewport = { width: 1280, height: 720 }, permissions = [], javaScriptEnabled = true } = {}) {
    const { remote } = await import('webdriverio');
    const args = ['--automation'];
    if (permissions.includes('clipboard-read')) args.push('--javascript-can-access-clipboard=true');
    // Script off for the page (it keeps its <script> elements, which do not run); the driver's
    // synchronous scripts still run.
    if (!javaScriptEnabled) args.push('--enable-javascript=false');
    // Now and then a MiniBrowser never connects to its driver: that try is ended and made again.
    for (let attempt = 1; ; attempt++) {
      const { driver, port } = await this.#startDriver();
      const starting = remote({
        hostname: '127.0.0.1',
        port,
        logLevel: 'silent',
        connectionRetryCount: 0,
        capabilities: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: process.env.MINIBROWSER ?? MINIBROWSER, args },
          'wdio:enforceWebDriverClassic': true,
          // Navigation returns at once; goto() waits for the state it is asked for. Not with script
          // off: there a script sent while the next page is not yet in place waits for minutes,
          // so navigation itself waits for the load event.
          pageLoadStrategy: javaScriptEnabled ? 'none' : 'normal',
          timeouts: { script: 10 * 60_000, pageLoad: DEFAULT_TIMEOUT, implicit: 0 },
        },
      });
      starting.catch(() => {});
      let timer;
      const late = new Promise((_, no) => { timer = setTimeout(() => no(new Error('MiniBrowser did not start within 30 s')), 30_000); });
      try {
        const session = await Promise.race([starting, late]);
        const context = new WebKitContext(session, driver, viewport, () => this.contexts.delete(context), javaScriptEnabled);
        this.contexts.add(context);
        return context;
      } catch (e) {
        endGroup(driver);
        if (attempt === 2) throw e;
      } finally {
        clearTimeout(timer);
      }
    }
  }

  async close() {
    for (const context of [...this.contexts]) await context.close();
    if (this.home) await rm(this.home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => {});
  }
}

class WebKitContext {
  constructor(session, driver, viewport, forget, javaScriptEnabled) {
    this.session = session;
    this.driver = driver;
    this.viewport = viewport;
    this.forget = forget;
    this.javaScriptEnabled = javaScriptEnabled;
  }

  async newPage() {
    if (this.page) throw new Error('one page per context on webkit');
    this.page = new WebKitPage(this.session, !this.javaScriptEnabled);
    if (this.viewport) await this.page.setViewportSize(this.viewport);
    return this.page;
  }

  async close() {
    this.forget();
    await this.session.deleteSession().catch(() => {});
    const exited = new Promise((ok) => this.driver.once('exit', ok));
    if (this.driver.exitCode === null && this.driver.signalCode === null) {
      endGroup(this.driver);
      await Promise.race([exited, sleep(5000)]);
    }
  }

  route() { throw new Error('context.route is Chromium-only here: skip the test on webkit with skipOn()'); }
  waitForEvent() { throw new Error('context.waitForEvent is Chromium-only here: skip the test on webkit with skipOn()'); }
}

const WEBDRIVER_KEYS = {
  Tab: '\uE004', Enter: '\uE007', Escape: '\uE00C', Backspace: '\uE003', Delete: '\uE017', Space: ' ', Shift: '\uE008',
  Control: '\uE009', Alt: '\uE00A', Meta: '\uE03D', ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014',
  ArrowDown: '\uE015', Home: '\uE011', End: '\uE010', PageUp: '\uE00E', PageDown: '\uE00F',
};

class WebKitPage extends Page {
  _collects = true; // every call into the page brings back what the watcher noted (WATCH_SCRIPT)

  /** `loadsFully`: navigation returns once the page has loaded (see newContext). */
  constructor(session, loadsFully) {
    super();
    this.session = session;
    this.loadsFully = loadsFully;
  }

  // After the calls that do not go into the page (keys, pointer, waits): what the watcher noted.
  async _op(action) {
    const value = await action();
    await this.#drain();
    return value;
  }

  async #drain() {
    this._deliver(await this.session.execute('return window.__maqalE2E?.take() ?? [];').catch(() => []));
  }

  _deliver(log) {
    for (const entry of log ?? []) {
      if (entry.kind === 'console') this.emit('console', { type: () => entry.type, text: () => entry.text });
      else if (entry.kind === 'pageerror') this.emit('pageerror', Object.assign(new Error(entry.message), { stack: '' }));
      else this.emit('request', { url: () => entry.url, method: () => 'GET' });
    }
  }

  async _evaluate(expression) {
    try {
      return await this.session.execute(`return ${expression};`);
    } catch (e) {
      throw new Error(e.message.replace(/^javascript error: /i, ''));
    }
  }

  /**
   * Navigates, then waits for the load event ('load') or for the document to be parsed
   * ('domcontentloaded'; with script off, for the load event too).
   */
  async goto(url, { waitUntil = 'load', timeout = DEFAULT_TIMEOUT } = {}) {
    await this.#drain(); // what the page being left noted
    if (this.loadsFully) {
      await this.session.setTimeout({ pageLoad: timeout });
      await this.session.url(url);
      await this.#drain();
      return;
    }
    // The page being left is marked, so its state is not mistaken for the new one's.
    await this.session.execute('window.__maqalE2ELeft = true;').catch(() => {});
    await this.session.url(url);
    const ready = waitUntil === 'load' ? ['complete'] : ['interactive', 'complete'];
    const end = Date.now() + timeout;
    let seen;
    for (;;) {
      const state = await this.session.execute('return window.__maqalE2ELeft ? "the page before" : document.readyState;')
        .catch((e) => e.message);
      if (ready.includes(state)) break;
      if (state !== seen) seen = state;
      if (Date.now() > end) throw new Error(`Navigation timeout of ${timeout} ms exceeded (${url}, waiting for ${waitUntil}; last seen: ${seen})`);
      await sleep(20);
    }
    await this.#drain();
  }

  // The window is sized so that the page's viewport is `width` × `height` (the toolbar takes some
  // height). The window manager applies a size a little later: the viewport is read until it holds.
  async setViewportSize({ width, height }) {
    let [w, h] = [width, height + (WebKitPage.toolbar ?? 0)];
    let inner;
    for (let i = 0; i < 5; i++) {
      await this.session.setWindowSize(w, h);
      inner = await this.#steadyViewport();
      if (inner[0] === width && inner[1] === height) {
        WebKitPage.toolbar = h - height;
        return;
      }
      [w, h] = [w + width - inner[0], h + height - inner[1]];
    }
    throw new Error(`webkit: asked for a ${width}×${height} viewport, got ${inner[0]}×${inner[1]}`);
  }

  async #steadyViewport() {
    let last = '';
    const end = Date.now() + 3000;
    for (;;) {
      const inner = await this.session.execute('return [innerWidth, innerHeight];');
      if (inner.join() === last || Date.now() > end) return inner;
      last = inner.join();
      await sleep(50);
    }
  }

  // Classic WebDriver takes the viewport only: a full-page shot on WebKit is the viewport.
  screenshot({ path } = {}) { return this._op(() => this.session.saveScreenshot(SCREENSHOT_SUFFIX(path))); }

  _pointer(x, y, click) {
    const move = { type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) };
    const actions = click ? [move, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] : [move];
    return this._op(() => this.session.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }]));
  }

  async _press(key) {
    const keys = (key === '+' ? ['+'] : key.split('+')).map((k) => WEBDRIVER_KEYS[k] ?? k);
    if (keys.some((k) => [...k].length !== 1)) throw new Error(`webkit: no WebDriver key for "${key}"`);
    const actions = [...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))];
    await this.session.performActions([{ type: 'key', id: 'keyboard', actions }]);
  }
}
