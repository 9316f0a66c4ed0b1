// Strict and odd host pages: a strict CSP with Trusted Types, iframes without clipboard access, a
// plain-http page, frozen prototypes, a replaced fetch, a wrapped or pre-empted customElements.
// In each the widget renders and shares (docs/CONTRACT.md §1–§3) or says clearly why not, throws
// nothing at the page, and the page's own later script still runs. The installed npm tarball.
// Tests marked "Chromium only" drive frames, a second page or a second launch through
// playwright-core's Chromium API; the rest use only what helpers.mjs offers for every browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { openPage, part, readClipboard, ROOT, serve, settled, skipOn } from './helpers.mjs';
import { ARTICLE, ENTRY, file, htmlPage, inlineArticle, SVG, useSite } from './site.mjs';

const MAQAL = join(ROOT, 'target/release/maqal');
const COPIED = 'تم نسخ الرابط';
const COPY_FAILED = 'تعذّر نسخ الرابط';

const made = useSite('pages');
const WITH_FIGURE = {
  ...ARTICLE,
  blocks: [...ARTICLE.blocks, { type: 'figure', src: '/img.svg', alt: 'قاعة المكتبة', caption: 'قاعة القراءة', width: 800, height: 450 }],
};

/** Serves the installed package at /node_modules/, `routes` and `pages`; opens a fresh context. */
async function open(t, { routes = {}, pages = {}, headers = {}, host, mounts = {} } = {}) {
  const server = await serve({
    host,
    routes: { '/img.svg': file(SVG, 'image/svg+xml'), '/icon.svg': file(SVG, 'image/svg+xml'), ...routes },
    pages,
    headers,
    mounts: { '/node_modules/': made.site.modules, ...mounts },
  });
  const opened = await openPage(made.browser);
  t.after(async () => {
    await opened.context.close();
    await server.close();
  });
  return { ...opened, server, origin: server.origin };
}

/** settled(), bounded so that a widget that never starts fails the test instead of hanging it. */
const settledOrStuck = (page, selector = 'maqal-article', seconds = 20) =>
  Promise.race([settled(page, selector), sleep(seconds * 1000).then(() => `neither ready nor an error after ${seconds} s`)]);

async function rendered(page, host = 'maqal-article') {
  const outcome = await settledOrStuck(page, host);
  if (outcome === 'error') assert.fail(`${host} shows an error instead of the article: ${await part(page, 'error', host).first().textContent()}`);
  assert.equal(outcome, 'ready');
  assert.equal(await part(page, 'article', host).count(), 1, `${host} rendered one article`);
  assert.equal(await part(page, 'headline', host).textContent(), ARTICLE.headline);
}

/** Clicks the copy button; the toast must say copied and the clipboard must hold `link`. */
async function copies(page, link, host = 'maqal-article') {
  await part(page, 'share-button', host).click();
  await part(page, 'toast-message', host).waitFor();
  assert.equal(await part(page, 'toast-message', host).textContent(), COPIED);
  assert.equal(await readClipboard(page), link);
}

// ---------------------------------------------------------------- (a) strict CSP and Trusted Types

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";
// Loaded first, from 'self': notes every violation the page reports.
const WATCH = {
  '/csp-watch.js': file(`window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));`,
  'text/javascript'),
};
const WATCH_TAG = '<script src="/csp-watch.js"></script>';

/** The `style-src` hash source README's Content Security Policy section gives for the fragment. */
async function readmeStyleHash() {
  const readme = await readFile(join(made.site.modules, 'maqal/README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Content Security Policy'));
  const hash = section.match(/style-src 'self' ('sha256-[A-Za-z0-9+/]{43}=')/)?.[1];
  assert.ok(hash, "README's Content Security Policy section gives a style-src hash");
  return hash;
}

