//! Every touch of the browser lives here: clipboard, share sheet, page metadata, fetch, events.
//! The rest of the crate is plain Rust, but for turning JavaScript values into JSON
//! (`json::convert`), which the readers of `mount`'s argument need.

pub mod clipboard;
pub mod events;
pub mod images;
pub mod page;
pub mod paragraph_buttons;
pub mod share_sheet;

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::options::Options;

/// `mount`'s options object, read as the element's attributes would be.
pub fn options_from_js(value: &JsValue) -> Options {
    Options::from_attributes(|name| {
        let key = crate::options::OPTION_NAMES
            .iter()
            .find(|(attribute, _)| *attribute == name)
            .map_or(name, |&(_, camel)| camel);
        let v = Reflect::get(value, &key.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())?;
        match name {
            // A flag, read as JavaScript reads it: `noUtm: 0` or `""` leaves UTM on.
            "no-utm" => v.is_truthy().then(String::new),
            _ => v
                .as_string()
                // Whole milliseconds: printing an f64 would pull float formatting into the wasm.
                .or_else(|| v.as_f64().map(|n| crate::text::decimal(n.max(0.0) as u32)))
                .or_else(|| Some(String::new())),
        }
    })
}
