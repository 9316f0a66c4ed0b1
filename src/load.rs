//! Reading an article from JSON: the native format or schema.org JSON-LD, told apart by shape.

use crate::article::{Article, ArticleError};
use crate::json::Json;
use crate::jsonld;

impl Article {
    /// Reads an article from JSON text: native v1 or schema.org JSON-LD, told apart by shape.
    /// The error names the field at fault (`blocks[3].src: expected a string, found a number`).
    pub fn from_json_text(text: &str) -> Result<Article, ArticleError> {
        Article::from_json_text_in(text, None)
    }

    /// [`Article::from_json_text`] for a page in `page_lang`, the language an article that
    /// names none takes (docs/FORMAT.md).
    pub(crate) fn from_json_text_in(
        text: &str,
        page_lang: Option<&str>,
    ) -> Result<Article, ArticleError> {
        let json = Json::parse(text)
            .map_err(|e| ArticleError::new("", ["not valid JSON (", &e, ")"].concat()))?;
        Article::from_json(&json, page_lang)
    }

    /// Reads an article from a parsed document: native v1 or schema.org JSON-LD.
    pub(crate) fn from_json(json: &Json, page_lang: Option<&str>) -> Result<Article, ArticleError> {
        if jsonld::looks_like_json_ld(json) {
            jsonld::article_from_json_ld(json, &[], page_lang)
        } else {
            Article::from_native(json, page_lang)
        }
    }
}

/// Reads an article handed over from JavaScript: an object (native or JSON-LD) or its JSON text;
/// `page_lang`: the language of the page it goes into.
pub fn from_js(value: &wasm_bindgen::JsValue, page_lang: Option<&str>) -> Result<Article, String> {
    match value.as_string() {
        Some(text) => Article::from_json_text_in(&text, page_lang).map_err(|e| e.message()),
        None => from_value(value, page_lang),
    }
}

/// Reads an article from a parsed JSON value: a string is a string here (not an article's text
/// to parse again).
pub fn from_value(
    value: &wasm_bindgen::JsValue,
    page_lang: Option<&str>,
) -> Result<Article, String> {
    let mut reader = Reader::new(value.clone(), page_lang.map(str::to_owned));
    loop {
        if let Some(read) = reader.step(u32::MAX) {
            return read;
        }
    }
}

/// Reads a parsed article (from `JSON.parse`, or an object handed to `mount`) into the wasm a
/// batch of its `blocks` at a time: copying a 20,000-paragraph article's text in held the page
/// for 200-350 ms as one task (docs/CONTRACT.md §1).
pub struct Reader {
    value: wasm_bindgen::JsValue,
    /// A native article's `blocks`, and those read so far; `None` for any other document,
    /// read at once.
    blocks: Option<(js_sys::Array, Vec<Json>)>,
    /// Values read, against [`crate::json::MAX_VALUES`].
    count: usize,
    /// The language of the page the article goes into.
    page_lang: Option<String>,
}

impl Reader {
    /// A reader of `value`, for a page in `page_lang`; nothing read yet.
    pub fn new(value: wasm_bindgen::JsValue, page_lang: Option<String>) -> Reader {
        use wasm_bindgen::JsCast;
        let blocks = (value.is_object() && !js_sys::Array::is_array(&value))
            .then(|| js_sys::Reflect::get(&value, &"blocks".into()).ok())
            .flatten()
            .filter(js_sys::Array::is_array)
            .map(|blocks| (blocks.unchecked_into(), Vec::new()));
        Reader {
            value,
            blocks,
            count: 0,
            page_lang,
        }
    }

    /// Reads up to `batch` more blocks; the article, or what is wrong with it, once all are
    /// read.
    pub fn step(&mut self, batch: u32) -> Option<Result<Article, String>> {
        let json = match self.read(batch) {
            Ok(None) => return None,
            Ok(Some(json)) => json,
            Err(e) => return Some(Err(["article: ", &e].concat())),
        };
        Some(Article::from_json(&json, self.page_lang.as_deref()).map_err(|e| e.message()))
    }

    fn read(&mut self, batch: u32) -> Result<Option<Json>, String> {
        use crate::json::convert;
        let Some((blocks, read)) = &mut self.blocks else {
            return convert(&self.value, 0, &mut self.count, &mut None).map(Some);
        };
        // Each block two levels down, as the whole document's conversion would find it.
        let (start, total) = (read.len() as u32, blocks.length());
        for i in start..total.min(start.saturating_add(batch)) {
            read.push(convert(&blocks.get(i), 2, &mut self.count, &mut None)?);
        }
        if (read.len() as u32) < total {
            return Ok(None);
        }
        // All blocks read: the rest of the document, around them.
        convert(
            &self.value,
            0,
            &mut self.count,
            &mut Some(std::mem::take(read)),
        )
        .map(Some)
    }
}
