//! Closing what is open from anywhere on the page: Escape wherever focus is (Safari does not
//! focus a clicked button), and a click outside the widget.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// While `escape` is on, Escape anywhere on the page calls `onescape`; while `outside` is on, a
/// click outside `root` calls `onoutside`. The listeners exist only while they are on.
///
/// ```ignore
/// use_dismiss(article_element, toast_shown || menu_open, menu_open, onescape, onoutside);
/// ```
#[hook]
pub fn use_dismiss(
    root: Option<web_sys::Element>,
    escape: bool,
    outside: bool,
    onescape: Callback<()>,
    onoutside: Callback<()>,
) {
    use_effect_with((escape, outside, root), move |(escape, outside, root)| {
        let (escape, outside, root) = (*escape, *outside, root.clone());
        let document = gloo::utils::document();
        let on_key = escape.then(|| {
            EventListener::new(&document, "keydown", move |event| {
                if event
                    .dyn_ref::<KeyboardEvent>()
                    .is_some_and(|e| e.key() == "Escape")
                {
                    onescape.emit(());
                }
            })
        });
        let on_click = outside.then(|| {
            EventListener::new(&document, "click", move |event| {
                if !root
                    .as_ref()
                    .is_some_and(|r| event.composed_path().includes(r, 0))
                {
                    onoutside.emit(());
                }
            })
        });
        move || drop((on_key, on_click))
    });
}
