//! Browser tests: the widget mounted into a fresh host element in a real browser (Chromium,
//! Firefox and WebKit through `make test-browser`). WebDriver denies clipboard writes, so these
//! stub the clipboard; the end-to-end tests check the real one.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo_timers::future::TimeoutFuture;
use js_sys::Reflect;
use maqal::embed::Source;
use maqal::{Article, Options};
use maqal_element::{self as host, Mounted, Start};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
export function stubClipboard(mode) {
  const writes = [];
  const clipboard = mode === 'absent' ? undefined : {
    writeText(text) { writes.push(text); return mode === 'ok' ? Promise.resolve() : Promise.reject(new DOMException('denied', 'NotAllowedError')); },
  };
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  globalThis.__maqalWrites = writes;
}
export function stubExecCommand(result) {
  globalThis.__maqalExec = [];
  document.execCommand = (command) => { globalThis.__maqalExec.push(command); return result; };
}
export function clipboardWrites() { return globalThis.__maqalWrites.slice(); }
export function execCommands() { return globalThis.__maqalExec.slice(); }
export function pressEscape() { document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); }
export function hover(element, on) { element.dispatchEvent(new MouseEvent(on ? 'mouseover' : 'mouseout', { bubbles: true, relatedTarget: null })); element.dispatchEvent(new MouseEvent(on ? 'mouseenter' : 'mouseleave')); }
")]
extern "C" {
    #[wasm_bindgen(js_name = stubClipboard)]
    fn stub_clipboard(mode: &str);
    #[wasm_bindgen(js_name = stubExecCommand)]
    fn stub_exec_command(result: bool);
    #[wasm_bindgen(js_name = clipboardWrites)]
    fn clipboard_writes() -> Vec<String>;
    #[wasm_bindgen(js_name = execCommands)]
    fn exec_commands() -> Vec<String>;
    #[wasm_bindgen(js_name = pressEscape)]
    fn press_escape();
    fn hover(element: &Element, on: bool);
}

const SEED: &str = include_str!("../../demo/articles/seed.json");

/// A widget in its own fresh host element, with the `maqal-share`/`maqal-error` details it sent.
struct Widget {
    host: HtmlElement,
    mounted: Mounted,
    events: Rc<RefCell<Vec<(String, JsValue)>>>,
    _listeners: Vec<EventListener>,
}

impl Widget {
    async fn new(source: Start, options: Options) -> Widget {
        let document = gloo::utils::document();
        let host: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let events = Rc::new(RefCell::new(Vec::new()));
        let listeners = ["maqal-share", "maqal-error", "maqal-ready"]
            .into_iter()
            .map(|name| {
                let events = events.clone();
                EventListener::new(&host, name, move |e| {
                    let detail = Reflect::get(e, &"detail".into()).unwrap();
                    events.borrow_mut().push((name.to_owned(), detail));
                })
            })
            .collect();
        let mounted = host::mount(&host, source, options).expect("mounts");
        let widget = Widget {
            host,
            mounted,
            events,
            _listeners: listeners,
        };
        settle().await;
        widget
    }

    async fn seed() -> Widget {
        Widget::new(article_source(SEED), Options::default()).await
    }

    fn root(&self) -> ShadowRoot {
        self.host.shadow_root().expect("an open shadow root")
    }

    /// The `part` of the element that has focus inside the widget.
    fn focused_part(&self) -> Option<String> {
        self.root()
            .active_element()
            .and_then(|e| e.get_attribute("part"))
    }

    fn part(&self, name: &str) -> Option<Element> {
        self.root()
            .query_selector(&format!("[part~='{name}']"))
            .unwrap()
    }

