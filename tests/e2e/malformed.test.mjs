// The malformed corpus (tests/corpus/malformed/manifest.json) through the element in a real
// browser: each document by `src` and as an inline JSON child, beside a healthy widget and a page
// script. An error shows part="error" naming the field (docs/FORMAT.md: "Errors name the field")
// and dispatches maqal-error with the same message (docs/CONTRACT.md §3); a partial or ok document
// shows what the manifest lists. Either way nothing else on the page breaks: no page error, the
// healthy widget renders, the page's own button still works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage, ROOT, serve } from './helpers.mjs';
import { useSite } from './site.mjs';
import { asciiJson, generatedShows, loadMalformed } from './corpus.mjs';

const made = useSite('malformed');
let www;
let server;

const HEALTHY = {
  lang: 'ar',
  headline: 'مقال سليم بجانب المقال المعطوب',
  blocks: [{ type: 'paragraph', text: 'هذه الفقرة تظهر مهما حدث للمقال الآخر.' }],
};

// The page's own script: every widget's outcome, and a button the page owns.
const HARNESS = `window.__maqal = { settled: {}, errors: {}, ready: {} };
document.addEventListener('maqal-ready', (e) => { window.__maqal.settled[e.target.id] = 'ready'; window.__maqal.ready[e.target.id] = (window.__maqal.ready[e.target.id] || 0) + 1; }, true);
document.addEventListener('maqal-error', (e) => { window.__maqal.settled[e.target.id] = 'error'; window.__maqal.errors[e.target.id] = e.detail && e.detail.message; }, true);
window.__clicks = 0;
document.addEventListener('DOMContentLoaded', () => document.getElementById('page-button').addEventListener('click', () => { window.__clicks++; }));
`;

// Registered from the manifest: one test per document.
const { documents } = JSON.parse(await readFile(join(ROOT, 'tests/corpus/malformed/manifest.json'), 'utf8'));

before(async () => {
  await made.ready;
  www = join(made.site.dir, 'www');
  await mkdir(www, { recursive: true });
  const loaded = await loadMalformed(join(www, 'docs'));
  for (const doc of documents) doc.bytes = loaded.find((d) => d.file === doc.file).bytes;
  // The picture the documents' figures name: img.svg, beside the documents and beside the pages.
  const picture = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4"><rect width="8" height="4"/></svg>';
  await writeFile(join(www, 'docs/img.svg'), picture);
  await writeFile(join(www, 'img.svg'), picture);
  await writeFile(join(www, 'harness.js'), HARNESS);
  server = await serve({ mounts: { '/node_modules/': made.site.modules, '/': www } });
});

after(async () => {
  await server?.close();
});

/** What the message must hold on `path` ('src' or 'inline'): "field: …", or the manifest's words. */
function wanted(doc, path) {
  if (doc.field) return [`${doc.field}: `];
  const contains = doc.contains;
  if (typeof contains === 'string') return [contains];
  if (Array.isArray(contains)) return contains;
  return [contains[path]];
}

