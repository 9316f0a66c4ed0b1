//! The island contract, written once: the markers the renderer puts in a server-rendered
//! fragment and the element looks for to bring it to life (docs/CONTRACT.md §4). The renderer
//! (`render.rs`), the element (`element/`), `style/server.css` and `js/api.js` all follow these
//! names; the tests below fail when one of them drifts.

/// The class of the `<div>` every widget's article sits in, drawn by the server or the client.
pub const ROOT_CLASS: &str = "maqal-root";
/// On the root: the server drew this article, and it has not come to life yet.
pub const SERVER: &str = "data-server";
/// On the footer: it shows the no-script share links (`style/server.css` lays them out).
pub const STATIC: &str = "data-static";

/// A server-rendered article's root in its shadow root, not yet alive. `js/api.js` asks the
/// same question to choose the build that brings such a page to life.
pub const SERVER_ROOT: &str = ".maqal-root[data-server]";
/// The article inside that root, as the renderer drew it: its `lang` is the article's.
pub const ARTICLE: &str = ":scope > article[part~='article']";
/// The article's paragraphs, each of which gets a share button.
pub const PARAGRAPH: &str = "[part~='paragraph']";
/// The footer of that article, which the live controls are mounted into.
pub const FOOTER: &str = ":scope > footer[part~='share']";
/// The element's child that carries the article, in the native format.
pub const JSON_CHILD: &str = ":scope > script[type='application/json']";

/// The server-rendered article's markers go as it comes to life: the root is no longer the
/// server's alone, and the footer no longer shows the no-script links.
#[cfg(feature = "csr")]
pub fn come_alive(root: &web_sys::Element, footer: &web_sys::Element) {
    let _ = footer.remove_attribute(STATIC);
    let _ = root.remove_attribute(SERVER);
}

/// The text of `element`'s JSON child, as a JavaScript string (a 10 MB article's text does not
/// cross into the wasm and back).
#[cfg(feature = "csr")]
pub fn json_child(element: &web_sys::Element) -> Option<wasm_bindgen::JsValue> {
    let script = element.query_selector(JSON_CHILD).ok()??;
    js_sys::Reflect::get(&script, &"textContent".into()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selectors_are_made_of_the_marker_names() {
        assert_eq!(SERVER_ROOT, format!(".{ROOT_CLASS}[{SERVER}]"));
        assert!(FOOTER.contains("footer[part~='share']"));
    }

    #[test]
    fn the_server_stylesheet_keys_on_the_static_marker() {
        let css = include_str!("../style/server.css");
        let rules: Vec<&str> = css.lines().filter(|line| line.ends_with('{')).collect();
        assert!(!rules.is_empty());
        for rule in rules {
            assert!(rule.contains(&format!("[{STATIC}]")), "{rule}");
        }
    }

    #[cfg(all(feature = "ssr", not(target_arch = "wasm32")))]
    #[test]
    fn the_renderer_writes_the_markers_the_element_looks_for() {
        let article = crate::Article::from_json_text(
            r#"{"url": "https://example.com/a", "headline": "h", "blocks": [{"type": "paragraph", "text": "t"}]}"#,
        )
        .unwrap();
        let html = crate::render_html(&article, &crate::Options::default());
        assert!(html.contains(&format!("<div class=\"{ROOT_CLASS}\" {SERVER}=\"\">")));
        assert!(html.contains("<footer part=\"share\""));
        let footer = &html[html.find("<footer").unwrap()..];
        assert!(footer[..footer.find('>').unwrap()].contains(&format!("{STATIC}=\"\"")));
        assert!(html.contains("<script type=\"application/json\">"));
    }

    #[test]
    fn the_page_script_looks_for_the_same_server_root() {
        let api = include_str!("../js/api.js");
        assert!(
            api.contains(&format!("const SERVER_ROOT = '{SERVER_ROOT}';")),
            "js/api.js names {SERVER_ROOT}"
        );
        let entry = include_str!("../js/maqal.js");
        assert!(
            entry.contains(&format!("querySelector('{SERVER_ROOT}')")),
            "js/maqal.js looks for {SERVER_ROOT}"
        );
    }
}
