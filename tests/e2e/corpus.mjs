// The corpora of tests/corpus/ as the end-to-end tests use them: the injection vectors, the field
// table and the articles built from them, what must happen to each (docs/FORMAT.md,
// docs/CONTRACT.md), an inspector that runs inside the page, and the malformed documents.
// Node-side logic only; the page is reached through page.evaluate, so any engine can run it.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

export const CORPUS = join(ROOT, 'tests/corpus');
const readJson = async (path) => JSON.parse(await readFile(join(CORPUS, path), 'utf8'));

// ---------------------------------------------------------------- injection corpus

/** The vectors (each `repeat`ed), the field table and the two base articles. */
export async function loadInjection() {
  const vectors = (await readJson('injection.json'))
    .map(({ id, text, note, repeat = 1 }) => ({ id, text: text.repeat(repeat), note }));
  const { fields } = await readJson('fields.json');
  const base = { native: await readJson('base-native.json'), jsonld: await readJson('base-jsonld.json') };
  return { vectors, fields, base };
}

const walk = (value, path) => path.reduce((node, key) => node[key], value);
const substitute = (template, text) => (template === '$V' ? text
  : Array.isArray(template) ? template.map((t) => substitute(t, text))
    : template && typeof template === 'object'
      ? Object.fromEntries(Object.entries(template).map(([k, v]) => [k, substitute(v, text)])) : template);

/** The field table cut into the injection pages: 7 fields to a page, one widget per field and vector. */
export function pageBatches(fields) {
  const batches = [];
  for (let i = 0; i < fields.length; i += 7) batches.push(fields.slice(i, i + 7));
  return batches;
}

/** The base article of `field`'s format with `text` put where the field table says. */
export function articleWith(base, field, text) {
  const article = structuredClone(base[field.base]);
  for (const path of field.remove ?? []) delete walk(article, path.slice(0, -1))[path.at(-1)];
  if (field.member) {
    walk(article, field.member)[text] = 'x';
  } else {
    walk(article, field.set.slice(0, -1))[field.set.at(-1)] = substitute(field.value ?? '$V', text);
  }
  return article;
}

/** JSON text with every character outside printable ASCII, and `<`, `>`, `&`, written as a \u
 * escape: what a careful page puts in an inline <script type="application/json">. */
export const asciiJson = (value) => JSON.stringify(value)
  .replace(/[\u0000-\u001f\u007f-\uffff<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

// ---------------------------------------------------------------- what the product does to text

// Text fields are trimmed (docs/FORMAT.md: blank counts as absent). The loader trims with Rust's
// `str::trim`, which removes the Unicode White_Space characters at both ends: not U+200B, U+FEFF
// or the bidi controls, which stay.
const WHITE = '\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGES = new RegExp(`^[${WHITE}]+|[${WHITE}]+$`, 'g');
export const trim = (text) => text.replace(EDGES, '');

// What the HTML parser does to the server fragment (the element's own DOM is built with DOM calls
// and keeps every character): CR and CR LF become LF; a NUL in text is dropped, a NUL in an
// attribute value becomes U+FFFD.
export const parsedText = (text) => text.replace(/\r\n?/g, '\n').replaceAll('\0', '');
export const parsedAttribute = (text) => text.replace(/\r\n?/g, '\n').replaceAll('\0', '\ufffd');

// JSON-LD text has its HTML entities decoded (docs/FORMAT.md, "Data is taken as publishers
// actually write it"). The named references the corpus uses, and every numeric one.
const NAMED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", colon: ':', Tab: '\t', NewLine: '\n', nbsp: '\u00a0' };
export const decodeEntities = (text) => text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);/g, (whole, name) => {
  if (name[0] !== '#') return NAMED[name] ?? whole;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
});
const hasEntity = (text) => decodeEntities(text) !== text;

/** Whether docs/CONTRACT.md §1 lets `src` be an image: http:, https:, relative, or a raster data:
 * URL, judged by the scheme a browser would see; `null` when that depends on whether the entities
 * of a JSON-LD value are decoded. */
