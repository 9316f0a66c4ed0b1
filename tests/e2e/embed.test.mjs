// The npm package as an embedder meets it: installed from the packed tarball (`make package`),
// served unbundled from a static host, and put in hostile, strict and busy pages, in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINE, openPage, part, readClipboard, serve, settled, trimmed } from './helpers.mjs';
import { ARTICLE, ENTRY, htmlPage, inlineArticle, inlineJson, SVG, useSite } from './site.mjs';

const made = useSite('embed'); // a fresh project with the tarball installed: node_modules/maqal
let pageCount = 0;

// ---------------------------------------------------------------- articles and pages

const ARTICLE_B = {
  lang: 'ar',
  headline: 'الأمطار تعود إلى العاصمة بعد أسابيع من الجفاف',
  blocks: [{ type: 'paragraph', text: 'هطلت أمطار غزيرة على العاصمة مساء أمس للمرة الأولى منذ أسابيع.' }],
};

const inline = inlineArticle;
// `icon`: under `default-src 'self'` a data: icon is itself a CSP violation, so that page uses its own.
const html = (body, head = '', icon = 'data:,') => htmlPage({ body, head, icon });

/**
 * Serves this test's `pages` (HTML) and `files` (written to a fresh folder) next to the installed
 * package at /node_modules/, and opens a fresh context; both are closed when the test ends.
 */
async function open(t, { pages = {}, files = {}, headers = {} } = {}) {
  const dir = join(made.site.dir, `www-${++pageCount}`);
  await mkdir(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  }
  const server = await serve({ mounts: { '/node_modules/': made.site.modules, '/': dir }, pages, headers });
  const opened = await openPage(made.browser);
  t.after(async () => {
    await opened.context.close();
    await server.close();
  });
  return { ...opened, origin: server.origin };
}

/** Sets an attribute and waits for the re-render it causes: 'ready', or the maqal-error message. */
function setAttribute(locator, name, value) {
  return locator.evaluate((el, [name, value]) => new Promise((ok) => {
    el.addEventListener('maqal-ready', () => ok('ready'), { once: true });
    el.addEventListener('maqal-error', (e) => ok(e.detail.message), { once: true });
    el.setAttribute(name, value);
  }), [name, value]);
}

/** Waits for the render (settled() says 'done' if it was already there, 'ready' if it waited), then checks it is an article. */
async function rendered(page, host = 'maqal-article') {
  await settled(page, host);
  const error = part(page, 'error', host);
  if (await error.count()) assert.fail(`${host} shows an error instead of the article: ${await error.first().textContent()}`);
  assert.equal(await part(page, 'article', host).count(), 1, `${host} rendered one article`);
}

async function visible(locator, what) {
  const box = await locator.boundingBox();
  assert.ok(box && box.height > 0 && box.width > 0, `${what} is visible (box: ${JSON.stringify(box)})`);
}

// ---------------------------------------------------------------- tests

