//! The article as HTML, for a page to carry (docs/CONTRACT.md §4): a `<maqal-article>` whose
//! declarative shadow root already holds the article, styled, with its JSON beside it for the
//! element to bring to life. Readers without script, crawlers and link previews get it all.

use std::rc::Rc;

use yew::prelude::*;
use yew::LocalServerRenderer;

use crate::article::{Article, Block};
use crate::components::{article_text, body, target_link};
use crate::date;
use crate::i18n;
use crate::island;
use crate::options::{Options, PageInfo};
use crate::share_url::{self, ShareTarget};

/// The article as one HTML fragment: `<maqal-article>` with a `<template shadowrootmode="open">`
/// holding the same DOM the element draws, and the article as an escaped
/// `<script type="application/json">` child. Everything the article says is escaped as text.
///
/// Without script the whole article reads and the share links work; `maqal.js` then brings the
/// share button, the toast and the paragraphs' buttons to life without drawing the article again
/// (only the footer's no-script links make way for the live controls).
///
/// ```
/// let article = maqal::Article::from_json_text(
///     r#"{"lang": "ar", "headline": "عاجل", "blocks": [{"type": "paragraph", "text": "نص"}]}"#,
/// ).unwrap();
/// let html = maqal::render_html(&article, &maqal::Options::default());
/// assert!(html.starts_with("<maqal-article"));
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn render_html(article: &Article, options: &Options) -> String {
    block_on(render_html_async(article, options))
}

/// [`render_html`] for an async caller: where rendering must yield to an event loop (in
/// WebAssembly, Yew's renderer waits on the JavaScript one).
pub async fn render_html_async(article: &Article, options: &Options) -> String {
    let props = ServerArticleProps {
        article: Rc::new(article.clone()),
        options: options.clone(),
    };
    let body = LocalServerRenderer::<ServerArticle>::with_props(props)
        .hydratable(false)
        .render()
        .await;
    let mut out = String::with_capacity(body.len() + crate::STYLESHEET.len() + 4096);
    out.push_str("<maqal-article");
    for (name, value) in attributes(options) {
        out.push(' ');
        out.push_str(name);
        if let Some(value) = value {
            out.push_str("=\"");
            escape_attribute(&value, &mut out);
            out.push('"');
        }
    }
    out.push_str("><template shadowrootmode=\"open\"><style>");
    out.push_str(crate::STYLESHEET);
    out.push_str(SERVER_STYLESHEET);
    out.push_str("</style>");
    out.push_str(&format!(
        "<div class=\"{}\" {}=\"\">",
        island::ROOT_CLASS,
        island::SERVER
    ));
    out.push_str(&body);
    out.push_str("</div></template><script type=\"application/json\">");
    out.push_str(&article_json(article));
    out.push_str("</script></maqal-article>\n");
    out
}

/// What only the fragment needs before script (the share links as a row): not in the element.
const SERVER_STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/server.min.css"));

/// The `sha256-…` source a page's `style-src` needs for the fragment's one `<style>` element.
pub fn stylesheet_hash() -> String {
    ["'sha256-", env!("MAQAL_STYLESHEET_SHA256"), "'"].concat()
}

/// The element's attributes that carry the embedder's options, so the page's element behaves as
/// the fragment was rendered.
fn attributes(options: &Options) -> Vec<(&'static str, Option<String>)> {
    let mut out = Vec::new();
    if let Some(lang) = &options.lang {
        out.push(("lang", Some(lang.clone())));
    }
    if let Some(url) = &options.share_url {
        out.push(("share-url", Some(url.clone())));
    }
    if options.toast_ms != Options::default().toast_ms {
        out.push(("toast-ms", Some(crate::text::decimal(options.toast_ms))));
    }
    if let Some(campaign) = &options.utm_campaign {
        out.push(("utm-campaign", Some(campaign.clone())));
    }
    if !options.utm {
        out.push(("no-utm", None));
    }
    out
}

#[derive(Properties, PartialEq)]
struct ServerArticleProps {
    article: Rc<Article>,
    options: Options,
}

