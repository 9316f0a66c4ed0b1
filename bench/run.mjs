// `make bench`: maqal's sizes and timings against a plain-JS renderer of the same DOM
// (bench/baseline.js), both measured in the same run of headless Chromium, paired and alternated.
// Prints one table and writes target/bench.json. It reports; it does not judge: the exit code is
// 0 unless the browser cannot start. BENCH_RUNS=n sets the number of paired runs (default 15).
import { createServer, request } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launch, openPage, ROOT, serve } from '../tests/e2e/helpers.mjs';

const RUNS = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? '', 10) || 15);
const HEAP_CYCLES = 1000;
const HEAP_SECONDS = 60;
const TIMING_SECONDS = 140; // past this, no new paired run starts (a slow machine still gets a report)
const KB = 1024;
const started = Date.now();
const problems = { maqal: [], baseline: [], bench: [] };
const note = (who, message) => problems[who].push(message);

const VARIANTS = {
  maqal: {
    tag: 'maqal-article',
    entry: '<script type="module" src="/maqal/maqal.js"></script>',
    api: `import { init, mount } from '/maqal/api.js';
      await init();
      window.benchMount = (host, article) => { const handle = mount(host, article); return () => handle.unmount(); };`,
    heap: `import '/maqal/maqal.js';
      import initWasm from '/maqal/maqal_glue.js';
      window.wasmBytes = async () => (await initWasm()).memory.buffer.byteLength;`,
  },
  baseline: {
    tag: 'baseline-article',
    entry: '<script type="module" src="/bench/baseline.js"></script>',
    api: `import { loadStyles, render } from '/bench/baseline.js';
      await loadStyles();
      window.benchMount = (host, article) => { const handle = render(host, article); return () => handle.unmount(); };`,
    heap: `import '/bench/baseline.js';
      window.wasmBytes = async () => null;`,
  },
};
const NAMES = Object.keys(VARIANTS);

// ---------------------------------------------------------------- articles

const seed = JSON.parse(await readFile(join(ROOT, 'demo/articles/seed.json'), 'utf8'));
/** The seed with its images as absolute paths, for pages that are not beside it. */
const seedInline = {
  ...seed,
  blocks: seed.blocks.map((b) => (b.type === 'figure' ? { ...b, src: new URL(b.src, 'http://x/demo/articles/').pathname } : b)),
};
const sentences = seed.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text);
const big = {
  lang: 'ar',
  kicker: 'تقرير مطوّل',
  headline: 'ألف فقرة وخمسون صورة: مقال طويل لقياس سرعة العرض',
  standfirst: 'مقال مولّد للاختبار، يتكرر فيه نص المقال الأول.',
  blocks: [],
};
for (let i = 0; i < 1000; i++) {
  big.blocks.push({ type: 'paragraph', text: `${sentences[i % sentences.length]} (${i + 1})` });
  if ((i + 1) % 20 === 0) {
    big.blocks.push({
      type: 'figure', src: '/demo/img/workshop-hall.svg', alt: `رسم توضيحي رقم ${(i + 1) / 20}`,
      caption: `الصورة ${(i + 1) / 20} من ٥٠`, credit: 'رسم توضيحي', width: 1200, height: 675,
    });
  }
}

// ---------------------------------------------------------------- pages

