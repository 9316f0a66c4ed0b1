//! The link a share copies (docs/CONTRACT.md §2): the cleaning that drops the fragment and the
//! tracking parameters, the first usable candidate, and the links share targets get.
//!
//! The input is text split at zero bytes: the first part is the link, the second a share
//! target's name or a title or a paragraph, the third a `utm_campaign`; every part is also a
//! candidate for the shared link, in order.

#![no_main]

use libfuzzer_sys::fuzz_target;
use maqal::fuzzing::{
    canonical, clean, encode_component, for_article, share_targets, with_text_fragment, with_utm,
};
use maqal::{Article, Block, Options, PageInfo};
use maqal_fuzz::percent_decode;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parts: Vec<&str> = text.split('\0').collect();
    let url = parts[0];
    let words = parts.get(1).copied().unwrap_or("");
    let campaign = parts.get(2).copied();

    let cleaned = clean(url);
    if let Some(cleaned) = &cleaned {
        check_clean(url, cleaned);
        check_share_links(cleaned, words, campaign);
    }
    check_encoding(url);
    check_encoding(words);
    check_text_fragment(cleaned.as_deref().unwrap_or(url), words);

    // The first candidate that cleans wins, whichever way it is asked for.
    let first = parts.iter().find_map(|p| clean(p));
    assert_eq!(canonical(parts.iter().map(|p| Some(*p))), first);
    assert_eq!(
        canonical(parts.iter().flat_map(|p| [None, Some(*p)])),
        first
    );
    let options = Options {
        share_url: parts.get(2).map(|p| p.to_string()),
        ..Options::default()
    };
    let article = Article {
        url: parts.get(1).map(|p| p.to_string()),
        ..article()
    };
    let page = PageInfo {
        link: Some(url.to_owned()),
        native_share: false,
    };
    let want = canonical([parts.get(2), parts.get(1), Some(&url)].map(|p| p.copied()));
    assert_eq!(
        for_article(&options, &article, &page).map(|link| link.to_string()),
        want,
        "share-url, then the article's url, then the page's link"
    );
});

fn article() -> Article {
    Article {
        lang: "ar".into(),
        dir: maqal::Direction::Rtl,
        url: None,
        kicker: None,
        headline: "h".into(),
        standfirst: None,
        published: None,
        byline: None,
        blocks: vec![Block::Paragraph { text: "p".into() }],
    }
}

/// A cleaned link is an absolute `http(s)` URL with a host, without fragment, control
/// characters, userinfo or tracking parameters; the rest of what was given is kept, in order.
fn check_clean(url: &str, cleaned: &str) {
    let lower = cleaned.to_ascii_lowercase();
    let after_scheme = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
        .unwrap_or_else(|| panic!("{cleaned:?} is not http(s)"));
    let host_end = after_scheme.find(['/', '?']).unwrap_or(after_scheme.len());
    let host = &after_scheme[..host_end];
    assert!(!host.is_empty(), "{cleaned:?} has no host");
    assert!(!host.contains('@'), "{cleaned:?} carries userinfo");
    assert!(
        !host.contains(char::is_whitespace),
        "{cleaned:?}: white space in the host"
    );
    assert!(!cleaned.contains('#'), "{cleaned:?} keeps a fragment");
    assert!(
        !cleaned.contains(char::is_control),
        "{cleaned:?} keeps a control character"
    );
    assert_eq!(cleaned, cleaned.trim(), "{cleaned:?} is not trimmed");
    if let Some((_, query)) = cleaned.split_once('?') {
        for pair in query.split('&') {
            assert!(!pair.is_empty(), "{cleaned:?} keeps an empty parameter");
            let key = pair.split('=').next().unwrap_or("").to_ascii_lowercase();
            assert!(
                !key.starts_with("utm_") && !TRACKING.contains(&key.as_str()),
                "{cleaned:?} keeps the tracking parameter {key}"
            );
        }
    }
    // What is kept comes from the link, in its order: the cleaned link is the given one with
    // parts taken out, never with anything added or moved.
    assert!(
        is_subsequence(cleaned, url.trim()),
        "{cleaned:?} is not taken from {url:?}"
    );
    assert_eq!(
        clean(cleaned).as_deref(),
        Some(cleaned),
        "cleaning twice changes it"
    );
}

