// maqal: loading this module defines <maqal-article>; the API is in 'maqal/api'.
// The wasm download starts before the element code is even fetched: the API comes in by a
// dynamic import, so nothing waits for it. One download per copy of the package, however often
// this file runs (a copy at the same URL shares its api.js, which reads the response once).
//
// Which wasm (README, "Two builds"): a page whose every <maqal-article> the server rendered
// needs only the live controls, so it gets the small build; any other page the full one. An
// element drawn by the client that arrives later loads the full build then (js/api.js).
// The marker is the one src/island.rs names (SERVER_ROOT).
const elements = [...document.querySelectorAll('maqal-article')];
const serverRendered = elements.length > 0 && elements.every((e) => e.shadowRoot?.querySelector('.maqal-root[data-server]'));
// Written out twice, not chosen by name: bundlers follow only a literal URL.
const url = serverRendered ? new URL('./maqal_live_bg.wasm', import.meta.url) : new URL('./maqal_bg.wasm', import.meta.url);
// (A page whose fetch throws at once gets a rejection too: the module still defines the element.)
const wasm = (globalThis[Symbol.for(`maqal.wasm ${url}`)] ??= (async () => fetch(url))());
// Until api.js takes it up, a failed download must not reach the page as an unhandled rejection:
// api.js still sees the failure, and each element says so.
wasm.catch(() => {});
// The glue is requested beside the API that imports it, not after the API has arrived: measured
// in a cold load, that discovery waited 40-50 ms behind the page's own work.
(serverRendered ? import('./maqal_live_glue.js') : import('./maqal_glue.js')).catch(() => {});
// Articles of the elements already on the page download now too, beside the code. api.js takes
// them up as the elements start; the rule for which elements start at once is the one api.js
// applies (#waitsForViewport): not loading="lazy", and within two screens unless "eager".
const early = (globalThis[Symbol.for('maqal.early')] ??= new Map());
for (const element of document.querySelectorAll('maqal-article[src]')) {
  const mode = element.getAttribute('loading');
  if (mode === 'lazy' || (mode !== 'eager' && element.getBoundingClientRect().top >= 2 * innerHeight)) continue;
  try {
    const src = new URL(element.getAttribute('src').trim(), document.baseURI).href;
    if (!early.has(src)) {
      // api.js gives up on a fetch that takes too long (abort) and then closes its connection.
      const controller = new AbortController();
      const started = fetch(src, { signal: controller.signal });
      started.abort = () => controller.abort();
      early.set(src, started);
    }
    early.get(src).catch(() => {});
  } catch {
    // Not a URL: the element says so itself when it starts.
  }
}
const { init, defineElement } = await import('./api.js');
// The full build starts at once; the small one when the first element asks for it (api.js
// takes up the download started above).
if (!serverRendered) init(wasm);
defineElement();
// Elements start (and take their article) inside defineElement; what is left has no taker.
early.clear();
