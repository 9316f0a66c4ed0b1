// Shared by the end-to-end tests: a static server on 127.0.0.1 and the browser chosen by
// MAQAL_ENGINE (chromium, firefox or webkit; see engines.mjs).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { ENGINE, launchEngine, skipOn, WATCH_PATH, WATCH_SCRIPT, withWatcher } from './engines.mjs';

export { ENGINE, skipOn };

export const ROOT = resolve(import.meta.dirname, '../..');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webp': 'image/webp', '.jpg': 'image/jpeg',
};

/**
 * Serves, on `host` (any 127.x.y.z) and a free port, in this order: `routes` ({ '/path':
 * (req, res) => void }, exact path), `pages` ({ '/path': html }, sent with `headers`, e.g. a CSP),
 * then files under `mounts` ({ '/prefix/': '/dir/on/disk' }; a folder serves its index.html).
 * Both objects are read at request time, so a test may add pages once it knows the origin. Every
 * request is noted in `requests` ({ path, url, cookie }).
 */
export async function serve({ host = '127.0.0.1', routes = {}, pages = {}, mounts = {}, headers = {} } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      // A path that is not valid percent-encoding ('/a%=b', which Firefox sends as written): no file has it.
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end('bad path');
    }
    requests.push({ path, url: req.url, cookie: req.headers.cookie ?? null });
    // On WebKit the page reports its own errors and requests (engines.mjs).
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
      let file = normalize(join(base, path.slice(prefix.length)));
      if (file.startsWith(base)) {
        try {
          if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
          const body = await readFile(file);
          const type = TYPES[extname(file)] ?? 'application/octet-stream';
          const isHtml = type.startsWith('text/html');
          res.writeHead(200, { 'content-type': type, ...(isHtml ? headers : {}) });
          return res.end(isHtml ? withWatcher(body, headers) : body);
        } catch {}
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  // A slow route holds its socket open: close() must not wait for it.
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((ok) => server.listen(0, host, ok));
  const { port } = server.address();
  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    routes,
    pages,
    close: () => new Promise((ok) => {
      for (const socket of sockets) socket.destroy();
      server.close(ok);
    }),
  };
}

/** Debian's Chromium (playwright-core), Firefox ESR or WebKitGTK's MiniBrowser, by MAQAL_ENGINE. */
export function launch() {
  return launchEngine();
}

/**
 * A page whose console errors, page errors and non-local requests are collected in `problems`.
 * On WebKit these are what the page itself can see (engines.mjs, WATCH_SCRIPT).
 */
export async function openPage(browser, { viewport = { width: 1200, height: 900 }, clipboard = true, ...options } = {}) {
  const context = await browser.newContext({
    viewport,
    permissions: clipboard ? ['clipboard-read', 'clipboard-write'] : [],
    ...options,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', ''].includes(url.hostname) && url.protocol !== 'data:') problems.push(`third-party request: ${r.url()}`);
  });
  return { page, context, problems };
}

/** A locator's text, without the white space around it. */
export const trimmed = async (locator) => (await locator.textContent()).trim();

/** The shadow-DOM `part` inside the first (or `host`) <maqal-article>. */
export function part(page, name, host = 'maqal-article') {
  return page.locator(`${host} [part~="${name}"]`);
}

export async function readClipboard(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Waits until the element shows its article ('ready') or an error ('error'); returns which. */
export async function settled(page, selector = 'maqal-article') {
  return page.locator(selector).first().evaluate((el) => {
    const now = () => (el.shadowRoot?.querySelector('[part=article]') ? 'ready'
      : el.shadowRoot?.querySelector('[part=error]') ? 'error' : null);
    return now() ?? new Promise((ok) => {
      el.addEventListener('maqal-ready', () => ok('ready'), { once: true });
      el.addEventListener('maqal-error', () => ok('error'), { once: true });
    });
  });
}