const HEAD = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>maqal bench</title>
<script>
window.raf2 = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
window.sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
</script>`;

// Listens before anything else runs: maqal-ready is composed and bubbles up to the document.
const NAV_PROBE = `<script>
window.bench = { cls: 0, shifts: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    bench.cls += e.value;
    bench.shifts.push({ value: e.value, at: e.startTime, sources: (e.sources || []).map((s) => s.node ? s.node.nodeName : '?') });
  }
}).observe({ type: 'layout-shift', buffered: true });
window.painted = new Promise((ok) => {
  document.addEventListener('maqal-ready', () => {
    bench.ready = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => ok(performance.now())));
  }, { once: true });
  document.addEventListener('maqal-error', (e) => { bench.error = e.detail && e.detail.message; ok(null); }, { once: true });
  setTimeout(() => { bench.error = 'no maqal-ready within 20 s'; ok(null); }, 20000);
});
</script>`;

const RENDER_PROBE = `<script>
// Resolves when host's shadow root holds the article: a MutationObserver when there is a root, rAF polling before.
function present(host) {
  return new Promise((ok, fail) => {
    const found = () => host.shadowRoot && host.shadowRoot.querySelector('[part=article]');
    if (found()) return ok();
    const timeout = setTimeout(() => fail(new Error('no [part=article] within 20 s')), 20000);
    const done = () => { clearTimeout(timeout); ok(); };
    const watch = () => {
      const mo = new MutationObserver(() => { if (found()) { mo.disconnect(); done(); } });
      mo.observe(host.shadowRoot, { childList: true, subtree: true });
    };
    if (host.shadowRoot) return watch();
    const poll = () => (found() ? done() : host.shadowRoot ? (watch(), found() && done()) : requestAnimationFrame(poll));
    requestAnimationFrame(poll);
  });
}
window.timeRender = async (article) => {
  const host = document.createElement('div');
  document.body.append(host);
  await raf2();
  const t0 = performance.now();
  const unmount = benchMount(host, article);
  const sync = performance.now() - t0;
  await present(host);
  const script = performance.now() - t0;
  await raf2();
  const painted = performance.now() - t0;
  const elements = host.shadowRoot.querySelectorAll('*').length;
  unmount();
  host.remove();
  await raf2();
  return { painted, script, sync, elements };
};
</script>`;

const HEAP_PROBE = (tag) => `<script>
window.cycle = async (n, json, budgetMs) => {
  const end = performance.now() + budgetMs;
  let done = 0, errors = 0;
  for (; done < n && performance.now() < end; done++) {
    const el = document.createElement('${tag}');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = json;
    el.append(script);
    let timer;
    const settled = new Promise((ok) => {
      el.addEventListener('maqal-ready', () => ok(true), { once: true });
      el.addEventListener('maqal-error', () => ok(false), { once: true });
      timer = setTimeout(() => ok(false), 5000);
    });
    document.body.append(el);
    if (!(await settled)) errors++;
    clearTimeout(timer); // a pending timer would hold on to this cycle until it fires
    el.remove();
  }
  await sleep(0); // the element's unmount runs after removal, in a microtask
  return { done, errors };
};
</script>`;

const pages = {};
for (const [name, v] of Object.entries(VARIANTS)) {
  pages[`/bench/nav-${name}.html`] = `${HEAD}\n${NAV_PROBE}\n${v.entry}\n</head>\n<body>\n<${v.tag} src="/demo/articles/seed.json"></${v.tag}>\n</body>\n</html>\n`;
  pages[`/bench/render-${name}.html`] = `${HEAD}\n${RENDER_PROBE}\n<script type="module">\n${v.api}\nwindow.benchReady = true;\n</script>\n</head>\n<body>\n</body>\n</html>\n`;
  pages[`/bench/heap-${name}.html`] = `${HEAD}\n${HEAP_PROBE(v.tag)}\n<script type="module">\n${v.heap}\nwindow.benchReady = true;\n</script>\n</head>\n<body>\n</body>\n</html>\n`;
}

// ---------------------------------------------------------------- server

/**
 * The e2e helpers' server sends no caching headers, so a second visit would refetch everything.
 * This proxy in front of it marks every non-HTML response cacheable for an hour, as a CDN would,
 * so "warm" means what it means for a returning reader.
 */
async function cachingProxy(upstream) {
  const target = new URL(upstream);
  const counter = { assets: 0 }; // non-HTML requests that reached the server
  const server = createServer((req, res) => {
    if (!/\.html$/.test(new URL(req.url, 'http://x').pathname)) counter.assets++;
    const forward = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      const headers = { ...up.headers };
      const html = String(headers['content-type'] ?? '').startsWith('text/html');
      headers['cache-control'] = up.statusCode === 200 && !html ? 'public, max-age=3600' : 'no-store';
      res.writeHead(up.statusCode, headers);
      up.pipe(res);
    });
    forward.on('error', (e) => { res.writeHead(502, { 'content-type': 'text/plain' }); res.end(String(e)); });
    req.pipe(forward);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, counter, close: () => new Promise((ok) => server.close(ok)) };
}

// ---------------------------------------------------------------- sizes

async function sizes(files) {
  const rows = [];
  for (const [name, path] of files) {
    const bytes = await readFile(path);
    rows.push({
      name,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const total = rows.reduce((t, r) => ({ name: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { name: 'total', raw: 0, gzip: 0, brotli: 0 });
  return { files: rows, total };
}

// ---------------------------------------------------------------- measurements

const withTimeout = (promise, ms, what) => Promise.race([
  promise,
  new Promise((_, fail) => setTimeout(() => fail(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)),
]);

async function fresh(browser, who) {
  const opened = await openPage(browser);
  opened.page.setDefaultTimeout(30000);
  opened.who = who;
  return opened;
}

async function closeAndCollect({ context, problems: found, who }) {
  for (const p of found) note(who, p);
  await context.close().catch(() => {});
}

/**
 * One variant's part of a paired run, in a fresh browser context: cold load (and its layout
 * shift), warm load, the page's first click → toast once the warm page has settled, then the
 * render timings.
 */
async function navigation(browser, server, name) {
  const { tag } = VARIANTS[name];
  const { origin, counter } = server;
  const opened = await fresh(browser, name);
  const { page } = opened;
  const out = { cold: null, warm: null, cls: null, click: null, warmRequests: null, seed: null, big: null };
  try {
    await page.goto(`${origin}/bench/nav-${name}.html`);
    out.cold = await page.evaluate(() => window.painted);
    if (out.cold === null) note(name, `cold load: ${await page.evaluate(() => bench.error)}`);
    out.cls = await page.evaluate(async (tag) => {
      const host = document.querySelector(tag);
      scrollTo(0, document.documentElement.scrollHeight); // every lazy image in view, so all of them load
      const images = [...(host.shadowRoot ? host.shadowRoot.querySelectorAll('img') : [])];
      await Promise.race([
        Promise.all(images.map((i) => (i.complete ? null : new Promise((ok) => {
          i.addEventListener('load', ok, { once: true });
          i.addEventListener('error', ok, { once: true });
        })))),
        sleep(5000),
      ]);
      await raf2();
      await sleep(100);
      return {
        value: bench.cls, shifts: bench.shifts, images: images.length,
        loaded: images.filter((i) => i.complete && i.naturalWidth > 0).length,
        elements: host.shadowRoot ? host.shadowRoot.querySelectorAll('*').length : 0,
      };
    }, tag);
    const before = counter.assets;
    await page.goto(`${origin}/bench/nav-${name}.html?warm`);
    out.warm = await page.evaluate(() => window.painted);
    out.warmRequests = counter.assets - before;
    if (out.warm === null) note(name, `warm load: ${await page.evaluate(() => bench.error)}`);
    await page.bringToFront(); // the Clipboard API wants a focused document
    out.click = await page.evaluate(async (tag) => {
      const host = document.querySelector(tag);
      const root = host.shadowRoot;
      const toast = root.querySelector('[part=toast]');
      const button = root.querySelector('[part=share-button]');
      if (!toast || !button) return { ms: null, error: 'no toast or share button' };
      // A reader clicks a settled page: after the images, in an idle moment, not in the load's bustle.
      await Promise.race([
        Promise.all([...root.querySelectorAll('img')].map((i) => (i.complete ? null : new Promise((ok) => {
          i.addEventListener('load', ok, { once: true });
          i.addEventListener('error', ok, { once: true });
        })))),
        sleep(3000),
      ]);
      await sleep(200);
      await new Promise((ok) => requestIdleCallback(ok, { timeout: 1000 }));
      await raf2();
      // Right after a frame starts the next one is a whole frame away; a reader's click lands anywhere in it.
      await sleep(Math.random() * 16);
      let method = null;
      host.addEventListener('maqal-share', (e) => { method = e.detail.method; }, { once: true });
      return new Promise((ok) => {
        let t0 = 0;
        const timeout = setTimeout(() => { mo.disconnect(); ok({ ms: null, error: 'no toast within 3 s' }); }, 3000);
        const mo = new MutationObserver((records) => {
          if (!toast.textContent.trim()) return;
          if (!records.some((r) => r.type === 'characterData' || r.addedNodes.length)) return;
          mo.disconnect();
          clearTimeout(timeout);
          const mutation = performance.now() - t0;
          requestAnimationFrame(() => ok({ ms: performance.now() - t0, mutation, text: toast.textContent.trim(), method }));
        });
        mo.observe(root, { childList: true, subtree: true, characterData: true });
        t0 = performance.now();
        button.click();
      });
    }, tag);
    if (out.click.ms === null) note(name, `click: ${out.click.error}`);
    Object.assign(out, await rendering(page, origin, name));
  } catch (error) {
    note(name, `navigation run: ${error.message.split('\n')[0]}`);
  } finally {
    await closeAndCollect(opened);
  }
  return out;
}

/** Mount → painted of the seed, then of the 1,000-paragraph article, with the code already loaded (and cached). */
async function rendering(page, origin, name) {
  const out = { seed: null, big: null };
  try {
    await page.goto(`${origin}/bench/render-${name}.html`);
    await page.waitForFunction(() => window.benchReady === true);
    out.seed = await page.evaluate((a) => timeRender(a), seedInline);
    out.big = await page.evaluate((a) => timeRender(a), big);
  } catch (error) {
    note(name, `render run: ${error.message.split('\n')[0]}`);
  }
  return out;
}

/** Mounts and removes the element up to 1,000 times; JS heap (after forced GC) after the first and the last. */
async function heap(browser, origin, name, seconds) {
  const opened = await fresh(browser, name);
  const { page, context } = opened;
  const out = { cycles: 0, errors: 0, firstBytes: null, lastBytes: null, growthKB: null, wasmFirst: null, wasmLast: null, seconds: 0, curve: [] };
  const json = JSON.stringify(seedInline);
  try {
    await page.goto(`${origin}/bench/heap-${name}.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const used = async () => {
      for (let i = 0; i < 2; i++) {
        await cdp.send('HeapProfiler.collectGarbage');
        await new Promise((ok) => setTimeout(ok, 100)); // finalizers (wasm-bindgen frees through them) run after GC
      }
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
    };
    const t0 = Date.now();
    const first = await page.evaluate(([json]) => cycle(1, json, 20000), [json]);
    out.cycles = first.done;
    out.errors = first.errors;
    out.firstBytes = await used();
    out.wasmFirst = await page.evaluate(() => wasmBytes());
    const deadline = t0 + seconds * 1000;
    while (out.cycles < HEAP_CYCLES && Date.now() < deadline) {
      const n = Math.min(100 - (out.cycles % 100), HEAP_CYCLES - out.cycles); // chunks end on hundreds
      const r = await page.evaluate(([n, json, ms]) => cycle(n, json, ms), [n, json, Math.max(0, deadline - Date.now())]);
      out.cycles += r.done;
      out.errors += r.errors;
      if (r.done === 0) break;
      if (out.cycles % 200 === 0 && out.cycles < HEAP_CYCLES) {
        out.curve.push({ cycles: out.cycles, jsHeap: await used(), wasm: await page.evaluate(() => wasmBytes()) });
      }
    }
    out.seconds = (Date.now() - t0) / 1000;
    out.lastBytes = await used();
    out.wasmLast = await page.evaluate(() => wasmBytes());
    out.curve.unshift({ cycles: 1, jsHeap: out.firstBytes, wasm: out.wasmFirst });
    out.curve.push({ cycles: out.cycles, jsHeap: out.lastBytes, wasm: out.wasmLast });
    if (out.firstBytes !== null && out.lastBytes !== null) out.growthKB = (out.lastBytes - out.firstBytes) / KB;
    if (out.errors) note(name, `heap: ${out.errors} of ${out.cycles} mounts did not become ready`);
  } catch (error) {
    note(name, `heap run: ${error.message.split('\n')[0]}`);
  } finally {
    await closeAndCollect(opened);
  }
  return out;
}

