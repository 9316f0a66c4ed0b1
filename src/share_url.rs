//! The link a share copies: which candidate wins, tracking removed, and the links share targets get.

/// Query parameters that only track the reader: dropped before a link is shared.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "igshid", "mc_cid", "mc_eid",
    "yclid", "twclid", "ttclid",
];

/// The link an article's share controls share: the embedder's `share-url`, the article's own
/// `url`, then the page's link, the first that is an absolute `http(s)` URL, cleaned.
pub fn for_article(
    options: &crate::Options,
    article: &crate::Article,
    page: &crate::PageInfo,
) -> Option<yew::AttrValue> {
    for_link(options, article.url.as_deref(), page)
}

/// The link to share for an article whose own link is `url`: the embedder's `share-url`, else
/// `url`, else the page's canonical link (the order of docs/CONTRACT.md §2).
pub fn for_link(
    options: &crate::Options,
    url: Option<&str>,
    page: &crate::PageInfo,
) -> Option<yew::AttrValue> {
    canonical([options.share_url.as_deref(), url, page.link.as_deref()]).map(Into::into)
}

/// The first candidate that is an absolute `http(s)` URL, cleaned (docs/CONTRACT.md §2 order: `share-url`,
/// the article's `url`, canonical link, `og:url`, `location.href`).
pub fn canonical<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    candidates.into_iter().flatten().find_map(clean)
}

/// An absolute `http(s)` URL without its fragment and tracking parameters; `None` for anything
/// else (relative, `javascript:`, no host).
pub fn clean(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme_end = url.find("://")?;
    if !matches!(
        url[..scheme_end].to_ascii_lowercase().as_str(),
        "http" | "https"
    ) {
        return None;
    }
    // What stood before a fragment or a dropped parameter may be white space: it goes too.
    let url = url.split('#').next().unwrap_or(url).trim_end();
    let rest = &url[scheme_end + 3..];
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    // Userinfo (`user:pass@`) would share credentials, or disguise the host (`news.ex@evil.ex`).
    if host.is_empty()
        || host.contains(char::is_whitespace)
        || host.contains('@')
        || url.contains(char::is_control)
    {
        return None;
    }
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, query),
        None => return Some(url.to_owned()),
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("").to_ascii_lowercase();
            !pair.trim().is_empty()
                && !key.starts_with("utm_")
                && !TRACKING_PARAMS.contains(&key.as_str())
        })
        .collect();
    if kept.is_empty() {
        Some(base.trim_end().to_owned())
    } else {
        Some([base, "?", &kept.join("&")].concat().trim_end().to_owned())
    }
}

/// `url` with `utm_source=<source>&utm_medium=share` (and `utm_campaign`) added for a share target.
pub fn with_utm(url: &str, source: &str, campaign: Option<&str>) -> String {
    let mut out = String::from(url);
    out.push(if url.contains('?') { '&' } else { '?' });
    out.push_str("utm_source=");
    out.push_str(&encode_component(source));
    out.push_str("&utm_medium=share");
    if let Some(campaign) = campaign.filter(|c| !c.is_empty()) {
        out.push_str("&utm_campaign=");
        out.push_str(&encode_component(campaign));
    }
    out
}

/// A place to share a link, with the menu's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareTarget {
    WhatsApp,
    Telegram,
    X,
    Facebook,
    Email,
}

impl ShareTarget {
    pub const ALL: [ShareTarget; 5] = [
        ShareTarget::WhatsApp,
        ShareTarget::Telegram,
        ShareTarget::X,
        ShareTarget::Facebook,
        ShareTarget::Email,
    ];

    /// The `data-target` value and `utm_source`.
    pub fn id(self) -> &'static str {
        match self {
            ShareTarget::WhatsApp => "whatsapp",
            ShareTarget::Telegram => "telegram",
            ShareTarget::X => "x",
            ShareTarget::Facebook => "facebook",
            ShareTarget::Email => "email",
        }
    }

    /// The link that opens this target with `title` and `url` filled in.
    pub fn href(self, url: &str, title: &str) -> String {
        let (u, t) = (encode_component(url), encode_component(title));
        match self {
            ShareTarget::WhatsApp => [
                "https://wa.me/?text=",
                &encode_component(&[title, " ", url].concat()),
            ]
            .concat(),
            ShareTarget::Telegram => ["https://t.me/share/url?url=", &u, "&text=", &t].concat(),
            ShareTarget::X => ["https://x.com/intent/post?url=", &u, "&text=", &t].concat(),
            ShareTarget::Facebook => ["https://www.facebook.com/sharer/sharer.php?u=", &u].concat(),
            ShareTarget::Email => ["mailto:?subject=", &t, "&body=", &u].concat(),
        }
    }
}

