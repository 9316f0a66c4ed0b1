//! Putting the widget into a host element: an open shadow root, the stylesheet adopted into it,
//! a Yew app inside, and a way to take it all out again.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::prelude::*;
use yew::AppHandle;

use crate::article::Article;
use crate::components::{ArticleLoader, ArticleLoaderProps, Source, StartedFetch};
use crate::options::Options;
use crate::platform::page;

/// The widget's CSS, compiled in: no extra request, and nothing inline for a CSP to refuse.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/maqal.min.css"));

thread_local! {
    /// One stylesheet object shared by every widget on the page.
    static SHEET: OnceCell<Option<CssStyleSheet>> = const { OnceCell::new() };
    /// The widgets now on the page (their app containers), for the panic hook.
    #[cfg(not(maqal_immediate_abort))]
    static LIVE: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// Apps of unmounted widgets, kept for the next mount. Yew never frees the event listeners
    /// it puts on an app's root element (it expects apps to live as long as the page), so a new
    /// app per mount would leak about 3 KB each time: apps are reused instead.
    static IDLE: RefCell<Vec<(Element, AppHandle<WidgetRoot>)>> = const { RefCell::new(Vec::new()) };
}

/// How many idle apps to keep; a page that unmounts more at once than this leaks a little.
const MAX_IDLE: usize = 16;

#[derive(Properties, PartialEq)]
struct WidgetRootProps {
    /// A new value for every mount, so a reused app starts its article from fresh state.
    serial: u32,
    content: Option<ArticleLoaderProps>,
}

/// The root of every app: the article loader, keyed by mount, or nothing while idle.
#[component]
fn WidgetRoot(props: &WidgetRootProps) -> Html {
    match &props.content {
        Some(content) => html! {
            <ArticleLoader key={crate::text::decimal(props.serial)} source={content.source.clone()}
                options={content.options.clone()} host={content.host.clone()} />
        },
        None => html! {},
    }
}

fn next_serial() -> u32 {
    thread_local!(static SERIAL: Cell<u32> = const { Cell::new(0) });
    SERIAL.with(|s| {
        s.set(s.get().wrapping_add(1));
        s.get()
    })
}

/// A widget on the page; `unmount` takes it out and frees its app and listeners.
pub struct Mounted {
    app: Option<AppHandle<WidgetRoot>>,
    container: Element,
    root: ShadowRoot,
}

/// Renders `source` into `host`'s open shadow root (made if it has none).
pub fn mount(host: &Element, source: Source, options: Options) -> Result<Mounted, String> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(|_| {
            [
                "<",
                &host.tag_name().to_ascii_lowercase(),
                "> cannot hold a shadow root: mount maqal into a <div>, <section> or <maqal-article>",
            ]
            .concat()
        })?,
    };
    // One widget per host: a second would be wiped by the first one's unmount.
    if root.query_selector(".maqal-root").ok().flatten().is_some() {
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
            let _ = container.set_attribute("class", "maqal-root");
            let idle = WidgetRootProps {
                serial: 0,
                content: None,
            };
            let app =
                yew::Renderer::<WidgetRoot>::with_root_and_props(container.clone(), idle).render();
            (container, app)
        }
    };
    root.append_child(&container)
        .map_err(|_| "could not fill the shadow root")?;
    app.update(WidgetRootProps {
        serial: next_serial(),
        content: Some(ArticleLoaderProps {
            source,
            options,
            host: host.clone(),
        }),
    });
    #[cfg(not(maqal_immediate_abort))]
    LIVE.with(|live| live.borrow_mut().push(container.clone()));
    Ok(Mounted {
        app: Some(app),
        container,
        root,
    })
}

impl Mounted {
    /// Takes the widget out: its app is emptied (and kept for the next mount), the shadow root
    /// emptied.
    pub fn unmount(&mut self) {
        if let Some(mut app) = self.app.take() {
            app.update(WidgetRootProps {
                serial: next_serial(),
                content: None,
            });
            IDLE.with(|idle| {
                let mut idle = idle.borrow_mut();
                if idle.len() < MAX_IDLE {
                    idle.push((self.container.clone(), app));
                } else {
                    app.destroy();
                }
            });
        }
        #[cfg(not(maqal_immediate_abort))]
        LIVE.with(|live| live.borrow_mut().retain(|c| c != &self.container));
        clear(&self.root);
        let _ = Reflect::set(&self.root, &"adoptedStyleSheets".into(), &Array::new());
    }
}

