//! `render_html` on every article that loads (docs/CONTRACT.md §4): the fragment is well-formed
//! HTML made only of maqal's own elements and attributes, every text of the article shows as text
//! in reading order, image and link URLs keep to safe schemes, and the JSON child reads back as
//! the same article.
//!
//! The input is text split at zero bytes: the article's JSON, then the element's attributes
//! `lang`, `share-url`, `utm-campaign` and `toast-ms`; a sixth part sets `no-utm`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use maqal::fuzzing::canonical;
use maqal::{render_html, Article, Block, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parts: Vec<&str> = text.split('\0').collect();
    let Ok(article) = Article::from_json_text(parts[0]) else {
        return;
    };
    let names = ["lang", "share-url", "utm-campaign", "toast-ms", "no-utm"];
    let options = Options::from_attributes(|name| {
        let i = names.iter().position(|n| *n == name)?;
        parts.get(i + 1).map(|p| p.to_string())
    });
    let html = render_html(&article, &options);
    check(&html, &article, &options);
});

fn check(html: &str, article: &Article, options: &Options) {
    assert!(html.starts_with("<maqal-article"), "{html}");
    assert!(html.ends_with("</script></maqal-article>\n"), "{html}");
    let lower = html.to_ascii_lowercase();
    for (tag, count) in [
        ("<script", 1),
        ("</script", 1),
        ("<template", 1),
        ("</template", 1),
        ("<style", 1),
        ("</style", 1),
        ("<!--", 0),
    ] {
        assert_eq!(lower.matches(tag).count(), count, "{tag} in {html}");
    }

    let page = Page::parse(html);

    // The JSON child holds no markup and reads back as the same article.
    assert!(!page.json.contains(['<', '>']), "markup in the JSON child");
    assert_eq!(
        Article::from_json_text(&page.json).as_ref(),
        Ok(article),
        "the JSON child reads back as another article"
    );

    // The element carries the options it was rendered with.
    let host = &page.elements[0];
    assert_eq!(host.name, "maqal-article");
    for (name, value) in [
        ("lang", &options.lang),
        ("share-url", &options.share_url),
        ("utm-campaign", &options.utm_campaign),
    ] {
        assert_eq!(host.attribute(name), value.as_deref(), "{name}");
    }
    assert_eq!(host.has("no-utm"), !options.utm);

    // The article element speaks the article's language, in its direction.
    let body = page
        .elements
        .iter()
        .find(|e| e.name == "article")
        .expect("an <article>");
    assert_eq!(body.attribute("lang"), Some(article.lang.as_str()));
    assert_eq!(body.attribute("dir"), Some(article.dir.as_str()));

    // Every text of the article shows, as text, in reading order.
    let mut wanted: Vec<Want> = Vec::new();
    wanted.extend(article.kicker.as_deref().map(Want::Exactly));
    wanted.push(Want::Exactly(&article.headline));
    wanted.extend(article.standfirst.as_deref().map(Want::Exactly));
    wanted.extend(article.byline.as_deref().map(Want::EndOf));
    for block in &article.blocks {
        match block {
            Block::Paragraph { text } | Block::Heading { text } => wanted.push(Want::Exactly(text)),
            Block::Quote { text, cite } => {
                wanted.push(Want::Exactly(text));
                wanted.extend(cite.as_deref().map(Want::Exactly));
            }
            Block::Figure(figure) => {
                wanted.extend(figure.caption.as_deref().map(Want::Exactly));
                wanted.extend(figure.credit.as_deref().map(Want::Exactly));
            }
        }
    }
    let mut texts = page.texts.iter();
    for want in &wanted {
        assert!(
            texts.any(|t| want.matches(t)),
            "{want:?} is not shown in order; texts: {:?}",
            page.texts
        );
    }

    // Pictures: one per figure whose URL is safe, with the figure's alt text.
    let figures: Vec<_> = article
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .collect();
    let images: Vec<&Element> = page.elements.iter().filter(|e| e.name == "img").collect();
    let mut images = images.iter();
    let drawn: Vec<&Element> = page
        .elements
        .iter()
        .filter(|e| e.name == "figure")
        .collect();
    assert_eq!(drawn.len(), figures.len(), "one <figure> per figure block");
    for (figure, drawn) in figures.iter().zip(drawn) {
        assert_eq!(
            drawn.has("data-no-image"),
            !safe_image(&figure.src),
            "data-no-image for {:?}",
            figure.src
        );
        if safe_image(&figure.src) {
            let image = images.next().expect("an image for a safe src");
            assert_eq!(image.attribute("src"), Some(figure.src.trim()));
            assert_eq!(image.attribute("alt"), Some(figure.alt.as_str()));
            for (name, size) in [("width", figure.width), ("height", figure.height)] {
                assert_eq!(
                    image.attribute(name).map(str::to_owned),
                    size.map(|s| s.to_string()),
                    "{name}"
                );
            }
            if let Some(srcset) = image.attribute("srcset") {
                check_srcset(srcset);
            }
        }
    }
    assert!(images.next().is_none(), "more images than safe figures");

    // Share links: all five when there is a link to share, else none; to the targets only.
    let links: Vec<&Element> = page.elements.iter().filter(|e| e.name == "a").collect();
    let shared = canonical([options.share_url.as_deref(), article.url.as_deref()]);
    assert_eq!(links.len(), if shared.is_some() { 5 } else { 0 });
    for link in links {
        let href = link.attribute("href").expect("a link has an href");
        assert!(
            [
                "https://wa.me/?text=",
                "https://t.me/share/url?url=",
                "https://x.com/intent/post?url=",
                "https://www.facebook.com/sharer/sharer.php?u=",
                "mailto:?subject=",
            ]
            .iter()
            .any(|p| href.starts_with(p)),
            "{href}"
        );
    }

    if let Some(published) = &article.published {
        let time = page.elements.iter().find(|e| e.name == "time");
        assert_eq!(
            time.and_then(|t| t.attribute("datetime")),
            Some(published.as_str())
        );
    }
}