// ---------------------------------------------------------------- statistics and table

const finite = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
function quantile(xs, q) {
  const s = finite(xs).sort((a, b) => a - b);
  if (!s.length) return null;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
const median = (xs) => quantile(xs, 0.5);

function summary(samples) {
  const m = {};
  for (const name of NAMES) {
    m[name] = { median: median(samples[name]), p25: quantile(samples[name], 0.25), p75: quantile(samples[name], 0.75), samples: samples[name] };
  }
  const { maqal, baseline } = m;
  const ratio = maqal.median !== null && baseline.median ? maqal.median / baseline.median : null;
  const paired = median(samples.maqal.map((x, i) => (typeof x === 'number' && samples.baseline[i] ? x / samples.baseline[i] : null)));
  return { ...m, ratio, pairedRatio: paired };
}

const fmtKB = (n) => (n === null || n === undefined ? '–' : `${(n / KB).toFixed(1)}`);
const fmtSize = (r) => (r ? `${fmtKB(r.raw)} / ${fmtKB(r.gzip)} / ${fmtKB(r.brotli)} KB` : '–');
const fmtMs = (s) => (s?.median === null || s?.median === undefined ? '–'
  : `${s.median.toFixed(1)} ms [${s.p25.toFixed(0)}–${s.p75.toFixed(0)}]`);
const fmtCount = (xs) => (finite(xs).length ? `${Math.min(...finite(xs))}–${Math.max(...finite(xs))}` : '–');
const fmtRatio = (r) => (r === null || r === undefined ? '–' : `${r.toFixed(2)}×`);
const tick = (ok) => (ok === null || ok === undefined ? '?' : ok ? '✓' : '✗');

function table(rows) {
  const header = ['', 'maqal', 'baseline', 'ratio', 'paired', 'budget', ''];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.filter(Array.isArray).map((r) => String(r[c] ?? '').length)));
  const line = (r) => r.map((cell, c) => String(cell ?? '').padEnd(widths[c])).join('  ').trimEnd();
  const rule = '─'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  const out = [line(header), rule];
  for (const r of rows) out.push(Array.isArray(r) ? line(r) : `${r}`);
  out.push(rule);
  return out.join('\n');
}

