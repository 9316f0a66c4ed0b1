// The size check of `make test`: what a reader's browser fetches from pkg/ on each kind of page,
// brotli and gzip, against the ceilings of docs/CONTRACT.md §5 (KB = 1024 B here, as everywhere
// in this repo). Sizes are deterministic, so a page over its ceiling fails the build.
//
// Below a ceiling nothing fails: the check prints what each build weighs against the baseline
// committed beside it (tests/size-baseline.json), and which functions of its wasm grew or
// shrank most (twiggy, on the build's wasm with its names kept), so that growth is seen and
// explained in the commit that brings it. `node tests/size.mjs --update` (`make size-baseline`)
// writes the baseline anew; commit it with the change it measures.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { totalOf, weigh } from '../tools/weigh.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const PKG = join(ROOT, 'pkg');
const BASELINE = join(import.meta.dirname, 'size-baseline.json');

// The CSS is inside each wasm; pkg/server/ is for Node and never fetched. A `goal` is a budget
// decided but not yet reached: the check says how far off it is, and fails only above `ceiling`
// (docs/CONTRACT.md §5 says why the server-rendered page is not at its 50 KB yet).
const PAGES = [
  { page: 'server-rendered', build: 'maqal_live', ceiling: 70 * 1024, goal: 50 * 1024 },
  { page: 'client-rendered', build: 'maqal', ceiling: 100 * 1024 },
];
const filesOf = (build) => ['maqal.js', 'api.js', `${build}_glue.js`, `${build}_bg.wasm`];
/** Functions smaller than this are summed as one row of the baseline, which stays readable. */
const LISTED = 256;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const signed = (n) => (n > 0 ? `+${n}` : `${n}`);

/** Each function of `build`'s wasm and its size in bytes, as twiggy counts them. */
function functionsOf(build) {
  const wasm = join(ROOT, 'target/bindgen', build, `${build}.names.wasm`);
  const items = JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'json', wasm], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const listed = {};
  let rest = 0;
  for (const { name, shallow_size: size } of items) {
    if (size >= LISTED) listed[name] = (listed[name] ?? 0) + size;
    else rest += size;
  }
  listed[`(functions and data under ${LISTED} B)`] = rest;
  return listed;
}

/** What grew and shrank most between two function lists, as printable lines. */
function changes(before, after, count = 8) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const moved = [...names]
    .map((name) => ({ name, delta: (after[name] ?? 0) - (before[name] ?? 0) }))
    .filter((m) => m.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .slice(0, count);
  return moved.map(({ name, delta }) => `    ${signed(delta).padStart(7)} B  ${name.length > 110 ? `${name.slice(0, 107)}...` : name}`);
}

const measured = {};
let failed = false;
for (const { page, build, ceiling, goal } of PAGES) {
  const rows = filesOf(build).map((name) => ({ name, ...weigh(readFileSync(join(PKG, name))) }));
  const total = totalOf(rows);
  measured[page] = { build, brotli: total.brotli, gzip: total.gzip, functions: functionsOf(build) };
  console.log(`${page} page (${build}):`);
  for (const r of [...rows, total]) console.log(`  ${r.name.padEnd(20)} ${kb(r.raw).padStart(9)} ${kb(r.gzip).padStart(9)} gzip ${kb(r.brotli).padStart(9)} brotli`);
  const over = total.brotli > ceiling;
  console.log(`  ${total.brotli} B brotli, ${total.gzip} B gzip: ${over ? 'OVER' : 'under'} the ceiling of ${kb(ceiling)} brotli (${signed(ceiling - total.brotli)} B to spare)`);
  if (goal && total.brotli > goal) console.log(`  not yet at its goal of ${kb(goal)} brotli: ${total.brotli - goal} B over it`);
  if (over) {
    console.error(`size check failed: the ${page} page fetches ${kb(total.brotli)} brotli, over its ceiling of ${kb(ceiling)}`);
    failed = true;
  }
}

if (process.argv.includes('--update')) {
  writeFileSync(BASELINE, `${JSON.stringify(measured, null, 1)}\n`);
  console.log(`wrote ${BASELINE}`);
} else {
  let baseline = {};
  try {
    baseline = JSON.parse(readFileSync(BASELINE, 'utf8'));
  } catch {
    console.log('no baseline to compare with: make size-baseline writes one');
  }
  for (const [page, now] of Object.entries(measured)) {
    const then = baseline[page];
    if (!then) continue;
    console.log(`${page} page against the baseline: ${signed(now.brotli - then.brotli)} B brotli, ${signed(now.gzip - then.gzip)} B gzip; wasm functions that moved most (raw bytes):`);
    const lines = changes(then.functions, now.functions);
    console.log(lines.length ? lines.join('\n') : '    none');
  }
}
if (failed) process.exit(1);
console.log('size check passed: each kind of page under its ceiling');
