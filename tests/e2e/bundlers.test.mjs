// maqal as a front-end team meets it: imported through Vite, webpack, Rollup and esbuild, and
// used from React 19, Vue 3 and Svelte 5 through Vite, as README shows. The pages are built by tests/bundlers/build.mjs
// (`make bundles`) from the packed tarball into target/bundlers/<name>/; here each is served as
// it was built, with the demo's articles beside it, and read, shared and counted in the browser.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, openPage, part, readClipboard, ROOT, serve, settled, trimmed } from './helpers.mjs';
import { WATCH_PATH } from './engines.mjs';

const BUILT = join(ROOT, 'target/bundlers');
const SHARE_URL = 'https://example.com/news/workshop';
let browser;
let report;
let seed;

before(async () => {
  report = JSON.parse(await readFile(join(BUILT, 'report.json'), 'utf8').catch(() => {
    throw new Error('target/bundlers/report.json is missing: run `make bundles` (make test does it first)');
  }));
  seed = JSON.parse(await readFile(join(ROOT, 'demo/articles/seed.json'), 'utf8'));
  browser = await launch();
});

after(() => browser?.close());

/**
 * Serves target/bundlers/<name>/ at /, demo/ at /demo/ and its images at /img/ too: an article
 * handed to mount() has no URL of its own, so its relative image URLs (../img/) resolve against
 * the page's. Opens the page.
 */
async function open(t, name) {
  const mounts = { '/': join(BUILT, name), '/demo/': join(ROOT, 'demo'), '/img/': join(ROOT, 'demo/img') };
  const server = await serve({ mounts });
  const opened = await openPage(browser);
  t.after(async () => {
    await opened.context.close();
    await server.close();
  });
  await opened.page.goto(`${server.origin}/`);
  return { ...opened, server };
}

/** Each path the page asked for, and how often; and those the server had no file for. */
function counted(server) {
  const times = new Map();
  for (const { path } of server.requests) {
    if (path !== WATCH_PATH) times.set(path, (times.get(path) ?? 0) + 1);
  }
  return times;
}

for (const name of ['vite', 'webpack', 'rollup', 'esbuild']) {
  test(`${name}: the bundled page renders the article, shares its link, and fetches each file once`, async (t) => {
    const { page, problems, server } = await open(t, name);
    assert.equal(await settled(page), 'ready');
    assert.equal(await trimmed(part(page, 'headline')), seed.headline);
    assert.equal(await part(page, 'figure').count(), 2);
    await part(page, 'share-button').click();
    await part(page, 'toast').getByText('تم نسخ الرابط').waitFor();
    assert.equal(await readClipboard(page), SHARE_URL);

    const times = counted(server);
    const wasm = [...times.keys()].filter((path) => path.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one wasm file: ${wasm}`);
    assert.deepEqual([...times].filter(([, n]) => n > 1), [], 'no file fetched twice');
    assert.equal(times.get('/demo/articles/seed.json'), 1);
    // Every file the bundler wrote that the page needs was found where the page looked.
    const built = new Set(report.bundlers[name].files.map((f) => `/${f.file}`));
    for (const path of times.keys()) {
      if (path === '/' || path.startsWith('/demo/')) continue;
      assert.ok(built.has(path), `${path} is one of the files ${name} wrote`);
    }
    assert.deepEqual(problems, []);
    const { raw, gzip, brotli } = report.bundlers[name];
    t.diagnostic(`${name} ships ${raw} B (${gzip} B gzip, ${brotli} B brotli) in ${report.bundlers[name].files.length} files`);
  });
}

/**
 * What every framework page shows as README writes it: the element `#lead` with the seed article,
 * its share event in the framework's state (`#shared`), utm-campaign `campaign` from an attribute,
 * lang from the framework's state (`#lang`), and the element taken out and put back (`#toggle`).
 */
async function leadFollowsState(page, campaign) {
  const lead = '#lead';
  assert.equal(await settled(page, lead), 'ready');
  assert.equal(await trimmed(part(page, 'headline', lead)), seed.headline);
  assert.equal(await trimmed(part(page, 'share-button', lead)), 'نسخ الرابط');

  // The event reaches the framework: its detail is in the framework's state, on screen.
  await part(page, 'share-button', lead).click();
  await part(page, 'toast', lead).getByText('تم نسخ الرابط').waitFor();
  await page.locator('#shared').getByText(`clipboard ${SHARE_URL}`).waitFor();
  assert.equal(await readClipboard(page), SHARE_URL);
  const target = await part(page, 'share-target', lead).first().getAttribute('href');
  assert.match(decodeURIComponent(target), new RegExp(`utm_campaign=${campaign}`), 'utm-campaign came through as an attribute');

  await page.locator('#lang').click();
  await page.waitForFunction(() => document.querySelector('#lead').shadowRoot.querySelector('[part~=share-button]')?.textContent.trim() === 'Copy link');

  await page.locator('#toggle').click();
  await page.waitForFunction(() => !document.querySelector('#lead'));
  await page.locator('#toggle').click();
  assert.equal(await settled(page, lead), 'ready');
  assert.equal(await trimmed(part(page, 'headline', lead)), seed.headline);
}

/** The page fetched one wasm file, once, and logged nothing wrong. */
function fetchedOnce(server, problems) {
  const wasm = [...counted(server)].filter(([path]) => path.endsWith('.wasm'));
  assert.equal(wasm.length, 1);
  assert.equal(wasm[0][1], 1, 'the wasm is fetched once');
  assert.deepEqual(problems, []);
}

test('React 19 (Vite): attributes and an event prop on the element, mount() for a list, both follow React state', async (t) => {
  const { page, problems, server } = await open(t, 'react');
  // The list: one mount() per article React renders.
  const cards = page.locator('#list .card');
  await page.waitForFunction(() => document.querySelectorAll('#list .card').length === 2
    && [...document.querySelectorAll('#list .card')].every((c) => c.shadowRoot?.querySelector('[part=article]')));
  const headlines = async () => cards.evaluateAll((all) => all.map((c) => c.shadowRoot.querySelector('[part~=headline]').textContent.trim()));
  const en = JSON.parse(await readFile(join(ROOT, 'demo/articles/en.json'), 'utf8'));
  const fr = JSON.parse(await readFile(join(ROOT, 'demo/articles/fr.json'), 'utf8'));
  assert.deepEqual(await headlines(), [en.headline, fr.headline]);

  await leadFollowsState(page, 'react');
  // lang from React state reached every mounted card too.
  await page.waitForFunction(() => [...document.querySelectorAll('#list .card')]
    .every((c) => c.shadowRoot.querySelector('[part~=share-button]')?.textContent.trim() === 'Copy link'));
  // React removes a card: its widget goes with it; the other stays.
  await page.locator('#drop').click();
  await page.waitForFunction(() => document.querySelectorAll('#list .card').length === 1);
  assert.deepEqual(await headlines(), [fr.headline]);

  fetchedOnce(server, problems);
  const { raw, brotli } = report.bundlers.react;
  t.diagnostic(`react + maqal ship ${raw} B (${brotli} B brotli)`);
});

for (const [name, title] of [['vue', 'Vue 3'], ['svelte', 'Svelte 5']]) {
  test(`${title} (Vite): attributes and an event listener on the element follow the framework's state`, async (t) => {
    const { page, problems, server } = await open(t, name);
    await leadFollowsState(page, name);
    fetchedOnce(server, problems);
    const { raw, brotli } = report.bundlers[name];
    t.diagnostic(`${name} + maqal ship ${raw} B (${brotli} B brotli)`);
  });
}
