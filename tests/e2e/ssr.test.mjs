// The article in the HTML (docs/CONTRACT.md §4): the fragment that `maqal render` writes, read with
// script off, brought to life with script on (nodes kept, nothing moves, sharing works), and
// under a strict CSP; the three renderers agree. Debian's Chromium, the built pkg/ and the command.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINE, launch, openPage, part, readClipboard, ROOT, serve } from './helpers.mjs';

const MAQAL = join(ROOT, 'target/release/maqal');
const SEED_FILE = join(ROOT, 'demo/articles/seed.json');
const SHOTS = join(ROOT, 'target/screenshots');
let browser;
let seed;

before(async () => {
  seed = JSON.parse(await readFile(SEED_FILE, 'utf8'));
  await mkdir(SHOTS, { recursive: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const render = (...args) => execFileSync(MAQAL, ['render', ...args], { encoding: 'utf8' });

/** A page at /demo/ssr/ (where the seed's `../img/` images resolve) holding `fragment`. */
const ssrPage = (fragment, { script = true, head = '' } = {}) => `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/demo/img/workshop-panel.svg">
<title>maqal server-rendered test</title>
${head}
${script ? '<script type="module" src="/maqal/maqal.js"></script>' : ''}
</head>
<body>
<main>
${fragment}
</main>
<p id="after">بعد المقال</p>
</body>
</html>`;

async function open(t, pages, { headers = {}, ...options } = {}) {
  const server = await serve({ mounts: { '/maqal/': join(ROOT, 'pkg'), '/demo/': join(ROOT, 'demo') }, pages, headers });
  const opened = await openPage(browser, options);
  t.after(async () => {
    await opened.context.close();
    await server.close();
  });
  return { ...opened, origin: server.origin, pages, requests: server.requests };
}

/** How often each build's files were fetched, by the paths `requests` saw. */
const fetchedBuilds = (requests) => {
  const count = (file) => requests.filter((r) => r.path === `/maqal/${file}`).length;
  return {
    live: [count('maqal_live_glue.js'), count('maqal_live_bg.wasm')],
    full: [count('maqal_glue.js'), count('maqal_bg.wasm')],
  };
};

const paragraphs = () => seed.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text);

test('the command line and maqal/server write the same fragment for the seed article', async () => {
  const { renderToString } = await import(join(ROOT, 'pkg/server/index.js'));
  const options = { shareUrl: 'https://example.com/news/1', utmCampaign: 'spring' };
  const fromNode = await renderToString(seed, options);
  const fromCli = render('--share-url', options.shareUrl, '--utm-campaign', options.utmCampaign, SEED_FILE);
  assert.equal(fromNode, fromCli);
  assert.match(fromCli, /^<maqal-article share-url="https:\/\/example.com\/news\/1" utm-campaign="spring"><template shadowrootmode="open"><style>/);
  // JSON text in, and bad data named by its field, the same way.
  assert.equal(await renderToString(JSON.stringify(seed), options), fromNode);
  await assert.rejects(renderToString({ headline: 'h', blocks: [{ type: 'figure', src: 3 }] }), /blocks\[0\]\.src: expected a string, found a number/);
});

test('with script off the whole article reads, styled, and the share links work by keyboard', async (t) => {
  const fragment = render('--share-url', 'https://example.com/news/1', SEED_FILE);
  const { page, context, problems, origin } = await open(t, { '/demo/ssr/': ssrPage(fragment) }, {
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
  // Share targets are other sites: answer them here, so nothing leaves the machine. (Only Chromium
  // opens one below; see there.)
  if (ENGINE === 'chromium') {
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.fulfill({ status: 200, body: 'share target' }));
  }
  await page.goto(`${origin}/demo/ssr/`);
  assert.equal(await part(page, 'headline').textContent(), seed.headline);
  assert.deepEqual(await part(page, 'paragraph').allTextContents(), paragraphs());
  assert.equal(await part(page, 'figure').count(), 2);
  assert.equal(await part(page, 'caption').first().textContent(), `${seed.blocks[0].caption}${seed.blocks[0].credit}`);
  // Styled at first paint, with no script: the stylesheet is in the shadow root.
  const kicker = await part(page, 'kicker').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(kicker, 'rgb(179, 38, 30)');
  const article = await part(page, 'article').evaluate((el) => getComputedStyle(el).direction);
  assert.equal(article, 'rtl');
  // What needs script is absent; the lead image loads first.
  for (const name of ['share-button', 'native-share', 'share-menu-button', 'paragraph-share', 'toast']) {
    assert.equal(await part(page, name).count(), 0, `${name} without script`);
  }
  assert.deepEqual(await part(page, 'figure').locator('img').evaluateAll((imgs) => imgs.map((i) => [i.loading, i.getAttribute('fetchpriority')])),
    [['eager', 'high'], ['lazy', null]]);
  await page.screenshot({ path: join(SHOTS, 'ssr-no-script-390.png') });
  // The share targets: visible links, reached with Tab and opened with Enter.
  const targets = part(page, 'share-target');
  assert.deepEqual(await targets.evaluateAll((links) => links.map((a) => a.dataset.target)), ['whatsapp', 'telegram', 'x', 'facebook', 'email']);
  await targets.first().scrollIntoViewIfNeeded();
  assert.ok(await targets.first().isVisible());
  let tabs = 0;
  while (!(await page.evaluate(() => document.querySelector('maqal-article').shadowRoot.activeElement?.dataset?.target)) && tabs++ < 30) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.querySelector('maqal-article').shadowRoot.activeElement.dataset.target), 'whatsapp');
  if (ENGINE === 'chromium') {
    const [popup] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await popup.waitForLoadState();
    assert.match(popup.url(), /whatsapp|wa\.me/);
    assert.match(decodeURIComponent(popup.url()), /https:\/\/example\.com\/news\/1\?utm_source=whatsapp&utm_medium=share/);
  } else {
    // Firefox and WebKit are driven here without request routing or popup events, so the tab
    // Enter would open is not opened: the focused link is checked instead (a link in a new tab).
    const link = await page.evaluate(() => {
      const a = document.querySelector('maqal-article').shadowRoot.activeElement;
      return { href: a.href, target: a.target };
    });
    assert.match(link.href, /whatsapp|wa\.me/);
    assert.match(decodeURIComponent(link.href), /https:\/\/example\.com\/news\/1\?utm_source=whatsapp&utm_medium=share/);
    assert.equal(link.target, '_blank');
  }
  await part(page, 'share').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'ssr-no-script-share-390.png') });
  assert.deepEqual(problems, []);
});

