// `make trap-hunt`: brings on the WebKitGTK wasm trap ("Out of bounds memory access") that the
// injection corpus meets now and then (tests/e2e/injection.test.mjs, the last defect), and counts
// it. Not a test: a tool to reproduce the trap and to try a cause or a cure against it.
//
// It writes the injection corpus's element-src pages (every vector in every field, 679 widgets
// fetched by `src` per page, as `MAQAL_INJECTION=full` does), then loads them one after another in
// HUNT_BROWSERS browsers at once until HUNT_MINUTES have passed, and prints a line per page load:
// how long it took, and the error and wasm stack of a trap. Exits 1 if any page trapped.
//
// Environment: MAQAL_ENGINE (default webkit here; WebKit inside xvfb-run, which the make target
// adds), HUNT_MINUTES (default 20), HUNT_BROWSERS (default 2), MAQAL_TARBALL (another build of the
// package), HUNT_TARBALLS (`name=path.tgz,name=path.tgz`: several builds, taken in turn load by
// load, so each meets the same machine in the same hour, and counted apart), and any
// JSC_<option> for JavaScriptCore, which reaches the web process.
//
// Measured here (2 cores), with other work beside (a release build of the CLI looping, or more
// browsers) and 2 to 5 browsers at once: 10 of about 3,750 page loads trapped, over the builds
// and JSC settings tried (8 of the first 1,350, 1 in 170; 2 of the 2,400 since). Without other
// work on the machine it was not seen in ~130 runs of the injection file (~800 such page loads);
// with JSC_useWasmFastMemory=false it came once in 78 loads with nothing else running (and not
// again in the next 146 with fast memory off).
process.env.MAQAL_ENGINE ??= 'webkit';
const { mkdir, writeFile } = await import('node:fs/promises');
const { join } = await import('node:path');
const { launch, openPage, serve } = await import('./helpers.mjs');
const { installTarball } = await import('./site.mjs');
const { articleWith, loadInjection, pageBatches } = await import('./corpus.mjs');

const MINUTES = Number(process.env.HUNT_MINUTES ?? 20);
const BROWSERS = Number(process.env.HUNT_BROWSERS ?? 2);
const TRAP = /Out of bounds memory access|RuntimeError|unreachable/i;
// Each widget says when it is done, drawn or refused, so a page is over when all of them have.
const HARNESS = `window.__maqal = { settled: 0 };
for (const type of ['maqal-ready', 'maqal-error']) document.addEventListener(type, () => { window.__maqal.settled++; }, true);`;

// The builds under trial: the package's (or MAQAL_TARBALL's) alone, or HUNT_TARBALLS's in turn.
const builds = [];
for (const entry of (process.env.HUNT_TARBALLS ?? '').split(',').filter(Boolean)) {
  const [name, tarball] = entry.split('=');
  process.env.MAQAL_TARBALL = tarball;
  builds.push({ name, site: await installTarball(`trap-hunt-${name}`), loads: 0, traps: 0 });
}
if (!builds.length) builds.push({ name: 'package', site: await installTarball('trap-hunt'), loads: 0, traps: 0 });
const site = builds[0].site;
const www = join(site.dir, 'www');
await mkdir(www, { recursive: true });
await writeFile(join(www, 'harness.js'), HARNESS);
const corpus = await loadInjection();
const pages = [];
for (const batch of pageBatches(corpus.fields)) {
  const n = pages.length + 1;
  const dir = join(www, String(n));
  await mkdir(dir, { recursive: true });
  const bodies = [];
  for (const [f, field] of batch.entries()) {
    for (const [v, vector] of corpus.vectors.entries()) {
      await writeFile(join(dir, `f${f}v${v}.json`), JSON.stringify(articleWith(corpus.base, field, vector.text)));
      bodies.push(`<maqal-article loading="eager" src="f${f}v${v}.json"></maqal-article>`);
    }
  }
  await writeFile(join(dir, 'index.html'), `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>trap hunt ${n}</title>
<script src="/harness.js"></script><script type="module" src="../node_modules/maqal/maqal.js"></script></head>
<body><main>
${bodies.join('\n')}
</main></body></html>
`);
  pages.push({ n, widgets: bodies.length });
}
// Each build's pages at /<build>/<n>/, the same files, with that build's package beside them.
const mounts = { '/harness.js': join(www, 'harness.js') };
for (const build of builds) Object.assign(mounts, { [`/${build.name}/node_modules/`]: build.site.modules, [`/${build.name}/`]: www });
const server = await serve({ mounts });
console.log(`${process.env.MAQAL_ENGINE}: ${pages.length} pages of ${pages[0].widgets} widgets, ${BROWSERS} browsers, ${MINUTES} min, builds ${builds.map((b) => b.name).join(', ')} in turn`);

const end = Date.now() + MINUTES * 60_000;
const tally = { started: 0, loads: 0, traps: 0 };
async function hunt(b) {
  const browser = await launch();
  try {
    // Each browser loads at least one page, however short the time.
    for (let i = b; i === b || Date.now() < end; i++) {
      const { n, widgets } = pages[i % pages.length];
      const build = builds[tally.started++ % builds.length];
      const start = Date.now();
      const { page, context, problems } = await openPage(browser, { clipboard: false });
      let failed = '';
      try {
        await page.goto(`${server.origin}/${build.name}/${n}/`, { waitUntil: 'domcontentloaded' });
        await page.waitForFunction((count) => window.__maqal.settled >= count, widgets, { timeout: 300_000 });
        await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
      } catch (error) {
        failed = ` (${String(error.message).split('\n')[0]})`;
      } finally {
        await context.close();
      }
      const trap = problems.find((p) => TRAP.test(p));
      tally.loads++;
      build.loads++;
      if (trap) tally.traps++, build.traps++;
      const when = new Date().toISOString().slice(11, 19);
      console.log(`${when} browser ${b + 1} ${build.name} page ${n}: ${Date.now() - start} ms${failed}${trap ? `\n  TRAP ${trap.replaceAll('\n', '\n    ')}` : ''}`);
    }
  } finally {
    await browser.close();
  }
}
try {
  await Promise.all(Array.from({ length: BROWSERS }, (_, b) => hunt(b)));
} finally {
  await server.close();
  for (const build of builds) await build.site.remove();
}
for (const build of builds) console.log(`${build.name}: ${build.loads} page loads, ${build.traps} trapped`);
console.log(`${tally.loads} page loads, ${tally.traps} trapped`);
process.exit(tally.traps ? 1 : 0);