test('under strict CSP and Trusted Types the element renders and shares with no violation: fetched src and inline JSON', async (t) => {
  const body = `<maqal-article id="fetched" src="/article.json"></maqal-article>\n${inlineArticle(WITH_FIGURE, ' id="inline"')}`;
  const { page, problems, origin } = await open(t, {
    headers: { 'Content-Security-Policy': STRICT },
    routes: { ...WATCH, '/article.json': file(WITH_FIGURE, 'application/json') },
    pages: { '/': htmlPage({ head: `${WATCH_TAG}\n${ENTRY}`, body, icon: '/icon.svg' }) },
  });
  await page.goto(`${origin}/`);
  for (const host of ['#fetched', '#inline']) {
    await rendered(page, host);
    const img = part(page, 'figure', host).locator('img');
    assert.equal(await img.evaluate((i) => i.decode().then(() => i.naturalWidth > 0, () => false)), true, `${host}: the figure's image loads`);
    await copies(page, `${origin}/`, host);
  }
  await part(page, 'share-menu-button', '#inline').click();
  await part(page, 'share-target', '#inline').first().waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
});

test('under strict CSP and Trusted Types, plus README\'s style hash, a server-rendered page is styled, comes alive and shares with no violation', async (t) => {
  const hash = await readmeStyleHash();
  assert.equal(execFileSync(MAQAL, ['stylesheet-hash'], { encoding: 'utf8' }).trim(), hash, "README's hash is the one `maqal stylesheet-hash` prints");
  const pages = {};
  const { page, problems, origin } = await open(t, {
    headers: { 'Content-Security-Policy': STRICT.replace("style-src 'self'", `style-src 'self' ${hash}`) },
    routes: WATCH,
    pages,
  });
  const fragment = execFileSync(MAQAL, ['render', '-'], { input: JSON.stringify(WITH_FIGURE), encoding: 'utf8' });
  pages['/'] = htmlPage({ head: `${WATCH_TAG}\n${ENTRY}`, body: fragment, icon: '/icon.svg' });
  await page.goto(`${origin}/`);
  await part(page, 'share-button').waitFor();
  assert.equal(await part(page, 'kicker').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(179, 38, 30)', 'styled by the fragment\'s <style>');
  assert.equal(await part(page, 'headline').textContent(), ARTICLE.headline);
  await copies(page, `${origin}/`);
  await part(page, 'paragraph-share').nth(1).click();
  await part(page, 'toast-message').waitFor();
  assert.ok(decodeURIComponent(await readClipboard(page)).startsWith(`${origin}/#:~:text=`), 'a paragraph link');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
});

