// maqal: loading this module defines <maqal-article>; the API is in 'maqal/api'.
// The wasm download starts before the element code is even fetched: the API comes in by a
// dynamic import, so nothing waits for it. One download per page, however many copies run.
const wasm = (globalThis[Symbol.for('maqal.wasm')] ??= fetch(new URL('./maqal_bg.wasm', import.meta.url)));
const { init, defineElement } = await import('./api.js');
init(wasm);
defineElement();
