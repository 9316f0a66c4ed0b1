//! Drawing an article in the browser (the full build): an open shadow root, the stylesheet
//! adopted into it, a Yew app inside that shows the article from wherever it comes (`src`,
//! inline, `from-page`, `mount`), a long one read and drawn a slice at a time.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Reflect};
use maqal::embed::{article_from_page, page, ArticleLoaderProps, Reader, Retry, Source};
use maqal::{island, Article, Block, Options, PageInfo};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::host::{clear, next_serial, parse_json, Content, Mounted, WidgetRoot, WidgetRootProps};

/// The widget's CSS, compiled in: no extra request, and nothing inline for a CSP to refuse.
const CSS: &str = maqal::STYLESHEET;

thread_local! {
    /// One stylesheet object shared by every widget on the page.
    static SHEET: OnceCell<Option<CssStyleSheet>> = const { OnceCell::new() };
    /// Apps of unmounted widgets, kept for the next mount. Yew never frees the event listeners
    /// it puts on an app's root element (it expects apps to live as long as the page), so a new
    /// app per mount would leak about 3 KB each time: apps are reused instead.
    static IDLE: RefCell<Vec<(Element, AppHandle<WidgetRoot>)>> = const { RefCell::new(Vec::new()) };
}

/// How many idle apps to keep; a page that unmounts more at once than this leaks a little.
const MAX_IDLE: usize = 16;

/// Keeps an unmounted widget's emptied app (and its container) for the next mount; gives it
/// back when enough are kept already, to be destroyed.
pub fn keep_idle(container: &Element, app: AppHandle<WidgetRoot>) -> Option<AppHandle<WidgetRoot>> {
    IDLE.with(|idle| {
        let mut idle = idle.borrow_mut();
        if idle.len() >= MAX_IDLE {
            return Some(app);
        }
        idle.push((container.clone(), app));
        None
    })
}

/// Blocks of a parsed article read into the wasm per task (see [`Reading`]).
const READ_BATCH: u32 = 1_000;

/// A parsed article read into the wasm `READ_BATCH` blocks per task (`Mounted::more`): read at
/// once, a 20,000-paragraph article held the page for 200-350 ms (docs/CONTRACT.md §1). With the
/// URL its images resolve against (empty: none).
pub struct Reading(Reader, String);

impl Reading {
    /// Starts reading `value` for a page in `page_lang`: its source if that takes one batch,
    /// else «Loading…» and the reading to go on with.
    fn begin(value: JsValue, url: String, page_lang: Option<String>) -> Start {
        let mut reading = Reading(Reader::new(value, page_lang), url);
        match reading.step() {
            Some(source) => (source, None),
            None => (Source::Loading, Some(reading)),
        }
    }

    /// Reads the next batch; the article's source once all is read.
    fn step(&mut self) -> Option<Source> {
        let read = self.0.step(READ_BATCH)?;
        Some(located(read, &self.1))
    }
}

/// What is left to do for a client-drawn article: its mount's serial, what it is drawn with,
/// and the reading still to do, if any.
pub struct Drawing {
    serial: u32,
    drawn: ArticleLoaderProps,
    reading: Option<Reading>,
}

impl Drawing {
    /// Reads the next batch of a long article, then draws the next slice of its body into
    /// `app`; `false` once it is all drawn.
    pub fn more(&mut self, app: &mut AppHandle<WidgetRoot>) -> bool {
        let slices = |source: &Source| match source {
            Source::Ready(article) => maqal::embed::slice_count(article.blocks.len()),
            _ => 0,
        };
        let drawn = &mut self.drawn;
        if let Some(reading) = &mut self.reading {
            let Some(source) = reading.step() else {
                return true;
            };
            self.reading = None;
            drawn.source = source;
        } else if drawn.slices < slices(&drawn.source) {
            drawn.slices += 1;
        } else {
            return false;
        }
        app.update(WidgetRootProps {
            serial: self.serial,
            content: Content::Drawn(drawn.clone()),
        });
        drawn.slices < slices(&drawn.source)
    }
}

