//! Schema.org JSON-LD and Open Graph input (docs/FORMAT.md), mapped onto the native model.

use crate::article::{Article, ArticleError, Block, Draft, Figure};
use crate::json::Json;

/// The schema.org types read as articles.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
];

/// Whether a document is JSON-LD rather than the native format.
pub fn looks_like_json_ld(json: &Json) -> bool {
    match json {
        Json::Array(_) => true,
        Json::Object(_) => ["@context", "@type", "@graph"]
            .iter()
            .any(|k| json.get(k).is_some()),
        _ => false,
    }
}

/// Reads the first article node of a JSON-LD document; Open Graph pairs (`og:title`, …) fill what
/// it leaves empty. With no article node, Open Graph alone may still make an article.
pub fn article_from_json_ld(
    json: &Json,
    open_graph: &[(String, String)],
) -> Result<Article, ArticleError> {
    let mut draft = match find_article_node(json) {
        Some(node) => draft_from_node(node),
        None if open_graph.is_empty() => return Err(ArticleError::new(
            "",
            "no schema.org NewsArticle found (looked at the top level, in arrays and in @graph)",
        )),
        None => Draft::default(),
    };
    draft.fill_from(draft_from_open_graph(open_graph));
    draft.finish()
}

/// Reads a page's metadata: the first JSON-LD document holding an article, then Open Graph.
pub fn article_from_page(
    json_ld_texts: &[String],
    open_graph: &[(String, String)],
) -> Result<Article, ArticleError> {
    let node = json_ld_texts
        .iter()
        .filter_map(|text| Json::parse(text).ok())
        .find(|json| find_article_node(json).is_some());
    match node {
        Some(json) => article_from_json_ld(&json, open_graph),
        None if open_graph.is_empty() => Err(ArticleError::new(
            "",
            "this page has no schema.org NewsArticle JSON-LD and no Open Graph tags",
        )),
        None => article_from_json_ld(&Json::Array(Vec::new()), open_graph),
    }
}

fn is_article_node(node: &Json) -> bool {
    let is_article_type = |t: &Json| {
        t.as_str().is_some_and(|t| {
            let name = t.rsplit(['/', ':']).next().unwrap_or(t);
            ARTICLE_TYPES.contains(&name)
        })
    };
    match node.get("@type") {
        Some(Json::Array(types)) => types.iter().any(is_article_type),
        Some(t) => is_article_type(t),
        None => false,
    }
}

fn find_article_node(json: &Json) -> Option<&Json> {
    match json {
        Json::Array(items) => items.iter().find_map(find_article_node),
        Json::Object(_) if is_article_node(json) => Some(json),
        Json::Object(_) => json.get("@graph").and_then(find_article_node),
        _ => None,
    }
}

/// Plain text of a JSON-LD value: a string, `{"@value": …}`, or the first of an array.
fn text(value: Option<&Json>) -> Option<String> {
    match value? {
        Json::String(s) => Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned),
        Json::Array(items) => items.iter().find_map(|item| text(Some(item))),
        object @ Json::Object(_) => text(object.get("@value")),
        _ => None,
    }
}

/// A link given as a string, or as a node with `@id` or `url`.
fn link(value: Option<&Json>) -> Option<String> {
    match value? {
        node @ Json::Object(_) => text(node.get("url")).or_else(|| text(node.get("@id"))),
        other => text(Some(other)),
    }
}

fn pixels(value: Option<&Json>) -> Option<u32> {
    match value? {
        Json::Number(n) if *n >= 1.0 && *n <= 100_000.0 => Some(*n as u32),
        Json::String(s) => {
            // "1200" or "1200px", as publishers write it.
            let s = s.trim();
            let n = s.strip_suffix("px").unwrap_or(s).parse().ok()?;
            (1..=100_000).contains(&n).then_some(n)
        }
        node @ Json::Object(_) => pixels(node.get("value")),
        _ => None,
    }
}

fn names(value: Option<&Json>) -> Vec<String> {
    match value {
        Some(Json::Array(items)) => items.iter().flat_map(|item| names(Some(item))).collect(),
        Some(node @ Json::Object(_)) => text(node.get("name")).into_iter().collect(),
        other => text(other).into_iter().collect(),
    }
}

