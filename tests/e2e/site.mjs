// A site that embeds maqal the way an embedder does: the packed npm tarball (`make package`)
// installed offline into a temporary project, served from loopback with the test's own pages and
// routes, some of which misbehave on purpose. Shared by the tests that install the package.
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { promisify } from 'node:util';
import { launch, ROOT } from './helpers.mjs';

const TMP = join(ROOT, 'tests/e2e/.tmp');


/**
 * Installs target/maqal-<version>.tgz (or the tarball named by MAQAL_TARBALL) offline into a fresh
 * folder under tests/e2e/.tmp. Returns `{ dir, modules, remove }`: `modules` holds `maqal/`.
 */
export async function installTarball(name = 'site') {
  const { version } = JSON.parse(await readFile(join(ROOT, 'pkg/package.json'), 'utf8'));
  const tarball = process.env.MAQAL_TARBALL ?? join(ROOT, `target/maqal-${version}.tgz`);
  await access(tarball).catch(() => {
    throw new Error(`${tarball} is missing: run \`make package\` first (make test does it before the e2e tests)`);
  });
  await mkdir(TMP, { recursive: true });
  const dir = await mkdtemp(join(TMP, `${name}-`));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'site', private: true }));
  await promisify(execFile)('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' },
  });
  return { dir, modules: join(dir, 'node_modules'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * For a test file: installs the tarball (into a folder named after `name`) and launches the
 * browser before its tests, and takes both away after them. Returns `{ site, browser, ready }`:
 * the first two are filled in once `ready` settles. The file's own `before` awaits `ready`
 * (node:test does not wait for one `before` hook to end before it starts the next).
 */
export function useSite(name) {
  const made = { site: undefined, browser: undefined };
  let settle;
  made.ready = new Promise((ok, fail) => (settle = { ok, fail }));
  made.ready.catch(() => {}); // reported by the hook below
  before(async () => {
    // Both are kept even if the other fails, so that after() can clean up what was made.
    const [installed, launched] = await Promise.allSettled([installTarball(name), launch()]);
    made.site = installed.value;
    made.browser = launched.value;
    const failed = [installed, launched].find((outcome) => outcome.status === 'rejected');
    if (failed) {
      settle.fail(failed.reason);
      throw failed.reason;
    }
    settle.ok();
  });
  after(async () => {
    await made.browser?.close();
    await made.site?.remove();
  });
  return made;
}

/** The package's entry, as an embedder's page loads it from the installed site. */
export const ENTRY = '<script type="module" src="/node_modules/maqal/maqal.js"></script>';

/** JSON safe to put inside a <script> element. */
export const inlineJson = (value) => JSON.stringify(value).replaceAll('<', '\\u003c');

/** `<maqal-article>` holding `article` as inline JSON. */
export const inlineArticle = (article, attributes = '') =>
  `<maqal-article${attributes}><script type="application/json">${inlineJson(article)}</script></maqal-article>`;

/** An Arabic, right-to-left page. `icon` must be same-origin under `default-src 'self'` (data: is a violation). */
export const htmlPage = ({ head = '', body = '', icon = 'data:,' } = {}) => `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<link rel="icon" href="${icon}">
<title>maqal test page</title>
${head}
</head>
<body>
${body}
</body>
</html>`;

export const ARTICLE = {
  lang: 'ar',
  kicker: 'عاجل',
  headline: 'افتتاح مكتبة عامة جديدة في وسط المدينة',
  standfirst: 'تضم المكتبة أكثر من مئة ألف كتاب وقاعة للأطفال.',
  byline: 'سارة محمود',
  blocks: [
    { type: 'paragraph', text: 'افتتحت البلدية صباح اليوم مكتبة عامة جديدة في وسط المدينة بحضور عدد من الكتّاب.' },
    { type: 'paragraph', text: 'وقال مدير المكتبة إن أبوابها ستبقى مفتوحة حتى العاشرة مساءً طوال أيام الأسبوع.' },
  ],
};

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450"><rect width="800" height="450" fill="#ccd"/></svg>';

/** A route answering `body` with `type` and any extra `headers`. */
export const file = (body, type, headers = {}) => (req, res) => {
  res.writeHead(200, { 'content-type': type, ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
