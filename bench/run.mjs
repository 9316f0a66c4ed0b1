// `make bench`: maqal's sizes and timings against a plain-JS renderer of the same DOM
// (bench/baseline.js), both measured in the same run of headless Chromium, paired and alternated;
// the server-rendered page against a static HTML page of the same markup and against the
// client-rendered page, in the same runs; and the server renderers' throughput against a plain-JS
// string template (bench/string-template.mjs). Prints one table and writes target/bench.json. It
// reports; it does not judge: the exit code is 0 unless the browser cannot start.
// BENCH_RUNS=n sets the number of paired runs (default 15).
import { execFile } from 'node:child_process';
import { createServer, request } from 'node:http';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { totalOf, weigh } from '../tools/weigh.mjs';
import { launch, openPage, ROOT, serve } from '../tests/e2e/helpers.mjs';

const RUNS = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? '', 10) || 15);
const HEAP_CYCLES = 1000;
const HEAP_SECONDS = 60;
const TIMING_SECONDS = 170; // past this, no new paired run starts (a slow machine still gets a report)
const KB = 1024;
const started = Date.now();
const problems = { maqal: [], baseline: [], pages: [], bench: [] };
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
      // The wasm's exports have short names (tools/short-names.mjs): its memory is found by type.
      window.wasmBytes = async () => Object.values(await initWasm()).find((e) => e instanceof WebAssembly.Memory).buffer.byteLength;`,
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

// A 20,000-paragraph article (about 10 MB): how soon its first screen shows, when it is all
// drawn, and how long the longest task held the page meanwhile (docs/CONTRACT.md §1).
const HUGE_PARAGRAPHS = 20_000;
const huge = {
  lang: 'ar',
  headline: 'أرشيف الجلسات الكامل: عشرون ألف فقرة',
  blocks: Array.from({ length: HUGE_PARAGRAPHS }, (_, i) => ({ type: 'paragraph', text: `${i + 1}. ${sentences[i % sentences.length]} ${sentences[(i + 3) % sentences.length]}` })),
};
const hugeJson = JSON.stringify(huge);
const HUGE_PROBE = `<script>
window.longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
window.hugeDrawn = (n) => new Promise((done) => {
  let first = null;
  const count = () => document.querySelector('maqal-article, baseline-article')?.shadowRoot?.querySelectorAll('[part~=paragraph]').length ?? 0;
  (function poll() {
    const drawn = count();
    if (drawn && first === null) first = performance.now();
    if (drawn >= n) return done({ first, all: performance.now() });
    setTimeout(poll, first === null ? 10 : 200);
  })();
});
</script>`;

const pages = {};
for (const [name, v] of Object.entries(VARIANTS)) {
  pages[`/bench/nav-${name}.html`] = `${HEAD}\n${NAV_PROBE}\n${v.entry}\n</head>\n<body>\n<${v.tag} src="/demo/articles/seed.json"></${v.tag}>\n</body>\n</html>\n`;
  pages[`/bench/render-${name}.html`] = `${HEAD}\n${RENDER_PROBE}\n<script type="module">\n${v.api}\nwindow.benchReady = true;\n</script>\n</head>\n<body>\n</body>\n</html>\n`;
  pages[`/bench/heap-${name}.html`] = `${HEAD}\n${HEAP_PROBE(v.tag)}\n<script type="module">\n${v.heap}\nwindow.benchReady = true;\n</script>\n</head>\n<body>\n</body>\n</html>\n`;
  pages[`/bench/huge-${name}.html`] = `${HEAD}\n${HUGE_PROBE}\n${v.entry}\n</head>\n<body>\n<${v.tag} src="/huge.json"></${v.tag}>\n</body>\n</html>\n`;
}

// ---------------------------------------------------------------- server-rendered pages

// The seed's three pages, loaded cold at a phone's viewport: server-rendered, the same markup as a
// static page with no script, and client-rendered. The server-rendered page is what the demo's
// build writes (Makefile `dist`: `maqal render --share-url … seed.json` into demo/ssr.html),
// rendered here by the command line rather than read from dist/, so that it and the static page
// carry the very same fragment.
const MAQAL = join(ROOT, 'target/release/maqal');
const SEED_PATH = join(ROOT, 'demo/articles/seed.json');
const SHARE_URL = 'http://127.0.0.1:8080/demo/ssr/';
const PHONE = { width: 390, height: 844 };
const exec = (file, args, options = {}) => new Promise((ok, fail) => {
  execFile(file, args, { maxBuffer: 64 * KB * KB, ...options }, (error, stdout, stderr) => (error
    ? fail(new Error(`${error.message.split('\n')[0]}${stderr ? `: ${stderr.trim().split('\n')[0]}` : ''}`))
    : ok(stdout)));
});

// Served under /demo/ssr/ like the demo's own server-rendered page, so the fragment's relative
// image paths (../img/…) and the shell's (../page.css, ../../maqal/maqal.js) resolve as they do there.
const PAGE = { ssr: '/demo/ssr/bench-ssr.html', static: '/demo/ssr/bench-static.html', client: '/bench-client.html' };
const PAGE_NAMES = { ssr: 'server-rendered', static: 'static HTML', client: 'client-rendered' };
let fragment = null; // the command line's fragment for the seed, also the throughput's reference output
try {
  fragment = await exec(MAQAL, ['render', '--share-url', SHARE_URL, SEED_PATH]);
  const shell = await readFile(join(ROOT, 'demo/ssr.html'), 'utf8');
  pages[PAGE.ssr] = shell.replace('@FRAGMENT@', () => fragment.trimEnd());
  // The static page: the shadow root's content (its <style> and the .maqal-root div) in the light
  // DOM of the same shell, with no script at all. The stylesheet's `:host` rules (the custom
  // properties the rest of it reads) go to a wrapper standing in for the host element.
  const open = '<template shadowrootmode="open">';
  const inner = fragment.slice(fragment.indexOf(open) + open.length, fragment.lastIndexOf('</template>'));
  const styleEnd = inner.indexOf('</style>');
  const light = `<div class="maqal-host">${inner.slice(0, styleEnd).replaceAll(':host', '.maqal-host')}${inner.slice(styleEnd)}</div>`;
  pages[PAGE.static] = shell.replace(/<!--[^]*?-->\s*/g, '').replace(/<script\b[^>]*>[^]*?<\/script>\s*/g, '').replace('@FRAGMENT@', () => light);
  if (/<script|shadowrootmode/.test(pages[PAGE.static])) note('bench', 'the static page still holds a script or a shadow root');
} catch (error) {
  note('bench', `server-rendered pages: ${error.message}`);
}
try {
  // The demo's client-rendered page (Trunk's dist/index.html, without Trunk's own directives).
  pages[PAGE.client] = (await readFile(join(ROOT, 'index.html'), 'utf8')).replace(/[ \t]*<link data-trunk\b[^>]*>\n?/g, '');
} catch (error) {
  note('bench', `client-rendered page: ${error.message}`);
}

// Added to each of those pages before any of its own script runs (the static page's no-script
// path is the page's; this only observes). `bench.share`: when a [part~="share-button"] is first
// in <maqal-article>'s shadow root, seen by a MutationObserver on that root from its creation: a
// declarative root is there once the parser is done (readystatechange, before module scripts run),
// a client-side one is watched from attachShadow. `bench.ready`: when maqal-ready reached the document.
const PAGE_PROBE = `(() => {
  const b = window.bench = { share: null, ready: null, buttonAtReady: null };
  const BUTTON = '[part~="share-button"]';
  const watched = new WeakSet();
  const watch = (root) => {
    if (!root || watched.has(root)) return;
    watched.add(root);
    const mo = new MutationObserver(() => check());
    const check = () => {
      if (b.share === null && root.querySelector(BUTTON)) { b.share = performance.now(); mo.disconnect(); }
    };
    mo.observe(root, { childList: true, subtree: true });
    check();
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (this.localName === 'maqal-article') watch(root);
    return root;
  };
  document.addEventListener('readystatechange', () => {
    for (const host of document.querySelectorAll('maqal-article')) watch(host.shadowRoot);
  });
  document.addEventListener('maqal-ready', (e) => {
    if (b.ready !== null) return;
    b.ready = performance.now();
    b.buttonAtReady = !!(e.target.shadowRoot && e.target.shadowRoot.querySelector(BUTTON));
  });
})();`;

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
  for (const [name, path] of files) rows.push({ name, ...weigh(await readFile(path)) });
  return { files: rows, total: totalOf(rows) };
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

/** The 20,000-paragraph article from its src: first paragraph shown, all shown, longest task. */
async function hugeArticle(browser, origin, name) {
  const opened = await fresh(browser, name);
  try {
    await opened.page.goto(`${origin}/bench/huge-${name}.html`);
    const { first, all } = await opened.page.evaluate((n) => hugeDrawn(n), HUGE_PARAGRAPHS);
    const tasks = await opened.page.evaluate(() => longTasks);
    return { first, all, longest: tasks.length ? Math.max(...tasks) : 0, over200: tasks.filter((t) => t > 200).length };
  } catch (error) {
    note(name, `huge article: ${error.message.split('\n')[0]}`);
    return null;
  } finally {
    await closeAndCollect(opened);
  }
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

/**
 * One cold load (a fresh context: empty cache) of one of the seed's pages at 390×844. Once the load
 * has settled (the share button there on the pages with script, the article's images loaded, two
 * frames and 100 ms more), reads the largest-contentful-paint entries (buffered) and the first
 * contentful paint. All times are from navigation start (the page's time origin).
 *
 * - lcp: the last LCP entry's startTime (its render time).
 * - headline: navigation → headline painted, as the first LCP entry that is the article's (an
 *   element inside it; or, with no element, something in the shadow root, which LCP does not
 *   expose). Nothing of the article paints before the headline, at its top, and the headline is
 *   larger than all the page shows before it (its navigation link), so the frame it first paints in
 *   has an article entry, the headline or a larger part of the article painted with it. On the
 *   server-rendered and static pages, which paint the whole article at once, this is the first
 *   contentful paint (`headlineAtFcp` records that it was, run by run).
 * - share: navigation → the share button in the shadow root (PAGE_PROBE), null on the static page.
 */
async function pageLoad(browser, server, kind) {
  const { page, context, problems: found } = await openPage(browser, { viewport: PHONE });
  page.setDefaultTimeout(30000);
  const out = { fcp: null, lcp: null, lcpWhat: null, headline: null, headlineAtFcp: null, share: null, ready: null, buttonAtReady: null, images: null };
  try {
    await page.addInitScript(PAGE_PROBE);
    await page.goto(`${server.origin}${PAGE[kind]}`);
    if (kind !== 'static') {
      await page.waitForFunction(() => window.bench.share !== null, null, { timeout: 20000 })
        .catch(() => note('pages', `${PAGE_NAMES[kind]}: no share button within 20 s`));
    }
    const r = await page.evaluate(async () => {
      const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
      const frame = () => new Promise((ok) => requestAnimationFrame(ok));
      const host = document.querySelector('maqal-article, .maqal-host');
      const root = host ? host.shadowRoot ?? host : document;
      const images = [...root.querySelectorAll('img')];
      await Promise.race([
        Promise.all(images.map((i) => (i.complete ? null : new Promise((ok) => {
          i.addEventListener('load', ok, { once: true });
          i.addEventListener('error', ok, { once: true });
        })))),
        sleep(5000),
      ]);
      await frame();
      await frame();
      await sleep(100);
      const entries = await Promise.race([
        new Promise((ok) => new PerformanceObserver((list, observer) => { observer.disconnect(); ok(list.getEntries()); })
          .observe({ type: 'largest-contentful-paint', buffered: true })),
        sleep(1000).then(() => []),
      ]);
      const shadowHost = document.querySelector('maqal-article');
      const lcp = entries.map((e) => {
        const el = e.element;
        const what = e.url ? `img ${new URL(e.url).pathname.split('/').pop()}`
          : el ? `${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}`
            : 'text in the shadow root';
        const inArticle = el ? !!el.closest('maqal-article, .maqal-host') : !!(shadowHost && shadowHost.shadowRoot);
        return { at: e.startTime, size: e.size, what, inArticle };
      });
      return {
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        lcp,
        share: bench.share, ready: bench.ready, buttonAtReady: bench.buttonAtReady,
        images: `${images.filter((i) => i.complete && i.naturalWidth > 0).length}/${images.length}`,
      };
    });
    const last = r.lcp.at(-1);
    const first = r.lcp.find((e) => e.inArticle);
    Object.assign(out, {
      fcp: r.fcp, lcp: last?.at ?? null, lcpWhat: last?.what ?? null, headline: first?.at ?? null,
      share: r.share, ready: r.ready, buttonAtReady: r.buttonAtReady, images: r.images,
    });
    out.headlineAtFcp = out.headline !== null && out.fcp !== null ? Math.abs(out.headline - out.fcp) < 0.5 : null;
    if (!last) note('pages', `${PAGE_NAMES[kind]}: no largest-contentful-paint entry`);
    else if (!first) note('pages', `${PAGE_NAMES[kind]}: no largest-contentful-paint entry from the article`);
  } catch (error) {
    note('pages', `${PAGE_NAMES[kind]} load: ${error.message.split('\n')[0]}`);
  } finally {
    for (const p of found) note('pages', `${PAGE_NAMES[kind]}: ${p}`);
    await context.close().catch(() => {});
  }
  return out;
}

// ---------------------------------------------------------------- renderer throughput

const THROUGHPUT_DIR = join(ROOT, 'bench/.tmp/throughput');
const THROUGHPUT_ROUNDS = 3; // per renderer, alternated; the rate reported is the median round's
const CLI_SECONDS = 1; // the command line's file count is set so that one core takes about this long
const NODE_ROUND_MS = 400;

/**
 * The command line on N copies of the seed (N for about a second on one core): `maqal render
 * --share-url … --jobs J --out DIR s0.json … sN.json`, timed from spawn to exit, so reading the
 * files, writing DIR/<stem>.html and starting the process are in it; J = 1, then all cores.
 */
async function cliThroughput(cores) {
  const out = { files: null, cores, jobs1: { rates: [], rate: null }, jobsAll: { rates: [], rate: null }, sameOutput: null };
  const inDir = join(THROUGHPUT_DIR, 'in');
  const seedText = await readFile(SEED_PATH);
  const names = (n) => Array.from({ length: n }, (_, i) => `s${i}.json`);
  const write = async (from, to) => {
    for (let i = from; i < to; i += 256) {
      await Promise.all(names(Math.min(to, i + 256)).slice(i).map((name) => writeFile(join(inDir, name), seedText)));
    }
  };
  const time = async (n, jobs, outDir) => {
    const t0 = performance.now();
    await exec(MAQAL, ['render', '--share-url', SHARE_URL, '--jobs', String(jobs), '--out', outDir, ...names(n)], { cwd: inDir });
    return (performance.now() - t0) / 1000;
  };
  try {
    await rm(THROUGHPUT_DIR, { recursive: true, force: true });
    await mkdir(inDir, { recursive: true });
    await write(0, 500);
    const calibration = await time(500, 1, join(THROUGHPUT_DIR, 'out-calibration')); // also warms the binary and the page cache up
    const n = Math.min(20000, Math.max(2000, Math.round((500 / calibration) * CLI_SECONDS / 500) * 500));
    await write(500, n);
    out.files = n;
    for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
      for (const jobs of round % 2 === 0 ? [1, cores] : [cores, 1]) {
        const outDir = join(THROUGHPUT_DIR, `out-${round}-${jobs}`);
        const seconds = await time(n, jobs, outDir);
        (jobs === 1 ? out.jobs1 : out.jobsAll).rates.push(n / seconds);
        if (round === 0 && jobs === 1) {
          const written = await readdir(outDir);
          out.sameOutput = written.length === n && (await readFile(join(outDir, 's0.html'), 'utf8')) === fragment;
          if (!out.sameOutput) note('bench', `throughput: ${written.length} of ${n} files written, or s0.html is not the seed's fragment`);
        }
        await rm(outDir, { recursive: true, force: true });
      }
    }
  } catch (error) {
    note('bench', `throughput, maqal render: ${error.message}`);
  } finally {
    await rm(THROUGHPUT_DIR, { recursive: true, force: true }).catch(() => {});
  }
  out.jobs1.rate = median(out.jobs1.rates);
  out.jobsAll.rate = median(out.jobsAll.rates);
  return out;
}

