//! The `<maqal-article>` element's WebAssembly: what the npm package's JavaScript calls to mount,
//! bring to life (hydrate) and take out widgets. Rust apps use the `maqal` library instead; this
//! crate's start-up hook and exports are for the browser build alone.
//!
//! Two builds come from it (README, "Two builds"): the full one (feature `client`, the
//! default), which draws articles and brings server-rendered ones to life, and the live-controls
//! build (no default features) for pages whose every article the server rendered: it only
//! brings them to life, and weighs less (README gives both builds' sizes).

#[cfg(feature = "client")]
mod draw;
mod host;

#[cfg(feature = "client")]
pub use draw::{element_source, mount, page_source, value_source, Reading, Start};
pub use host::{element_options, hydrate, Mounted};

use wasm_bindgen::prelude::*;

/// The npm build's allocator (`make pkg` sets the feature): maintained, and 1.8 KB brotli under
/// std's dlmalloc (README, "Development"). A Yew app that uses this crate keeps its own.
#[cfg(all(feature = "talc", target_arch = "wasm32"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Measured against talc by `make alloc-compare`; not shipped.
#[cfg(all(feature = "lol_alloc", target_arch = "wasm32"))]
#[global_allocator]
static LOL: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: the browser build has one thread (no atomics).
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Runs once when the wasm module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    // The npm build aborts on panic without running any hook (its JavaScript shows the error).
    #[cfg(not(maqal_immediate_abort))]
    host::install_panic_hook();
}

/// A widget on a page, as JavaScript holds it.
#[wasm_bindgen]
pub struct MountHandle(Mounted);

#[wasm_bindgen]
impl MountHandle {
    /// Takes the widget out of its host and frees its app and listeners.
    pub fn unmount(&mut self) {
        self.0.unmount();
    }

    /// Draws the next slice of a long article; `false` once it is all drawn.
    pub fn more(&mut self) -> bool {
        self.0.more()
    }
}

/// Brings `element`'s server-rendered article to life (see [`hydrate`]); `undefined` when it has
/// none, or it cannot be read as the renderer writes it: the page script then draws the element
/// with the full build.
#[wasm_bindgen(js_name = hydrate)]
pub fn hydrate_js(element: &web_sys::Element) -> Option<MountHandle> {
    hydrate(element, &element_options(element)).map(MountHandle)
}

/// Renders `article` (a native or JSON-LD object, or its JSON text) into `host`'s shadow root.
/// Bad article data renders `part="error"` and dispatches `maqal-error`; a host that cannot hold
/// a shadow root throws.
#[cfg(feature = "client")]
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(
    host: &web_sys::Element,
    article: JsValue,
    options: JsValue,
) -> Result<MountHandle, JsError> {
    let source = value_source(host, &article);
    let options = maqal::embed::options_from_js(&options);
    mount(host, source, options)
        .map(MountHandle)
        .map_err(|e| JsError::new(&e))
}

/// Renders a `<maqal-article>` element from its attributes and children. Its `src` is fetched by
/// the page script (js/api.js: the timeout, the messages), which mounts it while the fetch is
/// under way (`fetched` undefined), then with `{ article, url }` or `{ error, retry }`. An element
/// whose shadow root the server already rendered is brought to life instead, drawing nothing.
#[cfg(feature = "client")]
#[wasm_bindgen(js_name = mountElement)]
pub fn mount_element(element: &web_sys::Element, fetched: JsValue) -> Result<MountHandle, JsError> {
    let options = element_options(element);
    if let Some(mounted) = hydrate(element, &options) {
        return Ok(MountHandle(mounted));
    }
    let source = element_source(element, &fetched);
    mount(element, source, options)
        .map(MountHandle)
        .map_err(|e| JsError::new(&e))
}