    fn parts(&self, name: &str) -> Vec<Element> {
        let list = self
            .root()
            .query_selector_all(&format!("[part~='{name}']"))
            .unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().dyn_into().unwrap())
            .collect()
    }

    fn text(&self, name: &str) -> String {
        self.part(name)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    async fn click(&self, name: &str) {
        self.part(name)
            .expect(name)
            .unchecked_into::<HtmlElement>()
            .click();
        settle().await;
    }

    fn shares(&self) -> Vec<JsValue> {
        self.events
            .borrow()
            .iter()
            .filter(|(n, _)| n == "maqal-share")
            .map(|(_, d)| d.clone())
            .collect()
    }

    fn events_named(&self, name: &str) -> Vec<JsValue> {
        self.events
            .borrow()
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, d)| d.clone())
            .collect()
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.mounted.unmount();
        self.host.remove();
    }
}

fn article_source(json: &str) -> Start {
    let article = Article::from_json_text(json).expect("valid article");
    (Source::Ready(Rc::new(article)), None)
}

/// The page's root element: where `value_source` looks for the page's language.
fn page() -> web_sys::Element {
    gloo::utils::document().document_element().unwrap()
}

/// Lets promises, timers and Yew's scheduler run.
async fn settle() {
    for _ in 0..3 {
        TimeoutFuture::new(10).await;
        yew::scheduler::flush().await;
    }
}

fn field(detail: &JsValue, key: &str) -> JsValue {
    Reflect::get(detail, &key.into()).unwrap()
}

fn location() -> String {
    gloo::utils::window()
        .location()
        .href()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_owned()
}

#[wasm_bindgen_test]
async fn seed_renders_right_to_left_with_kicker_headline_captions_and_paragraphs() {
    let w = Widget::seed().await;
    let article = w.part("article").expect("article");
    let style = gloo::utils::window()
        .get_computed_style(&article)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("direction").unwrap(), "rtl");
    assert_eq!(article.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(w.text("kicker"), "عاجل");
    assert_eq!(
        w.text("headline"),
        "وزراء الداخلية العرب ينظمون ورشة لاستعراض التجارب المتميزة فى حقوق الإنسان"
    );
    let captions: Vec<String> = w
        .parts("caption")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert_eq!(captions.len(), 2);
    assert!(
        captions[0].starts_with("ورشة عربية تستعرض التجارب المتميزة لوزارات الداخلية"),
        "{captions:?}"
    );
    assert!(captions[1].starts_with("ورشة عمل"), "{captions:?}");
    assert_eq!(w.parts("paragraph").len(), 8);
    assert_eq!(w.events_named("maqal-ready").len(), 1);
}

#[wasm_bindgen_test]
async fn english_article_reads_left_to_right() {
    let w = Widget::new(article_source(r#"{"lang": "en", "headline": "Hello", "blocks": [{"type": "paragraph", "text": "Body"}]}"#), Options::default()).await;
    let article = w.part("article").unwrap();
    let style = gloo::utils::window()
        .get_computed_style(&article)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("direction").unwrap(), "ltr");
    assert_eq!(w.text("share-button"), "Copy link");
}

#[wasm_bindgen_test]
async fn refused_image_url_keeps_its_caption() {
    let json = r#"{"headline": "h", "blocks": [{"type": "figure", "src": "javascript:alert(1)", "alt": "a", "caption": "التعليق باقٍ"}]}"#;
    let w = Widget::new(article_source(json), Options::default()).await;
    let figure = w.part("figure").expect("the figure stays");
    assert!(
        figure.query_selector("img").unwrap().is_none(),
        "no <img> for a javascript: URL"
    );
    assert_eq!(w.text("caption"), "التعليق باقٍ");
}

#[wasm_bindgen_test]
async fn a_raster_data_url_in_srcset_loads() {
    // One white pixel as a PNG: a data: URL's comma is part of it, not a candidate separator.
    let pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    let json = format!(
        r#"{{"headline": "h", "blocks": [{{"type": "figure", "src": "{pixel}", "alt": "نقطة",
        "srcset": [{{"src": "{pixel}", "width": 1}}, {{"src": "{pixel}#2", "width": 2}}]}}]}}"#
    );
    let w = Widget::new(article_source(&json), Options::default()).await;
    let img: web_sys::HtmlImageElement = w
        .part("figure")
        .and_then(|f| f.query_selector("img").unwrap())
        .expect("an <img>")
        .dyn_into()
        .unwrap();
    for _ in 0..100 {
        if img.complete() {
            break;
        }
        TimeoutFuture::new(10).await;
    }
    assert!(
        img.current_src().starts_with(pixel),
        "{}",
        img.current_src()
    );
    // Zero for a picture that did not load; with a `w` descriptor, scaled to the shown width.
    assert!(img.natural_width() > 0, "the picture did not load");
}

