//! The article model (docs/FORMAT.md, native JSON v1) and its validation, which names the field
//! at fault.

use std::fmt;

use crate::direction::Direction;
use crate::json::Json;

/// A news article, ready to render. Every text field is plain text, never HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Article {
    /// BCP 47 language tag (`ar`, `en-GB`).
    pub lang: String,
    /// Base direction, from `dir` or else from `lang`.
    pub dir: Direction,
    /// The article's own link, shared when the embedder gives none.
    pub url: Option<String>,
    /// The label above the headline («عاجل», "Breaking").
    pub kicker: Option<String>,
    /// The headline; never empty.
    pub headline: String,
    /// The summary under the headline.
    pub standfirst: Option<String>,
    /// Publication date and time, ISO 8601 as given.
    pub published: Option<String>,
    /// The authors, as one line.
    pub byline: Option<String>,
    /// The body, in reading order; never empty.
    pub blocks: Vec<Block>,
}

/// One block of an article's body, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "type", rename_all = "lowercase")
)]
pub enum Block {
    /// A paragraph of text.
    Paragraph {
        /// Plain text.
        text: String,
    },
    /// A subheading.
    Heading {
        /// Plain text.
        text: String,
    },
    /// A quotation, with who said it.
    Quote {
        /// The words quoted.
        text: String,
        /// Who said them.
        cite: Option<String>,
    },
    /// An image with its caption.
    Figure(Figure),
}

/// An image with its caption. `src` is kept as given; the view refuses unsafe schemes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Figure {
    /// The image URL as given.
    pub src: String,
    /// The text that stands for the image.
    pub alt: String,
    /// What the caption says.
    pub caption: Option<String>,
    /// Who made the picture.
    pub credit: Option<String>,
    /// Intrinsic width in pixels (with `height`, reserves the box before the image loads).
    pub width: Option<u32>,
    /// Intrinsic height in pixels.
    pub height: Option<u32>,
    /// The same picture at other widths, for `srcset`.
    pub srcset: Vec<ImageCandidate>,
}

/// One file of a picture offered at several widths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ImageCandidate {
    /// The file's URL.
    pub src: String,
    /// Its width in pixels.
    pub width: u32,
}

/// Why an article could not be read: the field's path and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleError {
    /// Where, as `blocks[3].src`; empty for the document as a whole.
    pub path: String,
    /// What is wrong there.
    pub problem: String,
}

impl ArticleError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, problem: impl Into<String>) -> Self {
        ArticleError {
            path: path.into(),
            problem: problem.into(),
        }
    }

    /// What is wrong, where: `blocks[0].src: expected a string, found a number`.
    pub fn message(&self) -> String {
        if self.path.is_empty() {
            self.problem.clone()
        } else {
            [&self.path, ": ", &self.problem].concat()
        }
    }
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ArticleError {}

impl Article {
    /// Reads the native v1 format (docs/FORMAT.md); an article without `lang` takes
    /// `page_lang`.
    pub(crate) fn from_native(
        json: &Json,
        page_lang: Option<&str>,
    ) -> Result<Article, ArticleError> {
        let root = Fields::of(json, "")?;
        let mut blocks = Vec::new();
        match root.value("blocks") {
            None => return Err(ArticleError::new("blocks", "missing")),
            Some(Json::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(block) = read_block(
                        item,
                        &["blocks[", &crate::text::decimal(i as u32), "]"].concat(),
                    )? {
                        blocks.push(block);
                    }
                }
            }
            Some(other) => return Err(expected("blocks", "an array", other)),
        }
        let lang = root.text("lang")?.or_else(|| page_language(page_lang));
        let headline = root.required_text("headline")?;
        let draft = Draft {
            // No language anywhere: still Arabic, but the headline's first letter sets the
            // direction.
            dir: match root.text("dir")? {
                None if lang.is_none() => Direction::of_text(&headline),
                None => None,
                Some(d) => Some(
                    Direction::parse(&d)
                        .ok_or_else(|| ArticleError::new("dir", "expected \"rtl\" or \"ltr\""))?,
                ),
            },
            lang,
            url: root.text("url")?,
            kicker: root.text("kicker")?,
            headline: Some(headline),
            standfirst: root.text("standfirst")?,
            published: root.text("published")?,
            byline: root.text("byline")?,
            blocks,
        };
        draft.finish()
    }

    /// The paragraphs' text, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// An article being assembled from several sources (JSON-LD, then Open Graph); `finish` checks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub lang: Option<String>,
    pub dir: Option<Direction>,
    pub url: Option<String>,
    pub kicker: Option<String>,
    pub headline: Option<String>,
    pub standfirst: Option<String>,
    pub published: Option<String>,
    pub byline: Option<String>,
    pub blocks: Vec<Block>,
}