/// The article as the server writes it: its text, and the share targets as plain links (they
/// work without script); the copy button, share sheet and paragraph buttons need script and
/// arrive with it.
#[component]
fn ServerArticle(props: &ServerArticleProps) -> Html {
    let ServerArticleProps { article, options } = props;
    let strings = i18n::strings(options.lang.as_deref().unwrap_or(&article.lang));
    let date = article
        .published
        .as_deref()
        .and_then(|iso| date::format(iso, &article.lang))
        .map(AttrValue::from);
    // The page's own link is not known here: the embedder's and the article's are.
    let link = share_url::for_article(options, article, &PageInfo::default());
    let links = link.map(|url| {
        ShareTarget::ALL
            .iter()
            .zip(strings.targets)
            .map(|(&target, name)| {
                let (_, href) = target_link(target, &url, &article.headline, options);
                html! {
                    <li><a part="share-target" data-target={target.id()} {href} target="_blank" rel="noopener noreferrer">{ name }</a></li>
                }
            })
            .collect::<Html>()
    });
    html! {
        <article part="article" lang={article.lang.clone()} dir={article.dir.as_str()}>
            { article_text(article, date, body(article, 0..article.blocks.len(), None)) }
            // island::STATIC: html! takes attribute names as written (island.rs checks it).
            <footer part="share" lang={strings.lang} dir={strings.dir()} data-static="">
                if let Some(links) = links {
                    <ul part="share-menu" aria-label={strings.share_menu}>{ links }</ul>
                }
            </footer>
        </article>
    }
}

/// Drives a render to its end. maqal's components never suspend, so on a native target the
/// render completes without waiting on anything; no async runtime is needed.
#[cfg(not(target_arch = "wasm32"))]
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut context) {
            return value;
        }
    }
}

/// The article in the native format (docs/FORMAT.md), escaped so that no text in it can close
/// the `<script>` or open a comment: `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`.
pub(crate) fn article_json(article: &Article) -> String {
    let mut out = String::with_capacity(1024);
    out.push('{');
    let mut first = true;
    let mut field = |out: &mut String, key: &str, value: Option<&str>| {
        if let Some(value) = value {
            if !std::mem::take(&mut first) {
                out.push(',');
            }
            json_string(key, out);
            out.push(':');
            json_string(value, out);
        }
    };
    field(&mut out, "lang", Some(&article.lang));
    field(&mut out, "dir", Some(article.dir.as_str()));
    field(&mut out, "url", article.url.as_deref());
    field(&mut out, "kicker", article.kicker.as_deref());
    field(&mut out, "headline", Some(&article.headline));
    field(&mut out, "standfirst", article.standfirst.as_deref());
    field(&mut out, "published", article.published.as_deref());
    field(&mut out, "byline", article.byline.as_deref());
    out.push_str(",\"blocks\":[");
    for (i, block) in article.blocks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"type\":");
        let pair = |out: &mut String, key: &str, value: &str| {
            out.push(',');
            json_string(key, out);
            out.push(':');
            json_string(value, out);
        };
        match block {
            Block::Paragraph { text } => {
                out.push_str("\"paragraph\"");
                pair(&mut out, "text", text);
            }
            Block::Heading { text } => {
                out.push_str("\"heading\"");
                pair(&mut out, "text", text);
            }
            Block::Quote { text, cite } => {
                out.push_str("\"quote\"");
                pair(&mut out, "text", text);
                if let Some(cite) = cite {
                    pair(&mut out, "cite", cite);
                }
            }
            Block::Figure(figure) => {
                out.push_str("\"figure\"");
                pair(&mut out, "src", &figure.src);
                pair(&mut out, "alt", &figure.alt);
                for (key, value) in [("caption", &figure.caption), ("credit", &figure.credit)] {
                    if let Some(value) = value {
                        pair(&mut out, key, value);
                    }
                }
                for (key, value) in [("width", figure.width), ("height", figure.height)] {
                    if let Some(value) = value {
                        out.push_str(",\"");
                        out.push_str(key);
                        out.push_str("\":");
                        out.push_str(&crate::text::decimal(value));
                    }
                }
                if !figure.srcset.is_empty() {
                    out.push_str(",\"srcset\":[");
                    for (j, candidate) in figure.srcset.iter().enumerate() {
                        if j > 0 {
                            out.push(',');
                        }
                        out.push_str("{\"src\":");
                        json_string(&candidate.src, &mut out);
                        out.push_str(",\"width\":");
                        out.push_str(&crate::text::decimal(candidate.width));
                        out.push('}');
                    }
                    out.push(']');
                }
            }
        }
        out.push('}');
    }
    out.push_str("]}");
    out
}