/// `url` with a text fragment that scrolls to and highlights `paragraph` (`#:~:text=start,end`).
pub fn with_text_fragment(url: &str, paragraph: &str) -> String {
    const EDGE_WORDS: usize = 4;
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let directive = if words.len() <= EDGE_WORDS * 2 {
        encode_fragment_text(&words.join(" "))
    } else {
        let start = words[..EDGE_WORDS].join(" ");
        let end = words[words.len() - EDGE_WORDS..].join(" ");
        [
            &encode_fragment_text(&start),
            ",",
            &encode_fragment_text(&end),
        ]
        .concat()
    };
    [url, "#:~:text=", &directive].concat()
}

/// `encodeURIComponent`: UTF-8 percent-encoding of all but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub fn encode_component(text: &str) -> String {
    encode(text, b"-_.!~*'()")
}

/// Text-fragment terms also escape `-`, `,` and `&`, which the directive syntax uses.
fn encode_fragment_text(text: &str) -> String {
    encode(text, b"_.!~*'()")
}

fn encode(text: &str, unreserved: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || unreserved.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 15)] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_fragment_and_tracking_parameters() {
        assert_eq!(
            clean(
                "https://ex.com/news/1?id=7&utm_source=fb&UTM_MEDIUM=x&fbclid=abc&gclid=1#comments"
            )
            .as_deref(),
            Some("https://ex.com/news/1?id=7")
        );
        assert_eq!(
            clean("https://ex.com/a?utm_campaign=x").as_deref(),
            Some("https://ex.com/a")
        );
        assert_eq!(clean("http://ex.com").as_deref(), Some("http://ex.com"));
    }

    #[test]
    fn cleaned_links_end_without_white_space() {
        // Found by fuzzing (fuzz/, the links target): dropping what followed left a space at the
        // end of the shared link, and cleaning the result again changed it.
        for (given, cleaned) in [
            ("http://c? &", "http://c"),
            (
                "https://ex.com/a?id=7 &utm_source=x",
                "https://ex.com/a?id=7",
            ),
            ("https://ex.com/a ?utm_medium=y", "https://ex.com/a"),
            ("https://ex.com/a #top", "https://ex.com/a"),
            ("https://ex.com/a?x=1& &y=2", "https://ex.com/a?x=1&y=2"),
        ] {
            assert_eq!(clean(given).as_deref(), Some(cleaned), "{given:?}");
            assert_eq!(clean(cleaned).as_deref(), Some(cleaned), "{cleaned:?}");
        }
    }

    #[test]
    fn keeps_arabic_paths() {
        assert_eq!(
            clean("https://ex.com/أخبار/مقال?utm_source=x").as_deref(),
            Some("https://ex.com/أخبار/مقال")
        );
        assert_eq!(
            clean("https://ex.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1#x").as_deref(),
            Some("https://ex.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1")
        );
    }

    #[test]
    fn refuses_what_is_not_absolute_http() {
        for bad in [
            "javascript:alert(1)",
            "/news/1",
            "ftp://ex.com/a",
            "https://",
            "https:///path",
            "data:text/html,x",
            "",
            "https://user:pass@ex.com/a",
            "https://news.ex.com@evil.ex/",
        ] {
            assert_eq!(clean(bad), None, "{bad}");
        }
    }

    #[test]
    fn first_valid_candidate_wins() {
        let link = canonical([
            None,
            Some("not a url"),
            Some("https://ex.com/canonical#top"),
            Some("https://ex.com/loc"),
        ]);
        assert_eq!(link.as_deref(), Some("https://ex.com/canonical"));
        assert_eq!(canonical([None, Some("/relative")]), None);
    }

    #[test]
    fn share_links_carry_utm_and_encode_arabic() {
        let url = with_utm("https://ex.com/a?id=1", "whatsapp", Some("حملة"));
        assert_eq!(url, "https://ex.com/a?id=1&utm_source=whatsapp&utm_medium=share&utm_campaign=%D8%AD%D9%85%D9%84%D8%A9");
        let href = ShareTarget::Telegram.href("https://ex.com/a", "عاجل");
        assert_eq!(
            href,
            "https://t.me/share/url?url=https%3A%2F%2Fex.com%2Fa&text=%D8%B9%D8%A7%D8%AC%D9%84"
        );
        assert!(ShareTarget::Email
            .href("https://ex.com/a", "t")
            .starts_with("mailto:?subject=t&body="));
    }

    #[test]
    fn text_fragment_quotes_the_paragraph_edges() {
        assert_eq!(
            with_text_fragment("https://ex.com/a", "قصير جدا"),
            "https://ex.com/a#:~:text=%D9%82%D8%B5%D9%8A%D8%B1%20%D8%AC%D8%AF%D8%A7"
        );
        let long = "one two three four five six seven eight nine-ten, eleven";
        assert_eq!(
            with_text_fragment("https://ex.com/a", long),
            "https://ex.com/a#:~:text=one%20two%20three%20four,seven%20eight%20nine%2Dten%2C%20eleven"
        );
    }
}