/// The source of an article read from `url` (empty: handed over directly): its images resolved
/// against that URL, its error prefixed with it.
fn located(read: Result<Article, String>, url: &str) -> Source {
    match read {
        Ok(mut article) => {
            for block in &mut article.blocks {
                if let Block::Figure(figure) = block {
                    let sources = std::iter::once(&mut figure.src)
                        .chain(figure.srcset.iter_mut().map(|c| &mut c.src));
                    for src in sources {
                        if let Some(absolute) = page::resolve_against(src, url) {
                            *src = absolute;
                        }
                    }
                }
            }
            Source::Ready(Rc::new(article))
        }
        Err(message) if url.is_empty() => Source::Invalid(message),
        Err(message) => Source::Invalid(format!("{url}: {message}")),
    }
}

/// What a widget starts with: its source, and the reading still to do, if any.
pub type Start = (Source, Option<Reading>);

/// Renders `source` into `host`'s open shadow root (made if it has none), then reads the rest of
/// a long article a batch per call of `more`.
pub fn mount(
    host: &Element,
    (source, reading): Start,
    options: Options,
) -> Result<Mounted, String> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .map_err(|_| {
                format!(
                    "<{}> cannot hold a shadow root: mount maqal into a <div>, <section> or <maqal-article>",
                    host.tag_name().to_ascii_lowercase()
                )
            })?,
    };
    // One widget per host: a second would be wiped by the first one's unmount. Server-rendered
    // HTML that could not come to life (its JSON child is unreadable) gives way to the error.
    let drawn_here = format!(".{}:not([{}])", island::ROOT_CLASS, island::SERVER);
    if root.query_selector(&drawn_here).ok().flatten().is_some() {
        return Err("this element already holds a maqal widget: unmount it first".into());
    }
    clear(&root);
    adopt_styles(&root);
    let (container, mut app) = match IDLE.with(|idle| idle.borrow_mut().pop()) {
        Some(idle) => idle,
        None => {
            let document = host
                .owner_document()
                .ok_or("the host element has no document")?;
            let container = document
                .create_element("div")
                .map_err(|_| "could not create an element")?;
            let _ = container.set_attribute("class", island::ROOT_CLASS);
            let idle = WidgetRootProps {
                serial: 0,
                content: Content::Idle,
            };
            let app =
                yew::Renderer::<WidgetRoot>::with_root_and_props(container.clone(), idle).render();
            (container, app)
        }
    };
    root.append_child(&container)
        .map_err(|_| "could not fill the shadow root")?;
    // A long article's body is drawn a slice at a time: the first here, the rest by `more`.
    let drawn = ArticleLoaderProps {
        source,
        options,
        page: PageInfo::read(),
        page_lang: page_lang(host),
        host: host.clone(),
        slices: 1,
    };
    let serial = next_serial();
    app.update(WidgetRootProps {
        serial,
        content: Content::Drawn(drawn.clone()),
    });
    let drawing = Drawing {
        serial,
        drawn,
        reading,
    };
    Ok(Mounted::drawn(app, container, root, drawing))
}

/// Adopts the shared constructable stylesheet; where there is none (Safari before 16.4), a
/// `<style>` element instead.
fn adopt_styles(root: &ShadowRoot) {
    let sheet = SHEET.with(|cell| {
        cell.get_or_init(|| {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            Some(sheet)
        })
        .clone()
    });
    let adopted = sheet.is_some_and(|sheet| {
        Reflect::set(root, &"adoptedStyleSheets".into(), &Array::of1(&sheet)).unwrap_or(false)
    });
    if !adopted {
        if let Some(style) = root
            .owner_document()
            .and_then(|d| d.create_element("style").ok())
        {
            style.set_text_content(Some(CSS));
            let _ = root.append_child(&style);
        }
    }
}

/// Takes out what [`adopt_styles`] put in, as a widget is unmounted.
pub fn unadopt_styles(root: &ShadowRoot) {
    let _ = Reflect::set(root, &"adoptedStyleSheets".into(), &Array::new());
}