// Runs before any module script: notes every node of the server-rendered article (all but the
// footer's insides), where each painted, and every mutation and layout shift that follows.
const WATCH = `<script>
const host = document.querySelector('maqal-article');
const root = host.shadowRoot;
const article = root.querySelector('[part~="article"]');
const footer = article.querySelector(':scope > footer');
window.__kept = [];
const walk = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
for (let n = walk.currentNode; n; n = walk.nextNode()) if (n !== root && !footer.contains(n) || n === footer) window.__kept.push(n);
const kept = new Set(window.__kept);
const box = (el) => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round).join(','); };
window.__box = box;
window.__before = [...article.querySelectorAll('header, [part~="figure"], [part~="paragraph"], footer')].map(box);
// What happens to the server's own nodes (mutations inside nodes the element adds are its own).
window.__mutations = [];
const name = (n) => n.nodeName + (n.getAttribute?.('part') ? '[' + n.getAttribute('part') + ']' : '');
new MutationObserver((records) => {
  for (const r of records) if (kept.has(r.target)) window.__mutations.push({ type: r.type, target: name(r.target), attribute: r.attributeName,
    added: r.addedNodes.length, removed: [...r.removedNodes].map(name) });
}).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
window.__shift = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
window.__ready = 0;
host.addEventListener('maqal-ready', () => {
  window.__ready++;
  window.__liveAtReady = !!root.querySelector('[part~="share-button"]');
});
</script>`;

