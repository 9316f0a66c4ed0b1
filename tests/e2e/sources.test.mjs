// Broken sources: a `src` whose server misbehaves on purpose. Each must end in part="error"
// (role=alert) naming the URL and what went wrong, a `maqal-error`, and a part="retry" button
// (docs/CONTRACT.md §1 and §3; README, Events), while other widgets and the page's own scripts
// on the same page carry on. The installed npm tarball in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPage, part, serve, settled } from './helpers.mjs';
import { ARTICLE, ENTRY, file, htmlPage, inlineArticle, useSite } from './site.mjs';

const made = useSite('sources');

// The page's own script: it notes maqal's events and runs a counter button, and a module script
// after maqal's notes that it ran. Both must keep working whatever the articles do.
const HEAD = `<script>
  window.errors = [];
  window.readies = [];
  document.addEventListener('maqal-error', (e) => window.errors.push({ id: e.target.id, message: e.detail.message }));
  document.addEventListener('maqal-ready', (e) => window.readies.push(e.target.id));
</script>
${ENTRY}`;
const TAIL = `<button id="counter" type="button">0</button>
<script src="/page.js"></script>
<script type="module" src="/after.js"></script>`;
const PAGE_SCRIPTS = {
  '/page.js': file(`window.pageScriptRan = true;
document.getElementById('counter').addEventListener('click', (e) => { e.target.textContent = String(Number(e.target.textContent) + 1); });`,
  'text/javascript'),
  '/after.js': file('window.afterModuleRan = true;', 'text/javascript'),
};

const RETRY_AR = 'أعد المحاولة';

/** Serves the installed package, `routes` and `pages` on 127.0.0.1; opens a fresh context. */
async function open(t, { routes = {}, pages = {} } = {}) {
  const server = await serve({ routes: { ...PAGE_SCRIPTS, ...routes }, pages, mounts: { '/node_modules/': made.site.modules } });
  const opened = await openPage(made.browser);
  t.after(async () => {
    await opened.context.close();
    await server.close();
  });
  return { ...opened, server, origin: server.origin };
}

/** settled(), bounded so that a widget that never gives up fails the test instead of hanging it. */
async function settledOrStuck(page, selector, seconds) {
  return Promise.race([settled(page, selector), sleep(seconds * 1000).then(() => `still loading after ${seconds} s`)]);
}

/** Problems other than the browser's own log lines for the failed requests these tests cause. */
const unexpected = (problems) => problems.filter((p) => ![
  /^console error: Failed to load resource/, // Chromium, any failed request
  /^console error: Access to fetch at .* has been blocked by CORS policy/, // Chromium
  /^(page|console) error: Cross-Origin Request Blocked: /, // Firefox
  /^third-party request: http:\/\/127\.0\.0\.2:/, // the cross-origin case's own server
].some((known) => known.test(p)));

async function pageStillWorks(page) {
  assert.equal(await part(page, 'headline', '#fine').textContent(), ARTICLE.headline, 'the good widget on the page renders');
  assert.equal(await page.evaluate(() => window.pageScriptRan && window.afterModuleRan), true, 'the page scripts ran');
  await page.locator('#counter').click();
  await page.locator('#counter').click();
  assert.equal(await page.locator('#counter').textContent(), '2', 'the page button still works');
}

// Each server misbehaviour, and what the error must say besides the URL (docs/CONTRACT.md §1;
// the wording is the contract the timeout and retry work implements).
const SLOW_PREFIX = '{"headline": "';
const CASES = [
  {
    name: 'HTTP 404',
    path: '/broken/missing.json',
    says: /HTTP 404/,
    route: (req, res) => { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); },
  },
  {
    name: 'HTTP 500',
    path: '/broken/server-error.json',
    says: /HTTP 500/,
    route: (req, res) => { res.writeHead(500, { 'content-type': 'text/plain' }); res.end('internal error'); },
  },
  {
    name: 'an HTML page (200 text/html)',
    path: '/broken/soft-404',
    says: /HTML/,
    route: file('<!doctype html><html><head><title>Not found</title></head><body><p>This page does not exist.</p></body></html>', 'text/html; charset=utf-8'),
  },
  {
    name: 'an empty body (200, 0 bytes)',
    path: '/broken/empty.json',
    says: /empty/i,
    route: file('', 'application/json'),
  },
  {
    name: 'a body that stops after a few bytes (the 10 s timeout)',
    path: '/broken/slow.json',
    says: /10 s/,
    route: (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write(SLOW_PREFIX); // and nothing more: the socket stays open until the server closes
    },
  },
  {
    name: 'a redirect loop (302 to itself)',
    path: '/broken/loop.json',
    says: /network/i,
    route: (req, res) => { res.writeHead(302, { location: '/broken/loop.json' }); res.end(); },
  },
  {
    name: 'another origin without Access-Control-Allow-Origin',
    crossOrigin: true,
    path: '/article.json',
    says: /network.*CORS|CORS.*network/is,
  },
];

