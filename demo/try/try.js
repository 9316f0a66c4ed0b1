// The try page: an article pasted or picked, the element's options (README: Attributes, Styling),
// the widget drawing it live, and the code to take away: the embed code (README: Usage, 2) and
// the server-rendered fragment (README: Usage, 1). Text from the article only ever goes into
// form fields' values and the widget, never into this page as HTML (docs/FORMAT.md: plain text).
import { init, mount } from '../../maqal/api.js';

const SAMPLES = {
  seed: 'seed.json', long: 'long.json', en: 'en.json', fa: 'fa.json', he: 'he.json', ur: 'ur.json', fr: 'fr.json',
};
const SAMPLE_FOLDER = new URL('../articles/', import.meta.url);
// The script tag of README: Installation; the site that embeds the widget serves the package there.
const SCRIPT_SRC = '/maqal/maqal.js';
// The widget's own accent: chosen again, it is left out of the embed code.
const DEFAULT_ACCENT = '#b3261e';
// Waits after a keystroke before drawing again, so that typing stays smooth.
const TYPING_PAUSE_MS = 250;

const byId = (id) => document.getElementById(id);
const editor = byId('article');
const articleStatus = byId('article-status');
const preview = byId('preview');
const langSelect = byId('lang');
const shareUrlInput = byId('share-url');
const utmInput = byId('utm-campaign');
const accentInput = byId('accent');
const accentValue = byId('accent-value');
const embedBox = byId('embed');
const serverOutput = byId('server-output');
const serverBox = byId('server');
const serverStatus = byId('server-status');
const serverCsp = byId('server-csp');

/** The element's options as `mount` takes them (docs/CONTRACT.md §3), the empty ones left out. */
function options() {
  const chosen = { lang: langSelect.value, shareUrl: shareUrlInput.value.trim(), utmCampaign: utmInput.value.trim() };
  return Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== ''));
}

/** The brand colour, or null while it is the widget's own. */
function accent() {
  const colour = accentInput.value.toLowerCase();
  return colour === DEFAULT_ACCENT ? null : colour;
}

/** Text in its own direction inside a sentence of the other (the widget's messages are English). */
function isolated(text) {
  const element = document.createElement('bdi');
  element.textContent = text;
  return element;
}