// ---------------------------------------------------------------- main

const sizeMaqal = await sizes(['maqal.js', 'api.js', 'maqal_glue.js', 'maqal_bg.wasm'].map((f) => [f, join(ROOT, 'pkg', f)]));
const sizeBaseline = await sizes([['baseline.js', join(ROOT, 'bench/baseline.js')], ['maqal.css', join(ROOT, 'style/maqal.css')]]);

const backend = await serve({
  mounts: {
    '/maqal.css': join(ROOT, 'style/maqal.css'),
    '/maqal': join(ROOT, 'pkg'),
    '/demo': join(ROOT, 'demo'),
    '/bench': join(ROOT, 'bench'),
  },
  pages,
});
const proxy = await cachingProxy(backend.origin);

let browser;
try {
  browser = await launch();
} catch (error) {
  console.error(`bench: the browser did not start: ${error.message}`);
  await proxy.close();
  await backend.close();
  process.exit(1);
}
const browserVersion = browser.version();

const samples = {};
for (const key of ['cold', 'warm', 'seed', 'seedScript', 'big', 'bigScript', 'click', 'clickDom', 'cls', 'warmRequests']) samples[key] = { maqal: [], baseline: [] };
const extra = { elements: { maqal: null, baseline: null }, bigElements: { maqal: null, baseline: null }, toast: { maqal: new Set(), baseline: new Set() }, shifts: { maqal: [], baseline: [] }, images: {} };