test('each broken src shows an error naming the URL and the fault, a retry button and maqal-error; the page carries on', async (t) => {
  // The cross-origin case: a valid article on 127.0.0.2, served without CORS headers.
  const other = await serve({ host: '127.0.0.2', routes: { '/article.json': file(ARTICLE, 'application/json') } });
  t.after(() => other.close());
  const urlOf = (c) => (c.crossOrigin ? `${other.origin}${c.path}` : c.path);
  const routes = Object.fromEntries(CASES.filter((c) => !c.crossOrigin).map((c) => [c.path, c.route]));
  const body = [
    ...CASES.map((c, i) => `<maqal-article id="case-${i}" src="${urlOf(c)}"></maqal-article>`),
    inlineArticle(ARTICLE, ' id="fine"'),
    TAIL,
  ].join('\n');
  const { page, problems, origin } = await open(t, { routes, pages: { '/': htmlPage({ head: HEAD, body }) } });
  await page.goto(`${origin}/`);
  // The slow body is the last to fail; give up on any widget long after its 10 s.
  const outcomes = await Promise.all(CASES.map((c, i) => settledOrStuck(page, `#case-${i}`, 40)));

  for (const [i, c] of CASES.entries()) {
    await t.test(c.name, async () => {
      const host = `#case-${i}`;
      assert.equal(outcomes[i], 'error', `${c.name}: the widget ends in an error`);
      const error = part(page, 'error', host);
      assert.equal(await error.evaluate((el) => el.getAttribute('role')), 'alert');
      const shown = await error.textContent();
      assert.ok(shown.includes(urlOf(c)), `the error names ${urlOf(c)}: «${shown}»`);
      assert.match(shown, c.says);
      assert.equal(await part(page, 'loading', host).count(), 0, 'the loading notice is gone');
      assert.equal(await part(page, 'article', host).count(), 0);
      const retry = part(page, 'retry', host);
      assert.equal(await retry.count(), 1, 'one retry button');
      assert.equal(await retry.evaluate((b) => b.localName === 'button' && b.type), 'button');
      assert.equal((await retry.textContent()).trim(), RETRY_AR);
      const events = (await page.evaluate(() => window.errors)).filter((e) => e.id === `case-${i}`);
      assert.equal(events.length, 1, 'one maqal-error');
      assert.ok(events[0].message.includes(urlOf(c)), `maqal-error's message names the URL: «${events[0].message}»`);
      assert.match(events[0].message, c.says);
    });
  }
  await t.test('the other widget and the page scripts keep working', async () => {
    await pageStillWorks(page);
    assert.deepEqual(await page.evaluate(() => window.readies), ['fine']);
    assert.deepEqual(unexpected(problems), []);
  });
});