const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "igshid", "mc_cid", "mc_eid",
    "yclid", "twclid", "ttclid",
];

fn is_subsequence(part: &str, whole: &str) -> bool {
    let mut whole = whole.chars();
    part.chars().all(|c| whole.any(|w| w == c))
}

/// The UTM parameters a share target's link carries are exactly what cleaning removes, and each
/// target's link carries the shared link and the title, encoded, so they decode back.
fn check_share_links(cleaned: &str, title: &str, campaign: Option<&str>) {
    let source = "whatsapp";
    let tagged = with_utm(cleaned, source, campaign);
    assert_eq!(
        clean(&tagged).as_deref(),
        Some(cleaned),
        "cleaning {tagged:?} does not give back the link"
    );
    assert!(tagged.contains("utm_source=whatsapp&utm_medium=share"));
    let targets = share_targets(&tagged, title);
    let ids: Vec<&str> = targets.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, ["whatsapp", "telegram", "x", "facebook", "email"]);
    for (id, href) in &targets {
        let (prefix, params): (&str, &[&str]) = match *id {
            "whatsapp" => ("https://wa.me/?", &["text"]),
            "telegram" => ("https://t.me/share/url?", &["url", "text"]),
            "x" => ("https://x.com/intent/post?", &["url", "text"]),
            "facebook" => ("https://www.facebook.com/sharer/sharer.php?", &["u"]),
            _ => ("mailto:?", &["subject", "body"]),
        };
        let query = href
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{href:?} does not start with {prefix:?}"));
        let pairs: Vec<(&str, String)> = query
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').expect("key=value");
                let value = percent_decode(value).expect("valid percent-encoding");
                (key, String::from_utf8(value).expect("UTF-8 after decoding"))
            })
            .collect();
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, params, "{href:?}");
        for (key, value) in &pairs {
            let want = match (*id, *key) {
                ("whatsapp", _) => [title, " ", &tagged].concat(),
                (_, "url" | "u" | "body") => tagged.clone(),
                _ => title.to_owned(),
            };
            assert_eq!(value, &want, "{key} of {href:?}");
        }
    }
}

/// `encodeURIComponent`: only unreserved characters and `%XX` remain, and it decodes back.
fn check_encoding(text: &str) {
    let encoded = encode_component(text);
    assert!(
        encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.!~*'()%".contains(&b)),
        "{encoded:?}"
    );
    assert_eq!(percent_decode(&encoded).as_deref(), Some(text.as_bytes()));
}

/// A text fragment (`#:~:text=start,end`) names the paragraph's first and last words, encoded
/// so its own syntax (`,`, `-`, `&`) cannot be confused with them.
fn check_text_fragment(url: &str, paragraph: &str) {
    let linked = with_text_fragment(url, paragraph);
    let directive = linked
        .strip_prefix(url)
        .and_then(|rest| rest.strip_prefix("#:~:text="))
        .unwrap_or_else(|| panic!("{linked:?} does not add a text directive to {url:?}"));
    assert!(
        !directive.contains(['-', '&', ' ', '#']),
        "{directive:?} holds an unescaped delimiter"
    );
    let terms: Vec<String> = directive
        .split(',')
        .map(|t| String::from_utf8(percent_decode(t).expect("valid percent-encoding")).unwrap())
        .collect();
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    match terms.as_slice() {
        [whole] => assert_eq!(whole, &words.join(" ")),
        [start, end] => {
            assert!(words.len() > 8, "a short paragraph split in two");
            assert_eq!(start, &words[..4].join(" "));
            assert_eq!(end, &words[words.len() - 4..].join(" "));
        }
        _ => panic!("{directive:?} has more than two terms"),
    }
}