/**
 * renderToString (maqal/server) and the plain-JS string template, in alternated rounds in one
 * worker thread (bench/node-throughput.mjs), each given the parsed seed and { shareUrl }. If
 * renderToString's first call does not return, the worker is stopped and the template timed alone.
 */
function nodeThroughputRun(withNode, stylesheet) {
  const result = { outputs: {}, template: [], node: [], error: null };
  const worker = new Worker(new URL('./node-throughput.mjs', import.meta.url), {
    workerData: { article: seed, options: { shareUrl: SHARE_URL }, stylesheet, roundMs: NODE_ROUND_MS, rounds: THROUGHPUT_ROUNDS, node: withNode },
  });
  return new Promise((ok) => {
    let timer;
    const arm = (ms, why) => {
      clearTimeout(timer);
      timer = setTimeout(() => { result.error ??= why; worker.terminate(); }, ms);
    };
    arm(20000, 'the worker did not start within 20 s');
    worker.on('message', (m) => {
      if (m.type === 'output') {
        result.outputs[m.who] = m.html;
        if (m.who === 'template' && withNode) arm(10000, 'renderToString: the first call did not return within 10 s');
        else arm(THROUGHPUT_ROUNDS * 2 * NODE_ROUND_MS + 30000, 'the timed rounds did not end');
      } else if (m.type === 'error') {
        result.error ??= `${m.who === 'node' ? 'renderToString' : m.who}: ${m.message}`;
        arm(THROUGHPUT_ROUNDS * 2 * NODE_ROUND_MS + 30000, 'the timed rounds did not end');
      } else if (m.type === 'done') {
        result.template = m.template;
        result.node = m.node;
      }
    });
    worker.on('error', (error) => { result.error ??= error.message; });
    worker.on('exit', () => { clearTimeout(timer); ok(result); });
  });
}

