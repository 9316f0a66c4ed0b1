//! The JSON-LD and Open Graph loader (docs/FORMAT.md, "Schema.org JSON-LD input"): through
//! `Article::from_json_text`, which reads JSON-LD when it sees it, and through the page reader the
//! element's `from-page` uses, with Open Graph pairs beside it.
//!
//! An input that starts with a zero byte is read as a generated `NewsArticle` (the rest drives the
//! generator). Any other input is text split at zero bytes: the first part is a JSON-LD document;
//! each later part is an Open Graph pair when it reads `og:…=content`, else one more JSON-LD block
//! of the page.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use maqal::embed::article_from_page;
use maqal::{Article, ArticleError, Block, Direction, Figure};
use maqal_fuzz::{
    assert_same_outcome, check_article, check_error, json_string, with_unknown_field, Value,
};

fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((0, rest)) => {
            if let Ok(doc) = LdDoc::arbitrary_take_rest(Unstructured::new(rest)) {
                generated(&doc);
            }
        }
        _ => page(&String::from_utf8_lossy(data)),
    }
});

type Loaded = Result<Article, ArticleError>;

fn checked(loaded: Loaded) -> Loaded {
    match &loaded {
        Ok(article) => check_article(article),
        Err(error) => check_error(error),
    }
    loaded
}

fn page(text: &str) {
    let mut parts = text.split('\0');
    let doc = parts.next().unwrap_or("");
    let mut blocks = vec![doc.to_owned()];
    let mut open_graph = Vec::new();
    for part in parts {
        match part.split_once('=') {
            Some((property, content)) if property.starts_with("og:") => {
                open_graph.push((property.to_owned(), content.to_owned()))
            }
            _ => blocks.push(part.to_owned()),
        }
    }

    let direct = checked(Article::from_json_text(doc));
    if let Some(variant) = with_unknown_field(doc, "{\"@type\": \"NewsArticle\"}") {
        assert_same_outcome(
            "an unknown top-level field",
            &direct,
            &Article::from_json_text(&variant),
        );
    }

    let without_og = checked(article_from_page(&blocks, &[], None));
    let with_og = checked(article_from_page(&blocks, &open_graph, None));
    // A page whose one JSON-LD block holds an article reads as that block does on its own (the
    // page reader also takes it out of a CDATA wrapper).
    if let (Ok(from_page), [_], false) = (&without_og, blocks.as_slice(), doc.contains("<![CDATA["))
    {
        assert_eq!(
            direct.as_ref(),
            Ok(from_page),
            "the page reader and from_json_text disagree"
        );
    }
    let Ok(ld) = &without_og else { return };
    match &with_og {
        // Open Graph fills only what JSON-LD left empty.
        Ok(both) => {
            assert_eq!(
                both.headline, ld.headline,
                "Open Graph replaced the headline"
            );
            // Its picture leads where JSON-LD has none; nothing else of the body changes.
            let body = |a: &Article| -> Vec<Block> {
                a.blocks
                    .iter()
                    .filter(|b| !matches!(b, Block::Figure(_)))
                    .cloned()
                    .collect()
            };
            let has_figure = |a: &Article| a.blocks.iter().any(|b| matches!(b, Block::Figure(_)));
            assert_eq!(body(both), body(ld), "Open Graph replaced the paragraphs");
            if has_figure(ld) {
                assert_eq!(both.blocks, ld.blocks, "Open Graph replaced the figures");
            }
            for (field, mine, theirs, property) in [
                ("url", &ld.url, &both.url, "og:url"),
                (
                    "standfirst",
                    &ld.standfirst,
                    &both.standfirst,
                    "og:description",
                ),
                ("published", &ld.published, &both.published, ""),
            ] {
                match mine {
                    Some(_) => assert_eq!(theirs, mine, "Open Graph replaced {field}"),
                    None => {
                        let filled = open_graph
                            .iter()
                            .find(|(p, c)| p == property && !c.trim().is_empty())
                            .map(|(_, c)| c.trim().to_owned());
                        assert_eq!(theirs, &filled, "{field} from Open Graph");
                    }
                }
            }
        }
        // Only a language Open Graph brings can make a readable article unreadable.
        Err(error) => assert_eq!(error.path, "inLanguage", "{error:?}"),
    }
    // The authors are the same; only the separator follows the language Open Graph may bring.
    if let (Ok(both), Ok(ld)) = (&with_og, &without_og) {
        let names = |a: &Article| a.byline.as_deref().map(|b| b.replace("، ", ", "));
        assert_eq!(names(both), names(ld), "Open Graph changed the authors");
    }
}

