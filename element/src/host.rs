//! A widget in its host element: the Yew app at its root, bringing a server-rendered article to
//! life (its live controls added to the footer the server wrote), and taking a widget out again.
//! Both builds have this; drawing an article in the browser is `draw.rs`, the full build's.

use std::cell::Cell;
#[cfg(not(maqal_immediate_abort))]
use std::cell::RefCell;
use std::rc::Rc;

use maqal::island;
use maqal::{LiveControlsProps, Options, PageInfo, Shareable};
use web_sys::{Element, ShadowRoot};
use yew::prelude::*;
use yew::AppHandle;

#[cfg(feature = "client")]
use crate::draw::{self, Drawing};

thread_local! {
    /// The widgets now on the page (their app containers), for the panic hook.
    #[cfg(not(maqal_immediate_abort))]
    static LIVE: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
}

#[derive(Properties, PartialEq)]
pub(crate) struct WidgetRootProps {
    /// A new value for every mount, so a reused app starts its article from fresh state.
    pub serial: u32,
    pub content: Content,
}

/// What an app shows.
#[derive(PartialEq)]
pub(crate) enum Content {
    /// Nothing: the app waits in `IDLE` for the next mount.
    Idle,
    /// The whole article, drawn by the client (the full build only).
    #[cfg(feature = "client")]
    Drawn(maqal::embed::ArticleLoaderProps),
    /// The live controls of a server-rendered article.
    Live(LiveControlsProps),
}

/// The root of every app: the article loader keyed by mount, the live controls of a
/// server-rendered article, or nothing while idle. One root type for both kinds of page: each
/// root type costs the wasm its own copy of Yew's app machinery.
#[component]
pub(crate) fn WidgetRoot(props: &WidgetRootProps) -> Html {
    match &props.content {
        #[cfg(feature = "client")]
        Content::Drawn(content) => html! {
            <maqal::embed::ArticleLoader key={maqal::embed::decimal(props.serial)} ..content.clone() />
        },
        #[cfg(not(maqal_floor))]
        Content::Live(content) => html! { <maqal::LiveControls ..content.clone() /> },
        #[cfg(maqal_floor)]
        Content::Live(_) => html! {},
        Content::Idle => html! {},
    }
}

pub(crate) fn next_serial() -> u32 {
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
    /// A server-rendered article's images, watched for one that fails (hidden, its caption
    /// kept, as the client's figures do).
    _images: Vec<gloo::events::EventListener>,
    /// A client-drawn article: what is still to read and draw of it. `None` for a
    /// server-rendered article, whose app's root is the server's footer (not a reusable
    /// container).
    #[cfg(feature = "client")]
    drawing: Option<Drawing>,
}

/// Brings a server-rendered `<maqal-article>` to life: its share controls, toast and paragraph
/// buttons are added to the article already in its shadow root, whose nodes all stay but the
/// footer's no-script links, which make way for the live controls. `None` when the element
/// has no server-rendered article, or its JSON child cannot be read as the renderer writes it
/// (the full build then draws the element itself, and says what is wrong).
pub fn hydrate(element: &Element, options: &Options) -> Option<Mounted> {
    let root = element.shadow_root()?;
    let container = root.query_selector(island::SERVER_ROOT).ok()??;
    let drawn = container.query_selector(island::ARTICLE).ok()??;
    let footer = drawn.query_selector(island::FOOTER).ok()??;
    let article = server_shareable(element, &drawn)?;
    let host = element.clone();
    let props = LiveControlsProps {
        article,
        options: options.clone(),
        page: PageInfo::read(),
        // Once the controls are drawn, not when their drawing is only scheduled.
        onready: Callback::from(move |()| maqal::embed::events::ready(&host)),
    };
    let props = WidgetRootProps {
        serial: next_serial(),
        content: Content::Live(props),
    };
    // The no-script links and the marker go before the live controls arrive, not as a side
    // effect of Yew's mount: the stylesheet keys on them (docs/CONTRACT.md §4).
    island::come_alive(&container, &footer);
    let app = yew::Renderer::<WidgetRoot>::with_root_and_props(footer, props).render();
    let mut mounted = Mounted::new(app, container, root);
    mounted._images = maqal::embed::watch_server_images(&mounted.container);
    Some(mounted)
}

/// What the live controls share of a server-rendered article: its link and headline from the
/// JSON child the renderer wrote, its language and paragraphs from the `article` it drew. `None`
/// when the JSON child is missing, is not JSON, or has no headline.
fn server_shareable(element: &Element, article: &Element) -> Option<Rc<Shareable>> {
    let value = parse_json(&island::json_child(element)?).ok()?;
    let field = |name: &str| js_sys::Reflect::get(&value, &name.into()).ok()?.as_string();
    Some(Rc::new(Shareable {
        url: field("url").map(Into::into),
        headline: field("headline")?.into(),
        lang: article.get_attribute("lang").unwrap_or_default().into(),
        paragraphs: article.query_selector_all(island::PARAGRAPH).ok()?.length() as usize,
    }))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub(crate) fn parse_json(
        text: &wasm_bindgen::JsValue,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

impl Mounted {
    /// A server-rendered article's widget (see [`hydrate`]).
    fn new(app: AppHandle<WidgetRoot>, container: Element, root: ShadowRoot) -> Mounted {
        #[cfg(not(maqal_immediate_abort))]
        LIVE.with(|live| live.borrow_mut().push(container.clone()));
        Mounted {
            app: Some(app),
            container,
            root,
            _images: Vec::new(),
            #[cfg(feature = "client")]
            drawing: None,
        }
    }

    /// A client-drawn article's widget.
    #[cfg(feature = "client")]
    pub(crate) fn drawn(
        app: AppHandle<WidgetRoot>,
        container: Element,
        root: ShadowRoot,
        drawing: Drawing,
    ) -> Mounted {
        let mut mounted = Mounted::new(app, container, root);
        mounted.drawing = Some(drawing);
        mounted
    }

    /// Reads the next batch of a long article, then draws the next slice of its body; `false`
    /// once it is all drawn (always, for a server-rendered one). The page script calls it a
    /// task at a time (docs/CONTRACT.md §1).
    pub fn more(&mut self) -> bool {
        #[cfg(feature = "client")]
        if let (Some(app), Some(drawing)) = (&mut self.app, &mut self.drawing) {
            return drawing.more(app);
        }
        false
    }

    /// Takes the widget out: its app is emptied (and kept for the next mount, unless it was a
    /// server-rendered article's, whose root was the server's footer), the shadow root
    /// emptied.
    pub fn unmount(&mut self) {
        #[cfg(feature = "client")]
        let drawn = self.drawing.take().is_some();
        if let Some(mut app) = self.app.take() {
            app.update(WidgetRootProps {
                serial: next_serial(),
                content: Content::Idle,
            });
            // A client-drawn widget's app waits for the next mount; a server-rendered one's root
            // was the server's footer, which goes with the shadow root.
            #[cfg(feature = "client")]
            let app = if drawn {
                draw::keep_idle(&self.container, app)
            } else {
                Some(app)
            };
            #[cfg(not(feature = "client"))]
            let app = Some(app);
            if let Some(app) = app {
                app.destroy();
            }
        }
        #[cfg(not(maqal_immediate_abort))]
        LIVE.with(|live| live.borrow_mut().retain(|c| c != &self.container));
        clear(&self.root);
        #[cfg(feature = "client")]
        draw::unadopt_styles(&self.root);
    }
}

pub(crate) fn clear(root: &ShadowRoot) {
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
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
        maqal::embed::events::error(&host, message);
    }
}
