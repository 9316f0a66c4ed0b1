//! Each paragraph's share button, added to an article already in the DOM (drawn by the client
//! or written by the server) with one click listener on the article. Plain DOM, not Yew portals:
//! Yew keeps every portal's event root for the life of the page, so an article mounted and
//! unmounted a thousand times kept eleven megabytes (measured by `make bench`).

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The link icon's path (the same drawing as the other icons: 24×24, stroked).
const LINK_ICON: &str = "M10.5 13.5a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M13.5 10.5a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1";
const SVG: &str = "http://www.w3.org/2000/svg";

/// The buttons while they are on the page; dropping this takes them and their listener out.
pub struct ParagraphButtons {
    buttons: Vec<Element>,
    _listener: EventListener,
}

/// Adds a `part="paragraph-share"` button labelled `label` to each of `paragraphs`; a click
/// calls `onclick` with the paragraph's text and the button, inside the click (so a copy may use
/// the Clipboard API).
pub fn add(
    article: &Element,
    paragraphs: &[Element],
    label: &str,
    onclick: impl Fn(String, HtmlElement) + 'static,
) -> Option<ParagraphButtons> {
    let document = article.owner_document()?;
    let mut buttons = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
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
        buttons.push(button);
    }
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
    Some(ParagraphButtons {
        buttons,
        _listener: listener,
    })
}

impl Drop for ParagraphButtons {
    fn drop(&mut self) {
        for button in &self.buttons {
            button.remove();
        }
    }
}
