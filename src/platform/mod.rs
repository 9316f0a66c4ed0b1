//! Every touch of the browser lives here: clipboard, share sheet, page metadata, fetch, events,
//! shadow roots. The rest of the crate is plain Rust.

pub mod clipboard;
pub mod events;
pub mod host;
pub mod page;
pub mod share_sheet;

use js_sys::{Array, Object};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

use crate::json::{Json, MAX_DEPTH};

/// Converts a JavaScript value (from `JSON.parse`, or an object handed to `mount`) into [`Json`].
pub fn json_from_js(value: &JsValue) -> Result<Json, String> {
    convert(value, 0)
}

fn convert(value: &JsValue, depth: usize) -> Result<Json, String> {
    if depth > MAX_DEPTH {
        return Err("nested too deeply".into());
    }
    Ok(if value.is_null() || value.is_undefined() {
        Json::Null
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if let Some(s) = value.as_string() {
        Json::String(s)
    } else if Array::is_array(value) {
        let items: Array = value.clone().unchecked_into();
        let mut out = Vec::with_capacity(items.length() as usize);
        for item in items.iter() {
            out.push(convert(&item, depth + 1)?);
        }
        Json::Array(out)
    } else if value.is_object() && !value.is_function() {
        let mut out = Vec::new();
        for entry in Object::entries(value.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            out.push((
                pair.get(0).as_string().unwrap_or_default(),
                convert(&pair.get(1), depth + 1)?,
            ));
        }
        Json::Object(out)
    } else {
        Json::Null
    })
}
