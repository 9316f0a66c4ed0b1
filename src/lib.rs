//! maqal (مقال): a right-to-left-first news article widget with a share button, in Yew.
//!
//! Rust teams use the components ([`ArticleView`], [`ShareButton`], [`Toast`]) with the model
//! ([`Article`], [`Block`]); web pages use the `<maqal-article>` element or `mount` from the npm
//! package, both of which come through the exports at the bottom of this file.

pub mod article;
pub mod components;
pub mod direction;
#[cfg_attr(
    not(all(
        maqal_compact_alloc,
        target_arch = "wasm32",
        target_os = "unknown",
        not(target_feature = "atomics")
    )),
    allow(dead_code)
)]
mod heap;
pub mod hooks;
pub mod i18n;
pub mod image_src;
pub mod json;
pub mod jsonld;
pub mod options;
pub mod platform;
pub mod share_url;
pub mod state;
pub mod text;

pub use article::{Article, ArticleError, Block};
pub use components::{ArticleView, ShareButton, Toast};
pub use direction::Direction;
pub use options::Options;

use wasm_bindgen::prelude::*;

/// Runs once when the wasm module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    // The npm build aborts on panic without running any hook (its JavaScript shows the error).
    #[cfg(not(maqal_immediate_abort))]
    platform::host::install_panic_hook();
}

/// A widget on a page, as JavaScript holds it.
#[wasm_bindgen]
pub struct MountHandle(platform::host::Mounted);

#[wasm_bindgen]
impl MountHandle {
    /// Takes the widget out of its host and frees its app and listeners.
    pub fn unmount(&mut self) {
        self.0.unmount();
    }
}

/// Renders `article` (a native or JSON-LD object, or its JSON text) into `host`'s shadow root.
/// Bad article data renders `part="error"` and dispatches `maqal-error`; a host that cannot hold
/// a shadow root throws.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(
    host: &web_sys::Element,
    article: JsValue,
    options: JsValue,
) -> Result<MountHandle, JsError> {
    let source = platform::host::value_source(&article);
    let options = platform::host::options_from_js(&options);
    platform::host::mount(host, source, options)
        .map(MountHandle)
        .map_err(|e| JsError::new(&e))
}

/// Renders a `<maqal-article>` element from its attributes and children. `started` is a
/// `fetch()` of its `src` that the element began while the wasm was loading.
#[wasm_bindgen(js_name = mountElement)]
pub fn mount_element(
    element: &web_sys::Element,
    started: Option<js_sys::Promise>,
) -> Result<MountHandle, JsError> {
    let source = platform::host::element_source(element, started);
    let options = platform::host::element_options(element);
    platform::host::mount(element, source, options)
        .map(MountHandle)
        .map_err(|e| JsError::new(&e))
}