test('the same policy does report violations: an inline script, an innerHTML write (so "no violation" above can fail)', async (t) => {
  const { page, origin } = await open(t, {
    headers: { 'Content-Security-Policy': STRICT },
    routes: WATCH,
    pages: { '/': htmlPage({ head: `${WATCH_TAG}\n<script>window.inlineRan = true;</script>`, icon: '/icon.svg' }) },
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.equal(await page.evaluate(() => window.inlineRan), undefined, 'the inline script was blocked');
  assert.match((await page.evaluate(() => window.__violations))[0], /^script-src-elem inline/);
  const thrown = await page.evaluate(() => {
    try {
      document.body.innerHTML = '<b>x</b>';
      return 'written';
    } catch (e) {
      return e.name;
    }
  });
  assert.equal(thrown, 'TypeError', 'Trusted Types refuse a plain string');
  assert.ok((await page.evaluate(() => window.__violations)).some((v) => v.startsWith('require-trusted-types-for')));
});

// ---------------------------------------------------------------- (b), (c) no clipboard access

// The link the frames share (docs/CONTRACT.md §2: tracking parameters removed).
const SHARE_URL = 'https://example.com/news/1?utm_source=feed';
const LINK = 'https://example.com/news/1';
const SENTINEL = 'nothing has been copied yet';
// A page holding one element that shares LINK and notes every maqal-share.
const sharingPage = (script = '') => htmlPage({
  head: `<script>${script}
  window.shares = [];
  document.addEventListener('maqal-share', (e) => window.shares.push(e.detail));
</script>
${ENTRY}`,
  body: inlineArticle(ARTICLE, ` share-url="${SHARE_URL}"`),
});

/**
 * What a reader was told after pressing copy in `frame` (a Playwright Frame or Page), checked for
 * honesty: «copied» only if `clipboard()` (read where permitted) now holds the link; otherwise the
 * failure toast, the link selected in the manual-copy field, and `maqal-share` saying `manual`.
 */
async function honestCopy(frame, clipboard) {
  await frame.locator('maqal-article [part~="share-button"]').click();
  const message = frame.locator('maqal-article [part~="toast-message"]');
  await message.waitFor();
  const said = await message.textContent();
  await frame.waitForFunction(() => window.shares.length === 1);
  const [detail] = await frame.evaluate(() => window.shares);
  const held = await clipboard();
  if (said === COPIED) {
    assert.equal(held, LINK, 'it says copied, so the clipboard holds the link');
    assert.ok(['clipboard', 'exec-command'].includes(detail.method), `maqal-share method ${detail.method}`);
    assert.deepEqual(detail, { url: LINK, method: detail.method, ok: true });
  } else {
    assert.equal(said, COPY_FAILED);
    assert.deepEqual(detail, { url: LINK, method: 'manual', ok: false });
    const field = await frame.locator('maqal-article [part~="toast-url"]').evaluate((input) => ({
      value: input.value,
      readOnly: input.readOnly,
      focused: input.getRootNode().activeElement === input,
      selected: input.value.slice(input.selectionStart, input.selectionEnd),
    }));
    assert.deepEqual(field, { value: LINK, readOnly: true, focused: true, selected: LINK }, 'the link, selected, ready to copy by hand');
  }
  return { said, method: detail.method, held };
}

test('in iframes without allow="clipboard-write" (same-origin and cross-origin) copying is honest (Chromium only)', {
  skip: skipOn(['firefox', 'webkit'], "drives iframes through playwright-core's Chromium API"),
}, async (t) => {
  const other = await serve({
    host: '127.0.0.2',
    pages: {
      '/frame.html': sharingPage(),
      // A frame where execCommand('copy') fails too: the reader must be offered the link by hand.
      '/refused.html': sharingPage("\n  document.execCommand = () => false;"),
    },
    mounts: { '/node_modules/': made.site.modules },
  });
  t.after(() => other.close());
  const frames = {
    'same-origin': '<iframe src="/frame.html" width="800" height="600"></iframe>',
    'cross-origin': `<iframe src="${other.origin}/frame.html" width="800" height="600"></iframe>`,
    'cross-origin, execCommand refused': `<iframe src="${other.origin}/refused.html" width="800" height="600"></iframe>`,
    // The control: with the permission the frame copies through the Clipboard API.
    'cross-origin with allow="clipboard-write"': `<iframe src="${other.origin}/frame.html" width="800" height="600" allow="clipboard-write"></iframe>`,
  };
  const outcomes = {};
  for (const [name, iframe] of Object.entries(frames)) {
    await t.test(name, async (t) => {
      const { page, problems, origin } = await open(t, {
        pages: { '/': htmlPage({ body: iframe }), '/frame.html': sharingPage() },
      });
      await page.goto(`${origin}/`);
      await page.evaluate((s) => navigator.clipboard.writeText(s), SENTINEL);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      await frame.locator('maqal-article [part~="share-button"]').waitFor();
      outcomes[name] = await honestCopy(frame, () => readClipboard(page));
      if (name.includes('allow=')) assert.equal(outcomes[name].method, 'clipboard');
      if (name.includes('refused')) assert.equal(outcomes[name].held, SENTINEL, 'nothing was copied');
      // Chromium itself logs the blocked Clipboard API call in a frame without the permission.
      const blocked = /^console error: Permissions policy violation: The Clipboard API has been blocked/;
      assert.deepEqual(problems.filter((p) => !p.startsWith('third-party request: http://127.0.0.2:') && !blocked.test(p)), []);
    });
  }
  t.diagnostic(`outcomes: ${JSON.stringify(outcomes)}`);
});

test('on a plain http: page (not a secure context, no navigator.clipboard) copying is honest (Chromium only)', {
  skip: skipOn(['firefox', 'webkit'], 'needs a second Chromium launch with --host-resolver-rules and a second page'),
}, async (t) => {
  const insecure = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--host-resolver-rules=MAP maqal.test 127.0.0.1'],
  });
  t.after(() => insecure.close());
  const server = await serve({ pages: { '/': sharingPage(), '/blank': htmlPage() }, mounts: { '/node_modules/': made.site.modules } });
  t.after(() => server.close());
  const context = await insecure.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The clipboard is read back from a secure page (loopback) of the same browser.
  const reader = await context.newPage();
  await reader.goto(`${server.origin}/blank`);
  await reader.evaluate((s) => navigator.clipboard.writeText(s), SENTINEL);

  await page.goto(`http://maqal.test:${server.port}/`);
  assert.deepEqual(await page.evaluate(() => ({ secure: isSecureContext, clipboard: 'clipboard' in navigator })), { secure: false, clipboard: false });
  await page.locator('maqal-article [part~="share-button"]').waitFor();
  const outcome = await honestCopy(page, async () => {
    await reader.bringToFront();
    const text = await reader.evaluate(() => navigator.clipboard.readText());
    await page.bringToFront();
    return text;
  });
  t.diagnostic(`outcome: ${JSON.stringify(outcome)}`);
  assert.notEqual(outcome.method, 'clipboard');
  assert.deepEqual(errors, []);
});