/** A piece of code, left to right, in running text or (with `className`) on a line of its own. */
function code(text, className) {
  const element = document.createElement('code');
  element.dir = 'ltr';
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

// ---------------------------------------------------------------- the widget

let widget = null;

function drawWidget() {
  widget?.unmount();
  articleStatus.textContent = '';
  // The text as it was pasted: the widget reads it, and a bad article shows the widget's own
  // message naming the field (docs/FORMAT.md: Errors name the field).
  widget = mount(preview, editor.value, options());
}

function paintAccent() {
  const colour = accent();
  if (colour) preview.style.setProperty('--maqal-accent', colour);
  else preview.style.removeProperty('--maqal-accent');
  accentValue.textContent = accentInput.value.toLowerCase();
}

preview.addEventListener('maqal-error', (event) => {
  articleStatus.replaceChildren('تعذّرت قراءة المقال: ', isolated(event.detail?.message ?? ''));
});

// ---------------------------------------------------------------- the embed code

const ATTRIBUTE_ESCAPES = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
const attribute = (name, value) => ` ${name}="${value.replace(/[&"<>]/g, (c) => ATTRIBUTE_ESCAPES[c])}"`;

/** The script tag, and the element with the chosen attributes and the article inline (README: Usage, 2). */
function embedCode() {
  const { lang, shareUrl, utmCampaign } = options();
  const colour = accent();
  const attributes = [
    lang && attribute('lang', lang),
    shareUrl && attribute('share-url', shareUrl),
    utmCampaign && attribute('utm-campaign', utmCampaign),
    colour && attribute('style', `--maqal-accent: ${colour}`),
  ].filter(Boolean).join('');
  // Every '<' as \u003c, which JSON reads as the same character: nothing in the article can end
  // the script element or open another one.
  const json = editor.value.trim().replace(/</g, '\\u003c');
  return [
    `<script type="module" src="${SCRIPT_SRC}"></script>`,
    `<maqal-article${attributes}>`,
    `  <script type="application/json">${json}</script>`,
    '</maqal-article>',
    '',
  ].join('\n');
}

function writeEmbed() {
  embedBox.value = embedCode();
}

// ---------------------------------------------------------------- the server-rendered fragment

// The renderer is large (README: Usage, 1, `maqal/server`): it is fetched only once asked for.
let renderer = null;
let renders = 0;

function loadRenderer() {
  if (!renderer) {
    renderer = import('../../maqal/server/maqal_server.js').then(async (module) => {
      await module.default();
      return module;
    });
    renderer.catch(() => { renderer = null; }); // tried again on the next change
  }
  return renderer;
}

async function writeServer() {
  const render = ++renders;
  serverStatus.classList.remove('try-error');
  if (!renderer) serverStatus.textContent = 'يُحمَّل مُصيِّر الخادم…';
  try {
    const module = await loadRenderer();
    const html = await module.renderToString(editor.value, options());
    if (render !== renders) return;
    serverBox.value = html;
    serverStatus.textContent = '';
    // README: Content Security Policy. The colour is not in the fragment: it goes in a stylesheet.
    const colour = accent();
    serverCsp.replaceChildren('تحت سياسة أمان المحتوى (CSP) يحتاج عنصر ', code('<style>'), ' فيه إلى:',
      code(`style-src 'self' ${module.stylesheetHash()}`, 'try-code-line'),
      ...(colour ? ['واللون المختار يوضع في ورقة أنماط الصفحة:', code(`maqal-article { --maqal-accent: ${colour}; }`, 'try-code-line')] : []));
  } catch (error) {
    if (render !== renders) return;
    serverBox.value = '';
    serverCsp.replaceChildren();
    serverStatus.classList.add('try-error');
    serverStatus.replaceChildren('لم يُرسم: ', isolated(error?.message ?? String(error)));
  }
}

byId('server-show').addEventListener('click', (event) => {
  event.currentTarget.hidden = true;
  serverOutput.hidden = false;
  writeServer();
});

// ---------------------------------------------------------------- copying

/** Copies the box's text; where the clipboard cannot be written, selects it for copying by hand. */
function copy(box, status, done) {
  const byHand = () => {
    box.focus();
    box.select();
    status.textContent = 'النص محدد: انسخه بـ Ctrl+C أو ⌘C';
  };
  if (!navigator.clipboard?.writeText) return byHand();
  status.textContent = '';
  navigator.clipboard.writeText(box.value).then(() => { status.textContent = done; }, byHand);
}

byId('copy-embed').addEventListener('click', () => copy(embedBox, byId('embed-status'), 'نُسخت شيفرة التضمين'));
byId('copy-server').addEventListener('click', () => copy(serverBox, byId('server-copy-status'), 'نُسخ HTML الخادم'));

// ---------------------------------------------------------------- the demo articles

/** Figures' relative URLs made absolute against the article's own URL, as they resolve when the
 * element fetches it (README: Attributes, src), so the embed code shows them from any page. */
function withAbsoluteImages(article, base) {
  const absolute = (src) => (typeof src === 'string' ? new URL(src, base).href : src);
  for (const block of Array.isArray(article.blocks) ? article.blocks : []) {
    if (block?.type !== 'figure') continue;
    block.src = absolute(block.src);
    for (const source of Array.isArray(block.srcset) ? block.srcset : []) source.src = absolute(source?.src);
  }
  return article;
}

const sampleButtons = [...document.querySelectorAll('[data-sample]')];

function pressSample(name) {
  for (const button of sampleButtons) button.setAttribute('aria-pressed', String(button.dataset.sample === name));
}

let loads = 0;

async function loadSample(name) {
  const load = ++loads;
  const url = new URL(SAMPLES[name], SAMPLE_FOLDER);
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const article = withAbsoluteImages(await response.json(), response.url || url);
    if (load !== loads) return; // another article was picked meanwhile
    editor.value = JSON.stringify(article, null, 2);
    pressSample(name);
    update();
  } catch (error) {
    articleStatus.replaceChildren('تعذّر تحميل المقال التجريبي ', isolated(`${url.pathname}: ${error?.message ?? error}`));
  }
}

for (const button of sampleButtons) button.addEventListener('click', () => loadSample(button.dataset.sample));

// ---------------------------------------------------------------- changes

function update() {
  drawWidget();
  writeEmbed();
  if (!serverOutput.hidden) writeServer();
}

let pause;
const updateSoon = () => {
  clearTimeout(pause);
  pause = setTimeout(update, TYPING_PAUSE_MS);
};

editor.addEventListener('input', () => {
  pressSample(null);
  updateSoon();
});
shareUrlInput.addEventListener('input', updateSoon);
utmInput.addEventListener('input', updateSoon);
langSelect.addEventListener('change', update);
accentInput.addEventListener('input', () => {
  paintAccent();
  writeEmbed();
  if (!serverOutput.hidden) writeServer();
});
byId('accent-reset').addEventListener('click', () => {
  accentInput.value = DEFAULT_ACCENT;
  accentInput.dispatchEvent(new Event('input'));
});

try {
  await init();
} catch (error) {
  articleStatus.replaceChildren('تعذّر تشغيل maqal: ', isolated(error?.message ?? String(error)));
  throw error;
}
paintAccent();
await loadSample('seed');
