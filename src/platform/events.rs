//! The DOM events a host page listens for: `maqal-share`, `maqal-ready`, `maqal-error`.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

/// What one share attempt did, sent as `maqal-share`'s `detail`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareDetail {
    /// The link shared.
    pub url: String,
    /// `clipboard`, `exec-command`, `manual`, `native` or `link`.
    pub method: &'static str,
    /// The share target (`whatsapp`, …) of a link.
    pub target: Option<&'static str>,
    /// Whether it worked.
    pub ok: bool,
}

/// Dispatches `maqal-share` from `target`; it bubbles and crosses the shadow boundary.
pub fn share(target: &EventTarget, detail: &ShareDetail) {
    let object = Object::new();
    set(&object, "url", &detail.url.as_str().into());
    set(&object, "method", &detail.method.into());
    if let Some(t) = detail.target {
        set(&object, "target", &t.into());
    }
    set(&object, "ok", &detail.ok.into());
    dispatch(target, "maqal-share", &object);
}

/// Dispatches `maqal-ready` once the article is in the DOM.
pub fn ready(target: &EventTarget) {
    dispatch(target, "maqal-ready", &JsValue::NULL);
}

/// Dispatches `maqal-error` with `detail.message`.
pub fn error(target: &EventTarget, message: &str) {
    let object = Object::new();
    set(&object, "message", &message.into());
    dispatch(target, "maqal-error", &object);
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}

fn dispatch(target: &EventTarget, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