async function nodeThroughput() {
  const stylesheet = fragment ? fragment.slice(fragment.indexOf('<style>') + 7, fragment.indexOf('</style>')) : '';
  const both = await nodeThroughputRun(true, stylesheet);
  let { template } = both;
  if (both.error) note('bench', `throughput, Node: ${both.error}`);
  if (!template.length) {
    const alone = await nodeThroughputRun(false, stylesheet);
    template = alone.template;
    if (alone.error) note('bench', `throughput, string template: ${alone.error}`);
  }
  const rates = (rounds) => rounds.map((r) => (r.n / r.ms) * 1000);
  return {
    node: { rates: rates(both.node), rate: median(rates(both.node)), error: both.error },
    template: { rates: rates(template), rate: median(rates(template)) },
    sameOutput: {
      node: both.outputs.node === undefined || fragment === null ? null : both.outputs.node === fragment,
      template: both.outputs.template === undefined || fragment === null ? null : both.outputs.template === fragment,
    },
  };
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

// What a reader fetches, by kind of page (docs/CONTRACT.md §5): the full build on a
// client-rendered page, the live-controls build on a server-rendered one.
const pkgFiles = (build) => ['maqal.js', 'api.js', `${build}_glue.js`, `${build}_bg.wasm`].map((f) => [f, join(ROOT, 'pkg', f)]);
const sizeMaqal = await sizes(pkgFiles('maqal'));
const sizeLive = await sizes(pkgFiles('maqal_live'));
const sizeBaseline = await sizes([['baseline.js', join(ROOT, 'bench/baseline.js')], ['maqal.css', join(ROOT, 'style/maqal.css')]]);

const backend = await serve({
  mounts: {
    '/maqal.css': join(ROOT, 'style/maqal.css'),
    '/maqal': join(ROOT, 'pkg'),
    '/demo': join(ROOT, 'demo'),
    '/bench': join(ROOT, 'bench'),
  },
  pages: { ...pages, '/huge.json': hugeJson },
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

// The seed's pages, per run, in the six orders in turn.
const PAGE_KINDS = Object.keys(PAGE).filter((kind) => pages[PAGE[kind]]);
const PAGE_ORDERS = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0], [1, 0, 2], [0, 2, 1]];
const pageSamples = Object.fromEntries(Object.keys(PAGE).map((kind) => [kind,
  { fcp: [], lcp: [], lcpWhat: [], headline: [], headlineAtFcp: [], share: [], ready: [], buttonAtReady: [], images: [] }]));

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
  const loads = {};
  for (const i of PAGE_ORDERS[(run + 1) % PAGE_ORDERS.length]) {
    const kind = Object.keys(PAGE)[i];
    if (PAGE_KINDS.includes(kind)) loads[kind] = await pageLoad(browser, proxy, kind);
  }
  if (run < 0) continue;
  runsDone++;
  for (const [kind, values] of Object.entries(pageSamples)) {
    for (const key of Object.keys(values)) values[key].push(loads[kind]?.[key] ?? null);
  }
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

const HUGE_RUNS = 3;
const hugeRuns = { maqal: [], baseline: [] };
for (let run = 0; run < HUGE_RUNS; run++) {
  for (const name of run % 2 ? ['baseline', 'maqal'] : NAMES) hugeRuns[name].push(await hugeArticle(browser, proxy.origin, name));
  process.stderr.write(`bench: huge article run ${run + 1}/${HUGE_RUNS}\n`);
}

await browser.close();
await proxy.close();
await backend.close();

process.stderr.write('bench: renderer throughput\n');
const cores = availableParallelism();
const throughput = { cli: await cliThroughput(cores), ...(await nodeThroughput()) };

// ---------------------------------------------------------------- report

// The page rows: the first page of each pair in the maqal column, the second in the baseline column.
const PAGE_PAIRS = {
  lcpSsr: ['ssr', 'static', 'lcp'],
  lcpClient: ['client', 'static', 'lcp'],
  headline: ['ssr', 'static', 'headline'],
  share: ['ssr', 'client', 'share'],
};
for (const [key, [a, b, measure]] of Object.entries(PAGE_PAIRS)) samples[key] = { maqal: pageSamples[a][measure], baseline: pageSamples[b][measure] };
const S = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)]));
const clsMax = Object.fromEntries(NAMES.map((n) => [n, finite(samples.cls[n]).length ? Math.max(...finite(samples.cls[n])) : null]));
const heapOk = heaps.maqal.growthKB === null ? null : heaps.maqal.growthKB < KB;
const budgets = {
  brotli: { limit: '≤ 100 KB', ok: sizeMaqal.total.brotli <= 100 * KB },
  liveBrotli: { limit: '≤ 50 KB', ok: sizeLive.total.brotli <= 50 * KB },
  cold: { limit: '≤ 1.5×', ok: S.cold.ratio === null ? null : S.cold.ratio <= 1.5 },
  warm: { limit: '≤ 1.2×', ok: S.warm.ratio === null ? null : S.warm.ratio <= 1.2 },
  big: { limit: '≤ 2×', ok: S.big.ratio === null ? null : S.big.ratio <= 2 },
  click: { limit: '< 16 ms', ok: S.click.maqal.median === null ? null : S.click.maqal.median < 16 },
  cls: { limit: '= 0', ok: clsMax.maqal === null ? null : clsMax.maqal === 0 },
  heap: { limit: '< 1 MB', ok: heapOk },
  headline: { limit: '≤ 1.05×', ok: S.headline.ratio === null ? null : S.headline.ratio <= 1.05 },
  share: { limit: '≤ 0.8×', ok: S.share.ratio === null ? null : S.share.ratio <= 0.8 },
};

