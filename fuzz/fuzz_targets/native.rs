//! `Article::from_json_text` on any text, and on generated native documents whose outcome is
//! known in advance (docs/FORMAT.md, native JSON v1).
//!
//! An input that starts with a zero byte is read as a generated document (the rest drives the
//! generator); any other input is the JSON text itself, as a CMS or a hand would write it.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use maqal::{Article, Block, Direction, Figure, ImageCandidate};
use maqal_fuzz::{
    assert_same_outcome, check_article, check_error, json_string, nested_arrays,
    with_unknown_field, Value,
};

fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((0, rest)) => {
            if let Ok(doc) = Doc::arbitrary_take_rest(Unstructured::new(rest)) {
                generated(&doc);
            }
        }
        _ => text(&String::from_utf8_lossy(data)),
    }
});

/// Any text: a loaded article keeps the format's invariants, an error names a problem, and an
/// unknown field added at the top (shallow, or nested far past any limit) changes nothing.
fn text(text: &str) {
    let loaded = Article::from_json_text(text);
    match &loaded {
        Ok(article) => check_article(article),
        Err(error) => check_error(error),
    }
    for value in ["null".to_owned(), nested_arrays(300)] {
        if let Some(variant) = with_unknown_field(text, &value) {
            assert_same_outcome(
                "an unknown top-level field",
                &loaded,
                &Article::from_json_text(&variant),
            );
        }
    }
}

/// Languages with the direction docs/FORMAT.md gives them.
const LANGS: &[(&str, Direction)] = &[
    ("ar", Direction::Rtl),
    ("en", Direction::Ltr),
    ("fa-IR", Direction::Rtl),
    ("en-GB", Direction::Ltr),
    ("ckb", Direction::Rtl),
    ("he", Direction::Rtl),
    ("fr-CA", Direction::Ltr),
    ("ku-Arab", Direction::Rtl),
];

/// A native document: the known fields, the blocks, and unknown fields anywhere.
#[derive(Arbitrary, Debug)]
struct Doc {
    lang: Option<u8>,
    /// `Some(true)` writes `"dir": "rtl"`, `Some(false)` `"ltr"`.
    dir: Option<bool>,
    headline: String,
    /// `url`, `kicker`, `standfirst`, `published`, `byline`.
    optional: [Option<String>; 5],
    blocks: Vec<BlockDoc>,
    unknown: Vec<(String, Value)>,
}

#[derive(Arbitrary, Debug)]
struct BlockDoc {
    kind: Kind,
    unknown: Vec<(String, Value)>,
}

#[derive(Arbitrary, Debug)]
enum Kind {
    Paragraph(String),
    Heading(String),
    Quote(String, Option<String>),
    Figure {
        src: String,
        alt: Option<String>,
        caption: Option<String>,
        credit: Option<String>,
        width: Option<u32>,
        height: Option<u32>,
        srcset: Option<Vec<(String, u32)>>,
        /// Sizes written as strings (`"1200"`), as some CMSes do.
        sizes_as_text: bool,
    },
    /// A block type of a later format version, which a reader skips.
    Later(String),
}

const OPTIONAL: [&str; 5] = ["url", "kicker", "standfirst", "published", "byline"];

/// The document loads as the format says it must, and its unknown fields change nothing.
fn generated(doc: &Doc) {
    let plain = Article::from_json_text(&write(doc, false));
    assert_same_outcome(
        "unknown fields at the top and in blocks",
        &plain,
        &Article::from_json_text(&write(doc, true)),
    );
    match (expected(doc), plain) {
        (Ok(want), Ok(got)) => assert_eq!(got, want),
        (Err(paths), Err(error)) => assert!(
            paths.contains(&error.path),
            "the error names {:?}, expected one of {paths:?}",
            error.path
        ),
        (want, got) => panic!("expected {want:?}, got {got:?}"),
    }
}

