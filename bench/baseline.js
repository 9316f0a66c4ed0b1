// The plain-JS baseline that `make bench` measures maqal against: a small hand-written renderer
// of the same DOM (docs/CONTRACT.md §1/§2), with the same stylesheet, and no framework or dependency.
// Importing it defines <baseline-article>; `render(host, article)` renders into any element.
// Only what the benchmark needs of the contract: native JSON articles (from `src` or an inline
// <script type="application/json"> child), the share button, the share menu, paragraph links,
// the toast and the maqal-ready / maqal-error / maqal-share events. Text is always textContent.

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'ckb', 'dv']);
const TRACKING = /^(utm_.*|fbclid|gclid)$/i;
const SVG = 'http://www.w3.org/2000/svg';
const AR = {
  copy: 'نسخ الرابط', copied: 'تم نسخ الرابط', failed: 'تعذّر نسخ الرابط', manual: 'انسخ الرابط يدويًا',
  menu: 'مشاركة عبر…', paragraph: 'نسخ رابط هذه الفقرة',
};
const TARGETS = [
  ['whatsapp', 'واتساب', (u, t) => `https://wa.me/?text=${enc(`${t} ${u}`)}`],
  ['telegram', 'تيليجرام', (u, t) => `https://t.me/share/url?url=${enc(u)}&text=${enc(t)}`],
  ['x', 'إكس', (u, t) => `https://x.com/intent/post?url=${enc(u)}&text=${enc(t)}`],
  ['facebook', 'فيسبوك', (u) => `https://www.facebook.com/sharer/sharer.php?u=${enc(u)}`],
  ['email', 'البريد الإلكتروني', (u, t) => `mailto:?subject=${enc(t)}&body=${enc(u)}`],
];
// The widget's icons, one path each.
const ICONS = {
  copy: [['path', { d: 'M11 9h7a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-7a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2zM15 9V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h3' }]],
  link: [['path', { d: 'M10.5 13.5a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M13.5 10.5a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1' }]],
  more: [['path', { d: 'M3.4 12a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M10.4 12a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M17.4 12a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0' }]],
};

const enc = encodeURIComponent;
let sheet; // the stylesheet's promise
let sheetValue = null; // and, once loaded, the sheet
let menus = 0;

/** Fetches the widget's stylesheet once (default: /maqal.css beside /bench/); resolves to it. */
export function loadStyles(url = new URL('../maqal.css', import.meta.url)) {
  sheet ??= fetch(url)
    .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`${url}: ${response.status}`))))
    .then((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      sheetValue = s;
      return s;
    });
  return sheet;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value != null) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true', focusable: 'false' })) svg.setAttribute(k, v);
  for (const [tag, attributes] of ICONS[name]) {
    const shape = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attributes)) shape.setAttribute(k, v);
    svg.append(shape);
  }
  return svg;
}

function text(value) {
  return typeof value === 'string' ? value : undefined;
}

/** The page's link without fragment or tracking parameters. */
function shareLink() {
  const url = new URL(location.href);
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  return url.href;
}