// ---------------------------------------------------------------- (d) odd pages

// The page's own later scripts: a classic one at the end of the body and a module after maqal's.
const TAIL = `<button id="counter" type="button">0</button>
<script src="/page.js"></script>
<script type="module" src="/after.js"></script>`;
const PAGE_SCRIPTS = {
  '/page.js': file(`window.pageScriptRan = true;
document.getElementById('counter').addEventListener('click', (e) => { e.target.textContent = String(Number(e.target.textContent) + 1); });`,
  'text/javascript'),
  '/after.js': file('window.afterModuleRan = true;', 'text/javascript'),
};

async function pageScriptsRun(page) {
  await page.waitForFunction(() => window.pageScriptRan === true && window.afterModuleRan === true);
  await page.locator('#counter').click();
  assert.equal(await page.locator('#counter').textContent(), '1', 'the page\'s button still works');
}

/** A page with `before` (a classic script that runs before maqal loads), the entry, `body`, and the page's later scripts. */
async function oddPage(t, before, { body = `<maqal-article id="fetched" src="/article.json"></maqal-article>\n${inlineArticle(ARTICLE, ' id="inline"')}`, entry = ENTRY, mounts } = {}) {
  return open(t, {
    routes: { ...PAGE_SCRIPTS, '/before.js': file(before, 'text/javascript'), '/article.json': file(ARTICLE, 'application/json') },
    pages: { '/': htmlPage({ head: `<script src="/before.js"></script>\n${entry}`, body: `${body}\n${TAIL}` }) },
    mounts,
  });
}

test('with Object, Array and Function prototypes frozen before it loads, it renders and shares', async (t) => {
  const { page, problems, origin } = await oddPage(t, `Object.freeze(Object.prototype);
Object.freeze(Array.prototype);
Object.freeze(Function.prototype);
window.frozen = Object.isFrozen(Object.prototype) && Object.isFrozen(Array.prototype) && Object.isFrozen(Function.prototype);`);
  await page.goto(`${origin}/`);
  assert.equal(await page.evaluate(() => window.frozen), true);
  await rendered(page, '#fetched');
  await rendered(page, '#inline');
  await copies(page, `${origin}/`, '#fetched');
  await pageScriptsRun(page);
  assert.deepEqual(problems, []);
});

test('with window.fetch replaced by a logging wrapper, it renders, shares, and its requests go through the wrapper', async (t) => {
  const { page, problems, origin } = await oddPage(t, `window.fetchLog = [];
const pageFetch = window.fetch;
window.fetch = function (input, init) {
  window.fetchLog.push(new URL(input instanceof Request ? input.url : String(input), location.href).pathname);
  return pageFetch.call(this, input, init);
};`);
  await page.goto(`${origin}/`);
  await rendered(page, '#fetched');
  await rendered(page, '#inline');
  await copies(page, `${origin}/`, '#inline');
  const log = await page.evaluate(() => window.fetchLog);
  assert.ok(log.includes('/article.json'), `the article came through the page's fetch: ${log}`);
  assert.ok(log.includes('/node_modules/maqal/maqal_bg.wasm'), `the wasm came through the page's fetch: ${log}`);
  await pageScriptsRun(page);
  assert.deepEqual(problems, []);
});

