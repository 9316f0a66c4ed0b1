// The bench's plain-JS server renderer: the markup `maqal render` writes (a <maqal-article> with a
// declarative shadow root holding <style> and the .maqal-root article, then the article as
// <script type="application/json">), as one string template with escaping and nothing else. It is
// the floor the command line and maqal/server are measured against (bench/run.mjs, "Renderer
// throughput"), so it does only the work any server-side template must: escape the text and the
// attributes, build the share links, write the JSON child. It does not validate the article and
// knows only the options the bench uses (shareUrl, utmCampaign, noUtm, lang). The bench checks
// that its output for the seed is byte for byte the command line's.

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const entity = (c) => ENTITIES[c];
const text = (s) => (/[&<>]/.test(s) ? s.replace(/[&<>]/g, entity) : s);
const attr = (s) => (/[&"<>]/.test(s) ? s.replace(/[&"<>]/g, entity) : s);

// JSON that cannot close the <script> or open a comment: <, > and & as \u escapes.
const JSON_SPECIAL = /["\\<>&\u2028\u2029\u0000-\u001f]/g;
const JSON_ESCAPES = { '"': '\\"', '\\': '\\\\', '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
const json = (s) => `"${String(s).replace(JSON_SPECIAL, (c) => JSON_ESCAPES[c] ?? `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'ckb', 'dv']);
const primary = (lang) => String(lang).split(/[-_]/)[0].toLowerCase();
const direction = (lang) => (RTL.has(primary(lang)) ? 'rtl' : 'ltr');

const STRINGS = {
  ar: { lang: 'ar', menu: 'مشاركة عبر…', targets: ['واتساب', 'تيليجرام', 'إكس', 'فيسبوك', 'البريد الإلكتروني'] },
  en: { lang: 'en', menu: 'Share via…', targets: ['WhatsApp', 'Telegram', 'X', 'Facebook', 'Email'] },
};

const TARGETS = [
  ['whatsapp', (u, t) => `https://wa.me/?text=${encodeURIComponent(`${t} ${u}`)}`],
  ['telegram', (u, t) => `https://t.me/share/url?url=${encodeURIComponent(u)}&text=${encodeURIComponent(t)}`],
  ['x', (u, t) => `https://x.com/intent/post?url=${encodeURIComponent(u)}&text=${encodeURIComponent(t)}`],
  ['facebook', (u) => `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(u)}`],
  ['email', (u, t) => `mailto:?subject=${encodeURIComponent(t)}&body=${encodeURIComponent(u)}`],
];