let runsDone = 0;
const timingStart = Date.now();
// Run -1 warms the browser and the OS caches up and is not counted.
for (let run = -1; run < RUNS; run++) {
  if (run >= 1 && Date.now() - timingStart > TIMING_SECONDS * 1000) {
    note('bench', `stopped after ${runsDone} of ${RUNS} runs: the timing runs took over ${TIMING_SECONDS} s`);
    break;
  }
  const order = run % 2 === 0 ? ['maqal', 'baseline'] : ['baseline', 'maqal'];
  const nav = {};
  for (const name of order) nav[name] = await navigation(browser, proxy, name);
  const rend = nav;
  if (run < 0) continue;
  runsDone++;
  for (const name of NAMES) {
    samples.cold[name].push(nav[name].cold);
    samples.warm[name].push(nav[name].warm);
    samples.cls[name].push(nav[name].cls?.value ?? null);
    samples.click[name].push(nav[name].click?.ms ?? null);
    samples.clickDom[name].push(nav[name].click?.mutation ?? null);
    samples.warmRequests[name].push(nav[name].warmRequests);
    samples.seed[name].push(rend[name].seed?.painted ?? null);
    samples.seedScript[name].push(rend[name].seed?.script ?? null);
    samples.big[name].push(rend[name].big?.painted ?? null);
    samples.bigScript[name].push(rend[name].big?.script ?? null);
    if (nav[name].click?.text) extra.toast[name].add(`${nav[name].click.text} (${nav[name].click.method ?? 'no maqal-share'})`);
    if (nav[name].cls) {
      extra.elements[name] = nav[name].cls.elements;
      extra.images[name] = `${nav[name].cls.loaded}/${nav[name].cls.images}`;
      if (nav[name].cls.shifts.length) extra.shifts[name].push(...nav[name].cls.shifts);
    }
    if (rend[name].big) extra.bigElements[name] = rend[name].big.elements;
  }
  process.stderr.write(`bench: run ${runsDone}/${RUNS} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

const heaps = {};
for (const name of NAMES) {
  heaps[name] = await heap(browser, proxy.origin, name, name === 'maqal' ? HEAP_SECONDS : 20); // the baseline is only a reference
  process.stderr.write(`bench: heap ${name}: ${heaps[name].cycles} cycles in ${heaps[name].seconds.toFixed(0)} s\n`);
}

await browser.close();
await proxy.close();
await backend.close();

// ---------------------------------------------------------------- report

const S = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)]));
const clsMax = Object.fromEntries(NAMES.map((n) => [n, finite(samples.cls[n]).length ? Math.max(...finite(samples.cls[n])) : null]));
const heapOk = heaps.maqal.growthKB === null ? null : heaps.maqal.growthKB < KB;
const budgets = {
  brotli: { limit: '≤ 60 KB', ok: sizeMaqal.total.brotli <= 60 * KB },
  gzip: { limit: '≤ 80 KB', ok: sizeMaqal.total.gzip <= 80 * KB },
  cold: { limit: '≤ 1.5×', ok: S.cold.ratio === null ? null : S.cold.ratio <= 1.5 },
  warm: { limit: '≤ 1.2×', ok: S.warm.ratio === null ? null : S.warm.ratio <= 1.2 },
  big: { limit: '≤ 2×', ok: S.big.ratio === null ? null : S.big.ratio <= 2 },
  click: { limit: '< 16 ms', ok: S.click.maqal.median === null ? null : S.click.maqal.median < 16 },
  cls: { limit: '= 0', ok: clsMax.maqal === null ? null : clsMax.maqal === 0 },
  heap: { limit: '< 1 MB', ok: heapOk },
};

const fmtHeap = (h) => (h.growthKB === null ? '–'
  : `${h.growthKB >= 0 ? '+' : ''}${h.growthKB.toFixed(0)} KB${h.cycles < HEAP_CYCLES ? ` (${h.cycles} cycles)` : ''}`);
const fmtWasm = (h) => (h.wasmFirst === null || h.wasmFirst === undefined ? '–' : `${fmtKB(h.wasmFirst)} → ${fmtKB(h.wasmLast)} KB`);
const fmtCls = (n) => `${clsMax[n] === null ? '–' : clsMax[n].toFixed(4)} (median ${median(samples.cls[n])?.toFixed(4) ?? '–'})`;
const timingRow = (label, s, budget) => [label, fmtMs(s.maqal), fmtMs(s.baseline), fmtRatio(s.ratio), fmtRatio(s.pairedRatio), budget?.limit ?? '', budget ? tick(budget.ok) : ''];

const rows = [
  `Transfer size (raw / gzip -9 / brotli 11; KB = 1024 B)`,
  ...sizeMaqal.files.map((r) => [`  ${r.name}`, fmtSize(r), '', '', '', '', '']),
  ...sizeBaseline.files.map((r) => [`  ${r.name}`, '', fmtSize(r), '', '', '', '']),
  ['  total', fmtSize(sizeMaqal.total), fmtSize(sizeBaseline.total), fmtRatio(sizeMaqal.total.brotli / sizeBaseline.total.brotli), '', '', ''],
  ['  total, brotli', `${fmtKB(sizeMaqal.total.brotli)} KB`, `${fmtKB(sizeBaseline.total.brotli)} KB`, '', '', budgets.brotli.limit, tick(budgets.brotli.ok)],
  ['  total, gzip', `${fmtKB(sizeMaqal.total.gzip)} KB`, `${fmtKB(sizeBaseline.total.gzip)} KB`, '', '', budgets.gzip.limit, tick(budgets.gzip.ok)],
  `Timings: median [p25–p75] of ${runsDone} paired runs; ratio = maqal/baseline of the medians, paired = median of per-run ratios`,
  timingRow('  navigation → seed painted, cold', S.cold, budgets.cold),
  timingRow('  navigation → seed painted, warm', S.warm, budgets.warm),
  timingRow('  seed render (mount → painted)', S.seed),
  timingRow('    of which script (mount → DOM)', S.seedScript),
  timingRow('  1000 ¶ + 50 figures (mount → painted)', S.big, budgets.big),
  timingRow('    of which script (mount → DOM)', S.bigScript),
  timingRow('  click → toast frame', S.click, budgets.click),
  timingRow('    of which click → toast in DOM', S.clickDom),
  `Stability`,
  ['  CLS, seed + images (max of runs)', fmtCls('maqal'), fmtCls('baseline'), '', '', budgets.cls.limit, tick(budgets.cls.ok)],
  [`  JS heap growth, ${HEAP_CYCLES} mount/unmount`, fmtHeap(heaps.maqal), fmtHeap(heaps.baseline), '', '', budgets.heap.limit, tick(budgets.heap.ok)],
  ['  wasm memory, after 1 → after all', fmtWasm(heaps.maqal), '–', '', '', '', ''],
  `Same work?`,
  ['  shadow DOM elements: seed / big', `${extra.elements.maqal ?? '–'} / ${extra.bigElements.maqal ?? '–'}`, `${extra.elements.baseline ?? '–'} / ${extra.bigElements.baseline ?? '–'}`, '', '', '', ''],
  ['  requests on a warm load (not HTML)', fmtCount(samples.warmRequests.maqal), fmtCount(samples.warmRequests.baseline), '', '', '', ''],
  ['  images loaded (seed)', extra.images.maqal ?? '–', extra.images.baseline ?? '–', '', '', '', ''],
  ['  toast (share method)', [...extra.toast.maqal].join('; ') || '–', [...extra.toast.baseline].join('; ') || '–', '', '', '', ''],
];

const elapsed = (Date.now() - started) / 1000;
console.log(`maqal bench · ${browserVersion} (headless) · ${runsDone} paired runs${runsDone < RUNS ? ` of ${RUNS}` : ''} · ${elapsed.toFixed(0)} s`);
console.log(table(rows));
console.log('Budgets: size, cold, warm and click → toast are docs/CONTRACT.md §5; 1000 ¶ ≤ 2×, CLS 0 and heap < 1 MB are the bench brief\'s.');
const problemLines = Object.entries(problems).flatMap(([who, list]) => {
  const counts = new Map();
  for (const p of list) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts].map(([p, n]) => `  ${who}: ${p}${n > 1 ? ` (×${n})` : ''}`);
});
console.log(problemLines.length ? `Problems seen in the measured pages:\n${problemLines.join('\n')}` : 'No console errors, page errors or third-party requests in the measured pages.');
for (const name of NAMES) {
  if (extra.shifts[name].length) {
    console.log(`Layout shifts (${name}): ${extra.shifts[name].slice(0, 5).map((s) => `${s.value.toFixed(4)} at ${s.at.toFixed(0)} ms [${s.sources.join(',')}]`).join('; ')}`);
  }
}

const report = {
  date: new Date().toISOString(),
  browser: browserVersion,
  runs: { requested: RUNS, done: runsDone },
  seconds: elapsed,
  sizes: { maqal: sizeMaqal, baseline: sizeBaseline },
  timings: S,
  cls: { max: clsMax, samples: samples.cls, shifts: extra.shifts },
  heap: heaps,
  dom: { seed: extra.elements, big: extra.bigElements, images: extra.images },
  toast: Object.fromEntries(NAMES.map((n) => [n, [...extra.toast[n]]])),
  budgets,
  problems,
};
try {
  await mkdir(join(ROOT, 'target'), { recursive: true });
  await writeFile(join(ROOT, 'target/bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('Written: target/bench.json');
} catch (error) {
  console.log(`Could not write target/bench.json: ${error.message}`);
}
