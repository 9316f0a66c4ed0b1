// The injection corpus (tests/corpus/injection.json) in every text and URL field of both input
// formats (tests/corpus/fields.json), through every way an article reaches a page: the element
// with an inline JSON child, the element with src, mount() from 'maqal/api', and the server
// fragment (renderToString from 'maqal/server') read with script off and brought to life by
// maqal.js. docs/FORMAT.md: "Every text field is rendered as a text node. Nothing is ever parsed
// or inserted as HTML"; docs/CONTRACT.md §1 (image URLs), §2 (the shared link), §4 (the fragment).
//
// One page per field and path holds one widget per vector. On each page: nothing ran (the page
// defines __maqalPwned, which every vector that could run calls, and records dialogs), nothing
// navigated or loaded that no widget image asked for, every element and attribute in each shadow
// root is one the widget draws (corpus.mjs ALLOWED), no URL attribute holds a script URL, and each
// field shows its vector as text, after the normalisation the product documents or does (found by
// running it; corpus.mjs applies it):
// - every text field is trimmed at both ends of the Unicode White_Space characters (tab, LF, CR,
//   space, U+0085, U+00A0, U+2000-U+200A, U+2028, U+2029, U+3000, ...); a field left blank is absent,
//   or an error naming it when it is required;
// - inside the text every other character stays and shows as it is: C0 and C1 controls, NUL, DEL,
//   bidi controls (U+202E, U+2066-U+2069, U+200E/U+200F), zero-width characters (U+200B-U+200D,
//   U+2060) and U+FEFF anywhere, noncharacters;
// - in the server fragment the HTML parser turns CR and CR LF into LF and drops a NUL in text (in an
//   attribute value a NUL becomes U+FFFD); the element builds its DOM with DOM calls and keeps both;
// - JSON-LD text has its HTML entities decoded (docs/FORMAT.md); native text never does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINE, openPage, ROOT, serve } from './helpers.mjs';
import { useSite } from './site.mjs';
import { WATCH_PATH } from './engines.mjs';
import {
  ALLOWED, articleWith, asciiJson, expectation, inspectPage, loadInjection, pageBatches, PATHS, SHARE_PREFIXES,
} from './corpus.mjs';

const made = useSite('injection');
let www;
let server;
let corpus;
let renderToString;
let stylesheet;
const tried = { combinations: 0, pages: 0, vectors: 0, fields: { native: 0, jsonld: 0 } };
// Failures that are known product defects, by defect: asserted in their own tests at the end.
const known = new Map();

// Product defects found by this corpus (reported to the lead). A problem matching one is counted
// under it instead of failing its field's test; each defect has its own test below, marked todo
// while the defect is not fixed.
const DEFECTS = [
  {
    name: 'JSON-LD text keeps its HTML entities, which docs/FORMAT.md says are decoded',
    matches: (p) => p.entities,
    todo: false,
  },
  {
    name: 'the element shows a published value that is not ISO 8601 as a made-up date (new Date() is lenient), where the server shows it as written',
    matches: (p) => /published|datePublished/.test(p.field) && p.vector === 'template-erb' && !p.path.startsWith('server'),
    todo: false,
  },
  {
    name: 'a JSON-LD error names the native field (lang) instead of the JSON-LD property (inLanguage), against docs/FORMAT.md',
    matches: (p) => p.field === 'jsonld.inLanguage' && /does not name inLanguage/.test(p.problem),
    todo: false,
  },
  {
    name: 'a blank figure src in a fetched article (src attribute) becomes the article file\'s own URL, so the JSON is loaded as an image; inline and mount drop it',
    matches: (p) => p.field === 'native.figure.src' && p.vector === 'blank' && p.path === 'element-src',
    todo: false,
  },
  {
    // Seen only in WebKitGTK, on pages of 679 widgets fetched by src, almost always with other work
    // on the machine: 10 of about 3,750 page loads (`make trap-hunt` brings it on and counts it),
    // 8 of them in the first 1,350, 2 in the 2,400 since. Never in Chromium or Firefox (0 in 762
    // and 480 loads of the same pages under the same load), where this test fails if it happens.
    // The wasm reads a pointer that is not one while a component renders (ShareMenu, ArticleView,
    // LiveControls): memory found corrupt where it is read. It still came with each of these
    // turned off, so none of them is needed for it: maqal's own allocator (the standard one traps
    // too), JavaScriptCore's wasm OSR, its OMG inlining, its fast memory. A build whose heap
    // poisons each freed block and checks it when it is handed out again found no write after
    // free and no double free (Chromium 384 page loads, WebKit 590). Not yet found: whether the
    // cause is the engine's or ours.
    name: 'in WebKitGTK the wasm now and then traps with "Out of bounds memory access" on a page of many fetched widgets, which then say "maqal stopped on an internal error"',
    matches: (p) => p.trapped,
    todo: ENGINE === 'webkit' && 'cause not found yet: seen only in WebKitGTK, mostly under load, 10 in about 3,750 page loads (make trap-hunt)',
  },
];
/** The defect a page of widgets is under when its wasm trapped there (the last entry above). */
const TRAP = DEFECTS.at(-1);
/** What a trap leaves on the page: the error itself, and image requests of widgets it stopped. */
const TRAPPED_PAGE = /Out of bounds memory access|^unexpected img request/;
const STOPPED = 'maqal stopped on an internal error';