test('with script on the element comes to life in place: nodes kept, nothing moves, sharing works', async (t) => {
  // At 360 px the no-script links overflow their row, which scrolls sideways: where scrollbars
  // take room (Firefox here), that scrollbar must not make the footer taller than the live one.
  for (const width of [360, 1200]) {
    await t.test(`${width} px`, async (t) => {
      const pages = {};
      const { page, problems, origin } = await open(t, pages, { viewport: { width, height: 844 } });
      // The share URL is this page: known once the server has its port.
      pages['/demo/ssr/'] = ssrPage(render('--share-url', `${origin}/demo/ssr/`, SEED_FILE)).replace('</main>', `</main>\n${WATCH}`);
      await page.goto(`${origin}/demo/ssr/`);
      await part(page, 'share-button').waitFor();
      await page.waitForFunction(() => window.__ready === 1);
      const result = await page.evaluate(() => {
        const article = document.querySelector('maqal-article').shadowRoot.querySelector('[part~="article"]');
        return {
          lost: window.__kept.filter((n) => !n.isConnected).map((n) => n.nodeName),
          same: window.__kept.every((n) => n.getRootNode() === document.querySelector('maqal-article').shadowRoot),
          after: [...article.querySelectorAll('header, [part~="figure"], [part~="paragraph"], footer')].map(window.__box),
          before: window.__before,
          mutations: window.__mutations,
          shift: window.__shift,
          liveAtReady: window.__liveAtReady,
        };
      });
      assert.deepEqual(result.lost, [], 'no server-rendered node outside the footer is removed or replaced');
      assert.ok(result.same);
      assert.deepEqual(result.after, result.before, 'header, figures, paragraphs and footer stay where they painted');
      assert.equal(result.shift, 0, 'no layout shift');
      // All that happened to the server's nodes: the footer's no-script links make way for the
      // live controls and the toast, footer and container lose their server-only markers, and
      // each paragraph gains its button. No text changes, nothing else goes.
      const summary = result.mutations.map((m) => (m.type === 'attributes' ? `${m.target} @${m.attribute}`
        : m.type === 'characterData' ? `${m.target} text` : `${m.target}${m.added ? ' +child' : ''}${m.removed.length ? ` -${m.removed}` : ''}`));
      assert.deepEqual([...new Set(summary)].sort(), ['DIV @data-server', 'FOOTER[share] +child',
        'FOOTER[share] -UL[share-menu]', 'FOOTER[share] @data-static', 'P[paragraph] +child'].sort());
      assert.equal(result.liveAtReady, true, 'maqal-ready fires once the share button is there');
      // Live: every paragraph has its button (and a click on one copies its link), copy works.
      assert.equal(await part(page, 'paragraph-share').count(), paragraphs().length);
      await part(page, 'paragraph').nth(1).hover();
      await part(page, 'paragraph-share').nth(1).click();
      await part(page, 'toast').getByText('تم نسخ الرابط').waitFor();
      const words = paragraphs()[1].split(/\s+/).slice(0, 4).join(' ');
      assert.ok(decodeURIComponent(await readClipboard(page)).startsWith(`${origin}/demo/ssr/#:~:text=${words}`), 'a text fragment of that paragraph');
      await page.keyboard.press('Escape');
      await part(page, 'share-button').click();
      await part(page, 'toast').getByText('تم نسخ الرابط').waitFor();
      assert.equal(await readClipboard(page), `${origin}/demo/ssr/`);
      await part(page, 'share-menu-button').click();
      assert.equal(await part(page, 'share-menu').isVisible(), true);
      assert.equal(await part(page, 'share-menu-button').getAttribute('aria-expanded'), 'true');
      await page.keyboard.press('Escape');
      assert.equal(await part(page, 'share-menu').isVisible(), false);
      await page.screenshot({ path: join(SHOTS, `ssr-hydrated-${width}.png`) });
      assert.deepEqual(problems, []);
    });
  }
});

test('under a strict CSP the fragment is styled by its documented hash and comes to life with no violation', async (t) => {
  const hash = execFileSync(MAQAL, ['stylesheet-hash'], { encoding: 'utf8' }).trim();
  assert.match(hash, /^'sha256-[A-Za-z0-9+/]{43}='$/);
  const policy = (styles) => `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'${styles}; img-src 'self'`;
  const pages = {};
  const watch = '<script src="/demo/ssr/csp-watch.js"></script>';
  const kicker = async (page) => part(page, 'kicker').evaluate((el) => getComputedStyle(el).backgroundColor);

  // Without the hash the browser refuses the <style>: the check below can fail.
  {
    const { page, origin } = await open(t, pages, { headers: { 'Content-Security-Policy': policy('') } });
    pages['/demo/ssr/'] = ssrPage(render(SEED_FILE), { script: false });
    await page.goto(`${origin}/demo/ssr/`);
    assert.equal(await kicker(page), 'rgba(0, 0, 0, 0)', 'unstyled without the hash');
  }
  const { page, problems, origin } = await open(t, pages, { headers: { 'Content-Security-Policy': policy(` ${hash}`) } });
  pages['/demo/ssr/csp-watch.js'] = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;
  pages['/demo/ssr/'] = ssrPage(render('--share-url', `${origin}/demo/ssr/`, SEED_FILE), { head: watch });
  await page.goto(`${origin}/demo/ssr/`);
  await part(page, 'share-button').waitFor();
  assert.equal(await kicker(page), 'rgb(179, 38, 30)');
  await part(page, 'share-button').click();
  await part(page, 'toast').getByText('تم نسخ الرابط').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
});

