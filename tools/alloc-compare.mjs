// `make alloc-compare`: what the full build weighs with each allocator, brotli, wasm and glue
// (the glue minified as pkg/'s is), against pkg/'s own (talc). Measured at the change that chose
// talc, with the hand-written allocator it replaced: that one 93,234 B, talc +256 B, lol_alloc
// −225 B, dlmalloc +1,845 B.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { weigh } from './weigh.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BINDGEN = join(ROOT, 'target/bindgen');
const weighBuild = (name) => {
  const wasm = weigh(readFileSync(join(BINDGEN, name, `${name}_bg.short.wasm`))).brotli;
  const glue = weigh(Buffer.from(execFileSync('terser', [join(BINDGEN, name, `${name}.short.js`), '--module', '--compress', '--mangle']))).brotli;
  return wasm + glue;
};
const shipped = weighBuild('maqal');
console.log(`${'talc (shipped)'.padEnd(20)} ${String(shipped).padStart(7)} B brotli`);
for (const [label, name] of [['dlmalloc', 'maqal_dlmalloc'], ['lol_alloc', 'maqal_lol_alloc']]) {
  const bytes = weighBuild(name);
  console.log(`${label.padEnd(20)} ${String(bytes).padStart(7)} B brotli (${bytes >= shipped ? '+' : ''}${bytes - shipped} B)`);
}