const fmtHeap = (h) => (h.growthKB === null ? '–'
  : `${h.growthKB >= 0 ? '+' : ''}${h.growthKB.toFixed(0)} KB${h.cycles < HEAP_CYCLES ? ` (${h.cycles} cycles)` : ''}`);
const fmtWasm = (h) => (h.wasmFirst === null || h.wasmFirst === undefined ? '–' : `${fmtKB(h.wasmFirst)} → ${fmtKB(h.wasmLast)} KB`);
const fmtCls = (n) => `${clsMax[n] === null ? '–' : clsMax[n].toFixed(4)} (median ${median(samples.cls[n])?.toFixed(4) ?? '–'})`;
const timingRow = (label, s, budget) => [label, fmtMs(s.maqal), fmtMs(s.baseline), fmtRatio(s.ratio), fmtRatio(s.pairedRatio), budget?.limit ?? '', budget ? tick(budget.ok) : ''];
const fmtRate = (r) => (r === null || r === undefined ? '–' : `${Math.round(r).toLocaleString('en')}/s`);
const rateRow = (label, rate) => {
  const base = throughput.template.rate;
  return [label, fmtRate(rate), fmtRate(base), fmtRatio(rate && base ? rate / base : null), '', '', ''];
};
/** The most frequent value, with its share when not all runs agree. */
const mostly = (xs) => {
  const seen = xs.filter((x) => x !== null);
  if (!seen.length) return '–';
  const counts = new Map();
  for (const x of seen) counts.set(x, (counts.get(x) ?? 0) + 1);
  const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return n === seen.length ? top : `${top} (${n}/${seen.length})`;
};
const countTrue = (xs) => (xs.some((x) => x !== null) ? `${xs.filter((x) => x === true).length}/${xs.filter((x) => x !== null).length}` : '–');
const P = pageSamples;