/** `src` resolved against `base` when it is http(s), relative, or a raster data: URL. */
function imageUrl(src, base) {
  if (typeof src !== 'string' || !src.trim()) return null;
  if (/^data:image\/(png|jpe?g|gif|webp|avif)[;,]/i.test(src.trim())) return src.trim();
  try {
    const url = new URL(src.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function check(article) {
  if (!article || typeof article !== 'object') throw new Error('article: expected an object');
  if (typeof article.headline !== 'string') throw new Error('headline: expected a string');
  if (!Array.isArray(article.blocks) || article.blocks.length === 0) throw new Error('blocks: expected at least one block');
  article.blocks.forEach((block, i) => {
    const need = { paragraph: ['text'], heading: ['text'], quote: ['text'], figure: ['src'] }[block?.type];
    if (!need) throw new Error(`blocks[${i}].type: expected paragraph, figure, heading or quote`);
    for (const field of need) if (typeof block[field] !== 'string') throw new Error(`blocks[${i}].${field}: expected a string`);
  });
}

function figure(block, base) {
  const src = imageUrl(block.src, base);
  const node = el('figure', { part: 'figure' });
  if (src) {
    const sized = Number.isFinite(block.width) && Number.isFinite(block.height);
    const img = el('img', {
      src, alt: text(block.alt) ?? '', loading: 'lazy', decoding: 'async',
      width: sized ? block.width : null, height: sized ? block.height : null, 'data-unsized': sized ? null : '',
    });
    img.addEventListener('error', () => {
      img.remove();
      node.setAttribute('data-no-image', '');
    }, { once: true });
    node.append(img);
  } else {
    node.setAttribute('data-no-image', '');
  }
  if (text(block.caption) || text(block.credit)) {
    const caption = el('figcaption', { part: 'caption' }, text(block.caption) ?? '');
    if (text(block.credit)) caption.append(el('small', { part: 'credit' }, block.credit));
    node.append(caption);
  }
  return node;
}

function blockNode(block, base) {
  switch (block.type) {
    case 'paragraph':
      return el('p', { part: 'paragraph' }, block.text,
        el('button', { type: 'button', part: 'paragraph-share', 'aria-label': AR.paragraph, title: AR.paragraph }, icon('link')));
    case 'heading':
      return el('h2', { part: 'heading' }, block.text);
    case 'quote': {
      const quote = el('blockquote', { part: 'quote' }, el('p', {}, block.text));
      if (text(block.cite)) quote.append(el('cite', {}, block.cite));
      return quote;
    }
    default:
      return figure(block, base);
  }
}

/**
 * Renders `article` (a native-format object) into `host`'s open shadow root, synchronously once
 * the stylesheet is loaded. Returns `{ unmount() }`. `base` resolves relative image URLs.
 */
export function render(host, article, { base = document.baseURI } = {}) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const wrapper = el('div', { class: 'maqal-root' });
  let timer = 0;
  let menu;
  let menuButton;
  const toast = el('div', { part: 'toast', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', lang: 'ar', dir: 'rtl', 'data-state': 'closed' });
  const closeToast = () => {
    clearTimeout(timer);
    toast.replaceChildren();
    toast.dataset.state = 'closed';
  };
  const onKey = (event) => {
    if (event.key !== 'Escape') return;
    closeToast();
    if (menu) {
      menu.hidden = true;
      menuButton.setAttribute('aria-expanded', 'false');
    }
  };
  const showToast = (ok, url) => {
    clearTimeout(timer);
    const body = el('div', { 'data-kind': ok ? 'copied' : 'failed' }, el('span', { part: 'toast-message' }, ok ? AR.copied : AR.failed));
    if (!ok) {
      const field = el('input', { part: 'toast-url', type: 'url', readonly: '', 'aria-label': AR.manual });
      field.value = url;
      body.append(field);
      queueMicrotask(() => field.select());
    }
    toast.replaceChildren(body); // a new node: a repeated copy is announced again
    toast.dataset.state = 'open';
    timer = setTimeout(closeToast, 3000);
  };
  const share = (detail) => host.dispatchEvent(new CustomEvent('maqal-share', { bubbles: true, composed: true, detail }));
  const copy = (url) => {
    let pending;
    try {
      pending = navigator.clipboard.writeText(url); // inside the click, before any await
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(() => true, () => false).then((ok) => {
      showToast(ok, url);
      share({ url, method: ok ? 'clipboard' : 'manual', ok });
    });
  };

  let content;
  try {
    check(article);
    const lang = text(article.lang) ?? 'ar';
    const dir = article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : RTL.has(lang.split(/[-_]/)[0].toLowerCase()) ? 'rtl' : 'ltr';
    const link = shareLink();
    const title = article.headline;
    const header = el('header');
    if (text(article.kicker)) header.append(el('strong', { part: 'kicker' }, article.kicker));
    header.append(el('h1', { part: 'headline' }, article.headline));
    if (text(article.standfirst)) header.append(el('p', { part: 'standfirst' }, article.standfirst));
    if (text(article.published) || text(article.byline)) {
      const meta = el('p', { part: 'meta' });
      if (text(article.published)) {
        const date = new Date(article.published);
        meta.append(el('time', { datetime: article.published }, Number.isNaN(date.getTime()) ? article.published : date.toLocaleDateString(lang, { dateStyle: 'long' })));
      }
      if (text(article.published) && text(article.byline)) meta.append(' · ');
      if (text(article.byline)) meta.append(article.byline);
      header.append(meta);
    }
    const menuId = `baseline-share-menu-${++menus}`;
    menuButton = el('button', { type: 'button', part: 'share-menu-button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': menuId, 'aria-label': AR.menu, title: AR.menu }, icon('more'));
    menu = el('ul', { part: 'share-menu', id: menuId, hidden: '' }, ...TARGETS.map(([id, name, href]) => {
      const shared = new URL(link);
      shared.searchParams.set('utm_source', id);
      shared.searchParams.set('utm_medium', 'share');
      return el('li', {}, el('a', { part: 'share-target', 'data-target': id, href: href(shared.href, title), target: '_blank', rel: 'noopener noreferrer' }, name));
    }));
    const footer = el('footer', { part: 'share', lang: 'ar', dir: 'rtl' },
      el('button', { type: 'button', part: 'share-button' }, icon('copy'), el('span', {}, AR.copy)), menuButton, menu);
    const body = article.blocks.map((block) => blockNode(block, base));
    content = el('article', { part: 'article', lang, dir }, header, ...body, footer, toast);

    // One listener for every button in the article.
    content.addEventListener('click', (event) => {
      const button = event.target.closest?.('button, a[part=share-target]');
      const part = button?.getAttribute('part');
      if (part === 'share-button') copy(link);
      else if (part === 'paragraph-share') {
        const words = button.parentElement.firstChild.data.trim().split(/\s+/).slice(0, 4).join(' ');
        copy(`${link}#:~:text=${enc(words).replaceAll('-', '%2D')}`);
      } else if (part === 'share-menu-button') {
        menu.hidden = !menu.hidden;
        menuButton.setAttribute('aria-expanded', String(!menu.hidden));
      } else if (part === 'share-target') {
        share({ url: new URL(button.href).href, method: 'link', target: button.dataset.target, ok: true });
        menu.hidden = true;
        menuButton.setAttribute('aria-expanded', 'false');
      }
    });
    document.addEventListener('keydown', onKey);
  } catch (error) {
    content = el('div', { part: 'error', role: 'alert', lang: 'ar' }, el('strong', {}, 'تعذّر عرض المقال'), el('p', { lang: 'en', dir: 'ltr' }, error.message));
    queueMicrotask(() => host.dispatchEvent(new CustomEvent('maqal-error', { bubbles: true, composed: true, detail: { message: error.message } })));
  }
  wrapper.append(content);

  const show = (styles) => {
    root.adoptedStyleSheets = styles ? [styles] : [];
    root.replaceChildren(wrapper);
    if (content.getAttribute('part') === 'article') host.dispatchEvent(new CustomEvent('maqal-ready', { bubbles: true, composed: true }));
  };
  let live = true;
  // Synchronous when the sheet is already here (the usual case after the first article).
  if (sheetValue) show(sheetValue);
  else loadStyles().then((s) => live && show(s), () => live && show(null)); // unstyled rather than nothing

  return {
    unmount() {
      live = false;
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey);
      root.replaceChildren();
      root.adoptedStyleSheets = [];
    },
  };
}

loadStyles().catch(() => {}); // start at once: it travels while the article is fetched

/** Reads the article of a <baseline-article>: `src` (fetched) or an inline JSON child. */
async function articleOf(element) {
  const src = element.getAttribute('src');
  if (src) {
    const url = new URL(src, document.baseURI);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
    return { article: await response.json(), base: response.url };
  }
  const inline = element.querySelector(':scope > script[type="application/json"]');
  if (inline) return { article: JSON.parse(inline.textContent), base: document.baseURI };
  throw new Error('no article: give <baseline-article> a src attribute or a <script type="application/json"> child');
}

class BaselineArticle extends HTMLElement {
  static observedAttributes = ['src'];
  #handle = null;
  #serial = 0;

  connectedCallback() { this.#load(); }
  attributeChangedCallback(_name, before, after) { if (before !== after && this.isConnected) this.#load(); }
  disconnectedCallback() {
    this.#serial++;
    this.#handle?.unmount();
    this.#handle = null;
  }

  async #load() {
    const serial = ++this.#serial;
    let loaded;
    try {
      [loaded] = await Promise.all([articleOf(this), loadStyles()]);
    } catch (error) {
      if (serial !== this.#serial) return;
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      root.replaceChildren(el('div', { part: 'error', role: 'alert' }, error.message));
      this.dispatchEvent(new CustomEvent('maqal-error', { bubbles: true, composed: true, detail: { message: error.message } }));
      return;
    }
    if (serial !== this.#serial) return;
    this.#handle?.unmount();
    this.#handle = render(this, loaded.article, { base: loaded.base });
  }
}

if (!customElements.get('baseline-article')) customElements.define('baseline-article', BaselineArticle);