test('an element with server-rendered HTML whose JSON child is broken draws the error instead', async (t) => {
  const pages = {};
  const { page, origin, requests } = await open(t, pages);
  const fragment = render(SEED_FILE).replace(/<script type="application\/json">.*<\/script>/s, '<script type="application/json">{"headline": 3, "blocks": [{"type": "paragraph", "text": "p"}]}</script>');
  pages['/demo/ssr/'] = ssrPage(fragment);
  await page.goto(`${origin}/demo/ssr/`);
  await part(page, 'error').waitFor();
  assert.match(await part(page, 'error').textContent(), /headline: expected a string, found a number/);
  // The live-controls build could not read it, so the full build drew the error.
  assert.deepEqual(fetchedBuilds(requests), { live: [1, 1], full: [1, 1] });
});

test('a page whose every article the server rendered fetches only the live-controls build', async (t) => {
  const pages = {};
  const { page, problems, origin, requests } = await open(t, pages);
  const fragment = render('--share-url', `${origin}/demo/ssr/`, SEED_FILE);
  pages['/demo/ssr/'] = ssrPage(`${fragment}${fragment}`);
  await page.goto(`${origin}/demo/ssr/`);
  // The second article is far below the first (the seed is long): it comes to life as the
  // reader nears it.
  for (const i of [0, 1]) {
    await page.locator('maqal-article').nth(i).scrollIntoViewIfNeeded();
    await page.locator('maqal-article').nth(i).locator('[part~="share-button"]').waitFor();
  }
  assert.deepEqual(fetchedBuilds(requests), { live: [1, 1], full: [0, 0] });
  // Both widgets live on the one small build: each copies and says so.
  await page.locator('maqal-article').nth(1).locator('[part~="share-button"]').click();
  await page.locator('maqal-article').nth(1).locator('[part~="toast"]').getByText('تم نسخ الرابط').waitFor();
  assert.equal(await readClipboard(page), `${origin}/demo/ssr/`);
  assert.equal(await part(page, 'paragraph-share').count(), 2 * paragraphs().length); // both articles'
  assert.deepEqual(problems, []);
});

test('a page that mixes server-rendered and client-drawn articles fetches the full build once, and both work', async (t) => {
  const pages = {};
  const { page, problems, origin, requests } = await open(t, pages);
  const english = { lang: 'en', headline: 'Drawn by the client', blocks: [{ type: 'paragraph', text: 'One paragraph.' }] };
  const drawn = `<maqal-article id="drawn" share-url="${origin}/drawn"><script type="application/json">${JSON.stringify(english)}</script></maqal-article>`;
  pages['/demo/ssr/'] = ssrPage(`${render('--share-url', `${origin}/demo/ssr/`, SEED_FILE)}${drawn}`);
  await page.goto(`${origin}/demo/ssr/`);
  await part(page, 'share-button').first().waitFor();
  // Far below the seed, the client-drawn one is drawn as the reader nears it.
  await page.locator('#drawn').scrollIntoViewIfNeeded();
  await part(page, 'share-button', '#drawn').waitFor();
  assert.deepEqual(fetchedBuilds(requests), { live: [0, 0], full: [1, 1] });
  await part(page, 'share-button', '#drawn').click();
  await part(page, 'toast', '#drawn').getByText('Link copied').waitFor();
  assert.equal(await readClipboard(page), `${origin}/drawn`);
  await part(page, 'share-button').first().click();
  await part(page, 'toast').first().getByText('تم نسخ الرابط').waitFor();
  assert.equal(await readClipboard(page), `${origin}/demo/ssr/`);
  assert.deepEqual(problems, []);
});

