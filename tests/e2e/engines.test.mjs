// What the other end-to-end tests rely on from the browser driver, checked in whichever engine runs
// them (MAQAL_ENGINE): in Chromium this is playwright-core itself, so these are Playwright's rules,
// and in Firefox and WebKit the adapter in engines.mjs must keep them. A page with no maqal in it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, part, readClipboard, serve } from './helpers.mjs';

let browser;
let server;

// <x-card>: an open shadow root with parts, a nested element with its own shadow root, and a light child.
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>driver check</title></head>
<body>
<x-card id="one"><span class="light">light child</span></x-card>
<x-card id="two"></x-card>
<div id="cover-host"><button id="covered" type="button">under a cover</button><div id="cover"></div></div>
<script>
  window.clicks = [];
  customElements.define('x-inner', class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<b part="deep">deep text</b>';
    }
  });
  customElements.define('x-card', class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<p part="title">Card ' + this.id + '</p>'
        + '<button part="button action" type="button">Copy  <em>link</em></button><x-inner></x-inner>'
        + '<p part="hidden-one" hidden>never shown</p><slot></slot>';
      this.shadowRoot.querySelector('button').addEventListener('click', (e) => {
        window.clicks.push({ card: this.id, trusted: e.isTrusted, x: Math.round(e.clientX), y: Math.round(e.clientY) });
        navigator.clipboard.writeText('copied from ' + this.id).catch((err) => window.clicks.push({ error: String(err) }));
      });
    }
  });
  document.querySelector('#covered').addEventListener('click', () => window.clicks.push({ card: 'covered' }));
</script>
<style>
  #cover-host { position: relative; inline-size: 300px }
  #cover { position: absolute; inset: 0 }