/// Languages with the direction docs/FORMAT.md gives them.
const LANGS: &[(&str, Direction)] = &[
    ("ar", Direction::Rtl),
    ("en", Direction::Ltr),
    ("ar-EG", Direction::Rtl),
    ("en-US", Direction::Ltr),
    ("ur", Direction::Rtl),
    ("de", Direction::Ltr),
];

const TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "https://schema.org/NewsArticle",
    "schema:NewsArticle",
];

/// A `NewsArticle` node as publishers write it, somewhere in a JSON-LD document.
#[derive(Arbitrary, Debug)]
struct LdDoc {
    place: Place,
    type_index: u8,
    /// `@type` as an array, after another type.
    type_in_array: bool,
    headline: Option<String>,
    name: Option<String>,
    description: Option<String>,
    url: Option<String>,
    lang: Option<u8>,
    /// The paragraphs of `articleBody`, and which blank line separates them.
    body: Vec<String>,
    separator: u8,
    authors: Vec<Author>,
    image: Option<Image>,
    unknown: Vec<(String, Value)>,
}

/// `image` in the shapes docs/FORMAT.md names; every URL is under `https://ex.com/`, so none is
/// blank.
#[derive(Arbitrary, Debug)]
enum Image {
    Url(String),
    Object {
        url: String,
        description: Option<String>,
        caption: Option<String>,
        width: Option<u16>,
        height: Option<u16>,
    },
    /// Crops of one picture: one figure, the first.
    Crops(String, Vec<String>),
}

fn image_url(path: &str) -> String {
    ["https://ex.com/", &plain(path)].concat()
}

/// The figure an `image` makes.
fn figure(image: &Image) -> Figure {
    let pixels = |size: &Option<u16>| size.map(u32::from).filter(|s| *s >= 1);
    match image {
        Image::Url(path) | Image::Crops(path, _) => Figure {
            src: image_url(path).trim().to_owned(),
            ..Figure::default()
        },
        Image::Object {
            url,
            description,
            caption,
            width,
            height,
        } => Figure {
            src: image_url(url).trim().to_owned(),
            alt: present(description).unwrap_or_default(),
            caption: present(caption),
            width: pixels(width),
            height: pixels(height),
            ..Figure::default()
        },
    }
}

#[derive(Arbitrary, Debug)]
enum Place {
    Top,
    /// In a top-level array, after this many other nodes.
    Array(u8),
    /// In `@graph`, after this many other nodes.
    Graph(u8),
}

#[derive(Arbitrary, Debug)]
enum Author {
    Name(String),
    Person(String),
}

const SEPARATORS: &[&str] = &["\n\n", "\r\n\r\n", "\n \n", "\n\t\n\n"];

/// Generated text keeps to what every reading takes literally: no line breaks (which split
/// paragraphs) and none of `<`, `>`, `&` (HTML and entities are read in JSON-LD text).
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .filter(|c| !matches!(c, '<' | '>' | '&'))
        .collect()
}