// Chromium tries every vector in every field on every path. Firefox and WebKit try every vector in
// every field too, but each vector on one path, dealt round the paths in turn: a fifth of the
// combinations, which keeps `make test` under 30 minutes on two cores. MAQAL_INJECTION=full tries
// all of them in any engine.
const FULL = ENGINE === 'chromium' || process.env.MAQAL_INJECTION === 'full';
/** The vectors tried on `path`, each with its index in the corpus. */
const vectorsOn = (path) => [...corpus.vectors.entries()].filter(([v]) => FULL || v % PATHS.length === PATHS.indexOf(path));

// The page's own script: __maqalPwned and dialogs recorded, every widget's outcome noted.
const HARNESS = `window.__maqal = { pwned: [], dialogs: [], settled: {}, errors: {}, thrown: [] };
window.__maqalPwned = (id) => { window.__maqal.pwned.push(String(id)); };
for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (...args) => { window.__maqal.dialogs.push(name + ' ' + args.join(' ')); };
window.open = (...args) => { window.__maqal.dialogs.push('open ' + args.join(' ')); return null; };
document.addEventListener('maqal-ready', (e) => { window.__maqal.settled[e.target.id] = 'ready'; }, true);
document.addEventListener('maqal-error', (e) => { window.__maqal.settled[e.target.id] = 'error'; window.__maqal.errors[e.target.id] = e.detail && e.detail.message; }, true);
`;

before(async () => {
  await made.ready;
  corpus = await loadInjection();
  tried.vectors = corpus.vectors.length;
  www = join(made.site.dir, 'www');
  await mkdir(join(www, 'img'), { recursive: true });
  const picture = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450"><rect width="800" height="450" fill="#ccd"/></svg>';
  await writeFile(join(www, 'img/base.svg'), picture);
  await writeFile(join(www, 'img/base-640.svg'), picture);
  await writeFile(join(www, 'harness.js'), HARNESS);
  ({ renderToString } = await import(join(made.site.modules, 'maqal/server/index.js')));
  const reference = await renderToString(corpus.base.native);
  stylesheet = reference.slice(reference.indexOf('<style>') + 7, reference.indexOf('</style>'));
  server = await serve({ mounts: { '/node_modules/': made.site.modules, '/': www } });
});

after(async () => {
  await server?.close();
});

/**
 * Writes one page for `batch` (fields) on `path`, with one widget per field and vector; returns
 * its URL, the widgets with their expectations, the elements the page is served with, and the
 * errors the server renderer gave (those articles are not on the page).
 */