test('the npm tarball installs offline and works unbundled: the element entry, and the API entry without side effects', async (t) => {
  const installed = join(made.site.modules, 'maqal');
  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'maqal');
  assert.equal(manifest.type, 'module');
  for (const entry of ['.', './api']) {
    const target = manifest.exports?.[entry]?.default ?? manifest.exports?.[entry];
    assert.equal(typeof target, 'string', `exports["${entry}"] names a file`);
    await access(join(installed, target));
  }
  for (const file of ['maqal.js', 'api.js', 'maqal_glue.js', 'maqal_bg.wasm', 'maqal_live_glue.js', 'maqal_live_bg.wasm', 'maqal.d.ts', 'element.d.ts', 'README.md', 'LICENSE']) {
    await access(join(installed, file));
  }

  const { page, problems, origin } = await open(t, {
    pages: {
      '/a.html': `<!doctype html>\n<link rel="icon" href="data:,">\n${ENTRY}\n${inline(ARTICLE)}\n`,
      '/b.html': html('<div id="story"></div>', `
<script type="importmap">{ "imports": { "maqal/api": "/node_modules/maqal/api.js" } }</script>
<script type="module">
  import { init, mount } from 'maqal/api';
  window.sideEffects = {
    defined: customElements.get('maqal-article') !== undefined,
    wasmFetched: performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')),
  };
  await init();
  await init(); // again: harmless
  window.handle = mount(document.querySelector('#story'), ${inlineJson(ARTICLE)}, { lang: 'en' });
</script>`),
    },
  });

  // Page A: one script tag, one element.
  await page.goto(`${origin}/a.html`);
  await rendered(page);
  assert.equal(await part(page, 'headline').textContent(), ARTICLE.headline);
  assert.equal(await part(page, 'article').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  assert.equal(await part(page, 'paragraph').count(), 2);

  // Page B: the API through an import map; importing it defines and fetches nothing.
  await page.goto(`${origin}/b.html`);
  const story = page.locator('#story');
  await story.locator('[part~="headline"]').waitFor();
  assert.deepEqual(await page.evaluate(() => window.sideEffects), { defined: false, wasmFetched: false });
  assert.equal(await story.locator('[part~="headline"]').textContent(), ARTICLE.headline);
  assert.equal(await trimmed(story.locator('[part~="share-button"]')), 'Copy link');
  const after = await page.evaluate(() => {
    window.handle.unmount();
    window.handle.unmount(); // twice: harmless
    const root = document.querySelector('#story').shadowRoot;
    return { children: root.childNodes.length, sheets: root.adoptedStyleSheets.length, defined: customElements.get('maqal-article') !== undefined };
  });
  assert.deepEqual(after, { children: 0, sheets: 0, defined: false });
  assert.deepEqual(problems, []);
});

