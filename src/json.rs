//! A JSON value tree, the one shape every loader reads: parsed by the browser's `JSON.parse` in
//! the widget (no JSON parser in the wasm) and by serde_json on the host.

/// A parsed JSON value. Objects keep their keys in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// How deep a document may nest before it is refused; articles need a handful of levels.
pub const MAX_DEPTH: usize = 64;

impl Json {
    /// The member `key` of an object; `None` for a missing key or a value that is not an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// What this value is, in the words an error message uses ("a string", "an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Parses JSON text. The error is the parser's own message.
    pub fn parse(text: &str) -> Result<Json, String> {
        parse_text(text)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_text(text: &str) -> Result<Json, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(from_serde(value))
}

#[cfg(not(target_arch = "wasm32"))]
fn from_serde(value: serde_json::Value) -> Json {
    use serde_json::Value;
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(b),
        Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Json::String(s),
        Value::Array(items) => Json::Array(items.into_iter().map(from_serde).collect()),
        Value::Object(map) => {
            Json::Object(map.into_iter().map(|(k, v)| (k, from_serde(v))).collect())
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn parse_text(text: &str) -> Result<Json, String> {
    let value = js_sys::JSON::parse(text).map_err(|e| {
        js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_default()
    })?;
    from_js(&value)
}

/// Converts a JavaScript value (from `JSON.parse`, or an object handed to `mount`) into [`Json`].
pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Json, String> {
    convert(value, 0)
}

fn convert(value: &wasm_bindgen::JsValue, depth: usize) -> Result<Json, String> {
    use js_sys::{Array, Object};
    use wasm_bindgen::JsCast;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_members_in_document_order() {
        let json = Json::parse(r#"{"b": 1, "a": "x"}"#).unwrap();
        assert_eq!(json.get("a").and_then(Json::as_str), Some("x"));
        assert_eq!(json.get("b"), Some(&Json::Number(1.0)));
        assert_eq!(json.get("c"), None);
    }

    #[test]
    fn reports_syntax_errors() {
        assert!(Json::parse("{").is_err());
    }
}