/// What a text of the article must look like in the page: the whole of one text node, or its
/// end (the byline follows the date and a separator).
#[derive(Debug)]
enum Want<'a> {
    Exactly(&'a str),
    EndOf(&'a str),
}

impl Want<'_> {
    fn matches(&self, text: &str) -> bool {
        match self {
            Want::Exactly(want) => text == *want,
            Want::EndOf(want) => text.ends_with(want),
        }
    }
}

/// The schemes an `<img>` may load (docs/CONTRACT.md): http(s), relative, raster `data:`. Looked
/// at as a browser does, without tabs and newlines and after leading controls and spaces.
fn safe_image(src: &str) -> bool {
    let seen: String = src
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    if seen.is_empty() {
        return false;
    }
    let Some((scheme, _)) = seen.split_once(':') else {
        return true;
    };
    if scheme.contains('/')
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return true;
    }
    match scheme {
        "http" | "https" => true,
        "data" => ["png", "jpeg", "gif", "webp", "avif"].iter().any(|t| {
            let prefix = ["data:image/", t].concat();
            seen.strip_prefix(&prefix)
                .is_some_and(|rest| rest.starts_with([';', ',']))
        }),
        _ => false,
    }
}

/// `srcset`: candidates `URL Nw` separated by `, `, each URL free of the white space and commas
/// that would split it (the HTML standard's srcset parsing): a `data:` URL keeps its commas, as
/// only one at a URL's start would begin a new candidate.
fn check_srcset(srcset: &str) {
    for candidate in srcset.split(", ") {
        let (url, width) = candidate
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("{candidate:?} in {srcset:?}"));
        assert!(
            !url.is_empty()
                && !url.contains(|c: char| c.is_ascii_whitespace())
                && (url.starts_with("data:") || !url.contains(',')),
            "the URL {url:?} would be split in {srcset:?}"
        );
        let digits = width.strip_suffix('w').expect("a width descriptor");
        assert!(
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
            "{width:?}"
        );
    }
}