/// Where an element's article comes from: `src`, which the page script fetches (`fetched`: what
/// it has so far, see `mountElement`), then an inline JSON child, then `from-page`.
pub fn element_source(element: &Element, fetched: &JsValue) -> Start {
    if let Some(src) = element
        .get_attribute("src")
        .filter(|s| !s.trim().is_empty())
    {
        if page::resolve(src.trim()).is_none() {
            return (
                Source::Invalid(format!("src: \"{src}\" is not a URL")),
                None,
            );
        }
        return fetched_source(fetched, page_lang(element));
    }
    let source = if let Some(source) = inline_source(element) {
        source
    } else if element.has_attribute("from-page") {
        page_source(element)
    } else {
        Source::Invalid(
            "no article: give <maqal-article> a src attribute, a <script type=\"application/json\"> child, or from-page".into(),
        )
    };
    (source, None)
}

/// What the page script has of a `src`: `{ article, url }` once fetched (`url`: the final URL,
/// against which relative images resolve; `text` instead of `article` when it is not JSON),
/// `{ error, retry }` if it could not be, else nothing yet.
fn fetched_source(fetched: &JsValue, page_lang: Option<String>) -> Start {
    let field = |name: &str| Reflect::get(fetched, &name.into()).unwrap_or_default();
    let url = field("url").as_string().unwrap_or_default();
    if let Some(message) = field("error").as_string() {
        let failed = match field("retry").dyn_into() {
            Ok(retry) => Source::Failed(message, Retry(retry)),
            Err(_) => Source::Invalid(message),
        };
        return (failed, None);
    }
    // `article`: the parsed JSON; `text`: what did not parse, for the loader to say why.
    let (article, text) = (field("article"), field("text"));
    if text.is_string() {
        let read = maqal::embed::article_from_js(&text, page_lang.as_deref());
        (located(read, &url), None)
    } else if article.is_undefined() {
        (Source::Loading, None)
    } else {
        Reading::begin(article, url, page_lang)
    }
}

/// This page's JSON-LD, then Open Graph, in the language of the page around `element` where
/// they name none: read here, once, not while rendering.
pub fn page_source(element: &Element) -> Source {
    let (texts, open_graph) = (page::json_ld_texts(), page::open_graph());
    let lang = page_lang(element);
    article_source(article_from_page(&texts, &open_graph, lang.as_deref()).map_err(|e| e.message()))
}

/// The article in the element's own `<script type="application/json">` (or `ld+json`) child.
fn inline_source(element: &Element) -> Option<Source> {
    let script = element
        .query_selector(
            ":scope > script[type='application/json'], :scope > script[type='application/ld+json']",
        )
        .ok()??;
    // Parsed as a JavaScript string: a 10 MB article's text does not cross into the wasm and back.
    // Text that does not parse goes in as text, for the loader to say what is wrong with it.
    let text = Reflect::get(&script, &"textContent".into()).unwrap_or_default();
    let lang = page_lang(element);
    Some(article_source(match parse_json(&text) {
        Ok(value) => maqal::embed::article_from_value(&value, lang.as_deref()),
        Err(_) => maqal::embed::article_from_js(&text, lang.as_deref()),
    }))
}

/// The article handed to `mount` into `host`: an object (native or JSON-LD) or its JSON text.
pub fn value_source(host: &Element, value: &JsValue) -> Start {
    let lang = page_lang(host);
    if value.is_string() {
        let read = maqal::embed::article_from_js(value, lang.as_deref());
        (article_source(read), None)
    } else {
        Reading::begin(value.clone(), String::new(), lang)
    }
}

fn article_source(article: Result<Article, String>) -> Source {
    match article {
        Ok(article) => Source::Ready(Rc::new(article)),
        Err(message) => Source::Invalid(message),
    }
}

/// The language of the page where `host` sits: its nearest `[lang]`.
fn page_lang(host: &Element) -> Option<String> {
    host.closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
}
