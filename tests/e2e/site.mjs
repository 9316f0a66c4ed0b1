// A site that embeds maqal the way an embedder does: the packed npm tarball (`make package`)
// installed offline into a temporary project, served from loopback with the test's own pages and
// routes, some of which misbehave on purpose. Shared by sources, pages and privacy tests.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { ENGINE, WATCH_PATH, WATCH_SCRIPT, withWatcher } from './engines.mjs';
import { ROOT } from './helpers.mjs';

const TMP = join(ROOT, 'tests/e2e/.tmp');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png',
};

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
 * Serves, on `host` (any 127.x.y.z) and a free port, in this order: `routes` ({ '/path':
 * (req, res) => void }, exact path), `pages` ({ '/path': html }, sent with `headers`), then files
 * under `mounts` ({ '/prefix/': '/dir' }). Both objects are read at request time, so a test may
 * add pages once it knows the origin. Every request is noted in `requests` ({ path, cookie }).
 */
export async function serveSite({ host = '127.0.0.1', routes = {}, pages = {}, mounts = {}, headers = {} } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push({ path, url: req.url, cookie: req.headers.cookie ?? null });
    // On WebKit the page reports its own errors and requests (engines.mjs): as helpers.mjs serve() does.
    if (ENGINE === 'webkit' && path === WATCH_PATH) {
      res.writeHead(200, { 'content-type': TYPES['.js'] });
      return res.end(WATCH_SCRIPT);
    }
    if (path in routes) return routes[path](req, res);
    if (path in pages) {
      res.writeHead(200, { 'content-type': TYPES['.html'], ...headers });
      return res.end(withWatcher(pages[path], headers));
    }
    const prefix = Object.keys(mounts).sort((a, b) => b.length - a.length).find((p) => path.startsWith(p));
    if (prefix !== undefined) {
      const base = mounts[prefix];
      const file = normalize(join(base, path.slice(prefix.length)));
      if (file.startsWith(base)) {
        try {
          if ((await stat(file)).isFile()) {
            const type = TYPES[extname(file)] ?? 'application/octet-stream';
            const isHtml = type.startsWith('text/html');
            res.writeHead(200, { 'content-type': type, ...(isHtml ? headers : {}) });
            const body = await readFile(file);
            return res.end(isHtml ? withWatcher(body, headers) : body);
          }
        } catch {}
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  // A slow route holds its socket open: close() must not wait for it.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((ok) => server.listen(0, host, ok));
  return {
    origin: `http://${host}:${server.address().port}`,
    port: server.address().port,
    requests,
    routes,
    pages,
    close: () => new Promise((ok) => {
      for (const s of sockets) s.destroy();
      server.close(ok);
    }),
  };
}

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
