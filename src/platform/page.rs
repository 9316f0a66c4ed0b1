//! What the host page offers: its links, JSON-LD, Open Graph, fetch, and the reader's date format.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn attribute(selector: &str, name: &str) -> Option<String> {
    document()?
        .query_selector(selector)
        .ok()??
        .get_attribute(name)
}

/// The page's own candidates for the shared link, in the README's order after the widget's own:
/// `<link rel="canonical">` (resolved against the page), `og:url`, `location.href`.
pub fn link_candidates() -> [Option<String>; 3] {
    let canonical = attribute("link[rel~='canonical']", "href").and_then(|href| resolve(&href));
    let og_url = attribute("meta[property='og:url']", "content");
    let location = web_sys::window().and_then(|w| w.location().href().ok());
    [canonical, og_url, location]
}

/// `url` made absolute against the page's base URL.
pub fn resolve(url: &str) -> Option<String> {
    let base = document()?.base_uri().ok()??;
    resolve_against(url, &base)
}

/// `url` made absolute against `base`; `None` for a blank one (which would be `base` itself).
pub fn resolve_against(url: &str, base: &str) -> Option<String> {
    if url.bytes().all(|b| b <= b' ') {
        return None;
    }
    web_sys::Url::new_with_base(url, base)
        .ok()
        .map(|u| u.href())
}

/// The text of every `<script type="application/ld+json">` in the page.
pub fn json_ld_texts() -> Vec<String> {
    elements("script[type='application/ld+json']")
        .iter()
        .filter_map(|e| e.text_content())
        .collect()
}

/// The page's Open Graph tags as (`og:…`, content) pairs, in document order.
pub fn open_graph() -> Vec<(String, String)> {
    elements("meta[property^='og:']")
        .iter()
        .filter_map(|e| Some((e.get_attribute("property")?, e.get_attribute("content")?)))
        .collect()
}

fn elements(selector: &str) -> Vec<Element> {
    let Some(list) = document().and_then(|d| d.query_selector_all(selector).ok()) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// A date as the reader's locale writes it in `lang` ("٢٨ نوفمبر ٢٠٢٦" in `ar-EG`); `None` if unreadable.
/// Only what has an ISO 8601 date's dashes is read, as the server renderer reads only such a
/// date: `Date` alone would make a day of "Friday" or "7*7".
pub fn format_date(iso: &str, lang: &str) -> Option<String> {
    if iso
        .as_bytes()
        .get(4..8)
        .is_none_or(|b| b[0] != b'-' || b[3] != b'-')
    {
        return None;
    }
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return None;
    }
    let options = js_sys::Object::new();
    Reflect::set(&options, &"dateStyle".into(), &"long".into()).ok()?;
    // Called through Reflect.apply so that a tag Intl refuses (RangeError) comes back as an
    // Err: thrown through Yew's scheduler, it would stop every widget on the page.
    let format = Reflect::get(&date, &"toLocaleDateString".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let args = js_sys::Array::of2(&lang.into(), &options);
    Reflect::apply(&format, &date, &args).ok()?.as_string()
}

impl crate::options::PageInfo {
    /// Reads what this page offers: its link for sharing and whether it has a share sheet.
    pub fn read() -> Self {
        let [canonical, og_url, location] = link_candidates();
        crate::options::PageInfo {
            // The same `[Option<&str>; 3]` as the components pass: one copy of `canonical`.
            link: crate::share_url::canonical(
                [&canonical, &og_url, &location].map(|c| c.as_deref()),
            ),
            native_share: super::share_sheet::can_share(),
        }
    }
}