fn figures(value: Option<&Json>) -> Vec<Figure> {
    match value {
        // Plain URL lists are usually one picture in several crops (1:1, 4:3, 16:9): show one.
        Some(Json::Array(items)) if items.iter().all(|i| matches!(i, Json::String(_))) => {
            figures(items.first()).into_iter().take(1).collect()
        }
        Some(Json::Array(items)) => items.iter().flat_map(|item| figures(Some(item))).collect(),
        // `url`, then `contentUrl`: an `@id` names the node (often `page#primaryimage`), not a picture.
        Some(node @ Json::Object(_)) => text(node.get("url"))
            .or_else(|| text(node.get("contentUrl")))
            .map(|src| Figure {
                src,
                alt: text(node.get("description"))
                    .or_else(|| text(node.get("name")))
                    .unwrap_or_default(),
                caption: text(node.get("caption")),
                credit: text(node.get("creditText"))
                    .or_else(|| names(node.get("copyrightHolder")).into_iter().next()),
                width: pixels(node.get("width")),
                height: pixels(node.get("height")),
                srcset: Vec::new(),
            })
            .into_iter()
            .collect(),
        other => text(other)
            .map(|src| Figure {
                src,
                ..Figure::default()
            })
            .into_iter()
            .collect(),
    }
}

/// Splits an `articleBody` into paragraphs at blank lines.
fn paragraphs(body: &str) -> Vec<String> {
    let body = body.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The separator between authors' names: the Arabic comma for Arabic.
pub fn name_separator(lang: &str) -> &'static str {
    if lang
        .split('-')
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case("ar"))
    {
        "، "
    } else {
        ", "
    }
}

fn draft_from_node(node: &Json) -> Draft {
    let lang = text(node.get("inLanguage"))
        .or_else(|| {
            node.get("inLanguage")
                .and_then(|l| text(l.get("alternateName")))
        })
        .map(|l| l.replace('_', "-"));
    let authors = names(node.get("author"));
    let byline = (!authors.is_empty())
        .then(|| authors.join(name_separator(lang.as_deref().unwrap_or("ar"))));
    let mut body = paragraphs(&text(node.get("articleBody")).unwrap_or_default())
        .into_iter()
        .map(|text| Block::Paragraph { text });
    let mut blocks: Vec<Block> = body.next().into_iter().collect();
    blocks.extend(figures(node.get("image")).into_iter().map(Block::Figure));
    blocks.extend(body);
    Draft {
        lang,
        dir: None,
        url: text(node.get("url")).or_else(|| link(node.get("mainEntityOfPage"))),
        kicker: None,
        headline: text(node.get("headline")).or_else(|| text(node.get("name"))),
        standfirst: text(node.get("alternativeHeadline")).or_else(|| text(node.get("description"))),
        published: text(node.get("datePublished")),
        byline,
        blocks,
    }
}