fn present(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(plain)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn generated(doc: &LdDoc) {
    let text = write(doc);
    let loaded = checked(Article::from_json_text(&text));
    let headline = present(&doc.headline).or_else(|| present(&doc.name));
    let paragraphs: Vec<String> = doc
        .body
        .iter()
        .map(|p| plain(p).trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    // With no inLanguage, the headline's first letter's script: Hebrew, Arabic, else undetermined.
    let (lang, dir) = doc.lang.map_or_else(
        || {
            let first = headline.as_deref().and_then(maqal::Direction::first_letter);
            match (
                first.map(|c| c as u32),
                headline.as_deref().and_then(maqal::Direction::of_text),
            ) {
                (Some(0x0590..=0x05FF), _) => ("he", Direction::Rtl),
                (_, Some(Direction::Rtl)) => ("ar", Direction::Rtl),
                _ => ("und", Direction::Ltr),
            }
        },
        |i| LANGS[usize::from(i) % LANGS.len()],
    );
    let names: Vec<String> = doc
        .authors
        .iter()
        .filter_map(|a| match a {
            Author::Name(n) | Author::Person(n) => present(&Some(n.clone())),
        })
        .collect();
    let separator = if lang.starts_with("ar") { "، " } else { ", " };
    let figure = doc.image.as_ref().map(figure);
    match (headline, loaded) {
        (None, Err(error)) => assert_eq!(error.path, "headline", "{error:?}"),
        (Some(_), Err(error)) if paragraphs.is_empty() && figure.is_none() => {
            assert_eq!(error.path, "articleBody", "{error:?}")
        }
        (Some(headline), Ok(article)) => {
            // The figure goes after the first paragraph.
            let mut blocks: Vec<Block> = paragraphs
                .into_iter()
                .map(|text| Block::Paragraph { text })
                .collect();
            let at = blocks.len().min(1);
            blocks.splice(at..at, figure.map(Block::Figure));
            let want = Article {
                lang: lang.into(),
                dir,
                url: present(&doc.url),
                kicker: None,
                headline,
                standfirst: present(&doc.description),
                published: None,
                byline: (!names.is_empty()).then(|| names.join(separator)),
                blocks,
            };
            assert_eq!(article, want, "from {text}");
        }
        (_, got) => panic!("unexpected outcome {got:?} from {text}"),
    }
}

fn write(doc: &LdDoc) -> String {
    let mut members: Vec<String> = Vec::new();
    let mut member = |key: &str, value: String| {
        members.push([json_string(key), ":".into(), value].concat());
    };
    let type_name = json_string(TYPES[usize::from(doc.type_index) % TYPES.len()]);
    if doc.type_in_array {
        member("@type", ["[\"WebPage\",", &type_name, "]"].concat());
    } else {
        member("@type", type_name);
    }
    for (key, value) in [
        ("headline", &doc.headline),
        ("name", &doc.name),
        ("description", &doc.description),
        ("url", &doc.url),
    ] {
        if let Some(value) = value {
            member(key, json_string(&plain(value)));
        }
    }
    if let Some(i) = doc.lang {
        member(
            "inLanguage",
            json_string(LANGS[usize::from(i) % LANGS.len()].0),
        );
    }
    if !doc.body.is_empty() {
        let separator = SEPARATORS[usize::from(doc.separator) % SEPARATORS.len()];
        let body: Vec<String> = doc.body.iter().map(|p| plain(p)).collect();
        member("articleBody", json_string(&body.join(separator)));
    }
    if !doc.authors.is_empty() {
        let authors: Vec<String> = doc
            .authors
            .iter()
            .map(|a| match a {
                Author::Name(n) => json_string(&plain(n)),
                Author::Person(n) => [
                    "{\"@type\":\"Person\",\"name\":",
                    &json_string(&plain(n)),
                    "}",
                ]
                .concat(),
            })
            .collect();
        member("author", ["[", &authors.join(","), "]"].concat());
    }
    if let Some(image) = &doc.image {
        member(
            "image",
            match image {
                Image::Url(path) => json_string(&image_url(path)),
                Image::Crops(first, more) => {
                    let crops: Vec<String> = std::iter::once(first)
                        .chain(more)
                        .map(|p| json_string(&image_url(p)))
                        .collect();
                    ["[", &crops.join(","), "]"].concat()
                }
                Image::Object {
                    url,
                    description,
                    caption,
                    width,
                    height,
                } => {
                    let mut fields = vec![
                        "\"@type\":\"ImageObject\"".to_owned(),
                        ["\"url\":", &json_string(&image_url(url))].concat(),
                    ];
                    for (key, value) in [("description", description), ("caption", caption)] {
                        if let Some(value) = value {
                            fields.push(
                                [&json_string(key), ":", &json_string(&plain(value))].concat(),
                            );
                        }
                    }
                    for (key, value) in [("width", width), ("height", height)] {
                        if let Some(value) = value {
                            fields.push([&json_string(key), ":", &value.to_string()].concat());
                        }
                    }
                    ["{", &fields.join(","), "}"].concat()
                }
            },
        );
    }
    for (key, value) in &doc.unknown {
        let mut json = String::new();
        value.write(&mut json);
        member(&["x-", key].concat(), json);
    }
    let node = ["{", &members.join(","), "}"].concat();
    let others = |n: u8| -> Vec<String> {
        (0..n % 4)
            .map(|i| {
                [
                    "{\"@type\":\"WebPage\",\"@id\":\"https://ex.com/",
                    &i.to_string(),
                    "\"}",
                ]
                .concat()
            })
            .collect()
    };
    match doc.place {
        Place::Top => ["{\"@context\":\"https://schema.org\",", &node[1..]].concat(),
        Place::Array(n) => {
            let mut nodes = others(n);
            nodes.push(node);
            ["[", &nodes.join(","), "]"].concat()
        }
        Place::Graph(n) => {
            let mut nodes = others(n);
            nodes.push(node);
            [
                "{\"@context\":\"https://schema.org\",\"@graph\":[",
                &nodes.join(","),
                "]}",
            ]
            .concat()
        }
    }
}
