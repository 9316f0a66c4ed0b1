//! What the fuzz targets share: the invariants every loaded article keeps (docs/FORMAT.md), a
//! JSON writer for generated documents, and the unknown-field rewrite that must not change a result.

use arbitrary::Arbitrary;
use maqal::{Article, ArticleError, Block};

/// Checks what docs/FORMAT.md promises of any article that loaded, whatever its input format:
/// a non-empty headline, at least one block, a BCP 47 `lang`, text fields trimmed and never blank,
/// pixel sizes from 1 to 100000.
pub fn check_article(article: &Article) {
    check_text("headline", &article.headline);
    for (name, value) in [
        ("url", &article.url),
        ("kicker", &article.kicker),
        ("standfirst", &article.standfirst),
        ("published", &article.published),
        ("byline", &article.byline),
    ] {
        if let Some(value) = value {
            check_text(name, value);
        }
    }
    assert!(
        is_language_tag_shape(&article.lang),
        "lang is not a BCP 47 tag: {:?}",
        article.lang
    );
    assert!(
        !article.blocks.is_empty(),
        "an article without blocks loaded"
    );
    for block in &article.blocks {
        match block {
            Block::Paragraph { text } | Block::Heading { text } => check_text("block text", text),
            Block::Quote { text, cite } => {
                check_text("quote text", text);
                if let Some(cite) = cite {
                    check_text("cite", cite);
                }
            }
            Block::Figure(figure) => {
                assert_eq!(figure.src, figure.src.trim(), "figure src is not trimmed");
                assert_eq!(figure.alt, figure.alt.trim(), "figure alt is not trimmed");
                for (name, value) in [("caption", &figure.caption), ("credit", &figure.credit)] {
                    if let Some(value) = value {
                        check_text(name, value);
                    }
                }
                for size in [figure.width, figure.height].into_iter().flatten() {
                    assert!((1..=100_000).contains(&size), "figure size {size}");
                }
                for candidate in &figure.srcset {
                    check_text("srcset src", &candidate.src);
                    assert!(
                        (1..=100_000).contains(&candidate.width),
                        "srcset width {}",
                        candidate.width
                    );
                }
            }
        }
    }
}

fn check_text(name: &str, text: &str) {
    assert!(!text.is_empty(), "{name} is empty");
    assert_eq!(text, text.trim(), "{name} is not trimmed");
}

/// The shape docs/FORMAT.md asks of `lang`: letters, digits and hyphens, a primary subtag of
/// letters, no empty subtag.
fn is_language_tag_shape(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An error must say what is wrong; a message is its path and problem.
pub fn check_error(error: &ArticleError) {
    assert!(
        !error.problem.is_empty(),
        "an error without a problem: {error:?}"
    );
    assert!(
        error.message().ends_with(&error.problem),
        "message {:?} does not end with the problem",
        error.message()
    );
}

/// The name of the unknown field the rewrites add; no format reads it.
pub const UNKNOWN_KEY: &str = "x-maqal-fuzz-unknown";

/// `text` with an unknown field first in its top-level object (docs/FORMAT.md: unknown fields are
/// ignored, at any nesting depth), or `None` when the text does not open with an object. Valid
/// JSON stays valid and invalid JSON stays invalid.
pub fn with_unknown_field(text: &str, value: &str) -> Option<String> {
    let body = text.trim_start_matches([' ', '\t', '\n', '\r']);
    let rest = body.strip_prefix('{')?;
    let comma = if rest
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('}')
    {
        ""
    } else {
        ","
    };
    let lead = &text[..text.len() - body.len()];
    Some(
        [
            lead,
            "{",
            &json_string(UNKNOWN_KEY),
            ":",
            value,
            comma,
            rest,
        ]
        .concat(),
    )
}

/// `depth` arrays, one inside the other, holding a string.
pub fn nested_arrays(depth: usize) -> String {
    ["[".repeat(depth), "\"deep\"".to_owned(), "]".repeat(depth)].concat()
}

/// Two loads of what should be the same article agree: both loaded the same article, or both
/// failed at the same field.
pub fn assert_same_outcome(
    what: &str,
    a: &Result<Article, ArticleError>,
    b: &Result<Article, ArticleError>,
) {
    match (a, b) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}: the articles differ"),
        (Err(a), Err(b)) => assert_eq!(a.path, b.path, "{what}: the errors name other fields"),
        _ => panic!("{what}: one loaded and the other did not: {a:?} / {b:?}"),
    }
}

/// A JSON string literal.
pub fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// A JSON value for an unknown field, which the loader must skip whatever it holds.
#[derive(Arbitrary, Debug)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number (JSON has no NaN or infinity).
    Number(i64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object; keys may repeat.
    Object(Vec<(String, Value)>),
    /// Arrays nested four times this deep (up to 1020 levels, far past any reader's limit).
    Deep(u8),
}

impl Value {
    /// The value as JSON text.
    pub fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::String(s) => out.push_str(&json_string(s)),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&json_string(key));
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
            Value::Deep(depth) => out.push_str(&nested_arrays(usize::from(*depth) * 4)),
        }
    }
}

/// Percent-decoding (`%XX`); `None` for a `%` without two hex digits.
pub fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}