fn draft_from_open_graph(pairs: &[(String, String)]) -> Draft {
    let get = |property: &str| {
        pairs
            .iter()
            .find(|(p, c)| p == property && !c.trim().is_empty())
            .map(|(_, c)| c.trim().to_owned())
    };
    let figure = get("og:image")
        .or_else(|| get("og:image:url"))
        .map(|src| Figure {
            src,
            alt: get("og:image:alt").unwrap_or_default(),
            // The same pixel sizes as JSON-LD's: 1 to 100000, else none.
            width: pixels(get("og:image:width").map(Json::String).as_ref()),
            height: pixels(get("og:image:height").map(Json::String).as_ref()),
            ..Figure::default()
        });
    Draft {
        lang: get("og:locale").map(|l| l.replace('_', "-")),
        url: get("og:url"),
        headline: get("og:title"),
        standfirst: get("og:description"),
        blocks: figure.map(Block::Figure).into_iter().collect(),
        ..Draft::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article::from_json_text(text).unwrap()
    }

    #[test]
    fn reads_a_news_article_in_a_graph_with_two_authors() {
        let a = article(
            r#"{"@context": "https://schema.org", "@graph": [
                {"@type": "WebPage", "@id": "https://ex.com/p"},
                {"@type": "NewsArticle", "headline": "عنوان", "inLanguage": "ar-EG",
                 "description": "مقدمة", "datePublished": "2026-11-28T10:00:00+02:00",
                 "author": [{"@type": "Person", "name": "أحمد"}, "منى"],
                 "mainEntityOfPage": {"@id": "https://ex.com/news/1"},
                 "image": {"@type": "ImageObject", "url": "https://ex.com/1.jpg", "caption": "تعليق", "width": 1200, "height": "675"},
                 "articleBody": "الأولى\n\nالثانية\r\n\r\nالثالثة"}
            ]}"#,
        );
        assert_eq!(a.headline, "عنوان");
        assert_eq!(a.lang, "ar-EG");
        assert_eq!(a.byline.as_deref(), Some("أحمد، منى"));
        assert_eq!(a.standfirst.as_deref(), Some("مقدمة"));
        assert_eq!(a.url.as_deref(), Some("https://ex.com/news/1"));
        assert_eq!(a.published.as_deref(), Some("2026-11-28T10:00:00+02:00"));
        assert_eq!(
            a.paragraphs().collect::<Vec<_>>(),
            ["الأولى", "الثانية", "الثالثة"]
        );
        let Block::Figure(figure) = &a.blocks[1] else {
            panic!("figure goes after the first paragraph: {:?}", a.blocks)
        };
        assert_eq!(
            (figure.caption.as_deref(), figure.width, figure.height),
            (Some("تعليق"), Some(1200), Some(675))
        );
    }

    #[test]
    fn english_authors_join_with_a_comma_and_types_may_be_arrays() {
        let a = article(
            r#"[{"@type": "Organization"}, {"@type": ["BlogPosting"], "headline": "H", "inLanguage": "en",
                "author": [{"name": "Ann"}, {"name": "Bo"}], "articleBody": "Body", "image": ["a.jpg", "a-4x3.jpg"]}]"#,
        );
        assert_eq!(a.byline.as_deref(), Some("Ann, Bo"));
        assert_eq!(
            a.blocks.len(),
            2,
            "one crop of the picture, one paragraph: {:?}",
            a.blocks
        );
    }

    #[test]
    fn open_graph_fills_what_json_ld_leaves_empty() {
        let og = |p: &str, c: &str| (p.to_owned(), c.to_owned());
        let json = Json::parse(
            r#"{"@type": "NewsArticle", "headline": "من JSON-LD", "articleBody": "نص"}"#,
        )
        .unwrap();
        let a = article_from_json_ld(
            &json,
            &[
                og("og:title", "من OG"),
                og("og:description", "وصف"),
                og("og:url", "https://ex.com/a"),
                og("og:locale", "ar_EG"),
            ],
        )
        .unwrap();
        assert_eq!(a.headline, "من JSON-LD");
        assert_eq!(a.standfirst.as_deref(), Some("وصف"));
        assert_eq!(a.url.as_deref(), Some("https://ex.com/a"));
        assert_eq!(a.lang, "ar-EG");
    }

    #[test]
    fn open_graph_alone_makes_an_article_with_its_image() {
        let og = |p: &str, c: &str| (p.to_owned(), c.to_owned());
        let a = article_from_page(
            &[],
            &[
                og("og:title", "T"),
                og("og:image", "https://ex.com/i.jpg"),
                og("og:image:alt", "alt"),
            ],
        )
        .unwrap();
        assert_eq!(a.headline, "T");
        assert!(matches!(&a.blocks[0], Block::Figure(f) if f.alt == "alt"));
    }

    #[test]
    fn open_graph_image_sizes_outside_1_to_100000_pixels_are_dropped() {
        // Found by fuzzing (fuzz/, the jsonld target): og:image:width=0 gave a figure 0 pixels wide.
        let og = |p: &str, c: &str| (p.to_owned(), c.to_owned());
        let size = |width: &str, height: &str| {
            let a = article_from_page(
                &[],
                &[
                    og("og:title", "T"),
                    og("og:image", "https://ex.com/i.jpg"),
                    og("og:image:width", width),
                    og("og:image:height", height),
                ],
            )
            .unwrap();
            match &a.blocks[0] {
                Block::Figure(f) => (f.width, f.height),
                other => panic!("expected a figure, found {other:?}"),
            }
        };
        assert_eq!(size("0", "4000000000"), (None, None));
        assert_eq!(size("1200", "630px"), (Some(1200), Some(630)));
    }

    #[test]
    fn image_ids_are_not_pictures_and_underscored_languages_are_read() {
        let a = article(
            r#"{"@type": "NewsArticle", "headline": "H", "inLanguage": "en_US", "articleBody": "B",
                "image": [{"@id": "https://ex.com/p#primaryimage"}, {"@type": "ImageObject", "@id": "https://ex.com/p#i2", "contentUrl": "https://cdn.ex/x.jpg"}]}"#,
        );
        assert_eq!(a.lang, "en-US");
        let sources: Vec<&str> = a
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Figure(f) => Some(f.src.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(sources, ["https://cdn.ex/x.jpg"]);
    }

    #[test]
    fn a_page_without_metadata_says_so() {
        let err = article_from_page(&["{\"@type\": \"WebSite\"}".into()], &[]).unwrap_err();
        assert!(
            err.to_string().contains("no schema.org NewsArticle"),
            "{err}"
        );
    }

    #[test]
    fn json_ld_without_an_article_is_an_error() {
        let err =
            Article::from_json_text(r#"{"@context": "https://schema.org", "@type": "Recipe"}"#)
                .unwrap_err();
        assert!(
            err.to_string().starts_with("no schema.org NewsArticle"),
            "{err}"
        );
    }
}
