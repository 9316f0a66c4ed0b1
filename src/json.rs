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
    /// A value nested deeper than [`MAX_DEPTH`], skipped unread. Unknown fields may hold one
    /// (they are ignored, docs/FORMAT.md); a loader that needs it names the field in its error.
    TooDeep,
}

/// How deep values are read; articles need a handful of levels. Deeper ones are [`Json::TooDeep`].
pub const MAX_DEPTH: usize = 64;

/// How many values an object handed to `mount` may hold (its parts may be shared or circular,
/// which JSON text cannot be): past this it is refused rather than walked for ever.
pub const MAX_VALUES: usize = 1_000_000;

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
            Json::TooDeep => "a value nested too deeply",
        }
    }

    /// Parses JSON text. The error is the parser's own message.
    pub fn parse(text: &str) -> Result<Json, String> {
        parse_text(text)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_text(text: &str) -> Result<Json, String> {
    use serde::de::DeserializeSeed;
    // A byte order mark is not JSON, but a file may start with one; fetch() drops it too.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = Level(0)
        .deserialize(&mut reader)
        .and_then(|value| reader.end().map(|()| value))
        .map_err(|e| e.to_string())?;
    Ok(value)
}

/// Reads one value `depth` levels down: as [`Json`] to [`MAX_DEPTH`], skipped below it (serde_json
/// skips without recursing, so any depth is safe).
#[cfg(not(target_arch = "wasm32"))]
struct Level(usize);

#[cfg(not(target_arch = "wasm32"))]
impl<'de> serde::de::DeserializeSeed<'de> for Level {
    type Value = Json;

    fn deserialize<D: serde::Deserializer<'de>>(self, reader: D) -> Result<Json, D::Error> {
        if self.0 > MAX_DEPTH {
            serde::de::IgnoredAny::deserialize(reader)?;
            return Ok(Json::TooDeep);
        }
        reader.deserialize_any(self)
    }
}

#[cfg(not(target_arch = "wasm32"))]
use serde::Deserialize as _;

#[cfg(not(target_arch = "wasm32"))]
impl<'de> serde::de::Visitor<'de> for Level {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
        Ok(Json::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
        Ok(Json::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Json, E> {
        Ok(Json::Number(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Json, E> {
        Ok(Json::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Json, E> {
        Ok(Json::String(s))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Json, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = items.next_element_seed(Level(self.0 + 1))? {
            out.push(item);
        }
        Ok(Json::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut members: A) -> Result<Json, A::Error> {
        // A repeated key keeps its first place and its last value, as `JSON.parse` does.
        let mut out: Vec<(String, Json)> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        while let Some(key) = members.next_key::<String>()? {
            let value = members.next_value_seed(Level(self.0 + 1))?;
            match seen.get(&key) {
                Some(&at) => out[at] = (key, value),
                None => {
                    seen.insert(key.clone(), out.len());
                    out.push((key, value));
                }
            }
        }
        Ok(Json::Object(out))
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
    convert(&value, 0, &mut 0, &mut None)
}

/// Converts a JavaScript value (from `JSON.parse`, or an object handed to `mount`) into [`Json`]:
/// `value`, found `depth` levels down; `count`: the values read so far, against
/// [`MAX_VALUES`]; `blocks`: the `blocks` member of this object, read already (see
/// `load::Reader`).
pub(crate) fn convert(
    value: &wasm_bindgen::JsValue,
    depth: usize,
    count: &mut usize,
    blocks: &mut Option<Vec<Json>>,
) -> Result<Json, String> {
    use js_sys::{Array, Object};
    use wasm_bindgen::JsCast;
    if depth > MAX_DEPTH {
        return Ok(Json::TooDeep);
    }
    *count += 1;
    if *count > MAX_VALUES {
        return Err("too large: more than a million values".into());
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
            out.push(convert(&item, depth + 1, count, &mut None)?);
        }
        Json::Array(out)
    } else if value.is_object() && !value.is_function() {
        let mut out = Vec::new();
        for entry in Object::entries(value.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            let value = match blocks.take_if(|_| key == "blocks") {
                Some(read) => Json::Array(read),
                None => convert(&pair.get(1), depth + 1, count, &mut None)?,
            };
            out.push((key, value));
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
        assert!(Json::parse("{} x").is_err());
    }

    #[test]
    fn skips_what_nests_past_the_limit_at_any_depth() {
        let deep = ["{\"x\": ", &"[".repeat(10_000), &"]".repeat(10_000), "}"].concat();
        let json = Json::parse(&deep).unwrap();
        let mut value = json.get("x").unwrap();
        for _ in 0..MAX_DEPTH {
            match value {
                Json::Array(items) => value = &items[0],
                other => panic!("expected an array, found {other:?}"),
            }
        }
        assert_eq!(value, &Json::TooDeep);
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let json = Json::parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(
            json,
            Json::Object(vec![
                ("a".into(), Json::Number(3.0)),
                ("b".into(), Json::Number(2.0))
            ])
        );
    }
}
