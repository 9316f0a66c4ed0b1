//! Each paragraph's share button, added to an article already in the DOM (drawn by the client
//! or written by the server) with one click listener on the article. Plain DOM, not Yew portals:
//! Yew keeps every portal's event root for the life of the page, so an article mounted and
//! unmounted a thousand times kept eleven megabytes (measured by `make bench`).

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The link icon's path (the same drawing as the other icons: 24×24, stroked).
const LINK_ICON: &str = "M10.5 13.5a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M13.5 10.5a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1";
const SVG: &str = "http://www.w3.org/2000/svg";

/// How many buttons one task adds: a 20,000-paragraph article gets its buttons in slices, so
/// the page is never held for long (docs/CONTRACT.md §1).
const SLICE: u32 = 200;

/// The buttons while they are on the page; dropping this takes them and their listener out,
/// and stops adding more.
pub struct ParagraphButtons {
    article: Element,
    _listener: EventListener,
    live: Rc<Cell<bool>>,
}

/// Adds a `part="paragraph-share"` button labelled `label` to each paragraph of `article` (its
/// `[part~=paragraph]` children), a slice per task, until `expected` have one: the article may
/// still be drawing its paragraphs. A click calls `onclick` with the paragraph's text and the
/// button, inside the click (so a copy may use the Clipboard API).
pub fn add(
    article: &Element,
    expected: usize,
    label: &'static str,
    onclick: impl Fn(String, HtmlElement) + 'static,
) -> ParagraphButtons {
    let live = Rc::new(Cell::new(true));
    add_slice(article.clone(), expected as u32, label, live.clone(), 0, 0);
    let listener = EventListener::new(article, "click", move |event| {
        let clicked = (|| {
            let target: Element = event.target()?.dyn_into().ok()?;
            let button = target.closest("[part~='paragraph-share']").ok()??;
            // The paragraph's text is its text content: the button holds only an icon.
            let text = button.parent_element()?.text_content()?;
            Some((text, button.dyn_into::<HtmlElement>().ok()?))
        })();
        if let Some((text, button)) = clicked {
            onclick(text, button);
        }
    });
    ParagraphButtons {
        article: article.clone(),
        _listener: listener,
        live,
    }
}

/// Adds buttons to the next `SLICE` paragraphs after the first `done`, then, while fewer than
/// `expected` have one, schedules the next slice; gives up after 100 passes in a row found no
/// new paragraph (an article not drawn as expected).
fn add_slice(
    article: Element,
    expected: u32,
    label: &'static str,
    live: Rc<Cell<bool>>,
    done: u32,
    idle: u32,
) {
    let Ok(paragraphs) = article.query_selector_all(":scope > [part~='paragraph']") else {
        return;
    };
    let end = paragraphs.length().min(done + SLICE);
    for i in done..end {
        if paragraphs
            .item(i)
            .and_then(|p| button_in(&p.dyn_into().ok()?, label))
            .is_none()
        {
            return;
        }
    }
    let idle = if end == done { idle + 1 } else { 0 };
    if end < expected && idle < 100 {
        Timeout::new(0, move || {
            if live.get() {
                add_slice(article, expected, label, live, end, idle)
            }
        })
        .forget();
    }
}

fn buttons(article: &Element) -> Option<web_sys::NodeList> {
    article
        .query_selector_all(":scope > [part~='paragraph'] > [part~='paragraph-share']")
        .ok()
}

/// A new button at the end of `paragraph`.
fn button_in(paragraph: &Element, label: &str) -> Option<Element> {
    let document = paragraph.owner_document()?;
    let button = document.create_element("button").ok()?;
    for (name, value) in [
        ("type", "button"),
        ("part", "paragraph-share"),
        ("aria-label", label),
        ("title", label),
    ] {
        button.set_attribute(name, value).ok()?;
    }
    let svg = document.create_element_ns(Some(SVG), "svg").ok()?;
    for (name, value) in [
        ("viewBox", "0 0 24 24"),
        ("width", "20"),
        ("height", "20"),
        ("aria-hidden", "true"),
        ("focusable", "false"),
    ] {
        svg.set_attribute(name, value).ok()?;
    }
    let path = document.create_element_ns(Some(SVG), "path").ok()?;
    path.set_attribute("d", LINK_ICON).ok()?;
    svg.append_child(&path).ok()?;
    button.append_child(&svg).ok()?;
    paragraph.append_child(&button).ok()?;
    Some(button)
}

impl Drop for ParagraphButtons {
    fn drop(&mut self) {
        self.live.set(false);
        if let Some(buttons) = buttons(&self.article) {
            for i in 0..buttons.length() {
                if let Some(button) = buttons.item(i).and_then(|b| b.dyn_into::<Element>().ok()) {
                    button.remove();
                }
            }
        }
    }
}