const rows = [
  `Transfer size (raw / gzip -9 / brotli 11; KB = 1024 B), client-rendered page (the full build)`,
  ...sizeMaqal.files.map((r) => [`  ${r.name}`, fmtSize(r), '', '', '', '', '']),
  ...sizeBaseline.files.map((r) => [`  ${r.name}`, '', fmtSize(r), '', '', '', '']),
  ['  total', fmtSize(sizeMaqal.total), fmtSize(sizeBaseline.total), fmtRatio(sizeMaqal.total.brotli / sizeBaseline.total.brotli), '', '', ''],
  ['  total, brotli', `${fmtKB(sizeMaqal.total.brotli)} KB`, `${fmtKB(sizeBaseline.total.brotli)} KB`, '', '', budgets.brotli.limit, tick(budgets.brotli.ok)],
  ['  total, gzip', `${fmtKB(sizeMaqal.total.gzip)} KB`, `${fmtKB(sizeBaseline.total.gzip)} KB`, '', '', '', ''],
  `Transfer size, server-rendered page (the live-controls build; baseline: the same plain-JS files)`,
  ...sizeLive.files.filter((r) => r.name.startsWith('maqal_live')).map((r) => [`  ${r.name}`, fmtSize(r), '', '', '', '', '']),
  ['  total, brotli', `${fmtKB(sizeLive.total.brotli)} KB`, `${fmtKB(sizeBaseline.total.brotli)} KB`, fmtRatio(sizeLive.total.brotli / sizeBaseline.total.brotli), '', budgets.liveBrotli.limit, tick(budgets.liveBrotli.ok)],
  `Timings: median [p25–p75] of ${runsDone} paired runs; ratio = maqal/baseline of the medians, paired = median of per-run ratios`,
  timingRow('  navigation → seed painted, cold', S.cold, budgets.cold),
  timingRow('  navigation → seed painted, warm', S.warm, budgets.warm),
  timingRow('  seed render (mount → painted)', S.seed),
  timingRow('    of which script (mount → DOM)', S.seedScript),
  timingRow('  1000 ¶ + 50 figures (mount → painted)', S.big, budgets.big),
  timingRow('    of which script (mount → DOM)', S.bigScript),
  timingRow('  click → toast frame', S.click, budgets.click),
  timingRow('    of which click → toast in DOM', S.clickDom),
  `Seed pages at ${PHONE.width}×${PHONE.height}, cold cache, the three alternated; "A vs B": A in the maqal column, B in the baseline one`,
  timingRow('  LCP, server-rendered vs static HTML', S.lcpSsr),
  timingRow('  LCP, client-rendered vs static HTML', S.lcpClient),
  timingRow('  navigation → headline painted, SSR vs static', S.headline, budgets.headline),
  timingRow('  navigation → share live, SSR vs client', S.share, budgets.share),
  `${HUGE_PARAGRAPHS.toLocaleString('en')} paragraphs (${fmtKB(hugeJson.length)} KB of JSON) from src, median of ${HUGE_RUNS} runs each; budget: no task over 200 ms`,
  ...[['navigation → first paragraph shown', 'first'], ['navigation → all paragraphs drawn', 'all'], ['longest task', 'longest']].map(([label, key]) => {
    const m = Object.fromEntries(NAMES.map((n) => [n, median(hugeRuns[n].map((r) => r?.[key] ?? null))]));
    const ok = key === 'longest' && m.maqal !== null ? m.maqal <= 200 : null;
    return [`  ${label}`, m.maqal === null ? '–' : `${m.maqal.toFixed(0)} ms`, m.baseline === null ? '–' : `${m.baseline.toFixed(0)} ms`,
      fmtRatio(m.maqal && m.baseline ? m.maqal / m.baseline : null), '', key === 'longest' ? '≤ 200 ms' : '', key === 'longest' ? tick(ok) : ''];
  }),
  ['  tasks over 200 ms (per run)', hugeRuns.maqal.map((r) => r?.over200 ?? '–').join(' '), hugeRuns.baseline.map((r) => r?.over200 ?? '–').join(' '), '', '', '', ''],
  `Renderer throughput, seed (articles/s, median of ${THROUGHPUT_ROUNDS} rounds; baseline: the plain-JS string template in Node)`,
  rateRow(`  maqal render --jobs 1, ${throughput.cli.files ?? '–'} files`, throughput.cli.jobs1.rate),
  rateRow(`  maqal render --jobs ${cores}`, throughput.cli.jobsAll.rate),
  rateRow('  renderToString (maqal/server) in Node', throughput.node.rate),
  `Stability`,
  ['  CLS, seed + images (max of runs)', fmtCls('maqal'), fmtCls('baseline'), '', '', budgets.cls.limit, tick(budgets.cls.ok)],
  [`  JS heap growth, ${HEAP_CYCLES} mount/unmount`, fmtHeap(heaps.maqal), fmtHeap(heaps.baseline), '', '', budgets.heap.limit, tick(budgets.heap.ok)],
  ['  wasm memory, after 1 → after all', fmtWasm(heaps.maqal), '–', '', '', '', ''],
  `Same work?`,
  ['  shadow DOM elements: seed / big', `${extra.elements.maqal ?? '–'} / ${extra.bigElements.maqal ?? '–'}`, `${extra.elements.baseline ?? '–'} / ${extra.bigElements.baseline ?? '–'}`, '', '', '', ''],
  ['  requests on a warm load (not HTML)', fmtCount(samples.warmRequests.maqal), fmtCount(samples.warmRequests.baseline), '', '', '', ''],
  ['  images loaded (seed)', extra.images.maqal ?? '–', extra.images.baseline ?? '–', '', '', '', ''],
  ['  toast (share method)', [...extra.toast.maqal].join('; ') || '–', [...extra.toast.baseline].join('; ') || '–', '', '', '', ''],
  ['  largest paint: SSR | static', mostly(P.ssr.lcpWhat), mostly(P.static.lcpWhat), '', '', '', ''],
  ['  largest paint: client-rendered', mostly(P.client.lcpWhat), '', '', '', '', ''],
  ['  headline in the first paint: SSR | static', countTrue(P.ssr.headlineAtFcp), countTrue(P.static.headlineAtFcp), '', '', '', ''],
  ['  button there at maqal-ready: SSR | client', countTrue(P.ssr.buttonAtReady), countTrue(P.client.buttonAtReady), '', '', '', ''],
  ['  seed fragment = CLI\'s: Node | template', tick(throughput.sameOutput.node), tick(throughput.sameOutput.template), '', '', '', ''],
];