test('a client-drawn element and mount() arriving on a live server-rendered page fetch the full build then, once', async (t) => {
  const pages = {};
  const { page, problems, origin, requests } = await open(t, pages);
  pages['/demo/ssr/'] = ssrPage(render('--share-url', `${origin}/demo/ssr/`, SEED_FILE));
  await page.goto(`${origin}/demo/ssr/`);
  await part(page, 'share-button').waitFor();
  assert.deepEqual(fetchedBuilds(requests), { live: [1, 1], full: [0, 0] });
  await page.evaluate(async ({ origin }) => {
    const article = (headline) => ({ lang: 'en', headline, blocks: [{ type: 'paragraph', text: 'Text.' }] });
    const element = document.createElement('maqal-article');
    element.id = 'later';
    element.setAttribute('share-url', `${origin}/later`);
    const json = document.createElement('script');
    json.type = 'application/json';
    json.textContent = JSON.stringify(article('Added later'));
    element.append(json);
    document.body.append(element);
    const { init, mount } = await import('/maqal/api.js');
    await init();
    const host = document.createElement('div');
    host.id = 'mounted';
    document.body.append(host);
    mount(host, article('Mounted'), { shareUrl: `${origin}/mounted` });
  }, { origin });
  await part(page, 'share-button', '#later').waitFor();
  await part(page, 'share-button', '#mounted').waitFor();
  assert.equal(await part(page, 'headline', '#mounted').textContent(), 'Mounted');
  assert.deepEqual(fetchedBuilds(requests), { live: [1, 1], full: [1, 1] });
  // Every widget keeps working, whichever build drew it.
  for (const [host, url, toast] of [['#later', `${origin}/later`, 'Link copied'], ['#mounted', `${origin}/mounted`, 'Link copied'],
    ['maqal-article:not([id])', `${origin}/demo/ssr/`, 'تم نسخ الرابط']]) {
    await part(page, 'share-button', host).click();
    await part(page, 'toast', host).getByText(toast).waitFor();
    assert.equal(await readClipboard(page), url, host);
    await page.keyboard.press('Escape');
  }
  assert.deepEqual(problems, []);
});

test('a server-rendered image that fails hides and keeps its caption, before script came or after', async (t) => {
  const pages = {};
  const { page, origin } = await open(t, pages, { viewport: { width: 1200, height: 700 } });
  const article = {
    lang: 'ar', url: `${origin}/demo/ssr/`, headline: 'صورتان لا تصلان',
    blocks: [
      { type: 'figure', src: '/demo/img/missing-lead.jpg', alt: 'الأولى', caption: 'تعليق الصورة الأولى', width: 1200, height: 675 },
      ...Array.from({ length: 12 }, (_, i) => ({ type: 'paragraph', text: `فقرة رقم ${i + 1} من نص المقال، تملأ الشاشة قبل الصورة الثانية.` })),
      { type: 'figure', src: '/demo/img/missing-later.jpg', alt: 'الثانية', caption: 'تعليق الصورة الثانية', width: 1200, height: 675 },
    ],
  };
  pages['/demo/ssr/'] = ssrPage(execFileSync(MAQAL, ['render', '-'], { input: JSON.stringify(article), encoding: 'utf8' }));
  await page.goto(`${origin}/demo/ssr/`);
  await part(page, 'share-button').waitFor();
  const state = () => part(page, 'figure').evaluateAll((figures) => figures.map((f) => ({
    image: !f.querySelector('img').hidden, marked: f.hasAttribute('data-no-image'), caption: f.querySelector('figcaption').textContent,
  })));
  // The lead image (eager) failed before the wasm arrived: hidden as the article comes to life.
  await page.waitForFunction(() => document.querySelector('maqal-article').shadowRoot.querySelector('img').hidden);
  // The lazy one fails once the reader scrolls to it.
  await part(page, 'figure').nth(1).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelector('maqal-article').shadowRoot.querySelectorAll('img')].every((i) => i.hidden));
  assert.deepEqual(await state(), [
    { image: false, marked: true, caption: 'تعليق الصورة الأولى' },
    { image: false, marked: true, caption: 'تعليق الصورة الثانية' },
  ]);
  assert.ok(await part(page, 'caption').nth(1).isVisible());
});
