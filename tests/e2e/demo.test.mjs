// The demo site (dist/, built by `make build`) as a reader meets it, in Debian's Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { launch, openPage, part, readClipboard, ROOT, serve, settled } from './helpers.mjs';

const SHOTS = join(ROOT, 'target/screenshots');
let server;
let browser;

before(async () => {
  // /en.html: the same site with an English article, to check every screen left to right too.
  const english = (await readFile(join(ROOT, 'dist/index.html'), 'utf8'))
    .replace('<html lang="ar" dir="rtl">', '<html lang="en" dir="ltr">')
    .replace('demo/articles/seed.json', 'demo/articles/en.json');
  server = await serve({ mounts: { '/': join(ROOT, 'dist') }, pages: { '/en.html': english } });
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openDemo(options, path = '/') {
  const opened = await openPage(browser, options);
  await opened.page.goto(server.origin + path);
  assert.equal(await settled(opened.page), 'ready');
  await opened.page.locator('maqal-article').evaluate(async (el) => {
    await Promise.all([...el.shadowRoot.querySelectorAll('img')].map((img) => img.decode().catch(() => {})));
  });
  return opened;
}

test('the seed article shows right to left with kicker, headline, both captions and eight paragraphs', async () => {
  const { page, problems, context } = await openDemo();
  assert.equal(await part(page, 'kicker').textContent(), 'عاجل');
  assert.equal(await part(page, 'headline').textContent(), 'وزراء الداخلية العرب ينظمون ورشة لاستعراض التجارب المتميزة فى حقوق الإنسان');
  assert.equal(await part(page, 'article').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  const captions = await part(page, 'caption').allTextContents();
  assert.equal(captions.length, 2);
  assert.match(captions[0], /^ورشة عربية تستعرض التجارب المتميزة لوزارات الداخلية/);
  assert.match(captions[1], /^ورشة عمل/);
  assert.equal(await part(page, 'paragraph').count(), 8);
  const images = await part(page, 'figure').locator('img').evaluateAll((imgs) => imgs.map((i) => i.naturalWidth));
  assert.deepEqual(images.map((w) => w > 0), [true, true], 'both illustrations load');
  const body = await part(page, 'paragraph').allTextContents();
  assert.ok(!body.some((t) => t.includes('<span') || t === 'تم نسخ الرابط'), 'scrape residue is not content');
  assert.deepEqual(problems, []);
  await context.close();
});

test('clicking share puts the cleaned link on the clipboard and shows the toast, which then goes away', async () => {
  const { page, problems, context } = await openDemo({}, '/?utm_source=newsletter&fbclid=abc&id=7#comments');
  const shares = page.evaluate(() => new Promise((ok) => document.addEventListener('maqal-share', (e) => ok(e.detail), { once: true })));
  await part(page, 'share-button').click();
  const toast = part(page, 'toast');
  await toast.getByText('تم نسخ الرابط').waitFor({ state: 'visible' });
  assert.equal(await readClipboard(page), `${server.origin}/?id=7`);
  assert.deepEqual(await shares, { url: `${server.origin}/?id=7`, method: 'clipboard', ok: true });
  await page.waitForTimeout(2400);
  assert.equal(await toast.textContent(), 'تم نسخ الرابط', 'still there after 2.4 s');
  await toast.getByText('تم نسخ الرابط').waitFor({ state: 'detached', timeout: 3000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('share works from the keyboard alone: Tab to the button, Enter', async () => {
  const { page, context } = await openDemo();
  let focused = '';
  for (let i = 0; i < 20 && focused !== 'share-button'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part') ?? '');
  }
  assert.equal(focused, 'share-button');
  const ring = await part(page, 'share-button').evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.equal(ring, 'solid', 'the focused button shows a focus ring');
  await page.keyboard.press('Enter');
  await part(page, 'toast').getByText('تم نسخ الرابط').waitFor();
  assert.equal(await readClipboard(page), `${server.origin}/`);
  await page.keyboard.press('Escape');
  await part(page, 'toast').getByText('تم نسخ الرابط').waitFor({ state: 'detached' });
  await context.close();
});

test('axe-core finds no accessibility violations, before and after sharing', async () => {
  const { page, context } = await openDemo();
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const audit = () => page.evaluate(async () => (await axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.length}`));
  assert.deepEqual(await audit(), []);
  await part(page, 'share-button').click();
  await part(page, 'toast-message').waitFor();
  assert.deepEqual(await audit(), []);
  await context.close();
});

test('at 390 px the toast never hides the share row, wherever the row is on the screen', async () => {
  const { page, context } = await openDemo({ viewport: { width: 390, height: 844 } });
  for (const block of ['end', 'start', 'center']) {
    await part(page, 'share').evaluate((footer, block) => footer.scrollIntoView({ block }), block);
    await part(page, 'share-button').click();
    await part(page, 'toast-message').waitFor();
    const boxes = await part(page, 'share').evaluate((footer) => {
      const card = footer.querySelector('[part~="toast"] > div').getBoundingClientRect();
      const controls = [...footer.querySelectorAll('button')].filter((b) => !b.closest('[part~="toast"]'))
        .map((b) => b.getBoundingClientRect()).filter((b) => b.height > 0);
      const hidden = controls.filter((b) => b.top < card.bottom && card.top < b.bottom && b.left < card.right && card.left < b.right);
      return { card: [Math.round(card.top), Math.round(card.bottom)], controls: controls.length, hidden: hidden.length, inView: card.top >= 0 && card.bottom <= innerHeight };
    });
    assert.ok(boxes.controls >= 2, `the share row's buttons (${block})`);
    assert.equal(boxes.hidden, 0, `the toast at ${boxes.card} covers no share control (row scrolled to ${block})`);
    assert.ok(boxes.inView, `the toast is on screen (row scrolled to ${block})`);
    await page.keyboard.press('Escape');
    await part(page, 'toast-message').waitFor({ state: 'detached' });
  }
  await context.close();
});

for (const width of [320, 390, 1200]) {
  test(`screenshot at ${width} px, with the toast`, async () => {
    const { page, context } = await openDemo({ viewport: { width, height: 900 } });
    const box = await part(page, 'article').boundingBox();
    assert.ok(box.width <= width, `the article fits in ${width} px (is ${box.width})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'no sideways scrolling');
    await part(page, 'share-button').click();
    await part(page, 'toast-message').waitFor();
    await page.screenshot({ path: join(SHOTS, `demo-ar-${width}.png`), fullPage: true });
    await context.close();
  });
}

test('an English article reads left to right, with English share words and its own cleaned url', async () => {
  const { page, problems, context } = await openDemo({}, '/en.html');
  assert.equal(await part(page, 'article').evaluate((el) => getComputedStyle(el).direction), 'ltr');
  assert.equal(await part(page, 'kicker').textContent(), 'Breaking');
  assert.match(await part(page, 'meta').textContent(), /2026 · maqal demo desk$/);
  assert.equal((await part(page, 'share-button').textContent()).trim(), 'Copy link');
  await part(page, 'share-button').click();
  await part(page, 'toast').getByText('Link copied').waitFor();
  assert.equal(await readClipboard(page), 'https://example.com/news/arab-interior-ministries-human-rights-workshop');
  for (const width of [390, 1200]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `demo-en-${width}.png`), fullPage: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});