const elapsed = (Date.now() - started) / 1000;
console.log(`maqal bench · ${browserVersion} (headless) · ${runsDone} paired runs${runsDone < RUNS ? ` of ${RUNS}` : ''} · ${elapsed.toFixed(0)} s`);
console.log(table(rows));
console.log('Budgets: size, cold, warm and click → toast are docs/CONTRACT.md §5; 1000 ¶ ≤ 2×, CLS 0 and heap < 1 MB are the bench brief\'s.');
console.log('Headline ≤ 1.05× and share live ≤ 0.8× are docs/CONTRACT.md §5 (first paint, server-rendered; hydration). Headline painted = the first'
  + ' LCP entry from the article (on these pages, the first contentful paint); share live = the share button in the shadow root.');
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
  sizes: { maqal: sizeMaqal, live: sizeLive, baseline: sizeBaseline },
  timings: S,
  cls: { max: clsMax, samples: samples.cls, shifts: extra.shifts },
  heap: heaps,
  dom: { seed: extra.elements, big: extra.bigElements, images: extra.images },
  toast: Object.fromEntries(NAMES.map((n) => [n, [...extra.toast[n]]])),
  pages: {
    viewport: PHONE,
    paths: PAGE,
    columns: Object.fromEntries(Object.entries(PAGE_PAIRS).map(([k, [a, b, m]]) => [k, { measure: m, maqal: PAGE_NAMES[a], baseline: PAGE_NAMES[b] }])),
    samples: pageSamples,
  },
  throughput: {
    unit: 'articles/s',
    article: 'demo/articles/seed.json',
    options: { shareUrl: SHARE_URL },
    cli: throughput.cli,
    node: throughput.node,
    template: throughput.template,
    ratios: {
      cliJobs1: throughput.cli.jobs1.rate && throughput.template.rate ? throughput.cli.jobs1.rate / throughput.template.rate : null,
      cliJobsAll: throughput.cli.jobsAll.rate && throughput.template.rate ? throughput.cli.jobsAll.rate / throughput.template.rate : null,
      node: throughput.node.rate && throughput.template.rate ? throughput.node.rate / throughput.template.rate : null,
    },
    sameOutput: throughput.sameOutput,
  },
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