#[wasm_bindgen_test]
async fn article_text_is_never_markup() {
    let json = r#"{"headline": "<img src=x onerror=alert(1)>", "blocks": [{"type": "paragraph", "text": "<b>bold</b>"}]}"#;
    let w = Widget::new(article_source(json), Options::default()).await;
    assert_eq!(w.text("headline"), "<img src=x onerror=alert(1)>");
    assert!(w
        .part("headline")
        .unwrap()
        .query_selector("img")
        .unwrap()
        .is_none());
    assert!(w.root().query_selector("b").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn copy_shows_the_arabic_toast_and_reports_the_clipboard() {
    stub_clipboard("ok");
    let w = Widget::seed().await;
    assert_eq!(w.text("toast"), "", "the live region starts empty");
    w.click("share-button").await;
    assert_eq!(clipboard_writes(), vec![location()]);
    assert_eq!(w.text("toast"), "تم نسخ الرابط");
    let toast = w.part("toast").unwrap();
    assert_eq!(toast.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(toast.get_attribute("aria-live").as_deref(), Some("polite"));
    let shares = w.shares();
    assert_eq!(shares.len(), 1);
    assert_eq!(
        field(&shares[0], "method").as_string().as_deref(),
        Some("clipboard")
    );
    assert_eq!(field(&shares[0], "ok").as_bool(), Some(true));
    assert_eq!(field(&shares[0], "url").as_string(), Some(location()));
}

#[wasm_bindgen_test]
async fn share_url_option_wins_and_is_cleaned() {
    stub_clipboard("ok");
    let options = Options {
        share_url: Some("https://ex.com/أخبار/1?id=2&utm_source=fb&fbclid=z#c".into()),
        ..Options::default()
    };
    let w = Widget::new(article_source(SEED), options).await;
    w.click("share-button").await;
    assert_eq!(
        clipboard_writes(),
        vec!["https://ex.com/أخبار/1?id=2".to_owned()]
    );
}

#[wasm_bindgen_test]
async fn clipboard_refusal_falls_back_to_exec_command() {
    stub_clipboard("reject");
    stub_exec_command(true);
    let w = Widget::seed().await;
    w.click("share-button").await;
    assert_eq!(exec_commands(), vec!["copy".to_owned()]);
    assert_eq!(w.text("toast"), "تم نسخ الرابط");
    assert_eq!(
        field(&w.shares()[0], "method").as_string().as_deref(),
        Some("exec-command")
    );
}

#[wasm_bindgen_test]
async fn without_a_clipboard_api_exec_command_copies() {
    stub_clipboard("absent");
    stub_exec_command(true);
    let w = Widget::seed().await;
    w.click("share-button").await;
    assert_eq!(exec_commands(), vec!["copy".to_owned()]);
    assert_eq!(w.text("toast"), "تم نسخ الرابط");
    assert_eq!(
        field(&w.shares()[0], "method").as_string().as_deref(),
        Some("exec-command")
    );
}

#[wasm_bindgen_test]
async fn when_every_copy_fails_the_link_is_shown_selected() {
    stub_clipboard("absent");
    stub_exec_command(false);
    let w = Widget::seed().await;
    w.click("share-button").await;
    assert_eq!(w.text("toast"), "تعذّر نسخ الرابط");
    let input: HtmlInputElement = w
        .part("toast-url")
        .expect("a link field")
        .dyn_into()
        .unwrap();
    assert_eq!(input.value(), location());
    assert!(input.read_only());
    assert_eq!(input.selection_start().unwrap(), Some(0));
    assert_eq!(
        input.selection_end().unwrap(),
        Some(input.value().len() as u32)
    );
    let share = &w.shares()[0];
    assert_eq!(
        field(share, "method").as_string().as_deref(),
        Some("manual")
    );
    assert_eq!(field(share, "ok").as_bool(), Some(false));
}

#[wasm_bindgen_test]
async fn escape_closes_the_toast() {
    stub_clipboard("ok");
    let w = Widget::seed().await;
    w.click("share-button").await;
    assert_eq!(w.text("toast"), "تم نسخ الرابط");
    press_escape();
    settle().await;
    assert_eq!(w.text("toast"), "");
}

#[wasm_bindgen_test]
async fn a_repeated_copy_is_announced_again_as_a_new_node() {
    stub_clipboard("ok");
    let w = Widget::seed().await;
    w.click("share-button").await;
    let first = w.part("toast-message").unwrap();
    w.click("share-button").await;
    let second = w.part("toast-message").unwrap();
    assert_eq!(second.text_content().as_deref(), Some("تم نسخ الرابط"));
    assert!(
        !first.is_connected(),
        "the old message node is replaced, so screen readers hear it again"
    );
    assert!(first != second);
    assert_eq!(w.shares().len(), 2);
}

#[wasm_bindgen_test]
async fn toast_stays_while_hovered_and_leaves_after_toast_ms() {
    stub_clipboard("ok");
    let w = Widget::new(
        article_source(SEED),
        Options {
            toast_ms: 2500,
            ..Options::default()
        },
    )
    .await;
    w.click("share-button").await;
    let toast = w.part("toast").unwrap();
    hover(&toast, true);
    TimeoutFuture::new(2800).await;
    settle().await;
    assert_eq!(
        w.text("toast"),
        "تم نسخ الرابط",
        "hovered: still there after 2.8 s"
    );
    hover(&toast, false);
    TimeoutFuture::new(1500).await;
    settle().await;
    assert_eq!(
        w.text("toast"),
        "تم نسخ الرابط",
        "visible at least 2.5 s after the pointer left"
    );
    TimeoutFuture::new(1300).await;
    settle().await;
    assert_eq!(w.text("toast"), "", "gone once toast-ms passed");
}

#[wasm_bindgen_test]
async fn paragraph_share_copies_a_text_fragment_link() {
    stub_clipboard("ok");
    let w = Widget::seed().await;
    w.click("paragraph-share").await;
    let copied = clipboard_writes().pop().expect("a copy");
    assert!(
        copied.starts_with(&format!("{}#:~:text=%D9%86%D8%B8%D9%85%D8%AA", location())),
        "{copied}"
    );
    assert_eq!(w.text("toast"), "تم نسخ الرابط");
}

#[wasm_bindgen_test]
async fn share_menu_offers_real_links_with_utm() {
    let w = Widget::seed().await;
    assert!(w.part("share-menu").unwrap().has_attribute("hidden"));
    w.click("share-menu-button").await;
    assert!(!w.part("share-menu").unwrap().has_attribute("hidden"));
    let targets: Vec<String> = w
        .parts("share-target")
        .iter()
        .map(|a| a.get_attribute("data-target").unwrap())
        .collect();
    assert_eq!(targets, ["whatsapp", "telegram", "x", "facebook", "email"]);
    let telegram = w.parts("share-target")[1].get_attribute("href").unwrap();
    assert!(
        telegram.contains("utm_source%3Dtelegram%26utm_medium%3Dshare"),
        "{telegram}"
    );
}

#[wasm_bindgen_test]
async fn bad_article_shows_an_error_naming_the_field() {
    let source = host::value_source(
        &page(),
        &JsValue::from_str(r#"{"headline": "h", "blocks": [{"type": "figure", "src": 3}]}"#),
    );
    let w = Widget::new(source, Options::default()).await;
    assert!(
        w.text("error").contains("blocks[0].src: expected a string"),
        "{}",
        w.text("error")
    );
    let errors = w.events_named("maqal-error");
    assert_eq!(errors.len(), 1);
    assert!(field(&errors[0], "message")
        .as_string()
        .unwrap()
        .contains("blocks[0].src"));
}

#[wasm_bindgen_test]
async fn json_ld_object_with_graph_and_two_authors_renders() {
    let value = js_sys::JSON::parse(
        r#"{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, {"@type": "NewsArticle",
            "headline": "عنوان من JSON-LD", "author": [{"@type": "Person", "name": "أحمد"}, {"@type": "Person", "name": "منى"}],
            "image": {"@type": "ImageObject", "url": "https://ex.com/a.jpg", "caption": "صورة", "width": 800, "height": 450},
            "articleBody": "فقرة أولى\n\nفقرة ثانية"}]}"#,
    )
    .unwrap();
    let w = Widget::new(host::value_source(&page(), &value), Options::default()).await;
    assert_eq!(w.text("headline"), "عنوان من JSON-LD");
    assert_eq!(w.text("meta"), "أحمد، منى");
    assert_eq!(w.parts("paragraph").len(), 2);
    assert_eq!(w.text("caption"), "صورة");
}

#[wasm_bindgen_test]
async fn from_page_reads_json_ld_then_open_graph() {
    let document = gloo::utils::document();
    let head = document.head().unwrap();
    let script = document.create_element("script").unwrap();
    script.set_attribute("type", "application/ld+json").unwrap();
    script.set_text_content(Some(
        r#"{"@type": "NewsArticle", "headline": "من الصفحة", "articleBody": "نص"}"#,
    ));
    let meta = document.create_element("meta").unwrap();
    meta.set_attribute("property", "og:description").unwrap();
    meta.set_attribute("content", "وصف من Open Graph").unwrap();
    head.append_child(&script).unwrap();
    head.append_child(&meta).unwrap();
    let w = Widget::new((host::page_source(&page()), None), Options::default()).await;
    script.remove();
    meta.remove();
    assert_eq!(w.text("headline"), "من الصفحة");
    assert_eq!(w.text("standfirst"), "وصف من Open Graph");
}

#[wasm_bindgen_test]
async fn unmount_empties_the_shadow_root() {
    let mut w = Widget::seed().await;
    w.mounted.unmount();
    assert_eq!(w.root().child_nodes().length(), 0);
}

#[wasm_bindgen_test]
async fn share_menu_closes_on_escape_and_on_a_click_outside() {
    let w = Widget::seed().await;
    w.click("share-menu-button").await;
    assert_eq!(
        w.part("share-menu-button")
            .unwrap()
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
    press_escape();
    settle().await;
    assert!(
        w.part("share-menu").unwrap().has_attribute("hidden"),
        "Escape closes it"
    );
    w.click("share-menu-button").await;
    assert!(!w.part("share-menu").unwrap().has_attribute("hidden"));
    gloo::utils::body().click();
    settle().await;
    assert!(
        w.part("share-menu").unwrap().has_attribute("hidden"),
        "a click outside closes it"
    );
    assert_eq!(
        w.part("share-menu-button")
            .unwrap()
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn a_widget_mounted_after_another_left_starts_fresh() {
    stub_clipboard("ok");
    let first = Widget::seed().await;
    first.click("share-button").await;
    assert_eq!(first.text("toast"), "تم نسخ الرابط");
    drop(first);
    settle().await;
    let json = r#"{"lang": "en", "headline": "Second", "blocks": [{"type": "paragraph", "text": "Body"}]}"#;
    let second = Widget::new(article_source(json), Options::default()).await;
    assert_eq!(second.text("headline"), "Second");
    assert_eq!(
        second.text("toast"),
        "",
        "no toast carried over from the widget before"
    );
    assert_eq!(second.parts("article").len(), 1);
    assert_eq!(second.events_named("maqal-ready").len(), 1);
}

#[wasm_bindgen_test]
async fn escape_from_the_manual_link_field_returns_focus_to_the_share_button() {
    stub_clipboard("absent");
    stub_exec_command(false);
    let w = Widget::seed().await;
    w.click("share-button").await;
    assert_eq!(
        w.focused_part().as_deref(),
        Some("toast-url"),
        "the link field has focus, selected"
    );
    press_escape();
    settle().await;
    assert_eq!(w.text("toast"), "");
    assert_eq!(w.focused_part().as_deref(), Some("share-button"));
}

#[wasm_bindgen_test]
async fn an_error_speaks_the_page_language() {
    let (source, _) = host::value_source(&page(), &JsValue::from_str("{"));
    let w = Widget::new((source.clone(), None), Options::default()).await;
    assert!(
        w.text("error").starts_with("تعذّر عرض المقال"),
        "{}",
        w.text("error")
    );
    drop(w);
    let english = Widget::new(
        (source, None),
        Options {
            lang: Some("en".into()),
            ..Options::default()
        },
    )
    .await;
    assert!(
        english
            .text("error")
            .starts_with("The article could not be shown"),
        "{}",
        english.text("error")
    );
    assert!(english.text("error").contains("not valid JSON"));
}

#[wasm_bindgen_test]
async fn the_exec_command_fallback_gives_focus_back_to_the_button() {
    stub_clipboard("absent");
    stub_exec_command(true);
    let w = Widget::seed().await;
    w.click("share-button").await;
    assert_eq!(exec_commands(), vec!["copy".to_owned()]);
    assert_eq!(w.focused_part().as_deref(), Some("share-button"));
}

#[wasm_bindgen_test]
async fn escape_in_the_share_menu_returns_focus_to_its_button() {
    let w = Widget::seed().await;
    w.click("share-menu-button").await;
    w.parts("share-target")[0]
        .unchecked_ref::<HtmlElement>()
        .focus()
        .unwrap();
    press_escape();
    settle().await;
    assert!(w.part("share-menu").unwrap().has_attribute("hidden"));
    assert_eq!(w.focused_part().as_deref(), Some("share-menu-button"));
}

#[wasm_bindgen_test]
async fn a_host_holds_one_widget_at_a_time() {
    let w = Widget::seed().await;
    let again = host::mount(&w.host, article_source(SEED), Options::default());
    assert_eq!(
        again.err().as_deref(),
        Some("this element already holds a maqal widget: unmount it first")
    );
    assert_eq!(w.parts("article").len(), 1, "the first widget is untouched");
}

/// A native article of `count` paragraphs, parsed as `JSON.parse` would, with `bad` (an index)
/// holding a number where its text belongs.
fn long_article(count: usize, bad: Option<usize>) -> JsValue {
    let blocks: Vec<String> = (0..count)
        .map(|i| match bad {
            Some(b) if b == i => r#"{"type": "paragraph", "text": 7}"#.to_owned(),
            _ => format!(r#"{{"type": "paragraph", "text": "فقرة رقم {i}"}}"#),
        })
        .collect();
    let json = format!(
        r#"{{"headline": "أرشيف", "blocks": [{}]}}"#,
        blocks.join(",")
    );
    js_sys::JSON::parse(&json).unwrap()
}

#[wasm_bindgen_test]
async fn a_long_article_is_read_a_batch_per_task_then_drawn_a_slice_per_task() {
    let start = host::value_source(&page(), &long_article(2_500, None));
    assert!(start.1.is_some(), "2,500 blocks take more than one batch");
    let mut w = Widget::new(start, Options::default()).await;
    assert_eq!(w.text("loading"), "جارٍ تحميل المقال…");
    assert!(w.events_named("maqal-ready").is_empty());
    let mut tasks = 0;
    while w.mounted.more() {
        tasks += 1;
        assert!(tasks < 100, "more() ends");
    }
    settle().await;
    // Two more batches to read, then slices of the body after the first one drawn.
    assert!(tasks >= 2, "{tasks}");
    assert!(w.part("loading").is_none());
    let paragraphs = w.parts("paragraph");
    assert_eq!(paragraphs.len(), 2_500);
    assert_eq!(paragraphs[2_499].text_content().unwrap(), "فقرة رقم 2499");
    assert_eq!(w.events_named("maqal-ready").len(), 1);
}

#[wasm_bindgen_test]
async fn a_bad_block_far_down_a_long_article_is_named_once_it_is_read() {
    let mut w = Widget::new(
        host::value_source(&page(), &long_article(2_500, Some(2_400))),
        Options::default(),
    )
    .await;
    while w.mounted.more() {}
    settle().await;
    assert!(
        w.text("error")
            .contains("blocks[2400].text: expected a string, found a number"),
        "{}",
        w.text("error")
    );
    assert!(w.parts("paragraph").is_empty());
    assert_eq!(w.events_named("maqal-error").len(), 1);
    assert!(w.events_named("maqal-ready").is_empty());
}

#[wasm_bindgen_test]
async fn an_article_that_names_no_language_takes_the_pages() {
    let document = gloo::utils::document();
    let english = document.create_element("section").unwrap();
    english.set_attribute("lang", "en").unwrap();
    let inside = document.create_element("div").unwrap();
    english.append_child(&inside).unwrap();
    for json in [
        r#"{"headline": "Hello", "blocks": [{"type": "paragraph", "text": "Body"}]}"#,
        r#"{"@type": "NewsArticle", "headline": "Hello", "articleBody": "Body", "author": ["A", "B"]}"#,
    ] {
        let value = js_sys::JSON::parse(json).unwrap();
        let w = Widget::new(host::value_source(&inside, &value), Options::default()).await;
        let article = w.part("article").unwrap();
        assert_eq!(
            article.get_attribute("lang").as_deref(),
            Some("en"),
            "{json}"
        );
        assert_eq!(
            article.get_attribute("dir").as_deref(),
            Some("ltr"),
            "{json}"
        );
        assert_eq!(w.text("share-button"), "Copy link", "{json}");
    }
    // A page whose lang is empty or not a language tag counts as naming none: no error.
    for lang in ["", "not a tag!"] {
        english.set_attribute("lang", lang).unwrap();
        let value = js_sys::JSON::parse(
            r#"{"headline": "Hello", "blocks": [{"type": "paragraph", "text": "Body"}]}"#,
        )
        .unwrap();
        let w = Widget::new(host::value_source(&inside, &value), Options::default()).await;
        assert!(
            w.part("error").is_none(),
            "lang=\"{lang}\": {}",
            w.text("error")
        );
        assert_eq!(w.text("headline"), "Hello");
    }
    // With no language anywhere, a native article is still Arabic, its direction the headline's.
    let value = js_sys::JSON::parse(
        r#"{"headline": "Hello", "blocks": [{"type": "paragraph", "text": "Body"}]}"#,
    )
    .unwrap();
    let w = Widget::new(host::value_source(&page(), &value), Options::default()).await;
    let article = w.part("article").unwrap();
    assert_eq!(article.get_attribute("dir").as_deref(), Some("ltr"));
}

/// The allocator (talc, in the npm build and here) gives freed memory out again: 10 MB of
/// blocks freed and asked for once more do not grow the wasm memory a second time.
#[wasm_bindgen_test]
fn freed_memory_is_used_again() {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let size = || {
        memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    // 20,000 blocks of 500 B: 10 MB, more than earlier tests left free.
    let fill = || -> Vec<Vec<u8>> { (0..20_000).map(|_| vec![1; 500]).collect() };
    let before = size();
    drop(fill());
    let grown = size();
    assert!(grown > before, "10 MB of blocks never grew the memory");
    let again = fill();
    assert_eq!(
        size(),
        grown,
        "the memory grew again for blocks it had freed"
    );
    assert_eq!(again.len(), 20_000);
}