fn clear(root: &ShadowRoot) {
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
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

/// Where an element's article comes from: `src` (`started`: a fetch of it already under way),
/// then an inline JSON child, then `from-page`.
pub fn element_source(element: &Element, started: Option<js_sys::Promise>) -> Source {
    if let Some(src) = element
        .get_attribute("src")
        .filter(|s| !s.trim().is_empty())
    {
        return match page::resolve(src.trim()) {
            Some(url) => Source::Fetch(url, started.map(StartedFetch)),
            None => Source::Invalid(["src: \"", &src, "\" is not a URL"].concat()),
        };
    }
    let inline = element
        .query_selector(
            ":scope > script[type='application/json'], :scope > script[type='application/ld+json']",
        )
        .ok()
        .flatten();
    if let Some(script) = inline {
        return article_source(
            Article::from_json_text(&script.text_content().unwrap_or_default())
                .map_err(|e| e.message()),
        );
    }
    if element.has_attribute("from-page") {
        return Source::Page;
    }
    Source::Invalid(
        "no article: give <maqal-article> a src attribute, a <script type=\"application/json\"> child, or from-page".into(),
    )
}

/// The article handed to `mount`: an object (native or JSON-LD) or its JSON text.
pub fn value_source(value: &JsValue) -> Source {
    let article = match value.as_string() {
        Some(text) => Article::from_json_text(&text).map_err(|e| e.message()),
        None => crate::platform::json_from_js(value)
            .map_err(|e| ["article: ", &e].concat())
            .and_then(|json| Article::from_json(&json).map_err(|e| e.message())),
    };
    article_source(article)
}

fn article_source(article: Result<Article, String>) -> Source {
    match article {
        Ok(article) => Source::Ready(Rc::new(article)),
        Err(message) => Source::Invalid(message),
    }
}

/// `mount`'s options object, read as the element's attributes would be.
pub fn options_from_js(value: &JsValue) -> Options {
    Options::from_attributes(|name| {
        let key = match name {
            "share-url" => "shareUrl",
            "toast-ms" => "toastMs",
            "utm-campaign" => "utmCampaign",
            "no-utm" => "noUtm",
            other => other,
        };
        let v = Reflect::get(value, &key.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())?;
        match name {
            // A flag, read as JavaScript reads it: `noUtm: 0` or `""` leaves UTM on.
            "no-utm" => v.is_truthy().then(String::new),
            _ => v
                .as_string()
                // Whole milliseconds: printing an f64 would pull float formatting into the wasm.
                .or_else(|| v.as_f64().map(|n| crate::text::decimal(n.max(0.0) as u32)))
                .or_else(|| Some(String::new())),
        }
    })
}

/// The element's attributes as options.
pub fn element_options(element: &Element) -> Options {
    Options::from_attributes(|name| element.get_attribute(name))
}

/// After a panic the app can no longer be trusted: every widget shows an error instead of a
/// half-drawn article, and its host gets `maqal-error`. Set through Yew, whose renderer would
/// otherwise replace it with its own. (The npm build aborts on panic without running hooks; its
/// JavaScript entry shows the same error when the wasm traps.)
#[cfg(not(maqal_immediate_abort))]
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        // The payload as it is: formatting the whole PanicHookInfo costs kilobytes of wasm.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        web_sys::console::error_2(
            &"maqal panicked:".into(),
            &message.unwrap_or("(no message)").into(),
        );
        let containers = LIVE.with(|live| live.try_borrow().map(|l| l.clone()).unwrap_or_default());
        for container in containers {
            show_crash(&container);
        }
    }));
}

#[cfg(not(maqal_immediate_abort))]
fn show_crash(container: &Element) {
    use wasm_bindgen::JsCast;
    let message = "maqal stopped on an internal error; the console has the details";
    container.set_text_content(None);
    if let Some(error) = container
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
    {
        let _ = error.set_attribute("part", "error");
        let _ = error.set_attribute("role", "alert");
        error.set_text_content(Some(message));
        let _ = container.append_child(&error);
    }
    let host = container
        .get_root_node()
        .dyn_into::<ShadowRoot>()
        .ok()
        .map(|root| root.host());
    if let Some(host) = host {
        crate::platform::events::error(&host, message);
    }
}
