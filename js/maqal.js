// maqal: loading this module defines <maqal-article>; the API is in 'maqal/api'.
// The wasm download starts before the element code is even fetched: the API comes in by a
// dynamic import, so nothing waits for it. One download per copy of the package, however often
// this file runs (a copy at the same URL shares its api.js, which reads the response once).
const url = new URL('./maqal_bg.wasm', import.meta.url);
const wasm = (globalThis[Symbol.for(`maqal.wasm ${url}`)] ??= fetch(url));
const { init, defineElement } = await import('./api.js');
init(wasm);
defineElement();