/** Runs in the page: what widget `id` shows. */
function observe(id) {
  const root = document.getElementById(id)?.shadowRoot;
  const own = (el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join('');
  const texts = (name) => [...(root?.querySelectorAll(`[part~="${name}"]`) ?? [])].map(own);
  const error = root?.querySelector('[part~="error"]');
  return {
    state: root?.querySelector('[part~="article"]') ? 'article' : error ? 'error' : 'empty',
    error: error?.textContent ?? null,
    role: error?.getAttribute('role') ?? null,
    event: window.__maqal.errors[id] ?? null,
    ready: window.__maqal.ready[id] ?? 0,
    parts: Object.fromEntries(['headline', 'standfirst', 'paragraph', 'heading', 'figure', 'caption', 'kicker', 'meta', 'quote']
      .map((name) => [name, texts(name)])),
  };
}

// Documents the element does not yet treat as the manifest says: product defects, reported.
const DEFECTS = {
};

for (const doc of documents) {
  const paths = doc.inline === false ? ['src'] : ['src', 'inline'];
  const todo = DEFECTS[doc.file] ? `defect: ${DEFECTS[doc.file]}` : undefined;
  test(`${doc.file} (${doc.expect}): ${doc.note}`, { todo }, async (t) => {
    const text = doc.bytes.toString('utf8');
    assert.ok(!/<\/script|<!--/i.test(text), 'the document can sit inside a <script> element as it is');
    const page = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>maqal malformed: ${doc.file}</title>
<script src="/harness.js"></script>
<script type="module" src="/node_modules/maqal/maqal.js"></script>
</head>
<body>
<maqal-article id="src" loading="eager" src="/docs/${doc.file}"></maqal-article>
${paths.includes('inline') ? `<maqal-article id="inline" loading="eager"><script type="application/json">${text}</script></maqal-article>` : ''}
<maqal-article id="healthy" loading="eager"><script type="application/json">${asciiJson(HEALTHY)}</script></maqal-article>
<button id="page-button" type="button">زر الصفحة</button>
</body>
</html>
`;
    const name = `${doc.file.replace(/\.json$/, '')}.html`;
    await writeFile(join(www, name), page);
    const { page: tab, context, problems } = await openPage(made.browser, { clipboard: false });
    t.after(() => context.close());
    await tab.goto(`${server.origin}/${name}`, { waitUntil: 'domcontentloaded' });
    await tab.waitForFunction((ids) => ids.every((id) => window.__maqal.settled[id]), [...paths, 'healthy'], { timeout: 120_000 });

    for (const path of paths) {
      if (doc.expect === 'error') {
        const seen = await tab.evaluate(observe, path);
        assert.equal(seen.state, 'error', `${path}: an error, not ${seen.state}`);
        assert.equal(seen.role, 'alert', `${path}: part="error" is an alert`);
        for (const words of wanted(doc, path)) {
          assert.ok(seen.error.includes(words), `${path}: part="error" says ${JSON.stringify(words)}: ${seen.error}`);
          assert.ok(seen.event?.includes(words), `${path}: maqal-error says ${JSON.stringify(words)}: ${seen.event}`);
        }
        continue;
      }
      if (doc.generate) {
        // A big article may arrive in slices: its last paragraph is in the DOM eventually.
        const { count, last } = generatedShows(doc.generate);
        await tab.waitForFunction(([id, n]) => document.getElementById(id).shadowRoot
          ?.querySelectorAll('[part~="paragraph"]').length >= n, [path, count], { timeout: 120_000, polling: 250 });
        const seen = await tab.evaluate(observe, path);
        assert.equal(seen.state, 'article', `${path}: the article, not ${seen.state}: ${seen.error}`);
        assert.equal(seen.parts.paragraph.length, count, `${path}: every paragraph`);
        assert.equal(seen.parts.paragraph.at(-1), last, `${path}: the last paragraph, whole`);
        continue;
      }
      const seen = await tab.evaluate(observe, path);
      assert.equal(seen.state, 'article', `${path}: the article, not ${seen.state}: ${seen.error}`);
      assert.equal(seen.ready, 1, `${path}: maqal-ready once`);
      for (const [name, want] of Object.entries(doc.shows ?? {})) {
        assert.deepEqual(Array.isArray(want) ? seen.parts[name] : seen.parts[name][0], want, `${path}: part ${name}`);
      }
      for (const [name, n] of Object.entries(doc.count ?? {})) {
        assert.equal(seen.parts[name].length, n, `${path}: ${n} part ${name}`);
      }
    }

    // The rest of the page: the healthy widget, the page's own script, no errors.
    const healthy = await tab.evaluate(observe, 'healthy');
    assert.equal(healthy.state, 'article');
    assert.equal(healthy.parts.headline[0], HEALTHY.headline);
    await tab.locator('#page-button').click();
    assert.equal(await tab.evaluate(() => window.__clicks), 1, 'the page\'s own button still works');
    assert.deepEqual(problems, []);
  });
}

test('the manifest lists at least 32 documents, each with what must happen', () => {
  assert.ok(documents.length >= 32, `${documents.length} documents`);
  for (const doc of documents) {
    assert.ok(['error', 'partial', 'ok'].includes(doc.expect), doc.file);
    if (doc.expect === 'error') assert.ok(doc.field || doc.contains, `${doc.file}: which field or words the message holds`);
    else assert.ok(doc.generate || doc.shows, `${doc.file}: what must show`);
  }
});
