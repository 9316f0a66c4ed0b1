// maqal: loading this module defines <maqal-article>; the API is in 'maqal/api'.
// The wasm download starts before the element code is even fetched: the API comes in by a
// dynamic import, so nothing waits for it. One download per copy of the package, however often
// this file runs (a copy at the same URL shares its api.js, which reads the response once).
const url = new URL('./maqal_bg.wasm', import.meta.url);
// (A page whose fetch throws at once gets a rejection too: the module still defines the element.)
const wasm = (globalThis[Symbol.for(`maqal.wasm ${url}`)] ??= (async () => fetch(url))());
// Until api.js takes it up, a failed download must not reach the page as an unhandled rejection:
// init() still sees the failure, and each element says so.
wasm.catch(() => {});
// The glue is requested beside the API that imports it, not after the API has arrived: measured
// in a cold load, that discovery waited 40-50 ms behind the page's own work.
import('./maqal_glue.js').catch(() => {});
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
init(wasm);
defineElement();
// Elements start (and take their article) inside defineElement; what is left has no taker.
early.clear();