/// The elements maqal writes, and their attributes: anything else came from the article's text.
const ELEMENTS: &[&str] = &[
    "maqal-article",
    "template",
    "style",
    "script",
    "div",
    "article",
    "header",
    "strong",
    "h1",
    "h2",
    "p",
    "time",
    "blockquote",
    "cite",
    "figure",
    "img",
    "figcaption",
    "small",
    "footer",
    "ul",
    "li",
    "a",
];
const VOID: &[&str] = &["img"];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "share-url",
    "toast-ms",
    "utm-campaign",
    "no-utm",
    "shadowrootmode",
    "class",
    "data-server",
    "part",
    "dir",
    "data-static",
    "aria-label",
    "data-target",
    "href",
    "target",
    "rel",
    "src",
    "srcset",
    "sizes",
    "alt",
    "loading",
    "fetchpriority",
    "decoding",
    "width",
    "height",
    "data-unsized",
    "data-no-image",
    "datetime",
    "type",
];

#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, Option<String>)>,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn has(&self, name: &str) -> bool {
        self.attributes.iter().any(|(n, _)| n == name)
    }
}

/// The fragment read as a strict HTML tokenizer would: elements opened and closed in order,
/// quoted attribute values, entities only where `&` stands.
struct Page {
    elements: Vec<Element>,
    /// The text nodes, decoded.
    texts: Vec<String>,
    json: String,
}

impl Page {
    fn parse(html: &str) -> Page {
        let mut page = Page {
            elements: Vec::new(),
            texts: Vec::new(),
            json: String::new(),
        };
        let mut open: Vec<String> = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                assert!(rest.trim().is_empty(), "text after the element: {rest:?}");
                break;
            };
            if lt > 0 {
                page.texts.push(decode(&rest[..lt]));
            }
            rest = &rest[lt + 1..];
            if let Some(after) = rest.strip_prefix('/') {
                let end = after.find('>').expect("a closing tag ends");
                let name = &after[..end];
                assert_eq!(
                    open.pop().as_deref(),
                    Some(name),
                    "</{name}> closes another element"
                );
                rest = &after[end + 1..];
                continue;
            }
            let name_end = rest
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            assert!(
                ELEMENTS.contains(&name),
                "an element maqal does not write: <{name}"
            );
            rest = &rest[name_end..];
            let mut element = Element {
                name: name.to_owned(),
                attributes: Vec::new(),
            };
            loop {
                rest = rest.trim_start_matches(' ');
                if let Some(after) = rest.strip_prefix("/>") {
                    rest = after;
                    break;
                }
                if let Some(after) = rest.strip_prefix('>') {
                    rest = after;
                    if !VOID.contains(&name) {
                        open.push(name.to_owned());
                    }
                    break;
                }
                let end = rest
                    .find([' ', '=', '>', '/'])
                    .expect("an attribute name ends");
                let attribute = &rest[..end];
                assert!(
                    ATTRIBUTES.contains(&attribute),
                    "an attribute maqal does not write: {attribute:?} on <{name}>"
                );
                rest = &rest[end..];
                let value = match rest.strip_prefix("=\"") {
                    Some(after) => {
                        let end = after.find('"').expect("an attribute value ends");
                        rest = &after[end + 1..];
                        Some(decode(&after[..end]))
                    }
                    None => None,
                };
                element.attributes.push((attribute.to_owned(), value));
            }
            // Raw text: the stylesheet, and the article's JSON.
            for (raw, close) in [("style", "</style>"), ("script", "</script>")] {
                if name == raw {
                    let end = rest.find(close).expect("a raw text element closes");
                    if raw == "script" {
                        page.json = rest[..end].to_owned();
                    }
                    rest = &rest[end + close.len()..];
                    assert_eq!(open.pop().as_deref(), Some(raw));
                }
            }
            page.elements.push(element);
        }
        assert!(open.is_empty(), "elements left open: {open:?}");
        page
    }
}

/// Text with its character references decoded; an `&` that starts none is a defect (text that
/// reads `&lt;` must be written `&amp;lt;`).
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let end = rest
            .find(';')
            .unwrap_or_else(|| panic!("a bare & in {text:?}"));
        let name = &rest[..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("an unknown reference &{name}; in {text:?}"))
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}
