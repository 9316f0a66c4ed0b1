// The widget's own words in each language it has a table for (src/i18n.rs), on the demo site
// (dist/) with each demo article: what a reader of that language sees, hears and copies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { launch, openPage, part, readClipboard, ROOT, serve, settled } from './helpers.mjs';

const SHOTS = join(ROOT, 'target/screenshots');

// What each reader should meet, written here from the reader's side, not read from the tables.
const LANGUAGES = {
  fa: { dir: 'rtl', share: 'کپی پیوند', copied: 'پیوند کپی شد', menu: 'اشتراک‌گذاری با…', paragraph: 'کپی پیوند این بند',
    targets: ['واتس‌اپ', 'تلگرام', 'ایکس', 'فیس‌بوک', 'ایمیل'] },
  ur: { dir: 'rtl', share: 'لنک کاپی کریں', copied: 'لنک کاپی ہو گیا', menu: 'شیئر کریں بذریعہ…', paragraph: 'اس پیراگراف کا لنک کاپی کریں',
    targets: ['واٹس ایپ', 'ٹیلی گرام', 'ایکس', 'فیس بک', 'ای میل'] },
  he: { dir: 'rtl', share: 'העתקת הקישור', copied: 'הקישור הועתק', menu: 'שיתוף באמצעות…', paragraph: 'העתקת קישור לפסקה זו',
    targets: ['וואטסאפ', 'טלגרם', 'X', 'פייסבוק', 'דוא״ל'] },
  fr: { dir: 'ltr', share: 'Copier le lien', copied: 'Lien copié', menu: 'Partager via…', paragraph: 'Copier un lien vers ce paragraphe',
    targets: ['WhatsApp', 'Telegram', 'X', 'Facebook', 'E-mail'] },
};

let server;
let browser;

before(async () => {
  const index = await readFile(join(ROOT, 'dist/index.html'), 'utf8');
  const pages = {};
  for (const [lang, { dir }] of Object.entries(LANGUAGES)) {
    pages[`/${lang}.html`] = index
      .replace('<html lang="ar" dir="rtl">', `<html lang="${lang}" dir="${dir}">`)
      .replace('demo/articles/seed.json', `demo/articles/${lang}.json`);
  }
  // The element's lang attribute against the Arabic seed article.
  pages['/mixed.html'] = index.replace('<maqal-article src=', '<maqal-article lang="ur" src=');
  server = await serve({ mounts: { '/': join(ROOT, 'dist') }, pages });
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [lang, words] of Object.entries(LANGUAGES)) {
  test(`${lang}: the article and the widget's own words read ${words.dir === 'rtl' ? 'right to left' : 'left to right'}, in ${lang}`, async () => {
    const article = JSON.parse(await readFile(join(ROOT, `demo/articles/${lang}.json`), 'utf8'));
    const { page, problems, context } = await openPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${server.origin}/${lang}.html`);
    assert.equal(await settled(page), 'ready');
    assert.equal(await part(page, 'article').evaluate((el) => getComputedStyle(el).direction), words.dir);
    assert.equal(await part(page, 'headline').textContent(), article.headline);
    assert.equal((await part(page, 'share-button').textContent()).trim(), words.share);
    const menuButton = part(page, 'share-menu-button');
    assert.equal(await menuButton.getAttribute('aria-label'), words.menu);
    assert.equal(await part(page, 'paragraph-share').first().getAttribute('aria-label'), words.paragraph);
    // The menu's targets, then the copy and its toast, in the reader's language.
    await menuButton.click();
    assert.deepEqual((await part(page, 'share-target').allTextContents()).map((t) => t.trim()), words.targets);
    await page.keyboard.press('Escape');
    await part(page, 'share-button').click();
    const toast = part(page, 'toast-message');
    await toast.getByText(words.copied).waitFor();
    assert.equal(await toast.evaluate((el) => el.closest('[lang]').getAttribute('lang')), lang);
    assert.equal(await readClipboard(page), article.url);
    await page.screenshot({ path: join(SHOTS, `language-${lang}-390.png`), fullPage: true });
    // Nothing overflows sideways, in the language's own direction.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('axe-core finds no accessibility violations in Persian and Hebrew, with the toast up', async () => {
  for (const lang of ['fa', 'he']) {
    const { page, context } = await openPage(browser);
    await page.goto(`${server.origin}/${lang}.html`);
    assert.equal(await settled(page), 'ready');
    await part(page, 'share-button').click();
    await part(page, 'toast-message').waitFor();
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => (await axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.length}`));
    assert.deepEqual(violations, [], lang);
    await context.close();
  }
});

test('the lang attribute chooses the widget\'s words over the article\'s language', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(`${server.origin}/mixed.html`);
  assert.equal(await settled(page), 'ready');
  assert.equal((await part(page, 'share-button').textContent()).trim(), LANGUAGES.ur.share);
  assert.equal(await part(page, 'article').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  await context.close();
});

test('a server-rendered date reads as this browser writes the same date, in each language with a table', async () => {
  const { renderToString } = await import(join(ROOT, 'pkg/server/index.js'));
  // Arabic as each region writes it: Western digits (ar, ar-AE, ar-DZ, ar-MA) or Arabic-Indic
  // (ar-EG, ar-SY, ar-MR), and four sets of month names; a script subtag hides the region.
  const langs = ['ar', 'ar-EG', 'ar-SY', 'ar-DZ', 'ar-MA', 'ar-MR', 'ar-AE', 'ar-Arab-EG', 'en', 'fr', 'he', 'he-IL', 'ur', 'ur-IN', 'ur-Arab-IN', 'fa', 'fa-AF', 'fa-Arab-AF'];
  // Both calendars' new year's days, a Gregorian leap day, the 30th of Esfand that only a Solar
  // Hijri leap year has, and the demo's date: at noon UTC, and read in UTC by the browser too.
  const dates = ['2024-02-29', '2024-03-20', '2025-03-20', '2025-03-21', '2026-01-01', '2026-11-28'];
  const served = [];
  for (const lang of langs) {
    for (const date of dates) {
      const html = await renderToString({ lang, headline: 'h', published: `${date}T12:00:00Z`, blocks: [{ type: 'paragraph', text: 'p' }] });
      served.push({ lang, date, text: html.match(/<time datetime="[^"]*">([^<]*)<\/time>/)?.[1] });
    }
  }
  const { page, context } = await openPage(browser);
  await page.goto(`${server.origin}/fa.html`);
  const written = await page.evaluate((items) => items.map(({ lang, date }) => ({
    text: new Date(`${date}T12:00:00Z`).toLocaleDateString(lang, { dateStyle: 'long', timeZone: 'UTC' }),
    locale: new Intl.DateTimeFormat(lang).resolvedOptions().locale,
  })), served);
  // The server follows CLDR 43 and later (Chromium's, Firefox's and Node's Intl), which give plain
  // "ar" Western digits. An engine with older locale data (WebKitGTK here: ICU 72, CLDR 42) gives
  // it Arabic-Indic ones: for a tag it reads as plain "ar", and only then, digits are compared as
  // numbers; the month names and their order still are compared as written.
  const western = (text) => text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660));
  const differ = served.flatMap((s, i) => {
    const { text, locale } = written[i];
    const same = s.text === text || (locale === 'ar' && s.text === western(text));
    return same ? [] : [`${s.lang} ${s.date}: server "${s.text}", browser "${text}"`];
  });
  assert.deepEqual(differ, []);
  await context.close();
});