test('hostile host CSS does not reach inside: text stays visible, right to left, unspaced, uncoloured', async (t) => {
  const { page, problems, origin } = await open(t, {
    pages: {
      '/': html(`${ENTRY}\n${inline(ARTICLE)}`, `<style>
  * { direction: ltr !important; color: red !important; letter-spacing: 3px !important }
  article, p { display: none !important }
</style>`),
    },
  });
  await page.goto(`${origin}/`);
  await rendered(page);
  await visible(part(page, 'headline'), 'the headline');
  const paragraphs = part(page, 'paragraph');
  assert.equal(await paragraphs.count(), 2);
  for (const p of await paragraphs.all()) await visible(p, 'a paragraph');
  assert.equal(await part(page, 'article').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  assert.deepEqual(await paragraphs.evaluateAll((ps) => ps.map((p) => getComputedStyle(p).direction)), ['rtl', 'rtl']);
  const headline = await part(page, 'headline').evaluate((el) => {
    const style = getComputedStyle(el);
    return { letterSpacing: style.letterSpacing, color: style.color };
  });
  assert.ok(['normal', '0px'].includes(headline.letterSpacing), `headline letter-spacing is ${headline.letterSpacing}`);
  assert.notEqual(headline.color, 'rgb(255, 0, 0)');
  assert.deepEqual(problems, []);
});

test('under a strict CSP (self + wasm-unsafe-eval only) it renders and shares with no violation', async (t) => {
  const { page, problems, origin } = await open(t, {
    headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'" },
    files: {
      'csp-watch.js': `window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
`,
      'article.json': { ...ARTICLE, blocks: [...ARTICLE.blocks, { type: 'figure', src: 'img.svg', alt: 'قاعة المكتبة', caption: 'قاعة القراءة', width: 800, height: 450 }] },
      'img.svg': SVG,
      'icon.svg': SVG,
    },
    pages: {
      '/': html('<maqal-article src="/article.json"></maqal-article>', `<script src="/csp-watch.js"></script>\n${ENTRY}`, '/icon.svg'),
    },
  });
  await page.goto(`${origin}/`);
  await rendered(page);
  assert.equal(await part(page, 'headline').textContent(), ARTICLE.headline);
  await visible(part(page, 'headline'), 'the headline');
  const width = await part(page, 'figure').locator('img').evaluate((img) => img.decode().then(() => img.naturalWidth, () => 0));
  // WebKit gives an SVG image's naturalWidth as the width it is drawn at, not the file's 800.
  if (ENGINE === 'webkit') assert.ok(width > 0, 'the image loads'); else assert.equal(width, 800);
  await part(page, 'share-button').click();
  await part(page, 'toast').getByText('تم نسخ الرابط').waitFor();
  assert.equal(await readClipboard(page), `${origin}/`);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  // The watcher does see violations (so the empty list above means something): make one on purpose.
  const seen = await page.evaluate(() => new Promise((ok) => {
    document.addEventListener('securitypolicyviolation', () => ok(window.__violations.length), { once: true });
    document.head.append(Object.assign(document.createElement('style'), { textContent: 'p {}' }));
  }));
  assert.equal(seen, 1);
});

test('three elements on one page share their own links and send their own maqal-share', async (t) => {
  const links = {
    a: ['https://example.com/a?utm_source=x', 'https://example.com/a'],
    b: ['https://example.com/b#frag', 'https://example.com/b'],
    c: ['https://example.com/c', 'https://example.com/c'],
  };
  const body = Object.entries(links).map(([id, [shareUrl]]) => inline(ARTICLE, ` id="${id}" share-url="${shareUrl}"`)).join('\n');
  const { page, problems, origin } = await open(t, { pages: { '/': html(`${ENTRY}\n${body}`) } });
  await page.goto(`${origin}/`);
  for (const id of Object.keys(links)) await rendered(page, `#${id}`);
  await page.evaluate((ids) => {
    window.shares = {};
    for (const id of ids) {
      window.shares[id] = [];
      document.getElementById(id).addEventListener('maqal-share', (e) => window.shares[id].push(e.detail));
    }
  }, Object.keys(links));
  for (const [id, [, cleaned]] of Object.entries(links)) {
    await part(page, 'share-button', `#${id}`).click();
    await part(page, 'toast', `#${id}`).getByText('تم نسخ الرابط').waitFor();
    assert.equal(await readClipboard(page), cleaned, `#${id} copies its own link`);
  }
  const expected = Object.fromEntries(Object.entries(links).map(([id, [, url]]) => [id, [{ url, method: 'clipboard', ok: true }]]));
  assert.deepEqual(await page.evaluate(() => window.shares), expected);
  assert.deepEqual(problems, []);
});

test('from-page reads the page JSON-LD @graph NewsArticle: two authors, two paragraphs, the image caption', async (t) => {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage' },
      {
        '@type': 'NewsArticle',
        headline: 'المدارس تستقبل طلابها في أول أيام العام الدراسي',
        inLanguage: 'ar',
        author: [{ '@type': 'Person', name: 'أحمد علي' }, { '@type': 'Person', name: 'منى حسن' }],
        articleBody: 'عاد أكثر من مليون طالب إلى مدارسهم صباح اليوم.\n\nوأكدت الوزارة جاهزية جميع المدارس لاستقبال الطلاب.',
        image: { '@type': 'ImageObject', url: '/img.svg', caption: 'طلاب في ساحة إحدى المدارس', width: 800, height: 450 },
      },
    ],
  };
  const { page, problems, origin } = await open(t, {
    files: { 'img.svg': SVG },
    pages: { '/': html('<maqal-article from-page></maqal-article>', `<script type="application/ld+json">${inlineJson(jsonLd)}</script>\n${ENTRY}`) },
  });
  await page.goto(`${origin}/`);
  await rendered(page);
  assert.equal(await part(page, 'headline').textContent(), 'المدارس تستقبل طلابها في أول أيام العام الدراسي');
  assert.equal(await part(page, 'meta').textContent(), 'أحمد علي، منى حسن');
  assert.equal(await part(page, 'paragraph').count(), 2);
  assert.equal(await part(page, 'caption').textContent(), 'طلاب في ساحة إحدى المدارس');
  const order = await part(page, 'article').evaluate((el) => [...el.querySelectorAll('[part~=paragraph],[part~=figure]')].map((e) => e.getAttribute('part')));
  assert.deepEqual(order, ['paragraph', 'figure', 'paragraph'], 'the figure goes after the first paragraph');
  assert.deepEqual(problems, []);
});

