//! Images that fail to load: hidden, their figure showing its caption alone, as for a refused
//! URL (docs/CONTRACT.md §1). A client-drawn figure's image has the handler from the start; a
//! server-rendered article's images get it as the article comes to life.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlImageElement};

/// Hides `image`, which failed to load, and marks its figure as having none. Attributes, not
/// removal: Yew may own the node.
pub fn hide(image: &Element) {
    let _ = image.set_attribute("hidden", "");
    if let Some(figure) = image.parent_element() {
        let _ = figure.set_attribute("data-no-image", "");
    }
}

/// Watches the images of a server-rendered `article`: one that already failed before script
/// arrived is hidden now; one still to load is hidden if it fails. The listeners stop with the
/// returned value.
pub fn watch_server_images(article: &Element) -> Vec<EventListener> {
    let Ok(images) = article.query_selector_all("figure[part~='figure'] > img") else {
        return Vec::new();
    };
    let mut listeners = Vec::new();
    for i in 0..images.length() {
        let Some(image) = images
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlImageElement>().ok())
        else {
            continue;
        };
        // Done already: decoding it says whether it loaded (a broken one refuses). The
        // natural width would not: an SVG without one has loaded all the same.
        if image.complete() {
            let done = image.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if JsFuture::from(done.decode()).await.is_err() {
                    hide(&done);
                }
            });
        }
        let target = image.clone();
        listeners.push(EventListener::new(&image, "error", move |_| hide(&target)));
    }
    listeners
}