async function buildPage(batch, path, number) {
  const slug = `${number}/${path}`;
  const dir = join(www, 'p', slug);
  await mkdir(dir, { recursive: true });
  const script = path !== 'server-script-off';
  // On WebKit the test server adds its console watcher's script to every page (engines.mjs).
  const watcher = ENGINE === 'webkit' ? 1 : 0;
  const elements = { html: 1, head: 1, meta: 1, link: 1, title: 1, body: 1, main: 1, p: 1, script: (script ? 2 : 0) + watcher };
  const count = (tag) => { elements[tag] = (elements[tag] ?? 0) + 1; };
  const widgets = [];
  const rendered = [];
  const bodies = [];
  const articles = {};
  for (const [f, field] of batch.entries()) {
    for (const [v, vector] of vectorsOn(path)) {
      const id = `f${f}v${v}`;
      const article = articleWith(corpus.base, field, vector.text);
      widgets.push({ id, field, vector, want: expectation(field, vector.text, path) });
      switch (path) {
        case 'element-inline':
          bodies.push(`<maqal-article id="${id}" loading="eager"><script type="application/json">${asciiJson(article)}</script></maqal-article>`);
          count('maqal-article');
          count('script');
          break;
        case 'element-src':
          await writeFile(join(dir, `${id}.json`), JSON.stringify(article));
          bodies.push(`<maqal-article id="${id}" loading="eager" src="${id}.json"></maqal-article>`);
          count('maqal-article');
          break;
        case 'mount':
          articles[id] = article;
          bodies.push(`<div id="${id}"></div>`);
          count('div');
          break;
        default: {
          let fragment;
          try {
            fragment = await renderToString(article);
          } catch (error) {
            rendered.push({ id, message: String(error?.message ?? error) });
            break;
          }
          bodies.push(fragment.replace(/^<maqal-article/, `<maqal-article id="${id}" loading="eager"`));
          count('maqal-article');
          count('script');
        }
      }
    }
  }
  let head = '';
  if (script) head += '<script src="/harness.js"></script>\n';
  if (path === 'mount') {
    await writeFile(join(dir, 'articles.json'), JSON.stringify(articles));
    head += `<script type="module">
import { init, mount } from '/node_modules/maqal/api.js';
await init();
const articles = await (await fetch('articles.json')).json();
for (const [id, article] of Object.entries(articles)) {
  try { mount(document.getElementById(id), article, {}); } catch (e) { window.__maqal.thrown.push(id + ': ' + e); }
}
</script>\n`;
  } else if (script) {
    head += '<script type="module" src="/node_modules/maqal/maqal.js"></script>\n';
  }
  const html = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>maqal injection: page ${number} (${path})</title>
${head}</head>
<body>
<main>
${bodies.join('\n')}
</main>
<p id="after">بعد المقالات</p>
</body>
</html>
`;
  await writeFile(join(dir, 'index.html'), html);
  return { url: `${server.origin}/p/${slug}/`, widgets, elements, rendered };
}

// Console lines a page may show: images that fail to load. The corpus's relative and http image
// URLs are allowed by docs/CONTRACT.md §1 (and hidden when they fail): they 404, name a closed
// port, are too long for the test server, or are not valid percent-encoding (Firefox sends those as written).
const EXPECTED_CONSOLE = /^console error: Failed to load resource: (the server responded with a status of (400|404|431)|net::ERR_CONNECTION_(REFUSED|RESET)|net::ERR_INVALID_URL|net::ERR_UNSAFE_PORT)/;

/** What inspectPage (corpus.mjs) needs to know about a page. */
const pageSpec = (href, ids, pageElements, server) => ({
  ids,
  allowed: ALLOWED,
  sharePrefixes: SHARE_PREFIXES,
  hostAttributes: ['id', 'loading', 'src'],
  stylesheet,
  server,
  pageElements,
  resources: ['/harness.js', '/node_modules/maqal/', '/p/', WATCH_PATH],
  href,
});

/** Loads the page of `batch` on `path`; returns the page's problems and each field's, by field id. */
async function runPage(batch, path, number) {
  const { url, widgets, elements, rendered } = await buildPage(batch, path, number);
  const { page, context, problems } = await openPage(made.browser, { javaScriptEnabled: path !== 'server-script-off', clipboard: false });
  const pageProblems = [];
  const failures = new Map(batch.map((field) => [field.id, { safety: [], content: [] }]));
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const onPage = widgets.filter((w) => !rendered.some((r) => r.id === w.id));
    if (path !== 'server-script-off') {
      await page.waitForFunction((n) => Object.keys(window.__maqal.settled).length >= n, onPage.length, { timeout: 300_000 });
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
      pageProblems.push(...(await page.evaluate(() => window.__maqal.thrown)).map((t) => `mount threw: ${t}`));
    }
    const result = await page.evaluate(inspectPage, pageSpec(url, onPage.map((w) => w.id), elements, path.startsWith('server')));
    pageProblems.push(...result.page, ...problems.filter((p) => !EXPECTED_CONSOLE.test(p)));
    // A wasm trap is counted under its own defect, with what follows from it; nothing else is.
    const trapped = pageProblems.some((p) => /^page error: Out of bounds memory access/.test(p));
    if (trapped) {
      if (!known.has(TRAP.name)) known.set(TRAP.name, []);
      known.get(TRAP.name).push(...pageProblems.filter((p) => TRAPPED_PAGE.test(p)).map((p) => `page ${number} (${path}): ${p.split('\n')[0]}`));
      pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !TRAPPED_PAGE.test(p)));
    }
    const byId = new Map(result.widgets.map((o) => [o.id, o]));
    for (const { id, field, vector, want } of widgets) {
      tried.combinations++;
      const note = (category, problem) => {
        const entry = { field: field.id, path, vector: vector.id, problem: typeof problem === 'string' ? problem : problem.entities, entities: typeof problem !== 'string' };
        entry.trapped = trapped && typeof problem === 'string' && problem.includes(STOPPED);
        const defect = DEFECTS.find((d) => d.matches(entry));
        if (defect) {
          if (!known.has(defect.name)) known.set(defect.name, []);
          known.get(defect.name).push(`${vector.id} in ${field.id} (${path}): ${entry.problem}`);
        } else {
          failures.get(field.id)[category].push(`${vector.id}: ${entry.problem}`);
        }
      };
      const renderError = rendered.find((r) => r.id === id);
      if (renderError) {
        if (!want.error) note('content', `the server renderer refused it: ${renderError.message}`);
        else if (want.error !== '*' && !renderError.message.includes(`${want.error}: `)) note('content', `the renderer's error does not name ${want.error}: ${renderError.message}`);
        continue;
      }
      const o = byId.get(id);
      for (const p of o.problems) note('safety', p);
      if (want.error) {
        if (o.state !== 'error') note('content', `expected an error naming ${want.error}, found ${o.state}`);
        else if (want.error !== '*') {
          if (!o.error.includes(`${want.error}: `)) note('content', `part="error" does not name ${want.error}: ${o.error}`);
          if (!(o.event ?? '').includes(`${want.error}: `)) note('content', `maqal-error does not name ${want.error}: ${o.event}`);
        }
        continue;
      }
      if (o.state !== 'article') {
        note('content', `expected the article, found ${o.state}${o.error ? `: ${o.error}` : ''}`);
        continue;
      }
      for (const check of want.checks) {
        const problem = check(o);
        if (problem) note('content', problem);
      }
    }
  } finally {
    await context.close();
  }
  tried.pages++;
  return { pageProblems, failures };
}