test('changing src, lang and share-url re-renders the element', async (t) => {
  const { page, problems, origin } = await open(t, {
    files: { 'a.json': ARTICLE, 'b.json': ARTICLE_B },
    pages: { '/': html(`${ENTRY}\n<maqal-article src="/a.json"></maqal-article>`) },
  });
  await page.goto(`${origin}/`);
  await rendered(page);
  const element = page.locator('maqal-article');
  assert.equal(await part(page, 'headline').textContent(), ARTICLE.headline);
  assert.equal(await trimmed(part(page, 'share-button')), 'نسخ الرابط');

  assert.equal(await setAttribute(element, 'src', '/b.json'), 'ready');
  assert.equal(await part(page, 'headline').textContent(), ARTICLE_B.headline);

  assert.equal(await setAttribute(element, 'lang', 'en'), 'ready');
  assert.equal(await trimmed(part(page, 'share-button')), 'Copy link');

  assert.equal(await setAttribute(element, 'share-url', 'https://example.com/new'), 'ready');
  await part(page, 'share-button').click();
  await part(page, 'toast').getByText('Link copied').waitFor();
  assert.equal(await readClipboard(page), 'https://example.com/new');
  assert.equal(await part(page, 'article').count(), 1, 'one article, not one per render');
  assert.deepEqual(problems, []);
});

test('removing the element empties its shadow root; putting it back renders it again', async (t) => {
  const { page, problems, origin } = await open(t, { pages: { '/': html(`${ENTRY}\n<main>${inline(ARTICLE)}</main>`) } });
  await page.goto(`${origin}/`);
  await rendered(page);
  await page.evaluate(() => {
    window.element = document.querySelector('maqal-article');
    window.element.remove();
  });
  await page.waitForFunction(() => window.element.shadowRoot.childNodes.length === 0, null, { timeout: 2000 });
  assert.equal(await page.evaluate(() => window.element.shadowRoot.adoptedStyleSheets.length), 0);
  const back = await page.evaluate(() => new Promise((ok) => {
    window.element.addEventListener('maqal-ready', () => ok('ready'), { once: true });
    window.element.addEventListener('maqal-error', (e) => ok(e.detail.message), { once: true });
    document.querySelector('main').append(window.element);
  }));
  assert.equal(back, 'ready');
  await visible(part(page, 'headline'), 'the headline, back');
  assert.equal(await part(page, 'article').count(), 1);
  assert.deepEqual(problems, []);
});

test('a failed fetch shows part=error and sends maqal-error; other elements on the page still render', async (t) => {
  const { page, problems, origin } = await open(t, {
    pages: {
      '/': html(`${ENTRY}
<maqal-article id="missing" src="/missing.json"></maqal-article>
${inline(ARTICLE, ' id="fine"')}
<maqal-article id="html" src="/soft-404"></maqal-article>`, `<script>
  window.errors = [];
  document.addEventListener('maqal-error', (e) => window.errors.push({ id: e.target.id, message: e.detail.message }));
</script>`),
      '/soft-404': '<!doctype html><title>Not found</title><p>This page does not exist.</p>',
    },
  });
  await page.goto(`${origin}/`);
  for (const id of ['missing', 'fine', 'html']) await settled(page, `#${id}`);

  const missing = part(page, 'error', '#missing');
  await visible(missing, 'the 404 error');
  assert.match(await missing.textContent(), /404/);
  const notJson = part(page, 'error', '#html');
  await visible(notJson, 'the not-JSON error');
  assert.match(await notJson.textContent(), /an HTML page, not article JSON/);

  const errors = await page.evaluate(() => window.errors);
  assert.deepEqual(errors.map((e) => e.id).sort(), ['html', 'missing']);
  assert.match(errors.find((e) => e.id === 'missing').message, /404/);
  assert.match(errors.find((e) => e.id === 'html').message, /an HTML page, not article JSON/);

  assert.equal(await part(page, 'headline', '#fine').textContent(), ARTICLE.headline);
  assert.equal(await part(page, 'error', '#fine').count(), 0);
  const expected = 'console error: Failed to load resource: the server responded with a status of 404 (Not Found)';
  assert.deepEqual(problems.filter((p) => p !== expected), []);
  // Chromium logs the failed load on the console; Firefox (over WebDriver BiDi) and WebKit (seen
  // from inside the page) do not report such browser messages, so there the filter has nothing to take.
  if (ENGINE === 'chromium') assert.equal(problems.length, 1, 'the one expected 404 is logged');
});