export function imageAllowed(src, jsonLd) {
  const judge = (text) => {
    const seen = trim(text);
    if (!seen) return false;
    let url;
    try {
      url = new URL(seen, 'http://127.0.0.1/p/');
    } catch {
      return /^\s*https?:/i.test(seen);
    }
    if (url.protocol === 'http:' || url.protocol === 'https:') return true;
    return url.protocol === 'data:' && /^data:image\/(png|jpeg|gif|webp|avif)[;,]/i.test(url.href);
  };
  const plain = judge(src);
  if (!jsonLd || !hasEntity(src)) return plain;
  return judge(decodeEntities(src)) === plain ? plain : null;
}

/** The paragraphs' text of a JSON-LD articleBody, joined by spaces: split at blank lines, each
 * line trimmed and the lines of one paragraph joined by a space (docs/FORMAT.md). */
const bodyText = (text) => trim(text).replace(/\r\n/g, '\n').split('\n').map(trim).filter(Boolean).join(' ');

// ---------------------------------------------------------------- expectations

export const PATHS = ['element-inline', 'element-src', 'mount', 'server-script-off', 'server-script-on'];
const SERVER = new Set(['server-script-off', 'server-script-on']);

/**
 * What must happen to the article with `text` in `field` on `path`: `{ error }` (the path the
 * message must name, or '*' for any error) or `{ checks }`, each check a function of the widget's
 * observation returning a problem (string) or nothing; checks tagged `entities` are the ones that
 * depend on JSON-LD entity decoding.
 */