impl Draft {
    /// Fills what this draft leaves empty from `other`.
    pub fn fill_from(&mut self, other: Draft) {
        fn fill<T>(mine: &mut Option<T>, theirs: Option<T>) {
            if mine.is_none() {
                *mine = theirs;
            }
        }
        fill(&mut self.lang, other.lang);
        fill(&mut self.dir, other.dir);
        fill(&mut self.url, other.url);
        fill(&mut self.kicker, other.kicker);
        fill(&mut self.headline, other.headline);
        fill(&mut self.standfirst, other.standfirst);
        fill(&mut self.published, other.published);
        fill(&mut self.byline, other.byline);
        if self.blocks.is_empty() {
            self.blocks = other.blocks;
        }
    }

    /// Checks the required fields and settles the defaults: `lang` → `ar`, `dir` from `lang`.
    pub fn finish(self) -> Result<Article, ArticleError> {
        let headline = self
            .headline
            .ok_or_else(|| ArticleError::new("headline", "missing"))?;
        if headline.is_empty() {
            return Err(ArticleError::new("headline", "must not be empty"));
        }
        if self.blocks.is_empty() {
            return Err(ArticleError::new("blocks", "expected at least one block"));
        }
        let lang = self.lang.unwrap_or_else(|| "ar".to_owned());
        if !is_language_tag(&lang) {
            return Err(ArticleError::new(
                "lang",
                "expected a BCP 47 language tag such as \"ar\" or \"en-GB\"",
            ));
        }
        Ok(Article {
            dir: self.dir.unwrap_or_else(|| Direction::for_lang(&lang)),
            lang,
            url: self.url,
            kicker: self.kicker,
            headline,
            standfirst: self.standfirst,
            published: self.published,
            byline: self.byline,
            blocks: self.blocks,
        })
    }
}

/// The language of the page an article goes into, for an article that names none: only a
/// language tag counts (a page's empty or malformed `lang` is not the article's error).
pub(crate) fn page_language(page_lang: Option<&str>) -> Option<String> {
    page_lang
        .map(str::trim)
        .filter(|l| is_language_tag(l))
        .map(str::to_owned)
}

/// A BCP 47 shape check: a primary language of 2–3 or 5–8 letters, then subtags of 1–8 letters
/// or digits, where a one-character singleton (`u`, `x`) must be followed by something.
fn is_language_tag(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let primary = subtags[0];
    let primary_ok =
        matches!(primary.len(), 2 | 3 | 5..=8) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok = subtags[1..]
        .iter()
        .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    primary_ok
        && rest_ok
        && tag.len() <= 35
        && subtags
            .last()
            .is_none_or(|last| last.len() > 1 || subtags.len() == 1)
}

fn read_block(item: &Json, path: &str) -> Result<Option<Block>, ArticleError> {
    let fields = Fields::of(item, path)?;
    let kind = fields.required_text("type")?;
    let block = match kind.as_str() {
        "paragraph" => Block::Paragraph {
            text: fields.required_text("text")?,
        },
        "heading" => Block::Heading {
            text: fields.required_text("text")?,
        },
        "quote" => Block::Quote {
            text: fields.required_text("text")?,
            cite: fields.text("cite")?,
        },
        "figure" => Block::Figure(Figure {
            src: fields.required_string("src")?,
            alt: fields.text("alt")?.unwrap_or_default(),
            caption: fields.text("caption")?,
            credit: fields.text("credit")?,
            width: fields.dimension("width")?,
            height: fields.dimension("height")?,
            srcset: read_srcset(&fields)?,
        }),
        // A block type from a later format version: skipped, so older widgets still show the rest.
        _ => return Ok(None),
    };
    Ok(Some(block))
}

/// `srcset`: an array of `{ "src", "width" }`, each naming its own field when wrong.
fn read_srcset(fields: &Fields) -> Result<Vec<ImageCandidate>, ArticleError> {
    let items = match fields.value("srcset") {
        None => return Ok(Vec::new()),
        Some(Json::Array(items)) => items,
        Some(other) => return Err(expected(&fields.path_of("srcset"), "an array", other)),
    };
    let base = fields.path_of("srcset");
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = [base.as_str(), "[", &crate::text::decimal(i as u32), "]"].concat();
        let candidate = Fields::of(item, &path)?;
        out.push(ImageCandidate {
            src: candidate.required_text("src")?,
            width: candidate
                .dimension("width")?
                .ok_or_else(|| ArticleError::new(candidate.path_of("width"), "missing"))?,
        });
    }
    Ok(out)
}