const TRACKING = new Set(['fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'igshid', 'mc_cid', 'mc_eid', 'yclid', 'twclid', 'ttclid']);

/** An absolute http(s) URL without its fragment and tracking parameters, else null. */
function clean(url) {
  if (typeof url !== 'string') return null;
  const u = url.trim().split('#')[0];
  const m = /^(https?):\/\/([^/?]+)/i.exec(u);
  if (!m || /[\s@]/.test(m[2])) return null;
  const q = u.indexOf('?');
  if (q < 0) return u;
  const kept = u.slice(q + 1).split('&').filter((pair) => {
    const key = pair.split('=')[0].toLowerCase();
    return pair && !key.startsWith('utm_') && !TRACKING.has(key);
  });
  return kept.length ? `${u.slice(0, q)}?${kept.join('&')}` : u.slice(0, q);
}

const allowedImage = (src) => {
  const s = String(src).trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s);
  return !s || (scheme && !/^(https?|data)$/i.test(scheme[1])) || (/^data:/i.test(s) && !/^data:image\/(png|jpeg|gif|webp|avif)[;,]/i.test(s)) ? null : s;
};

function figure(f, lead) {
  const src = allowedImage(f.src ?? '');
  let img = '';
  if (src !== null) {
    const srcset = (f.srcset ?? []).filter((c) => allowedImage(c.src) !== null)
      .map((c) => `${allowedImage(c.src).replace(/ /g, '%20').replace(/,/g, '%2C')} ${c.width}w`).join(', ');
    img = `<img src="${attr(src)}"${srcset ? ` srcset="${attr(srcset)}" sizes="(min-width: 50em) 50em, 100vw"` : ''} alt="${attr(f.alt ?? '')}"`
      + `${lead ? ' loading="eager" fetchpriority="high"' : ' loading="lazy"'} decoding="async"`
      + `${f.width != null ? ` width="${f.width}"` : ''}${f.height != null ? ` height="${f.height}"` : ''}`
      + `${f.width != null && f.height != null ? '' : ' data-unsized=""'}>`;
  }
  const credit = f.credit != null ? `<small part="credit">${text(f.credit)}</small>` : '';
  const caption = f.caption != null || credit ? `<figcaption part="caption">${text(f.caption ?? '')}${credit}</figcaption>` : '';
  return `<figure part="figure"${src === null ? ' data-no-image=""' : ''}>${img}${caption}</figure>`;
}

function block(b, lead) {
  switch (b.type) {
    case 'paragraph': return `<p part="paragraph">${text(b.text)}</p>`;
    case 'heading': return `<h2 part="heading">${text(b.text)}</h2>`;
    case 'quote': return `<blockquote part="quote"><p>${text(b.text)}</p>${b.cite != null ? `<cite>${text(b.cite)}</cite>` : ''}</blockquote>`;
    case 'figure': return figure(b, lead);
    default: return '';
  }
}

/** The article's JSON child, fields in the renderer's order. */
function articleJson(a, lang, dir) {
  let out = `{"lang":${json(lang)},"dir":${json(dir)}`;
  for (const key of ['url', 'kicker', 'headline', 'standfirst', 'published', 'byline']) {
    if (a[key] != null) out += `,"${key}":${json(a[key])}`;
  }
  out += ',"blocks":[';
  a.blocks.forEach((b, i) => {
    out += `${i ? ',' : ''}{"type":${json(b.type)}`;
    if (b.type === 'figure') {
      out += `,"src":${json(b.src)},"alt":${json(b.alt ?? '')}`;
      if (b.caption != null) out += `,"caption":${json(b.caption)}`;
      if (b.credit != null) out += `,"credit":${json(b.credit)}`;
      if (b.width != null) out += `,"width":${b.width}`;
      if (b.height != null) out += `,"height":${b.height}`;
      if (b.srcset?.length) out += `,"srcset":[${b.srcset.map((c) => `{"src":${json(c.src)},"width":${c.width}}`).join(',')}]`;
    } else {
      out += `,"text":${json(b.text)}`;
      if (b.type === 'quote' && b.cite != null) out += `,"cite":${json(b.cite)}`;
    }
    out += '}';
  });
  return `${out}]}`;
}

/**
 * The article (the native format, already parsed) as a server-rendered <maqal-article> fragment.
 * `stylesheet` is the fragment's CSS, a constant the caller supplies (the renderer embeds its own).
 */
export function renderArticle(article, { stylesheet = '', shareUrl, utmCampaign, noUtm = false, lang: uiLang } = {}) {
  const lang = article.lang ?? 'ar';
  const dir = article.dir ?? direction(lang);
  const strings = primary(uiLang ?? lang) === 'ar' ? STRINGS.ar : STRINGS.en;
  const link = clean(shareUrl) ?? clean(article.url);
  let links = '';
  if (link !== null) {
    links = `<ul part="share-menu" aria-label="${attr(strings.menu)}">`;
    TARGETS.forEach(([id, href], i) => {
      const shared = noUtm ? link
        : `${link}${link.includes('?') ? '&' : '?'}utm_source=${id}&utm_medium=share${utmCampaign ? `&utm_campaign=${encodeURIComponent(utmCampaign)}` : ''}`;
      links += `<li><a part="share-target" data-target="${id}" href="${attr(href(shared, article.headline))}" target="_blank" rel="noopener noreferrer">${text(strings.targets[i])}</a></li>`;
    });
    links += '</ul>';
  }
  const lead = article.blocks.slice(0, 2).findIndex((b) => b.type === 'figure');
  let body = '';
  article.blocks.forEach((b, i) => { body += block(b, i === lead); });
  // Dates: the ISO text as is (the renderer writes them in the article's language; the seed has none).
  const meta = article.published != null || article.byline != null
    ? `<p part="meta">${article.published != null ? `<time datetime="${attr(article.published)}">${text(article.published)}</time>` : ''}`
      + `${article.published != null && article.byline != null ? ' · ' : ''}${article.byline != null ? text(article.byline) : ''}</p>`
    : '';
  const hostAttributes = `${uiLang != null ? ` lang="${attr(uiLang)}"` : ''}${shareUrl != null ? ` share-url="${attr(shareUrl)}"` : ''}`
    + `${utmCampaign != null ? ` utm-campaign="${attr(utmCampaign)}"` : ''}${noUtm ? ' no-utm' : ''}`;
  return `<maqal-article${hostAttributes}><template shadowrootmode="open"><style>${stylesheet}</style>`
    + `<div class="maqal-root" data-server=""><article part="article" lang="${attr(lang)}" dir="${dir}"><header>`
    + `${article.kicker != null ? `<strong part="kicker">${text(article.kicker)}</strong>` : ''}`
    + `<h1 part="headline">${text(article.headline)}</h1>`
    + `${article.standfirst != null ? `<p part="standfirst">${text(article.standfirst)}</p>` : ''}${meta}</header>`
    + `${body}<footer part="share" lang="${strings.lang}" dir="${direction(strings.lang)}" data-static="">${links}</footer>`
    + `</article></div></template><script type="application/json">${articleJson(article, lang, dir)}</script></maqal-article>\n`;
}
