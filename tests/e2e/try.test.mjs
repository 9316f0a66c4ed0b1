// The try page (demo/try/, linked from the demo): an article picked or pasted, the element's options
// (README: Attributes, Styling), the widget live, the embed code (README: Usage, 2) and the
// server-rendered fragment (README: Usage, 1), as a user meets them. The built site (dist/) is
// served with the repo's demo/ over /demo/, so the page runs as it is now, without a rebuild.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ENGINE, launch, openPage, part, readClipboard, ROOT, serve, settled } from './helpers.mjs';

const SHOTS = join(ROOT, 'target/screenshots');
const PREVIEW = '#preview';
// The demo articles the page offers, and the direction each reads in; the page opens on the seed,
// so it comes last (each is then a change the test can wait for).
const SAMPLES = { long: 'rtl', en: 'ltr', fa: 'rtl', he: 'rtl', ur: 'rtl', fr: 'ltr', seed: 'rtl' };
// The share button's words for each `lang`, written here from the reader's side (docs/CONTRACT.md §2).
const SHARE_WORDS = {
  ar: 'نسخ الرابط', fa: 'کپی پیوند', ur: 'لنک کاپی کریں', he: 'העתקת הקישור', fr: 'Copier le lien', en: 'Copy link',
};
const WIDGET_ACCENT = 'rgb(179, 38, 30)';

// WebKitGTK's clipboard gives back U+00A0 (no-break space, which the seed article has) as a space.
const asPasted = (text) => (ENGINE === 'webkit' ? text.replaceAll('\u00a0', ' ') : text);

let server;
let browser;
const articles = {};

