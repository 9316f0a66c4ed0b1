//! A figure: the image when its URL is allowed and loads, and always its caption and credit.

use yew::prelude::*;

use crate::article::{self, ImageCandidate};
use crate::image_src;
use crate::text::decimal;

/// How wide the picture is drawn: the whole screen on a phone, the article's column (at most
/// 50em) on a wider one. The browser picks the `srcset` file from it before any layout.
const SIZES: &str = "(min-width: 50em) 50em, 100vw";

/// A figure; `lead` marks the lead picture, within the first screen: fetched at once and first.
/// A function, not a component: an image that fails to load is hidden by its own error handler
/// (the caption stays), with no state to keep.
pub fn figure(figure: &article::Figure, lead: bool) -> Html {
    let src = image_src::allowed(&figure.src);
    let image = match src {
        Some(src) => {
            // width/height give the box its aspect ratio before the image arrives: no layout shift.
            let style_ratio = figure.width.zip(figure.height).is_some();
            let srcset = srcset(&figure.srcset);
            let sizes = srcset.is_some().then_some(SIZES);
            let (loading, priority) = if lead {
                ("eager", Some("high"))
            } else {
                ("lazy", None)
            };
            html! {
                <img src={src.to_owned()} {srcset} {sizes} alt={figure.alt.clone()} {loading} fetchpriority={priority}
                    decoding="async" width={figure.width.map(decimal)} height={figure.height.map(decimal)}
                    data-unsized={(!style_ratio).then_some("")} onerror={hide_broken} />
            }
        }
        None => html! {},
    };
    let credit = figure
        .credit
        .as_ref()
        .map(|credit| html! { <small part="credit">{ credit.clone() }</small> });
    let caption = (figure.caption.is_some() || credit.is_some()).then(|| {
        html! {
            <figcaption part="caption">
                { figure.caption.clone().unwrap_or_default() }
                { for credit }
            </figcaption>
        }
    });
    html! {
        <figure part="figure" data-no-image={src.is_none().then_some("")}>
            { image }
            { for caption }
        </figure>
    }
}

/// An image that failed to load goes, and its figure shows the caption alone, as for a refused
/// URL.
fn hide_broken(event: Event) {
    use wasm_bindgen::JsCast;
    if let Some(image) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        crate::platform::images::hide(&image);
    }
}

/// `srcset`'s value from the candidates an image URL may use; `None` when none may. White space
/// or a comma inside a URL would split it: tabs and line breaks go, as a browser drops them from
/// any URL (and from the same URL in `src`); a space, form feed or comma (but a `data:` URL's) is
/// percent-encoded.
fn srcset(candidates: &[ImageCandidate]) -> Option<String> {
    let mut out = String::new();
    for candidate in candidates {
        let Some(src) = image_src::allowed(&candidate.src) else {
            continue;
        };
        if !out.is_empty() {
            out.push_str(", ");
        }
        // A `data:` URL keeps its commas: it needs its first one, and cannot start with one (the
        // only place a comma would begin a new candidate); any it ends with, a browser drops.
        // The scheme in any case, as a browser reads it (`DATA:` too).
        let data = src
            .get(..5)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("data:"));
        for c in src.chars() {
            match c {
                '\t' | '\n' | '\r' => {}
                ' ' => out.push_str("%20"),
                '\u{c}' => out.push_str("%0C"),
                ',' if !data => out.push_str("%2C"),
                c => out.push(c),
            }
        }
        out.push(' ');
        out.push_str(&decimal(candidate.width));
        out.push('w');
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_lists_allowed_files_with_their_widths() {
        let candidates = [
            ImageCandidate {
                src: "img/a 1.jpg".into(),
                width: 640,
            },
            ImageCandidate {
                src: "javascript:alert(1)".into(),
                width: 800,
            },
            ImageCandidate {
                src: "https://x.test/a,b.jpg".into(),
                width: 1200,
            },
        ];
        assert_eq!(
            srcset(&candidates).as_deref(),
            Some("img/a%201.jpg 640w, https://x.test/a%2Cb.jpg 1200w")
        );
        assert_eq!(srcset(&candidates[1..2]), None);
    }

    #[test]
    fn srcset_keeps_a_data_urls_commas_and_encodes_every_other() {
        let candidates = [
            ImageCandidate {
                src: "data:image/png;base64,iVBORw0KGgo=".into(),
                width: 16,
            },
            ImageCandidate {
                src: ",a.jpg,,".into(),
                width: 640,
            },
        ];
        assert_eq!(
            srcset(&candidates).as_deref(),
            Some("data:image/png;base64,iVBORw0KGgo= 16w, %2Ca.jpg%2C%2C 640w")
        );
    }

    #[test]
    fn srcset_reads_a_data_urls_scheme_in_any_case() {
        let candidates = [ImageCandidate {
            src: "DATA:image/png;base64,iVBORw0KGgo=".into(),
            width: 16,
        }];
        assert_eq!(
            srcset(&candidates).as_deref(),
            Some("DATA:image/png;base64,iVBORw0KGgo= 16w")
        );
    }

    #[test]
    fn srcset_urls_hold_no_white_space_that_would_split_them() {
        // Found by fuzzing (fuzz/, the render target): a tab inside a URL split its candidate.
        let candidates = [
            ImageCandidate {
                src: "img/a\tb\r\n.jpg".into(),
                width: 640,
            },
            ImageCandidate {
                src: "img/c\u{c}d.jpg".into(),
                width: 1200,
            },
        ];
        assert_eq!(
            srcset(&candidates).as_deref(),
            Some("img/ab.jpg 640w, img/c%0Cd.jpg 1200w")
        );
    }
}
