// The size check of `make test`: brotli and gzip totals of what a reader's browser fetches from
// pkg/ on a page, client-rendered or server-rendered alike (the same four files; pkg/server/ is
// for Node and never fetched). Sizes are deterministic, so this may fail the build. The budget
// is 90 KB brotli (docs/CONTRACT.md §5; KB = 1024 B here, as everywhere in this repo); the
// ceiling is what the widget weighs now, so bytes won back stay won.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { totalOf, weigh } from '../tools/weigh.mjs';

const PKG = resolve(import.meta.dirname, '../pkg');
const SHIPPED = ['maqal.js', 'api.js', 'maqal_glue.js', 'maqal_bg.wasm']; // the CSS is inside the wasm
const BUDGET = { brotli: 90 * 1024 };
const CEILING = { brotli: 92_063, gzip: 110_665 }; // bytes: what the package weighs now

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = SHIPPED.map((name) => ({ name, ...weigh(readFileSync(join(PKG, name))) }));
const total = totalOf(rows);
for (const r of [...rows, total]) console.log(`${r.name.padEnd(14)} ${kb(r.raw).padStart(10)} ${kb(r.gzip).padStart(10)} gzip ${kb(r.brotli).padStart(10)} brotli`);
console.log(`budget: brotli ${kb(BUDGET.brotli)} (${total.brotli <= BUDGET.brotli ? 'met' : 'NOT met'}); ${total.brotli} B brotli, ${total.gzip} B gzip`);
if (total.brotli > BUDGET.brotli) {
  console.error(`size check failed: brotli total ${kb(total.brotli)} is over the budget ${kb(BUDGET.brotli)}`);
  process.exit(1);
}

const over = ['brotli', 'gzip'].filter((k) => total[k] > CEILING[k]);
if (over.length) {
  for (const k of over) console.error(`size check failed: ${k} total ${kb(total[k])} is over the ceiling ${kb(CEILING[k])}`);
  process.exit(1);
}
console.log(`size check passed: under the ceiling of ${kb(CEILING.brotli)} brotli / ${kb(CEILING.gzip)} gzip`);
