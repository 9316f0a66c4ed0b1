// Privacy (docs/CONTRACT.md §5: no third-party request, no cookie, no storage, ever): while the
// article renders and the reader copies the link, opens the share menu and copies a paragraph
// link, every request stays with the page's origin or the article's own, and nothing is written
// to cookies, localStorage, sessionStorage, IndexedDB, the Cache API or a service worker. For the
// element (same-origin and cross-origin src), mount(), and a server-rendered page. The last test
// makes the same checks catch deliberate writes and requests, so that an empty finding means
// something. The installed npm tarball in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPage, part, readClipboard, ROOT, serve, settled } from './helpers.mjs';
import { ARTICLE, ENTRY, file, htmlPage, inlineJson, SVG, useSite } from './site.mjs';

const MAQAL = join(ROOT, 'target/release/maqal');
const COPIED = 'تم نسخ الرابط';

const made = useSite('privacy');
// A relative image: it resolves against the article's own URL (README, Attributes: src).
const STORY = {
  ...ARTICLE,
  blocks: [{ type: 'figure', src: 'img.svg', alt: 'قاعة المكتبة', caption: 'قاعة القراءة', width: 800, height: 450 }, ...ARTICLE.blocks],
};

// The page's own watcher, loaded before anything else: it notes every call that writes storage or
// opens a connection outside fetch, and snapshots what is stored, at once and on demand.
const WATCH = `window.__writes = [];
const note = (what) => window.__writes.push(what);
const wrap = (proto, name, label) => {
  const original = proto?.[name];
  if (typeof original !== 'function') return;
  proto[name] = function (...args) {
    note(label(this) + '.' + name + '(' + String(args[0]) + ')');
    return original.apply(this, args);
  };
};
for (const name of ['setItem', 'removeItem', 'clear']) wrap(Storage.prototype, name, (s) => (s === localStorage ? 'localStorage' : 'sessionStorage'));
for (const name of ['open', 'deleteDatabase']) wrap(IDBFactory.prototype, name, () => 'indexedDB');
for (const name of ['open', 'delete']) wrap(globalThis.CacheStorage?.prototype, name, () => 'caches');
wrap(globalThis.ServiceWorkerContainer?.prototype, 'register', () => 'navigator.serviceWorker');
for (const name of ['set', 'delete']) wrap(globalThis.CookieStore?.prototype, name, () => 'cookieStore');
const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
Object.defineProperty(Document.prototype, 'cookie', {
  configurable: true,
  enumerable: true,
  get() { return cookie.get.call(this); },
  set(value) { note('document.cookie = ' + value); cookie.set.call(this, value); },
});
window.WebSocket = new Proxy(WebSocket, { construct(target, args) { note('new WebSocket(' + args[0] + ')'); return Reflect.construct(target, args); } });
window.__state = async () => ({
  localStorage: Object.keys(localStorage),
  sessionStorage: Object.keys(sessionStorage),
  cookie: document.cookie,
  indexedDB: (await indexedDB.databases()).map((d) => d.name),
  caches: globalThis.caches ? await caches.keys() : [],
  serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope) : [],
});
window.__before = window.__state();
window.__shares = [];
document.addEventListener('maqal-share', (e) => window.__shares.push(e.detail));
`;
const WATCH_TAG = '<script src="/privacy-watch.js"></script>';
const NOTHING = { localStorage: [], sessionStorage: [], cookie: '', indexedDB: [], caches: [], serviceWorkers: [] };

/**
 * The page origin (127.0.0.1) and the article's origin (127.0.0.2, which allows the page by CORS),
 * both serving the installed package, `routes` and `pages`; a fresh context that records every
 * request the page makes.
 */
async function open(t, { routes = {}, pages = {} } = {}) {
  const home = await serve({
    routes: { '/privacy-watch.js': file(WATCH, 'text/javascript'), '/img.svg': file(SVG, 'image/svg+xml'), '/news/img.svg': file(SVG, 'image/svg+xml'), ...routes },
    pages,
    mounts: { '/node_modules/': made.site.modules },
  });
  const cors = { 'access-control-allow-origin': home.origin };
  const away = await serve({
    host: '127.0.0.2',
    routes: { '/news/article.json': file(STORY, 'application/json', cors), '/news/img.svg': file(SVG, 'image/svg+xml', cors) },
  });
  const opened = await openPage(made.browser);
  const requests = [];
  opened.page.on('request', (r) => requests.push(r.url()));
  t.after(async () => {
    await opened.context.close();
    await home.close();
    await away.close();
  });
  return { ...opened, home, away, requests, origin: home.origin };
}