export function expectation(field, text, path) {
  const jsonLd = field.base === 'jsonld';
  const server = SERVER.has(path);
  const value = trim(jsonLd ? decodeEntities(text) : text);
  const asWritten = trim(text);
  const shownText = (t) => (server ? parsedText(t) : t);
  const shownAttribute = (t) => (server ? parsedAttribute(t) : t);
  const checks = [];
  // A text check, and whether it fails only because entities were left as written.
  const same = (what, got, want, undecoded) => {
    if (got === want) return undefined;
    const problem = `${what}: expected ${show(want)}, found ${show(got)}`;
    return undecoded !== undefined && undecoded !== want && got === undecoded ? { entities: problem } : problem;
  };
  const untouched = (o) => (o.text.includes(value) && value.length > 2 ? `the vector's text shows: ${show(value)}` : undefined);

  switch (field.kind) {
    case 'text': {
      if (!value) {
        if (field.required) return { error: field.error };
        checks.push((o) => (field.part === 'caption'
          ? same('caption text', o.own.caption?.[0], '') : o.own[field.part].length ? `part ${field.part} should be absent` : undefined));
        break;
      }
      checks.push((o) => same(`part ${field.part}`, o.own[field.part][0], shownText(value), shownText(asWritten)));
      break;
    }
    case 'byline': {
      const want = value ? (field.prefix ?? '') + value : field.prefix?.replace(/، $/, '') ?? null;
      const undecoded = asWritten ? (field.prefix ?? '') + asWritten : undefined;
      checks.push((o) => same('byline', o.byline, want === null ? null : shownText(want), undecoded && shownText(undecoded)));
      break;
    }
    case 'time':
      if (!value) {
        checks.push((o) => (o.own.time.length ? 'no <time> for a blank date' : undefined));
        break;
      }
      checks.push((o) => same('time text', o.own.time[0], shownText(value), shownText(asWritten)));
      checks.push((o) => same('time datetime', o.datetime[0], shownAttribute(value), shownAttribute(asWritten)));
      break;
    case 'share': {
      const absolute = /^https?:\/\//i.test(value);
      checks.push((o) => {
        if (path === 'server-script-off') {
          // The server knows only the article's link (docs/CONTRACT.md §4): refused, no links.
          if (!absolute) return o.shared === null ? undefined : `no share links for a refused url, found ${show(o.shared)}`;
          if (o.shared === null) return undefined; // refused for another reason (userinfo, controls)
        }
        if (!absolute) return same('shared link (the page\'s, as the fallback)', o.shared, o.fallback);
        if (o.shared === o.fallback) return undefined;
        return /^https?:\/\/[^\s@/?#]+/i.test(o.shared ?? '') && value.startsWith(o.shared)
          ? undefined : `shared link ${show(o.shared)} is neither the page's nor a cleaned ${show(value)}`;
      });
      break;
    }
    case 'image': {
      const allowed = imageAllowed(text, jsonLd);
      checks.push((o) => {
        const figure = o.figures[0];
        if (!value && field.blank === 'no-figure') return o.figures.length ? 'no figure for a blank image' : undefined;
        if (!figure) return 'the figure is missing';
        if (field.caption && figure.caption !== field.caption) return `the caption is lost: ${show(figure.caption)}`;
        if (allowed === null) return undefined;
        if (allowed && value && !figure.img) return `an allowed image URL was dropped: ${show(value)}`;
        if ((!allowed || !value) && figure.img) return `a refused image URL was kept: ${show(figure.src)}`;
        return undefined;
      });
      break;
    }
    case 'srcset': {
      if (!value) return { error: field.error };
      const allowed = imageAllowed(text, false);
      checks.push((o) => {
        const count = o.figures[0]?.srcset.length;
        return count === (allowed ? 2 : 1) ? undefined : `srcset has ${count} candidates, expected ${allowed ? 2 : 1}`;
      });
      break;
    }
    case 'alt':
      checks.push((o) => same('image alt', o.figures[0]?.alt, shownAttribute(value), shownAttribute(asWritten)));
      break;
    case 'body':
      // An articleBody holding HTML is reduced to its paragraphs' text (docs/FORMAT.md), which the
      // corpus does not predict: for those only the safety checks apply.
      if (/</.test(text)) break;
      checks.push((o) => same('articleBody paragraphs', o.own.paragraph.join(' '), shownText(bodyText(jsonLd ? decodeEntities(text) : text)),
        shownText(bodyText(text))));
      break;
    case 'validated':
      if (value) return { error: field.error };
      break;
    case 'document':
      return { error: '*' };
    case 'type':
      if (!value) return { error: field.error };
      checks.push((o) => (o.own.paragraph.length === 1 ? undefined : `${o.own.paragraph.length} paragraphs: the block of unknown type was not skipped`));
      checks.push(untouched);
      break;
    case 'member':
    case 'ignored':
      checks.push(untouched);
      break;
    default:
      throw new Error(`unknown kind ${field.kind}`);
  }
  return { checks };
}

const show = (value) => {
  const text = JSON.stringify(value);
  return text && text.length > 120 ? `${text.slice(0, 100)}… (${value.length} characters)` : text;
};

// ---------------------------------------------------------------- the widget's own DOM

// Every element and attribute the widget itself draws, and the share targets' link prefixes
// (tests/corpus/widget-dom.json, docs/CONTRACT.md §1, §2, §4).
const WIDGET_DOM = await readJson('widget-dom.json');
export const ALLOWED = WIDGET_DOM.elements;
export const SHARE_PREFIXES = WIDGET_DOM.sharePrefixes;

/**
 * Runs in the page: looks at every widget host in `spec.ids` and the page around them. Returns per
 * widget what it shows and any structural problem, and for the page whether anything ran,
 * navigated or loaded that should not have.
 */
export function inspectPage(spec) {
  const HTML = 'http://www.w3.org/1999/xhtml';
  const SVG = 'http://www.w3.org/2000/svg';
  // A data: URL whose type is a raster image: it can only fail to decode, whatever follows.
  const RASTER = /^data:image\/(png|jpeg|gif|webp|avif)/i;
  const safeUrl = (raw) => {
    if (raw === '') return true;
    let url;
    try {
      url = new URL(raw, document.baseURI);
    } catch {
      return false;
    }
    return url.protocol === 'http:' || url.protocol === 'https:' || (url.protocol === 'data:' && RASTER.test(url.href));
  };
  // A value as the URL parser would see its scheme: leading controls and spaces gone, tabs and newlines removed.
  const scriptish = (value) => /^(javascript|vbscript):|^data:text/i.test(value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, ''));
  const own = (el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join('');
  const stripFragment = (url) => url.split('#')[0];
  const candidates = (srcset) => (srcset ? srcset.split(', ').map((c) => c.slice(0, c.lastIndexOf(' '))) : []);
  const images = new Set();

  const widgets = spec.ids.map((id) => {
    const host = document.getElementById(id);
    const problems = [];
    const seen = spec.collect ? [] : undefined;
    if (!host) return { id, problems: ['host missing'] };
    for (const name of host.getAttributeNames()) {
      if (!spec.hostAttributes.includes(name)) problems.push(`host attribute ${name}`);
    }
    for (const child of host.children) {
      if (!(child.localName === 'script' && child.type === 'application/json')) problems.push(`light DOM child <${child.localName}>`);
    }
    const root = host.shadowRoot;
    if (!root) return { id, problems: [...problems, 'no open shadow root'] };
    let styles = 0;
    for (const el of root.querySelectorAll('*')) {
      const tag = el.localName;
      const ns = el.namespaceURI;
      const allowed = spec.allowed[tag];
      if (!allowed || (ns !== HTML && !(ns === SVG && (tag === 'svg' || tag === 'path')))) {
        problems.push(`element <${tag}> (${ns}) is not one the widget draws`);
        continue;
      }
      if ((ns === SVG) !== (tag === 'svg' || tag === 'path')) problems.push(`<${tag}> in the wrong namespace ${ns}`);
      if (el.shadowRoot) problems.push(`<${tag}> holds a shadow root`);
      for (const name of el.getAttributeNames()) {
        seen?.push(`${tag}@${name}`);
        if (!allowed.includes(name)) problems.push(`<${tag}> has attribute ${name}="${el.getAttribute(name).slice(0, 60)}"`);
        const value = el.getAttribute(name);
        if (name !== 'alt' && name !== 'datetime' && scriptish(value)) problems.push(`<${tag} ${name}> holds a script URL`);
      }
      if (tag === 'img') {
        const src = el.getAttribute('src') ?? '';
        if (!safeUrl(src)) problems.push(`<img src> is not an allowed image URL: ${src.slice(0, 80)}`);
        for (const c of candidates(el.getAttribute('srcset'))) {
          if (!safeUrl(c)) problems.push(`<img srcset> candidate is not an allowed image URL: ${c.slice(0, 80)}`);
          try { images.add(stripFragment(new URL(c, document.baseURI).href)); } catch { /* reported above */ }
        }
        if (el.currentSrc && !safeUrl(el.currentSrc)) problems.push(`<img> chose ${el.currentSrc.slice(0, 80)}`);
        try { images.add(stripFragment(new URL(src, document.baseURI).href)); } catch { /* reported above */ }
      }
      if (tag === 'a' && !spec.sharePrefixes.some((p) => el.getAttribute('href')?.startsWith(p))) {
        problems.push(`<a href> is not a share target: ${el.getAttribute('href')?.slice(0, 80)}`);
      }
      if (tag === 'style') {
        styles++;
        if (el.textContent !== spec.stylesheet) problems.push('the <style> holds something other than the widget\'s stylesheet');
      }
    }
    if (styles > (spec.server ? 1 : 0)) problems.push(`${styles} <style> elements`);
    const all = (selector) => [...root.querySelectorAll(selector)];
    const article = root.querySelector('[part~="article"]');
    const error = root.querySelector('[part~="error"]');
    const telegram = root.querySelector('[part~="share-target"][data-target="telegram"]');
    let shared = null;
    if (telegram) {
      shared = new URL(telegram.getAttribute('href')).searchParams.get('url').replace(/[?&]utm_source=telegram&utm_medium=share$/, '');
    }
    const meta = root.querySelector('[part~="meta"]');
    const metaText = meta ? own(meta) : null;
    const time = meta?.querySelector('time');
    return {
      id,
      problems,
      seen,
      state: article ? 'article' : error ? 'error' : 'empty',
      error: error?.textContent ?? null,
      event: window.__maqal?.errors?.[id] ?? null,
      text: article?.textContent ?? '',
      own: {
        kicker: all('[part~="kicker"]').map(own),
        headline: all('[part~="headline"]').map(own),
        standfirst: all('[part~="standfirst"]').map(own),
        paragraph: all('[part~="paragraph"]').map(own),
        heading: all('[part~="heading"]').map(own),
        quote: all('[part~="quote"] > p').map(own),
        cite: all('[part~="quote"] > cite').map(own),
        caption: all('[part~="caption"]').map(own),
        credit: all('[part~="credit"]').map(own),
        time: all('[part~="meta"] > time').map((t) => t.textContent),
      },
      datetime: all('[part~="meta"] > time').map((t) => t.getAttribute('datetime')),
      byline: metaText === null ? null : (time ? metaText.replace(/^ · /, '') : metaText) || null,
      figures: all('[part~="figure"]').map((f) => {
        const img = f.querySelector('img');
        const caption = f.querySelector('[part~="caption"]');
        return {
          img: !!img,
          src: img?.getAttribute('src') ?? null,
          alt: img?.getAttribute('alt') ?? null,
          srcset: candidates(img?.getAttribute('srcset')),
          caption: caption ? own(caption) : null,
        };
      }),
      shared,
      fallback: stripFragment(location.href),
    };
  });

  // The page around the widgets: the same elements it was served with, nothing loaded that no
  // widget image asked for, nothing run, no navigation.
  const counts = {};
  for (const el of document.querySelectorAll('*')) counts[el.localName] = (counts[el.localName] ?? 0) + 1;
  const page = [];
  for (const [tag, n] of Object.entries({ ...spec.pageElements, ...counts })) {
    if ((counts[tag] ?? 0) !== (spec.pageElements[tag] ?? 0)) page.push(`the page has ${counts[tag] ?? 0} <${tag}>, served with ${spec.pageElements[tag] ?? 0}`);
    void n;
  }
  for (const entry of performance.getEntriesByType('resource')) {
    const url = stripFragment(entry.name);
    if (entry.initiatorType === 'img' ? !images.has(url) : !spec.resources.some((prefix) => url.startsWith(new URL(prefix, location.href).href))) {
      page.push(`unexpected ${entry.initiatorType} request ${entry.name.slice(0, 120)}`);
    }
  }
  if (location.href !== spec.href) page.push(`navigated to ${location.href}`);
  if (window.__maqal) {
    for (const id of window.__maqal.pwned) page.push(`__maqalPwned('${id}') ran`);
    for (const d of window.__maqal.dialogs) page.push(`dialog ${d}`);
  }
  return { widgets, page };
}

// ---------------------------------------------------------------- malformed corpus

/** The manifest's documents, with their text: committed files read, generated ones built from
 * their spec and written into `dir`. */
export async function loadMalformed(dir) {
  const { documents } = await readJson('malformed/manifest.json');
  await mkdir(dir, { recursive: true });
  for (const doc of documents) {
    doc.bytes = doc.generate ? Buffer.from(generate(doc.generate)) : await readFile(join(CORPUS, 'malformed', doc.file));
    await writeFile(join(dir, doc.file), doc.bytes);
  }
  return documents;
}

const paragraphArticle = (text) => ({ lang: 'ar', headline: 'عنوان', blocks: [{ type: 'paragraph', text }] });

/** A generated document's text (the same documents as cli/tests/corpus.rs builds). */
export function generate(spec) {
  switch (spec.kind) {
    case 'paragraphs':
      return JSON.stringify({
        lang: 'ar',
        headline: 'مقال ضخم',
        blocks: Array.from({ length: spec.count }, (_, i) => ({ type: 'paragraph', text: `فقرة ${i + 1} ${spec.unit.repeat(spec.repeat)}`.trimEnd() })),
      });
    case 'long-paragraph':
      return JSON.stringify({ ...paragraphArticle(spec.unit.repeat(spec.repeat).slice(0, -1) + spec.end), headline: 'فقرة طويلة' });
    case 'nested': {
      const nest = '['.repeat(spec.depth) + ']'.repeat(spec.depth);
      const ok = '{"lang": "ar", "headline": "عنوان", "blocks": [{"type": "paragraph", "text": "فقرة"';
      switch (spec.where) {
        case 'top-level': return nest;
        case 'unknown-field': return `${ok}}], "extra": ${nest}}`;
        case 'unknown-block-member': return `${ok}, "extra": ${nest}}]}`;
        case 'known-field': return `{"lang": "ar", "headline": "عنوان", "blocks": [{"type": "paragraph", "text": ${nest}}]}`;
        default: throw new Error(`unknown place ${spec.where}`);
      }
    }
    default:
      throw new Error(`unknown generator ${spec.kind}`);
  }
}

/** What a generated document that loads must show, beyond "it is an article". */
export function generatedShows(spec) {
  if (spec.kind === 'paragraphs') {
    return { count: spec.count, last: `فقرة ${spec.count} ${spec.unit.repeat(spec.repeat)}`.trimEnd() };
  }
  if (spec.kind === 'long-paragraph') return { count: 1, last: spec.unit.repeat(spec.repeat).slice(0, -1) + spec.end };
  return { count: 1, last: 'فقرة' };
}