for (const [how, replacement, todo] of [
  ['throws', "() => { throw new TypeError('fetch is blocked on this page'); }", false],
  ['returns a rejected promise', "() => Promise.reject(new TypeError('fetch is blocked on this page'))", false],
]) {
  test(`with a fetch that ${how} for every call, each element shows a clear error and the page carries on`, { todo }, async (t) => {
    const { page, problems, origin } = await oddPage(t, `window.fetch = ${replacement};`);
    await page.goto(`${origin}/`);
    for (const host of ['#fetched', '#inline']) {
      assert.equal(await settledOrStuck(page, host), 'error', `${host} ends in an error`);
      const shown = await part(page, 'error', host).textContent();
      assert.match(shown, /could not/, `${host}: a clear message: «${shown}»`);
      assert.equal(await part(page, 'loading', host).count(), 0);
    }
    await pageScriptsRun(page);
    assert.deepEqual(problems, []);
  });
}

test('with customElements.define wrapped (as polyfills do), it defines itself once through the wrapper, renders and shares', async (t) => {
  const { page, problems, origin } = await oddPage(t, `window.definitions = [];
const define = customElements.define;
customElements.define = function (name, constructor, options) {
  window.definitions.push(name);
  return define.call(this, name, constructor, options);
};`);
  await page.goto(`${origin}/`);
  await rendered(page, '#fetched');
  await rendered(page, '#inline');
  assert.deepEqual(await page.evaluate(() => window.definitions), ['maqal-article']);
  await copies(page, `${origin}/`, '#fetched');
  await pageScriptsRun(page);
  assert.deepEqual(problems, []);
});

test('with the entry loaded twice, from two copies of the package, each element renders once and shares', async (t) => {
  const { page, problems, origin } = await oddPage(t, `window.readies = [];
document.addEventListener('maqal-ready', (e) => window.readies.push(e.target.id));`, {
    entry: '<script type="module" src="/a/maqal/maqal.js"></script>\n<script type="module" src="/b/maqal/maqal.js"></script>',
    mounts: { '/a/': made.site.modules, '/b/': made.site.modules },
  });
  await page.goto(`${origin}/`);
  await rendered(page, '#fetched');
  await rendered(page, '#inline');
  await page.waitForTimeout(300); // room for a second render, if there were one
  assert.deepEqual((await page.evaluate(() => window.readies)).sort(), ['fetched', 'inline'], 'maqal-ready once each');
  assert.equal(await part(page, 'article', '#fetched').count(), 1);
  await copies(page, `${origin}/`, '#inline');
  await pageScriptsRun(page);
  assert.deepEqual(problems, []);
});

test('when the page already defined maqal-article itself, maqal leaves that element alone and throws nothing', async (t) => {
  const { page, problems, origin } = await oddPage(t, `customElements.define('maqal-article', class extends HTMLElement {
  connectedCallback() { this.dataset.owner = 'page'; }
});`);
  await page.goto(`${origin}/`);
  await pageScriptsRun(page);
  // maqal's API still mounts into a plain host.
  await page.evaluate(async (article) => {
    const { init, mount } = await import('/node_modules/maqal/api.js');
    await init();
    window.mountedHost = document.body.appendChild(document.createElement('div'));
    mount(window.mountedHost, article);
  }, ARTICLE);
  await page.waitForFunction(() => window.mountedHost.shadowRoot?.querySelector('[part~="headline"]'));
  const mounted = await page.evaluate(() => window.mountedHost.shadowRoot.querySelector('[part~="headline"]').textContent);
  assert.equal(mounted, ARTICLE.headline);
  const owners = await page.evaluate(() => [...document.querySelectorAll('maqal-article')].map((el) => [el.dataset.owner, el.shadowRoot === null]));
  assert.deepEqual(owners, [['page', true], ['page', true]], "the page's own element, untouched");
  assert.deepEqual(problems, []);
});