</style>
</body>
</html>`;

before(async () => {
  server = await serve({ pages: { '/': PAGE } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(t, options) {
  const opened = await openPage(browser, options);
  t.after(() => opened.context.close());
  await opened.page.goto(`${server.origin}/`);
  return opened;
}

test('CSS locators reach into open shadow roots, nested ones too, and keep tree order', async (t) => {
  const { page } = await open(t);
  assert.equal(await part(page, 'title', '#one').textContent(), 'Card one');
  assert.deepEqual(await page.locator('x-card [part~="title"]').allTextContents(), ['Card one', 'Card two']);
  assert.equal(await page.locator('#two [part~="deep"]').textContent(), 'deep text', 'a shadow root inside a shadow root');
  assert.equal(await page.locator('x-card [part~="action"]').count(), 2, 'one word of a multi-word part');
  assert.equal(await page.locator('#one').locator('[part~="title"]').textContent(), 'Card one', 'from the host, into its shadow root');
  assert.equal(await page.locator('#one .light').textContent(), 'light child');
  assert.equal(await page.locator('x-card [part~="title"]').nth(1).textContent(), 'Card two');
  assert.equal(await page.locator('x-card [part~="title"]').first().textContent(), 'Card one');
  assert.equal(await page.locator('#nothing-here').count(), 0);
});

test('a locator that finds two elements is refused by actions that need one', async (t) => {
  const { page } = await open(t);
  const two = page.locator('x-card [part~="title"]');
  await assert.rejects(two.textContent(), /strict mode violation/);
  await assert.rejects(two.isVisible(), /strict mode violation/);
  await assert.rejects(two.click(), /strict mode violation/);
  assert.deepEqual(await two.evaluateAll((els) => els.map((el) => el.textContent)), ['Card one', 'Card two'], 'evaluateAll takes them all');
});

test('getByText finds the innermost element holding the text, case and spacing aside', async (t) => {
  const { page } = await open(t);
  const button = part(page, 'button', '#one').getByText('copy link');
  assert.equal(await button.count(), 1);
  assert.equal(await button.evaluate((el) => el.getAttribute('part')), 'button action');
  assert.equal(await part(page, 'title', '#two').getByText('Card two', { exact: true }).count(), 1);
  assert.equal(await part(page, 'title', '#two').getByText('card', { exact: true }).count(), 0);
});

test('visibility: hidden elements are attached but not visible, and waitFor tells the states apart', async (t) => {
  const { page } = await open(t);
  const hidden = part(page, 'hidden-one', '#one');
  assert.equal(await hidden.count(), 1);
  assert.equal(await hidden.isVisible(), false);
  assert.equal(await hidden.boundingBox(), null);
  await hidden.waitFor({ state: 'attached' });
  await hidden.waitFor({ state: 'hidden' });
  await assert.rejects(hidden.waitFor({ state: 'visible', timeout: 300 }), /Timeout 300ms exceeded/);
  const title = part(page, 'title', '#one');
  assert.equal(await title.isVisible(), true);
  const box = await title.boundingBox();
  assert.ok(box.width > 0 && box.height > 0);
  await page.evaluate(() => setTimeout(() => document.querySelector('#one').shadowRoot.querySelector('[part~=title]').remove(), 50));
  await title.waitFor({ state: 'detached' });
});

test('a click is a trusted pointer event at the element, and it copies', async (t) => {
  const { page } = await open(t);
  const button = part(page, 'button', '#two');
  const box = await button.boundingBox();
  await button.click();
  const clicks = await page.evaluate(() => window.clicks);
  assert.equal(clicks.length, 1, JSON.stringify(clicks));
  const [{ card, trusted, x, y }] = clicks;
  assert.deepEqual({ card, trusted }, { card: 'two', trusted: true });
  assert.ok(x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height, `(${x}, ${y}) is inside ${JSON.stringify(box)}`);
  assert.equal(await readClipboard(page), 'copied from two');
});

test('a click waits for the element to be on top, and gives up if something else stays there', async (t) => {
  const { page } = await open(t);
  await assert.rejects(page.locator('#covered').click({ timeout: 500 }), /Timeout 500ms exceeded/);
  assert.deepEqual(await page.evaluate(() => window.clicks), [], 'nothing was clicked');
  await page.evaluate(() => setTimeout(() => document.querySelector('#cover').remove(), 100));
  await page.locator('#covered').click();
  assert.deepEqual(await page.evaluate(() => window.clicks), [{ card: 'covered' }]);
});

test('Tab moves focus into a shadow root, and Enter presses the focused button', async (t) => {
  const { page } = await open(t);
  let focused = '';
  for (let i = 0; i < 5 && focused !== 'one'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (document.activeElement?.shadowRoot?.activeElement?.matches('button') ? document.activeElement.id : ''));
  }
  assert.equal(focused, 'one');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.clicks.length === 1);
  assert.deepEqual(await page.evaluate(() => window.clicks.map((c) => [c.card, c.trusted])), [['one', true]]);
});

test('evaluate passes its argument and gives back objects, arrays, undefined and what a promise settles to', async (t) => {
  const { page } = await open(t);
  assert.deepEqual(await page.evaluate(([a, b]) => ({ sum: a + b, list: [a, b] }), [2, 3]), { sum: 5, list: [2, 3] });
  assert.equal(await page.evaluate(() => undefined), undefined);
  assert.equal(await page.evaluate(() => new Promise((ok) => setTimeout(() => ok('later'), 20))), 'later');
  await assert.rejects(page.evaluate(() => { throw new Error('thrown in the page'); }), /thrown in the page/);
  assert.equal(await part(page, 'title', '#one').evaluate((el, suffix) => el.textContent + suffix, '!'), 'Card one!');
  await page.waitForFunction((n) => window.clicks.length === n, 0);
  await assert.rejects(page.waitForFunction(() => false, null, { timeout: 200 }), /Timeout 200ms exceeded/);
});

test('console errors and warnings, uncaught errors and requests to other hosts reach the problems list', async (t) => {
  const { page, problems } = await open(t);
  const port = new URL(server.origin).port;
  await page.evaluate((port) => {
    console.error('an error', 42);
    console.warn('a warning');
    console.log('a log line is not a problem');
    setTimeout(() => { throw new Error('uncaught in a timer'); });
    Promise.reject(new Error('rejected, unhandled'));
    // Another host name for this machine: counted as a third-party request, and answered here.
    return fetch(`http://localhost:${port}/other-host`, { mode: 'no-cors' }).then(() => {}, () => {});
  }, port);
  await page.waitForTimeout(300);
  const seen = problems.join('\n');
  assert.match(seen, /^console error: an error 42$/m);
  assert.match(seen, /^console warning: a warning$/m);
  assert.doesNotMatch(seen, /a log line/);
  assert.match(seen, /^page error: .*uncaught in a timer/m);
  assert.match(seen, /^page error: .*rejected, unhandled/m);
  assert.match(seen, new RegExp(`^third-party request: http://localhost:${port}/other-host$`, 'm'));
});

test('the viewport is the size asked for, at 320 px and at 1200 px', async (t) => {
  const { page } = await open(t, { viewport: { width: 320, height: 700 } });
  assert.deepEqual(await page.evaluate(() => [innerWidth, innerHeight]), [320, 700]);
  await page.setViewportSize({ width: 1200, height: 800 });
  assert.deepEqual(await page.evaluate(() => [innerWidth, innerHeight]), [1200, 800]);
});

test('with script off the page script does not run, and the test can still read the page', async (t) => {
  const { page } = await open(t, { javaScriptEnabled: false });
  assert.equal(await page.evaluate(() => customElements.get('x-card') === undefined), true);
  assert.equal(await page.locator('#one .light').textContent(), 'light child');
});