test('loading the entry twice and calling defineElement again is harmless: one definition, one render', async (t) => {
  const { page, problems, origin } = await open(t, {
    pages: {
      '/': html(inline(ARTICLE), `<script>
  window.readies = 0;
  document.addEventListener('maqal-ready', () => window.readies++);
</script>
<script type="module" src="/node_modules/maqal/maqal.js"></script>
<script type="module" src="/node_modules/maqal/maqal.js?again=1"></script>
<script type="module">
  import { defineElement } from '/node_modules/maqal/api.js';
  import * as copy from '/node_modules/maqal/api.js?copy=2';
  // maqal.js defines the element once its code has arrived (it loads the API dynamically).
  const defined = await customElements.whenDefined('maqal-article');
  window.redefined = { same: defineElement() === defined, copySame: copy.defineElement() === defined };
</script>`),
    },
  });
  await page.goto(`${origin}/`);
  await rendered(page);
  await page.waitForTimeout(300); // room for a second render, if there were one
  assert.deepEqual(await page.evaluate(() => window.redefined), { same: true, copySame: true });
  assert.equal(await page.evaluate(() => window.readies), 1, 'maqal-ready once');
  assert.equal(await part(page, 'article').count(), 1);
  assert.equal(await part(page, 'headline').textContent(), ARTICLE.headline);
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length);
  assert.equal(wasm, 1, 'the wasm is fetched once');
  assert.deepEqual(problems, []);
});

test('far below the fold an element waits for the reader to come near; near ones and loading="eager" do not', async (t) => {
  const { page, problems, origin } = await open(t, {
    files: { 'near.json': ARTICLE, 'far.json': ARTICLE_B, 'eager.json': ARTICLE_B },
    pages: {
      '/': html(`<maqal-article id="near" src="/near.json"></maqal-article>
        <div style="block-size: 5000px"></div>
        <maqal-article id="far" src="/far.json"></maqal-article>
        <maqal-article id="eager" src="/eager.json" loading="eager"></maqal-article>`, ENTRY),
    },
  });
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${origin}/`);
  await rendered(page, '#near');
  await rendered(page, '#eager');
  await page.waitForTimeout(400);
  assert.equal(await page.locator('#far').evaluate((el) => el.shadowRoot?.childNodes.length ?? 0), 0, 'the far element has not rendered');
  assert.ok(!fetched.includes('/far.json'), 'nor fetched its article');
  assert.equal(fetched.filter((p) => p === '/near.json').length, 1, 'the early fetch is the only fetch');
  await page.locator('#far').scrollIntoViewIfNeeded();
  await rendered(page, '#far');
  assert.equal(fetched.filter((p) => p === '/far.json').length, 1);
  assert.deepEqual(problems, []);
});

test('a src that is not a URL shows an error naming it, and the element still follows its attributes', async (t) => {
  const { page, problems, origin } = await open(t, {
    files: { 'a.json': ARTICLE },
    pages: { '/': html('<maqal-article src="http://[x"></maqal-article>', ENTRY) },
  });
  await page.goto(`${origin}/`);
  assert.equal(await settled(page), 'error');
  assert.match(await part(page, 'error').textContent(), /src: "http:\/\/\[x" is not a URL/);
  assert.equal(await setAttribute(page.locator('maqal-article'), 'src', '/a.json'), 'ready');
  assert.equal(await part(page, 'headline').textContent(), ARTICLE.headline);
  assert.deepEqual(problems, []);
});