test('the page checks catch what a vector would do if it got through: run, add an attribute or element, a script URL, a load', async (t) => {
  const dir = join(www, 'p', 'control');
  await mkdir(dir, { recursive: true });
  const watcher = ENGINE === 'webkit' ? 1 : 0;
  await writeFile(join(dir, 'index.html'), `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>maqal injection: the checks themselves</title>
<script src="/harness.js"></script>
<script type="module" src="/node_modules/maqal/maqal.js"></script>
</head>
<body>
<main>
<maqal-article id="c0" loading="eager"><script type="application/json">${asciiJson(corpus.base.native)}</script></maqal-article>
</main>
<p id="after">بعد المقالات</p>
</body>
</html>
`);
  const url = `${server.origin}/p/control/`;
  const { page, context } = await openPage(made.browser, { clipboard: false });
  t.after(() => context.close());
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__maqal.settled.c0 === 'ready');
  const clean = await page.evaluate(inspectPage, pageSpec(url, ['c0'], { html: 1, head: 1, meta: 1, link: 1, title: 1, body: 1, main: 1, p: 1, script: 3 + watcher, 'maqal-article': 1 }, false));
  assert.deepEqual([...clean.page, ...clean.widgets[0].problems], [], 'the base article passes');
  // What a vector could do if it were parsed as HTML: the checks must see each.
  await page.evaluate(() => {
    const root = document.getElementById('c0').shadowRoot;
    root.querySelector('[part~="headline"]').insertAdjacentHTML('beforeend', '<img src="/maqal-pwned/control.png" onerror="__maqalPwned(\'control\')">');
    root.querySelector('[part~="share-target"]').setAttribute('href', 'javascript:__maqalPwned("href")');
    document.body.insertAdjacentHTML('beforeend', '<link rel="stylesheet" href="/maqal-pwned/control.css">');
  });
  await page.waitForFunction(() => window.__maqal.pwned.length > 0
    && performance.getEntriesByType('resource').some((e) => e.name.endsWith('control.css')));
  const caught = await page.evaluate(inspectPage, pageSpec(url, ['c0'], { html: 1, head: 1, meta: 1, link: 1, title: 1, body: 1, main: 1, p: 1, script: 3 + watcher, 'maqal-article': 1 }, false));
  const all = [...caught.page, ...caught.widgets[0].problems].join('\n');
  for (const pattern of [/__maqalPwned\('control'\) ran/, /<img> has attribute onerror/, /<a href> is not a share target/,
    /<a href> holds a script URL/, /the page has 2 <link>/, /unexpected link request .*control\.css/]) {
    assert.match(all, pattern);
  }
});