fn expected(path: &str, what: &str, got: &Json) -> ArticleError {
    ArticleError::new(path, ["expected ", what, ", found ", got.kind()].concat())
}

/// The members of one JSON object, read with errors that carry the object's path.
struct Fields<'a> {
    json: &'a Json,
    path: &'a str,
}

impl<'a> Fields<'a> {
    fn of(json: &'a Json, path: &'a str) -> Result<Self, ArticleError> {
        match json {
            Json::Object(_) => Ok(Fields { json, path }),
            other => Err(expected(
                if path.is_empty() { "article" } else { path },
                "an object",
                other,
            )),
        }
    }

    fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            [self.path, ".", key].concat()
        }
    }

    fn value(&self, key: &str) -> Option<&'a Json> {
        self.json.get(key).filter(|v| **v != Json::Null)
    }

    /// An optional string, trimmed; blank counts as absent.
    fn text(&self, key: &str) -> Result<Option<String>, ArticleError> {
        match self.value(key) {
            None => Ok(None),
            Some(Json::String(s)) => {
                Ok(Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned))
            }
            Some(other) => Err(expected(&self.path_of(key), "a string", other)),
        }
    }

    fn required_string(&self, key: &str) -> Result<String, ArticleError> {
        match self.value(key) {
            None => Err(ArticleError::new(self.path_of(key), "missing")),
            Some(Json::String(s)) => Ok(s.trim().to_owned()),
            Some(other) => Err(expected(&self.path_of(key), "a string", other)),
        }
    }

    fn required_text(&self, key: &str) -> Result<String, ArticleError> {
        let text = self.required_string(key)?;
        if text.is_empty() {
            return Err(ArticleError::new(self.path_of(key), "must not be empty"));
        }
        Ok(text)
    }

    /// A pixel size: a positive whole number (a numeric string is accepted, as CMSes emit them).
    fn dimension(&self, key: &str) -> Result<Option<u32>, ArticleError> {
        let number = match self.value(key) {
            None => return Ok(None),
            Some(Json::Number(n)) => *n,
            Some(Json::String(s)) => s.trim().parse::<u32>().map(f64::from).unwrap_or(f64::NAN),
            Some(other) => return Err(expected(&self.path_of(key), "a number", other)),
        };
        if number.fract() == 0.0 && (1.0..=100_000.0).contains(&number) {
            Ok(Some(number as u32))
        } else {
            Err(ArticleError::new(
                self.path_of(key),
                "expected a whole number of pixels from 1 to 100000",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Article, String> {
        Article::from_json_text(text).map_err(|e| e.message())
    }

    const MINIMAL: &str =
        r#"{"headline": "عنوان", "blocks": [{"type": "paragraph", "text": "نص"}]}"#;

    #[test]
    fn minimal_article_defaults_to_arabic_rtl() {
        let article = parse(MINIMAL).unwrap();
        assert_eq!(article.lang, "ar");
        assert_eq!(article.dir, Direction::Rtl);
        assert_eq!(article.headline, "عنوان");
        assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["نص"]);
    }

    #[test]
    fn direction_follows_lang_and_explicit_dir_wins() {
        let en = parse(
            r#"{"lang": "en", "headline": "h", "blocks": [{"type": "heading", "text": "t"}]}"#,
        )
        .unwrap();
        assert_eq!(en.dir, Direction::Ltr);
        let forced = parse(r#"{"lang": "en", "dir": "rtl", "headline": "h", "blocks": [{"type": "heading", "text": "t"}]}"#).unwrap();
        assert_eq!(forced.dir, Direction::Rtl);
    }

    #[test]
    fn reads_every_block_type() {
        let article = parse(
            r#"{"headline": "h", "blocks": [
                {"type": "paragraph", "text": " p "},
                {"type": "figure", "src": "img/1.jpg", "alt": "a", "caption": "c", "credit": "r", "width": 1200, "height": "675"},
                {"type": "heading", "text": "h2"},
                {"type": "quote", "text": "q", "cite": "who"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(
            article.blocks,
            vec![
                Block::Paragraph { text: "p".into() },
                Block::Figure(Figure {
                    src: "img/1.jpg".into(),
                    alt: "a".into(),
                    caption: Some("c".into()),
                    credit: Some("r".into()),
                    width: Some(1200),
                    height: Some(675),
                    srcset: Vec::new(),
                }),
                Block::Heading { text: "h2".into() },
                Block::Quote {
                    text: "q".into(),
                    cite: Some("who".into())
                },
            ]
        );
    }

    #[test]
    fn wrong_type_names_the_field() {
        let text = r#"{"headline": "h", "blocks": [
            {"type": "paragraph", "text": "a"}, {"type": "paragraph", "text": "b"},
            {"type": "paragraph", "text": "c"}, {"type": "figure", "src": 7}]}"#;
        assert_eq!(
            parse(text).unwrap_err(),
            "blocks[3].src: expected a string, found a number"
        );
    }

    #[test]
    fn missing_required_fields_are_named() {
        assert_eq!(
            parse(r#"{"blocks": [{"type": "paragraph", "text": "x"}]}"#).unwrap_err(),
            "headline: missing"
        );
        assert_eq!(
            parse(r#"{"headline": "h"}"#).unwrap_err(),
            "blocks: missing"
        );
        assert_eq!(
            parse(r#"{"headline": "h", "blocks": []}"#).unwrap_err(),
            "blocks: expected at least one block"
        );
        assert_eq!(
            parse(r#"{"headline": "h", "blocks": [{"type": "figure"}]}"#).unwrap_err(),
            "blocks[0].src: missing"
        );
        assert_eq!(
            parse(r#"{"headline": " ", "blocks": [{"type": "heading", "text": "t"}]}"#)
                .unwrap_err(),
            "headline: must not be empty"
        );
    }

    #[test]
    fn bad_shapes_are_named() {
        assert_eq!(
            parse("7").unwrap_err(),
            "article: expected an object, found a number"
        );
        assert!(parse("[]")
            .unwrap_err()
            .starts_with("@type: no schema.org NewsArticle"));
        assert_eq!(
            parse(r#"{"headline": "h", "blocks": {}}"#).unwrap_err(),
            "blocks: expected an array, found an object"
        );
        assert_eq!(
            parse(r#"{"headline": "h", "blocks": ["p"]}"#).unwrap_err(),
            "blocks[0]: expected an object, found a string"
        );
        assert_eq!(
            parse(r#"{"headline": 1, "blocks": []}"#).unwrap_err(),
            "headline: expected a string, found a number"
        );
        assert!(parse("{").unwrap_err().starts_with("not valid JSON"));
        assert_eq!(
            parse(
                r#"{"dir": "up", "headline": "h", "blocks": [{"type": "heading", "text": "t"}]}"#
            )
            .unwrap_err(),
            "dir: expected \"rtl\" or \"ltr\""
        );
        assert!(parse(
            r#"{"lang": "<b>", "headline": "h", "blocks": [{"type": "heading", "text": "t"}]}"#
        )
        .unwrap_err()
        .starts_with("lang: expected a BCP 47"));
        assert!(parse(
            r#"{"headline": "h", "blocks": [{"type": "figure", "src": "a", "width": -3}]}"#
        )
        .unwrap_err()
        .starts_with("blocks[0].width: expected a whole number"));
    }

    #[test]
    fn language_tags_intl_would_refuse_are_errors() {
        for lang in ["abcd", "ar-x", "en-u", "en-abcdefghij", "a", "ar--eg"] {
            let text = format!(
                r#"{{"lang": "{lang}", "headline": "h", "blocks": [{{"type": "heading", "text": "t"}}]}}"#
            );
            assert!(
                parse(&text)
                    .unwrap_err()
                    .starts_with("lang: expected a BCP 47"),
                "{lang}"
            );
        }
        for lang in [
            "ar",
            "ar-EG",
            "ar-u-nu-latn",
            "zh-Hant-TW",
            "en-x-private",
            "yue",
        ] {
            let text = format!(
                r#"{{"lang": "{lang}", "headline": "h", "blocks": [{{"type": "heading", "text": "t"}}]}}"#
            );
            assert!(parse(&text).is_ok(), "{lang}");
        }
    }

    #[test]
    fn unknown_fields_and_block_types_are_ignored() {
        let article = parse(
            r#"{"headline": "h", "extra": {"x": 1}, "blocks": [{"type": "video", "src": 1}, {"type": "paragraph", "text": "t", "id": 3}]}"#,
        )
        .unwrap();
        assert_eq!(article.blocks, vec![Block::Paragraph { text: "t".into() }]);
    }

    /// With the `serde` feature, serde writes the native format that the loader reads back.
    #[cfg(feature = "serde")]
    #[test]
    fn serde_writes_the_native_format() {
        let article = parse(include_str!("../demo/articles/en.json")).unwrap();
        let text = serde_json::to_string(&article).unwrap();
        assert_eq!(parse(&text).unwrap(), article);
        let back: Article = serde_json::from_str(&text).unwrap();
        assert_eq!(back, article);
    }

    #[test]
    fn markup_stays_text() {
        let article = parse(r#"{"headline": "<img src=x onerror=alert(1)>", "blocks": [{"type": "paragraph", "text": "<script>x</script>"}]}"#).unwrap();
        assert_eq!(article.headline, "<img src=x onerror=alert(1)>");
    }
}