/// Blank text is absent (docs/FORMAT.md: text is trimmed).
fn text_field(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn in_range(size: Option<u32>) -> bool {
    size.is_none_or(|s| (1..=100_000).contains(&s))
}

/// The article the document must load as, or the paths of the fields an error may name.
fn expected(doc: &Doc) -> Result<Article, Vec<String>> {
    let mut errors = Vec::new();
    let mut blocks = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let at = |field: &str| format!("blocks[{i}].{field}");
        let required = |text: &str, errors: &mut Vec<String>| {
            let text = text.trim();
            if text.is_empty() {
                errors.push(at("text"));
            }
            text.to_owned()
        };
        match &block.kind {
            Kind::Paragraph(text) => blocks.push(Block::Paragraph {
                text: required(text, &mut errors),
            }),
            Kind::Heading(text) => blocks.push(Block::Heading {
                text: required(text, &mut errors),
            }),
            Kind::Quote(text, cite) => blocks.push(Block::Quote {
                text: required(text, &mut errors),
                cite: text_field(cite),
            }),
            Kind::Figure {
                src,
                alt,
                caption,
                credit,
                width,
                height,
                srcset,
                sizes_as_text: _,
            } => {
                for (name, size) in [("width", width), ("height", height)] {
                    if !in_range(*size) {
                        errors.push(at(name));
                    }
                }
                let mut candidates = Vec::new();
                for (j, (src, width)) in srcset.iter().flatten().enumerate() {
                    let src = src.trim();
                    if src.is_empty() {
                        errors.push(at(&format!("srcset[{j}].src")));
                    }
                    if !in_range(Some(*width)) {
                        errors.push(at(&format!("srcset[{j}].width")));
                    }
                    candidates.push(ImageCandidate {
                        src: src.to_owned(),
                        width: *width,
                    });
                }
                blocks.push(Block::Figure(Figure {
                    src: src.trim().to_owned(),
                    alt: text_field(alt).unwrap_or_default(),
                    caption: text_field(caption),
                    credit: text_field(credit),
                    width: *width,
                    height: *height,
                    srcset: candidates,
                }));
            }
            Kind::Later(_) => {}
        }
    }
    let headline = doc.headline.trim();
    if headline.is_empty() {
        errors.push("headline".into());
    }
    if blocks.is_empty() {
        errors.push("blocks".into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (lang, lang_dir) = doc.lang.map_or(("ar", Direction::Rtl), |i| {
        LANGS[usize::from(i) % LANGS.len()]
    });
    let [url, kicker, standfirst, published, byline] = doc.optional.each_ref().map(text_field);
    Ok(Article {
        lang: lang.into(),
        dir: match doc.dir {
            Some(true) => Direction::Rtl,
            Some(false) => Direction::Ltr,
            // No language anywhere: the headline's first letter (docs/FORMAT.md).
            None if doc.lang.is_none() => Direction::of_text(headline).unwrap_or(lang_dir),
            None => lang_dir,
        },
        url,
        kicker,
        headline: headline.into(),
        standfirst,
        published,
        byline,
        blocks,
    })
}

/// The document as JSON text; `unknown` adds its unknown fields, each key prefixed with `x-`
/// so it names no field of the format.
fn write(doc: &Doc, unknown: bool) -> String {
    let mut members: Vec<(String, String)> = Vec::new();
    let field = |members: &mut Vec<(String, String)>, key: &str, value: String| {
        members.push((key.to_owned(), value));
    };
    if let Some(i) = doc.lang {
        let (lang, _) = LANGS[usize::from(i) % LANGS.len()];
        field(&mut members, "lang", json_string(lang));
    }
    if let Some(rtl) = doc.dir {
        field(
            &mut members,
            "dir",
            json_string(if rtl { "rtl" } else { "ltr" }),
        );
    }
    field(&mut members, "headline", json_string(&doc.headline));
    for (key, value) in OPTIONAL.iter().zip(&doc.optional) {
        if let Some(value) = value {
            field(&mut members, key, json_string(value));
        }
    }
    let blocks: Vec<String> = doc
        .blocks
        .iter()
        .map(|block| {
            let mut members: Vec<(String, String)> = Vec::new();
            let mut text = |key: &str, value: &str| members.push((key.into(), json_string(value)));
            match &block.kind {
                Kind::Paragraph(t) => {
                    text("type", "paragraph");
                    text("text", t);
                }
                Kind::Heading(t) => {
                    text("type", "heading");
                    text("text", t);
                }
                Kind::Quote(t, cite) => {
                    text("type", "quote");
                    text("text", t);
                    if let Some(cite) = cite {
                        text("cite", cite);
                    }
                }
                Kind::Figure {
                    src,
                    alt,
                    caption,
                    credit,
                    width,
                    height,
                    srcset,
                    sizes_as_text,
                } => {
                    text("type", "figure");
                    text("src", src);
                    for (key, value) in [("alt", alt), ("caption", caption), ("credit", credit)] {
                        if let Some(value) = value {
                            text(key, value);
                        }
                    }
                    let size = |size: u32| {
                        if *sizes_as_text {
                            json_string(&size.to_string())
                        } else {
                            size.to_string()
                        }
                    };
                    for (key, value) in [("width", width), ("height", height)] {
                        if let Some(value) = value {
                            members.push((key.into(), size(*value)));
                        }
                    }
                    if let Some(srcset) = srcset {
                        let candidates: Vec<String> = srcset
                            .iter()
                            .map(|(src, width)| {
                                [
                                    "{\"src\":",
                                    &json_string(src),
                                    ",\"width\":",
                                    &size(*width),
                                    "}",
                                ]
                                .concat()
                            })
                            .collect();
                        members.push(("srcset".into(), ["[", &candidates.join(","), "]"].concat()));
                    }
                }
                Kind::Later(name) => text("type", &["x-", name].concat()),
            }
            if unknown {
                add_unknown(&mut members, &block.unknown);
            }
            object(&members)
        })
        .collect();
    field(
        &mut members,
        "blocks",
        ["[", &blocks.join(","), "]"].concat(),
    );
    if unknown {
        add_unknown(&mut members, &doc.unknown);
    }
    object(&members)
}

/// Unknown fields go in turn at the front and the back, so they land before and after known ones.
fn add_unknown(members: &mut Vec<(String, String)>, unknown: &[(String, Value)]) {
    for (i, (key, value)) in unknown.iter().enumerate() {
        let mut json = String::new();
        value.write(&mut json);
        let member = (["x-", key].concat(), json);
        if i % 2 == 0 {
            members.insert(0, member);
        } else {
            members.push(member);
        }
    }
}

fn object(members: &[(String, String)]) -> String {
    let members: Vec<String> = members
        .iter()
        .map(|(key, value)| [json_string(key), ":".into(), value.clone()].concat())
        .collect();
    ["{", &members.join(","), "}"].concat()
}
