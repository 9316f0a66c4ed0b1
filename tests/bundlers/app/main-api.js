// What README tells an esbuild user to write: esbuild does not follow
// new URL('./maqal_bg.wasm', import.meta.url), so its file loader brings the wasm in and init()
// is told where it went.
import { defineElement, init } from 'maqal/api';
import wasm from 'maqal/maqal_bg.wasm';

init(wasm);
defineElement();