/** Everything that left the allowed origins or was stored: one line each; [] when private. */
async function findings({ page, context, requests, home, away }, allowed) {
  const found = [];
  for (const url of requests) {
    const { protocol, origin } = new URL(url);
    if (!['data:', 'blob:'].includes(protocol) && !allowed.includes(origin)) found.push(`request to ${url}`);
  }
  for (const server of [home, away]) {
    for (const r of server.requests) if (r.cookie) found.push(`cookie sent to ${server.origin}${r.path}: ${r.cookie}`);
  }
  if (typeof context.cookies === 'function') {
    for (const c of await context.cookies()) found.push(`cookie in the browser: ${c.name} (${c.domain})`);
  }
  const { before, now, writes } = await page.evaluate(async () => ({ before: await window.__before, now: await window.__state(), writes: window.__writes }));
  assert.deepEqual(before, NOTHING, 'nothing was stored before the page ran');
  for (const w of writes) found.push(`write: ${w}`);
  for (const [where, held] of Object.entries(now)) {
    if (JSON.stringify(held) !== JSON.stringify(NOTHING[where])) found.push(`stored in ${where}: ${JSON.stringify(held)}`);
  }
  return found;
}

/** The reader's part: the article shows, then copy link, share menu open, a paragraph's link. */
async function read(page, link, host = 'maqal-article') {
  const outcome = await Promise.race([settled(page, host), sleep(20_000).then(() => 'still loading')]);
  assert.equal(outcome, 'ready');
  assert.equal(await part(page, 'headline', host).textContent(), ARTICLE.headline);
  assert.equal(await part(page, 'figure', host).locator('img').evaluate((i) => i.decode().then(() => i.naturalWidth > 0, () => false)), true, 'the image loaded');
  await part(page, 'share-button', host).click();
  await part(page, 'toast-message', host).waitFor();
  assert.equal(await part(page, 'toast-message', host).textContent(), COPIED);
  assert.equal(await readClipboard(page), link);
  await part(page, 'share-menu-button', host).click();
  await part(page, 'share-target', host).first().waitFor();
  assert.equal(await part(page, 'share-target', host).count(), 5);
  await part(page, 'paragraph-share', host).first().click();
  await page.waitForFunction(() => window.__shares.length === 2);
  assert.ok((await page.evaluate(() => window.__shares[1].url)).startsWith(`${link}#:~:text=`), 'a paragraph link');
  await page.waitForTimeout(500); // room for anything sent after the last click
}

test('the element with a same-origin src: every request stays on the page origin, nothing is stored', async (t) => {
  const opened = await open(t, {
    routes: { '/news/article.json': file(STORY, 'application/json') },
    pages: { '/': htmlPage({ head: `${WATCH_TAG}\n${ENTRY}`, body: '<maqal-article src="/news/article.json"></maqal-article>' }) },
  });
  const { page, problems, origin, requests } = opened;
  await page.goto(`${origin}/`);
  await read(page, `${origin}/`);
  const paths = requests.map((u) => new URL(u).pathname);
  for (const seen of ['/node_modules/maqal/maqal_bg.wasm', '/news/article.json', '/news/img.svg']) assert.ok(paths.includes(seen), `the recorder saw ${seen}`);
  assert.deepEqual(await findings(opened, [origin]), []);
  assert.deepEqual(problems, []);
});

test('the element with its article on another origin: requests go to the page origin and the article\'s, nowhere else; nothing is stored', async (t) => {
  const pages = {};
  const opened = await open(t, { pages });
  const { page, problems, origin, requests, away } = opened;
  pages['/'] = htmlPage({ head: `${WATCH_TAG}\n${ENTRY}`, body: `<maqal-article src="${away.origin}/news/article.json"></maqal-article>` });
  await page.goto(`${origin}/`);
  await read(page, `${origin}/`);
  assert.ok(requests.includes(`${away.origin}/news/img.svg`), 'the image came from the article\'s origin');
  assert.deepEqual(await findings(opened, [origin, away.origin]), []);
  assert.deepEqual(problems.filter((p) => !p.startsWith(`third-party request: ${away.origin}/`)), []);
});