// Registered when the field table is read: per path, a page per batch of fields (pageBatches),
// and a test per field and per page.
const { fields } = JSON.parse(await readFile(join(ROOT, 'tests/corpus/fields.json'), 'utf8'));
tried.fields.native = fields.filter((f) => f.base === 'native').length;
tried.fields.jsonld = fields.filter((f) => f.base === 'jsonld').length;
const batches = pageBatches(fields);

for (const path of PATHS) {
  test(`injection corpus, ${path}`, async (t) => {
    for (const [n, batch] of batches.entries()) {
      const { pageProblems, failures } = await runPage(batch, path, n + 1);
      await t.test(`page ${n + 1} (${batch.length} fields x ${vectorsOn(path).length} vectors): nothing ran, loaded, navigated or logged an error`, () => {
        assert.deepEqual(pageProblems, []);
      });
      for (const field of batch) {
        await t.test(`${field.id}: only the widget's own elements and attributes, the vector shown as text`, () => {
          const { safety, content } = failures.get(field.id);
          assert.deepEqual(safety, [], 'no element, attribute or script URL from a vector');
          assert.deepEqual(content, [], 'each field shows its vector as text, refused URLs drop as documented');
        });
      }
    }
  });
}

for (const defect of DEFECTS) {
  test(`defect: ${defect.name}`, { todo: defect.todo && `defect, not fixed yet: ${typeof defect.todo === 'string' ? defect.todo : defect.name}` }, () => {
    const cases = known.get(defect.name) ?? [];
    assert.deepEqual(cases.slice(0, 40), [], `${cases.length} combinations`);
  });
}

test('counts', (t) => {
  const fieldCount = tried.fields.native + tried.fields.jsonld;
  const all = tried.vectors * fieldCount * PATHS.length;
  t.diagnostic(`${tried.vectors} vectors x ${fieldCount} fields (${tried.fields.native} native, ${tried.fields.jsonld} JSON-LD) x ${PATHS.length} paths = ${all} combinations; ${tried.combinations} tried on ${tried.pages} pages${FULL ? '' : ' (each vector on one path)'}`);
  assert.equal(tried.combinations, FULL ? all : tried.vectors * fieldCount, 'every combination (or every vector in every field) was tried');
  assert.ok(tried.vectors >= 60);
});
