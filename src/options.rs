//! The embedder's settings: the element's attributes, or `mount`'s options in camelCase.

/// How long the toast stays by default, and the least it may be set to (README: ≥ 2.5 s, time
/// enough to read it).
const DEFAULT_TOAST_MS: u32 = 3000;
const MIN_TOAST_MS: u32 = 2500;
const MAX_TOAST_MS: u32 = 60_000;

/// What the embedder chose: the element's attributes, `mount`'s options, the command line's flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The UI language (toast, labels); the article's own language when absent.
    pub lang: Option<String>,
    /// The link to share, ahead of every other candidate.
    pub share_url: Option<String>,
    /// How long the toast stays, in milliseconds (2500 at least).
    pub toast_ms: u32,
    /// `utm_campaign` added to share-target links.
    pub utm_campaign: Option<String>,
    /// Whether share-target links carry `utm_source`/`utm_medium`.
    pub utm: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: None,
            share_url: None,
            toast_ms: DEFAULT_TOAST_MS,
            utm_campaign: None,
            utm: true,
        }
    }
}

/// Each setting's attribute name and its name in `mount`'s options: the one table the Rust side
/// keeps. JavaScript keeps the element's list (`observedAttributes` in js/api.js) and the types
/// (js/maqal.d.ts), because it needs them before the wasm arrives; tests below fail when those
/// drift from this table.
pub(crate) const OPTION_NAMES: [(&str, &str); 5] = [
    ("lang", "lang"),
    ("share-url", "shareUrl"),
    ("toast-ms", "toastMs"),
    ("utm-campaign", "utmCampaign"),
    ("no-utm", "noUtm"),
];

impl Options {
    /// Reads settings by attribute name (`share-url`); `get` returns `None` for an absent one.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Options {
        let text = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Options {
            lang: text("lang"),
            share_url: text("share-url"),
            toast_ms: text("toast-ms")
                .and_then(|ms| ms.parse::<u32>().ok())
                .map_or(DEFAULT_TOAST_MS, |ms| ms.clamp(MIN_TOAST_MS, MAX_TOAST_MS)),
            utm_campaign: text("utm-campaign"),
            utm: get("no-utm").is_none(),
        }
    }
}

/// What the page around the widget offers, read from the browser once, outside rendering.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The page's own link for sharing: `<link rel="canonical">`, `og:url`, then `location`.
    pub link: Option<String>,
    /// Whether the browser has a share sheet (`navigator.share`).
    pub native_share: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &str)]) -> Options {
        Options::from_attributes(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults_keep_the_toast_three_seconds_with_utm() {
        assert_eq!(from(&[]), Options::default());
        assert_eq!(Options::default().toast_ms, 3000);
    }

    #[test]
    fn toast_ms_never_goes_below_two_and_a_half_seconds() {
        assert_eq!(from(&[("toast-ms", "100")]).toast_ms, 2500);
        assert_eq!(from(&[("toast-ms", "5000")]).toast_ms, 5000);
        assert_eq!(from(&[("toast-ms", "soon")]).toast_ms, DEFAULT_TOAST_MS);
    }

    #[test]
    fn every_name_in_the_table_is_a_setting_this_reader_reads() {
        for (attribute, _) in OPTION_NAMES {
            let value = if attribute == "toast-ms" { "9000" } else { "x" };
            assert_ne!(
                from(&[(attribute, value)]),
                Options::default(),
                "{attribute}"
            );
        }
    }

    #[test]
    fn javascript_knows_the_same_names() {
        let api = include_str!("../js/api.js");
        let observed = api
            .lines()
            .find(|l| l.starts_with("const ATTRIBUTES = "))
            .expect("js/api.js lists the observed attributes");
        let types = include_str!("../js/maqal.d.ts");
        for (attribute, camel) in OPTION_NAMES {
            assert!(
                observed.contains(&format!("'{attribute}'")),
                "api.js observes {attribute}"
            );
            assert!(
                types.contains(&format!("  {camel}?:")),
                "maqal.d.ts types {camel}"
            );
        }
    }

    #[test]
    fn reads_share_url_lang_and_no_utm() {
        let options = from(&[
            ("share-url", " https://ex.com/a "),
            ("lang", "en"),
            ("no-utm", ""),
        ]);
        assert_eq!(options.share_url.as_deref(), Some("https://ex.com/a"));
        assert_eq!(options.lang.as_deref(), Some("en"));
        assert!(!options.utm);
    }
}