test('mount(): every request stays on the page origin, nothing is stored', async (t) => {
  const opened = await open(t, {
    routes: {
      '/story.js': file(`import { init, mount } from '/node_modules/maqal/api.js';
await init();
mount(document.querySelector('#story'), ${inlineJson({ ...STORY, blocks: [{ ...STORY.blocks[0], src: '/img.svg' }, ...ARTICLE.blocks] })});`, 'text/javascript'),
    },
    pages: { '/': htmlPage({ head: `${WATCH_TAG}\n<script type="module" src="/story.js"></script>`, body: '<div id="story"></div>' }) },
  });
  const { page, problems, origin } = opened;
  await page.goto(`${origin}/`);
  await read(page, `${origin}/`, '#story');
  assert.deepEqual(await findings(opened, [origin]), []);
  assert.deepEqual(problems, []);
});

test('a server-rendered page: every request stays on the page origin, nothing is stored', async (t) => {
  const fragment = execFileSync(MAQAL, ['render', '-'], { input: JSON.stringify({ ...STORY, blocks: [{ ...STORY.blocks[0], src: '/img.svg' }, ...ARTICLE.blocks] }), encoding: 'utf8' });
  const opened = await open(t, { pages: { '/': htmlPage({ head: `${WATCH_TAG}\n${ENTRY}`, body: fragment }) } });
  const { page, problems, origin } = opened;
  await page.goto(`${origin}/`);
  await part(page, 'share-button').waitFor();
  await read(page, `${origin}/`);
  assert.deepEqual(await findings(opened, [origin]), []);
  assert.deepEqual(problems, []);
});

test('the same checks catch a request elsewhere, a cookie and each kind of storage write (so the tests above can fail)', async (t) => {
  const third = await serve({ host: '127.0.0.3' });
  t.after(() => third.close());
  const opened = await open(t, {
    routes: { '/news/article.json': file(STORY, 'application/json'), '/sw.js': file('', 'text/javascript') },
    pages: { '/': htmlPage({ head: `${WATCH_TAG}\n${ENTRY}`, body: '<maqal-article src="/news/article.json"></maqal-article>' }) },
  });
  const { page, origin } = opened;
  await page.goto(`${origin}/`);
  await read(page, `${origin}/`);
  // The page, not maqal, writes and sends each thing once.
  await page.evaluate(async (elsewhere) => {
    localStorage.setItem('seen', '1');
    sessionStorage.seen = '1'; // a plain property write, which no wrapper sees: the snapshot must
    await navigator.serviceWorker.register('/sw.js');
    await new Promise((ok) => { indexedDB.open('seen').onsuccess = (e) => { e.target.result.close(); ok(); }; });
    await caches.open('seen');
    document.cookie = 'seen=1';
    await fetch('/news/article.json'); // carries the cookie to the server
    await fetch(elsewhere, { mode: 'no-cors' }).catch(() => {});
  }, `${third.origin}/pixel`);
  const found = await findings(opened, [origin]);
  const expected = [
    `request to ${third.origin}/pixel`,
    `cookie sent to ${origin}/news/article.json: seen=1`,
    'cookie in the browser: seen (127.0.0.1)',
    'write: localStorage.setItem(seen)',
    'write: document.cookie = seen=1',
    'write: indexedDB.open(seen)',
    'write: caches.open(seen)',
    'write: navigator.serviceWorker.register(/sw.js)',
    'stored in localStorage: ["seen"]',
    'stored in sessionStorage: ["seen"]',
    'stored in cookie: "seen=1"',
    'stored in indexedDB: ["seen"]',
    'stored in caches: ["seen"]',
    `stored in serviceWorkers: ["${origin}/"]`,
  ];
  if (typeof opened.context.cookies !== 'function') expected.splice(expected.indexOf('cookie in the browser: seen (127.0.0.1)'), 1);
  assert.deepEqual(found.toSorted(), expected.toSorted());
});