test('when the wasm download fails (connection dropped) each element says so, and nothing is thrown at the page', async (t) => {
  // api.js is held back until the wasm request has failed, as on a slow network: the failure must
  // not go unhandled while the rest of the code is on its way.
  let failed;
  const wasmFailed = new Promise((ok) => { failed = ok; });
  const routes = {
    '/node_modules/maqal/maqal_bg.wasm': (req) => {
      req.socket.destroy();
      failed();
    },
    '/node_modules/maqal/api.js': async (req, res) => {
      await wasmFailed;
      await sleep(300); // for the browser to take in the failure first
      file(await readFile(join(made.site.modules, 'maqal/api.js'), 'utf8'), 'text/javascript')(req, res);
    },
    '/article.json': file(ARTICLE, 'application/json'),
  };
  const body = `<maqal-article id="fetched" src="/article.json"></maqal-article>\n${inlineArticle(ARTICLE, ' id="inline"')}\n${TAIL}`;
  const { page, problems, origin } = await open(t, { routes, pages: { '/': htmlPage({ head: HEAD, body }) } });
  await page.goto(`${origin}/`);
  for (const host of ['#fetched', '#inline']) {
    assert.equal(await settledOrStuck(page, host, 20), 'error', `${host} ends in an error`);
    assert.match(await part(page, 'error', host).textContent(), /could not start/);
  }
  assert.equal(await page.evaluate(() => window.pageScriptRan && window.afterModuleRan), true, 'the page scripts ran');
  assert.deepEqual(unexpected(problems), []);
});

// A browser holds at most six connections to one host: a stalled request that is never given up
// keeps one, and after a few retries the page's own requests to that host wait behind them.
test('a body that stalls is given up when the timeout error shows, first load and retry: its connection is closed', async (t) => {
  const connections = [];
  const routes = {
    '/stalled.json': (req, res) => {
      const connection = { closed: false };
      connections.push(connection);
      req.socket.on('close', () => { connection.closed = true; });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write(SLOW_PREFIX);
    },
  };
  const { page, origin } = await open(t, {
    routes,
    pages: { '/': htmlPage({ head: HEAD, body: '<maqal-article id="stalled" src="/stalled.json"></maqal-article>' }) },
  });
  await page.goto(`${origin}/`);
  assert.equal(await settledOrStuck(page, '#stalled', 40), 'error');
  assert.match(await part(page, 'error', '#stalled').textContent(), /10 s/);
  // Closing reaches the server within moments; five seconds is only an upper bound for a slow machine.
  const allClosed = async () => {
    for (let waited = 0; connections.some((c) => !c.closed) && waited < 5000; waited += 100) await sleep(100);
    return connections.map((c) => c.closed);
  };
  assert.deepEqual(await allClosed(), [true], 'the first request (maqal.js started it early) was aborted');

  await page.evaluate(() => {
    window.again = new Promise((ok) => document.querySelector('#stalled').addEventListener('maqal-error', (e) => ok(e.detail.message), { once: true }));
  });
  await part(page, 'retry', '#stalled').click();
  assert.match(await page.evaluate(() => window.again), /10 s/);
  assert.deepEqual(await allClosed(), [true, true], 'the retry\'s request was aborted too');
});

test('retry fetches again: a 500 and then a 200 shows the article', async (t) => {
  let answers = 0;
  const routes = {
    '/flaky.json': (req, res) => {
      if (answers++ === 0) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return res.end('internal error');
      }
      file(ARTICLE, 'application/json')(req, res);
    },
  };
  const body = `<maqal-article id="flaky" src="/flaky.json"></maqal-article>\n${inlineArticle(ARTICLE, ' id="fine"')}\n${TAIL}`;
  const { page, problems, origin } = await open(t, { routes, pages: { '/': htmlPage({ head: HEAD, body }) } });
  await page.goto(`${origin}/`);
  assert.equal(await settledOrStuck(page, '#flaky', 20), 'error');
  assert.match(await part(page, 'error', '#flaky').textContent(), /HTTP 500/);
  assert.equal(answers, 1, 'one request so far');

  await page.evaluate(() => {
    window.retried = new Promise((ok) => document.querySelector('#flaky').addEventListener('maqal-ready', () => ok('ready'), { once: true }));
  });
  await part(page, 'retry', '#flaky').click();
  assert.equal(await page.evaluate(() => window.retried), 'ready');
  assert.equal(answers, 2, 'the retry made one more request');
  assert.equal(await part(page, 'headline', '#flaky').textContent(), ARTICLE.headline);
  assert.equal(await part(page, 'paragraph', '#flaky').count(), ARTICLE.blocks.length);
  assert.equal(await part(page, 'error', '#flaky').count(), 0, 'the error is gone');
  assert.equal(await part(page, 'retry', '#flaky').count(), 0, 'and its button');
  await pageStillWorks(page);
  assert.deepEqual(unexpected(problems), []);
});