fn json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn escape_attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../demo/articles/seed.json");

    fn seed() -> Article {
        Article::from_json_text(SEED).unwrap()
    }

    /// The shadow root's markup after its stylesheet (whose selectors name every part).
    fn shadow(html: &str) -> &str {
        let start = html.find("</style>").unwrap();
        let end = html.find("</template>").unwrap();
        &html[start..end]
    }

    fn json_child(html: &str) -> &str {
        let open = "<script type=\"application/json\">";
        let start = html.find(open).unwrap() + open.len();
        &html[start..html.rfind("</script>").unwrap()]
    }

    #[test]
    fn fragment_is_an_element_with_a_declarative_shadow_root_and_its_json() {
        let html = render_html(&seed(), &Options::default());
        assert!(html.starts_with("<maqal-article><template shadowrootmode=\"open\"><style>"));
        assert!(html.trim_end().ends_with("</script></maqal-article>"));
        let shadow = shadow(&html);
        assert!(shadow.contains("<article part=\"article\" lang=\"ar\" dir=\"rtl\">"));
        assert!(shadow.contains("<strong part=\"kicker\">عاجل</strong>"));
        assert_eq!(
            shadow.matches("<p part=\"paragraph\">").count(),
            seed().paragraphs().count()
        );
        assert_eq!(shadow.matches("part=\"figure\"").count(), 2);
        assert!(!shadow.contains("<!--"), "no component markers");
    }

    #[test]
    fn json_child_reads_back_as_the_same_article() {
        let article = seed();
        let html = render_html(&article, &Options::default());
        assert_eq!(Article::from_json_text(json_child(&html)).unwrap(), article);
    }

    #[test]
    fn article_text_cannot_open_or_close_an_element() {
        let hostile = r#"{"headline": "</script><script>alert(1)</script>",
            "url": "https://ex.com/a?x=\"><b>",
            "blocks": [{"type": "paragraph", "text": "<!-- <img src=x onerror=alert(1)> &amp;"},
                       {"type": "figure", "src": "javascript:alert(1)", "caption": "<i>c</i>"}]}"#;
        let article = Article::from_json_text(hostile).unwrap();
        let html = render_html(&article, &Options::default());
        assert_eq!(
            html.matches("<script").count(),
            1,
            "only the JSON child: {html}"
        );
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(!html.contains("<img"), "a refused src draws no image");
        assert!(!html.contains("<b>") && !html.contains("<i>") && !html.contains("<!-- <"));
        assert!(
            html.contains("&lt;i&gt;c&lt;/i&gt;"),
            "the caption still shows, as text"
        );
        let json = json_child(&html);
        assert!(
            !json.contains(['<', '>']),
            "the JSON child holds no markup: {json}"
        );
    }

    #[test]
    fn without_script_the_share_targets_are_links_and_the_script_controls_absent() {
        let mut article = seed();
        article.url = Some("https://example.com/news/1?utm_source=x#top".into());
        let options = Options {
            utm_campaign: Some("spring".into()),
            ..Options::default()
        };
        let html = render_html(&article, &options);
        assert!(html.starts_with("<maqal-article utm-campaign=\"spring\">"));
        for target in ["whatsapp", "telegram", "x", "facebook", "email"] {
            assert!(
                html.contains(&["data-target=\"", target, "\""].concat()),
                "{target}"
            );
        }
        assert!(html.contains("utm_source%3Dwhatsapp%26utm_medium%3Dshare%26utm_campaign%3Dspring"));
        let shadow = shadow(&html);
        assert!(!shadow.contains("share-button") && !shadow.contains("paragraph-share"));
        assert!(!shadow.contains("native-share") && !shadow.contains("part=\"toast\""));
    }

    #[test]
    fn lead_figure_loads_first_and_the_rest_lazily_with_srcset_and_sizes() {
        let json = r#"{"headline": "h", "blocks": [
            {"type": "figure", "src": "a.jpg", "srcset": [{"src": "a-640.jpg", "width": 640}, {"src": "a.jpg", "width": 1200}]},
            {"type": "paragraph", "text": "p"},
            {"type": "figure", "src": "b.jpg"}]}"#;
        let html = render_html(&Article::from_json_text(json).unwrap(), &Options::default());
        let images: Vec<&str> = html
            .split("<img")
            .skip(1)
            .map(|s| &s[..s.find('>').unwrap()])
            .collect();
        assert_eq!(images.len(), 2);
        assert!(
            images[0].contains("loading=\"eager\"") && images[0].contains("fetchpriority=\"high\"")
        );
        assert!(images[0].contains("srcset=\"a-640.jpg 640w, a.jpg 1200w\""));
        assert!(images[0].contains("sizes=\""));
        assert!(images[1].contains("loading=\"lazy\"") && !images[1].contains("fetchpriority"));
    }

    #[test]
    fn dates_are_written_as_the_article_language_reads_them() {
        let json = r#"{"lang": "ar", "headline": "h", "published": "2026-11-28T10:00:00+02:00",
            "byline": "منى", "blocks": [{"type": "paragraph", "text": "p"}]}"#;
        let html = render_html(&Article::from_json_text(json).unwrap(), &Options::default());
        assert!(html
            .contains("<time datetime=\"2026-11-28T10:00:00+02:00\">28 نوفمبر 2026</time> · منى"));
    }

    #[test]
    fn stylesheet_hash_is_the_sha256_of_the_style_element() {
        assert!(stylesheet_hash().starts_with("'sha256-") && stylesheet_hash().len() == 53);
    }
}
