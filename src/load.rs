//! Reading an article from JSON: the native format or schema.org JSON-LD, told apart by shape.

use crate::article::{Article, ArticleError};
use crate::json::Json;
use crate::jsonld;

impl Article {
    /// Reads an article from JSON text: native v1 or schema.org JSON-LD, told apart by shape.
    /// The error names the field at fault (`blocks[3].src: expected a string, found a number`).
    pub fn from_json_text(text: &str) -> Result<Article, ArticleError> {
        let json = Json::parse(text)
            .map_err(|e| ArticleError::new("", ["not valid JSON (", &e, ")"].concat()))?;
        Article::from_json(&json)
    }

    /// Reads an article from a parsed document: native v1 or schema.org JSON-LD.
    pub(crate) fn from_json(json: &Json) -> Result<Article, ArticleError> {
        if jsonld::looks_like_json_ld(json) {
            jsonld::article_from_json_ld(json, &[])
        } else {
            Article::from_native(json)
        }
    }
}

/// Reads an article handed over from JavaScript: an object (native or JSON-LD) or its JSON text.
pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Article, String> {
    match value.as_string() {
        Some(text) => Article::from_json_text(&text).map_err(|e| e.message()),
        None => from_value(value),
    }
}

/// Reads an article from a parsed JSON value: a string is a string here (not an article's text
/// to parse again).
pub fn from_value(value: &wasm_bindgen::JsValue) -> Result<Article, String> {
    crate::json::from_js(value)
        .map_err(|e| ["article: ", &e].concat())
        .and_then(|json| Article::from_json(&json).map_err(|e| e.message()))
}