before(async () => {
  for (const name of Object.keys(SAMPLES)) {
    articles[name] = JSON.parse(await readFile(join(ROOT, `demo/articles/${name}.json`), 'utf8'));
  }
  // The demo's main page as the repo has it (dist/ holds it as last built).
  const index = await readFile(join(ROOT, 'index.html'), 'utf8');
  // axe-core as a file of the page's origin: the try page's CSP runs no inline script.
  const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'));
  server = await serve({
    routes: { '/axe.min.js': (req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(axe) },
    pages: { '/': index },
    mounts: { '/': join(ROOT, 'dist'), '/demo/': join(ROOT, 'demo'), '/demo/ssr/': join(ROOT, 'dist/demo/ssr') },
  });
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The try page, with its first article (the Arabic seed) drawn. */
async function openTry(options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(`${server.origin}/demo/try/`);
  assert.equal(await settled(opened.page, PREVIEW), 'ready');
  await headlineIs(opened.page, articles.seed.headline);
  return opened;
}

/** What a user's typing or choosing leaves: the new value, and the event the control sends. */
function setField(page, selector, value, event = 'input') {
  return page.locator(selector).evaluate((el, [value, event]) => {
    el.value = value;
    el.dispatchEvent(new Event(event, { bubbles: true }));
  }, [value, event]);
}

const paste = (page, text) => setField(page, '#article', text);
const valueOf = (page, selector) => page.locator(selector).evaluate((el) => el.value);

/** Waits until the preview's part `name` reads `text` (the page redraws a moment after typing). */
function partReads(page, name, text) {
  return page.waitForFunction(([name, text]) => {
    const el = document.querySelector('#preview').shadowRoot?.querySelector(`[part~="${name}"]`);
    return el?.textContent.trim() === text;
  }, [name, text], { timeout: 10_000 });
}

const headlineIs = (page, headline) => partReads(page, 'headline', headline);

/** A page of its own holding `code`, as a site would put the embed code in. */
const embedPage = (code) => `<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>maqal embed code</title></head>
<body>
${code}</body>
</html>`;

/** What the widget shows (the preview, or the page's one <maqal-article>), read in one call. */
const drawn = (page) => page.evaluate(() => {
  const root = document.querySelector('#preview, maqal-article').shadowRoot;
  const texts = (name) => [...root.querySelectorAll(`[part~="${name}"]`)].map((el) => el.textContent.trim());
  const share = root.querySelector('[part~="share-button"]');
  return {
    headline: texts('headline'), paragraphs: texts('paragraph'), captions: texts('caption'), share: texts('share-button'),
    images: [...root.querySelectorAll('img')].map((img) => img.src),
    dir: getComputedStyle(root.querySelector('[part~="article"]')).direction,
    colour: share && getComputedStyle(share).backgroundColor,
  };
});
const shareButtonColour = (page) => part(page, 'share-button', PREVIEW).evaluate((el) => getComputedStyle(el).backgroundColor);

test('the demo page links to the try page, which opens on the Arabic seed article, right to left', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${server.origin}/`);
  await page.locator('nav.demo-nav a[href="demo/try/"]').click();
  await page.waitForFunction(() => location.pathname === '/demo/try/' && document.readyState === 'complete');
  assert.equal(await settled(page, PREVIEW), 'ready');
  await headlineIs(page, articles.seed.headline);
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await part(page, 'article', PREVIEW).evaluate((el) => getComputedStyle(el).direction), 'rtl');
  assert.equal(await page.locator('[data-sample="seed"]').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(JSON.parse(await valueOf(page, '#article')).headline, articles.seed.headline, 'the article is in the editor');
  // No cookie, no storage; problems would hold any third-party request or console error.
  assert.deepEqual(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]), ['', 0, 0]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe-core finds no accessibility violations on the try page, with the server fragment shown', async () => {
  const { page, context } = await openTry();
  await page.locator('#server-show').click();
  await page.waitForFunction(() => document.querySelector('#server').value !== '');
  await page.addScriptTag({ url: '/axe.min.js' });
  const violations = await page.evaluate(async () => (await axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, []);
  await context.close();
});

test('each demo article, picked, shows its headline in its own direction, its figures with their captions', async () => {
  const { page, problems, context } = await openTry();
  for (const [name, dir] of Object.entries(SAMPLES)) {
    await page.locator(`[data-sample="${name}"]`).click();
    await headlineIs(page, articles[name].headline);
    const captions = articles[name].blocks.filter((b) => b.type === 'figure').map((f) => f.caption + (f.credit ?? ''));
    const shown = await drawn(page);
    assert.deepEqual({ dir: shown.dir, captions: shown.captions }, { dir, captions }, name);
    assert.equal(await page.locator('[aria-pressed="true"]').getAttribute('data-sample'), name);
  }
  // The long-form article: seven figures, each a local picture that loads.
  await page.locator('[data-sample="long"]').click();
  await headlineIs(page, articles.long.headline);
  const loaded = await part(page, 'figure', PREVIEW).locator('img').evaluateAll((imgs) => Promise.all(imgs.map((img) => {
    img.loading = 'eager';
    return img.decode().then(() => img.naturalWidth > 0 && new URL(img.src).origin === location.origin, () => false);
  })));
  assert.deepEqual(loaded, Array(7).fill(true));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language option changes the share button\'s words', async () => {
  const { page, problems, context } = await openTry();
  for (const [lang, words] of Object.entries(SHARE_WORDS)) {
    await setField(page, '#lang', lang, 'change');
    await partReads(page, 'share-button', words);
  }
  await setField(page, '#lang', '', 'change');
  await partReads(page, 'share-button', SHARE_WORDS.ar); // the article's language again
  assert.deepEqual(problems, []);
  await context.close();
});

test('the brand colour paints the share button, and the default colour comes back', async () => {
  const { page, problems, context } = await openTry();
  assert.equal(await shareButtonColour(page), WIDGET_ACCENT);
  await setField(page, '#accent', '#006c5b');
  assert.equal(await shareButtonColour(page), 'rgb(0, 108, 91)');
  assert.match(await valueOf(page, '#embed'), /<maqal-article style="--maqal-accent: #006c5b">/);
  await page.locator('#accent-reset').click();
  assert.equal(await shareButtonColour(page), WIDGET_ACCENT);
  assert.doesNotMatch(await valueOf(page, '#embed'), /style=/, 'the default colour is not written out');
  assert.deepEqual(problems, []);
  await context.close();
});

test('share URL and UTM campaign reach the share-target links and the copied embed code', async () => {
  const { page, problems, context } = await openTry();
  const shareUrl = 'https://example.com/news/123?id=7&section=world';
  await setField(page, '#share-url', shareUrl);
  await setField(page, '#utm-campaign', 'ramadan-2027');
  await page.waitForFunction(() => document.querySelector('#embed').value.includes('utm-campaign='));
  await part(page, 'share-menu-button', PREVIEW).click();
  await part(page, 'share-target', PREVIEW).first().waitFor();
  const links = await part(page, 'share-target', PREVIEW).evaluateAll((links) => links.map((a) => [a.dataset.target, decodeURIComponent(a.href)]));
  assert.equal(links.length, 5);
  for (const [target, href] of links) {
    assert.ok(href.includes(`${shareUrl}&utm_source=${target}&utm_medium=share&utm_campaign=ramadan-2027`), `${target}: ${href}`);
  }
  await page.keyboard.press('Escape');
  // The widget's own copy button: the share URL, which carries no campaign (docs/CONTRACT.md §2).
  await part(page, 'share-button', PREVIEW).click();
  await part(page, 'toast', PREVIEW).getByText('تم نسخ الرابط').waitFor();
  assert.equal(await readClipboard(page), shareUrl);
  await page.locator('#copy-embed').click();
  await page.locator('#embed-status').getByText('نُسخت شيفرة التضمين').waitFor();
  const code = await readClipboard(page);
  assert.equal(code, asPasted(await valueOf(page, '#embed')));
  assert.match(code, /^<script type="module" src="\/maqal\/maqal.js"><\/script>\n/);
  assert.match(code, /<maqal-article share-url="https:\/\/example.com\/news\/123\?id=7&amp;section=world" utm-campaign="ramadan-2027">/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a broken article shows the widget\'s own message, naming the field', async () => {
  const { page, problems, context } = await openTry({ viewport: { width: 390, height: 844 } });
  const cases = [
    [JSON.stringify({ headline: 42, blocks: [{ type: 'paragraph', text: 'نص' }] }), 'headline: expected a string, found a number'],
    [JSON.stringify({ headline: 'عنوان', blocks: [{ type: 'paragraph', text: 'نص' }, { type: 'figure', src: 5 }] }), 'blocks[1].src: expected a string, found a number'],
    [JSON.stringify({ headline: 'عنوان', blocks: [] }), 'blocks'],
    ['{ "headline": "عنوان", "blocks": [{ "type": "paragr', 'not valid JSON'],
  ];
  for (const [text, message] of cases) {
    await paste(page, text);
    await page.waitForFunction((message) => document.querySelector('#preview').shadowRoot
      .querySelector('[part~="error"]')?.textContent.includes(message), message, { timeout: 10_000 });
    assert.ok((await page.locator('#article-status').textContent()).includes(message), 'the page repeats it by the editor');
    assert.equal(await page.locator('[aria-pressed="true"]').count(), 0, 'no demo article is marked once edited');
  }
  await page.screenshot({ path: join(SHOTS, 'try-error-390.png') });
  // Good again: the message goes.
  await paste(page, JSON.stringify(articles.en));
  await headlineIs(page, articles.en.headline);
  assert.equal(await page.locator('#article-status').textContent(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('HTML in a pasted article shows as text, in the widget, the embed code and its page, and the server fragment; nothing runs', async () => {
  const { page, problems, context } = await openTry();
  const injection = {
    kicker: '<b>عاجل</b>',
    headline: '<img src=x onerror="window.__pwned=1">',
    blocks: [{ type: 'paragraph', text: '</script><script>window.__pwned=2</script><!--' }],
  };
  await page.evaluate(() => { window.__pwned = 0; });
  await paste(page, JSON.stringify(injection));
  await headlineIs(page, injection.headline);
  assert.equal(await part(page, 'kicker', PREVIEW).textContent(), injection.kicker);
  assert.equal((await part(page, 'paragraph', PREVIEW).textContent()).trim(), injection.blocks[0].text);
  const elements = () => page.evaluate(() => {
    const all = (root) => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
    return all(document).filter((el) => ['IMG', 'B', 'SCRIPT'].includes(el.tagName) && !el.closest('head'))
      .map((el) => el.tagName + (el.getAttribute('src') ?? ''));
  });
  const code = await valueOf(page, '#embed');
  assert.equal(code.split('</script>').length, 3, 'the article\'s </script> cannot end the JSON child');
  assert.ok(code.includes('\\u003cimg src=x'), code);

  await page.locator('#server-show').click();
  await page.waitForFunction(() => document.querySelector('#server').value.includes('<maqal-article'));
  assert.ok((await valueOf(page, '#server')).includes('\\u003c/script\\u003e'));
  await page.waitForTimeout(300); // room for an image error handler, were there an image
  assert.deepEqual(await elements(), [], 'no element made from the article');
  assert.equal(await page.evaluate(() => window.__pwned), 0);

  // The embed code as a page of its own, without the try page's CSP: still only text.
  server.pages['/embed/injection.html'] = embedPage(code);
  await page.goto(`${server.origin}/embed/injection.html`);
  assert.equal(await settled(page), 'ready');
  assert.equal(await part(page, 'headline').textContent(), injection.headline);
  assert.equal((await part(page, 'paragraph').textContent()).trim(), injection.blocks[0].text);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok(!server.requests.some((r) => /\/x$/.test(r.path)), 'the img src=x was never requested');
  assert.deepEqual(problems, [], 'not even a script the CSP had to stop');
  await context.close();
});

test('the copied embed code, as a page of its own, renders the same article with the same options', async () => {
  const { page, problems, context } = await openTry();
  await page.locator('[data-sample="en"]').click();
  await headlineIs(page, articles.en.headline);
  await setField(page, '#lang', 'fr', 'change');
  await setField(page, '#share-url', 'https://example.com/news/fr-123');
  await setField(page, '#accent', '#1f5fa8');
  await page.waitForFunction(() => document.querySelector('#embed').value.includes('share-url='));
  await partReads(page, 'share-button', SHARE_WORDS.fr);
  const before = await drawn(page);
  await page.locator('#copy-embed').click();
  await page.locator('#embed-status').getByText('نُسخت شيفرة التضمين').waitFor();
  const code = await readClipboard(page);
  server.pages['/embed/copied.html'] = embedPage(code);
  await page.goto(`${server.origin}/embed/copied.html`);
  assert.equal(await settled(page), 'ready');
  const after = await drawn(page);
  assert.deepEqual(after, before);
  assert.equal(after.colour, 'rgb(31, 95, 168)');
  await part(page, 'share-button').click();
  await part(page, 'toast').getByText('Lien copié').waitFor();
  assert.equal(await readClipboard(page), 'https://example.com/news/fr-123');
  const lead = part(page, 'figure').first().locator('img');
  assert.equal(await lead.evaluate((img) => img.decode().then(() => img.naturalWidth > 0, () => false)), true, 'the picture loads from the embedding page');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the server fragment loads only when asked for, holds the headline, follows changes and copies', async () => {
  const since = server.requests.length;
  const { page, problems, context } = await openTry();
  const serverFiles = () => server.requests.slice(since).filter((r) => r.path.startsWith('/maqal/server/')).length;
  assert.equal(serverFiles(), 0, 'the renderer is not fetched with the page');
  assert.equal(await page.locator('#server').isVisible(), false);
  await setField(page, '#share-url', 'https://example.com/news/123');
  await page.locator('#server-show').click();
  await page.waitForFunction(() => document.querySelector('#server').value.startsWith('<maqal-article'));
  let html = await valueOf(page, '#server');
  assert.ok(html.startsWith('<maqal-article share-url="https://example.com/news/123"><template shadowrootmode="open">'), html.slice(0, 120));
  assert.ok(html.includes(`>${articles.seed.headline}</h1>`), 'the headline, as HTML text');
  assert.ok(serverFiles() >= 2, 'the renderer and its wasm, now');
  assert.match(await page.locator('#server-csp').textContent(), /style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);

  await page.locator('[data-sample="he"]').click();
  await page.waitForFunction((headline) => document.querySelector('#server').value.includes(headline), articles.he.headline);
  html = await valueOf(page, '#server');
  assert.ok(html.includes('lang="he"'), 'the Hebrew article now');
  await page.locator('#copy-server').click();
  await page.locator('#server-copy-status').getByText('نُسخ HTML الخادم').waitFor();
  assert.equal(await readClipboard(page), asPasted(html));

  await paste(page, '{"headline": 7, "blocks": []}');
  await page.locator('#server-status').getByText('headline: expected a string', { exact: false }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

for (const width of [1200, 390]) {
  test(`screenshots at ${width} px: the Arabic articles, then an English one left to right; nothing scrolls sideways`, async () => {
    const { page, problems, context } = await openTry({ viewport: { width, height: 900 } });
    const shot = async (name) => {
      await part(page, 'figure', PREVIEW).first().locator('img').evaluate((img) => img.decode().catch(() => {}));
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, `${name}: no sideways scrolling`);
      const box = await part(page, 'article', PREVIEW).boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width, `${name}: the widget fits (${box.x}, ${box.width})`);
      await page.screenshot({ path: join(SHOTS, `try-${name}-${width}.png`), fullPage: width < 1200 });
    };
    await shot('ar');
    for (const name of ['long', 'en']) {
      await page.locator(`[data-sample="${name}"]`).click();
      await headlineIs(page, articles[name].headline);
      await page.evaluate(() => scrollTo(0, 0));
      await shot(name);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
