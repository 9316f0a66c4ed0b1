//! maqal (مقال): a right-to-left-first news article, with a share button, as Yew components.
//!
//! The library holds the model ([`Article`], [`Block`]), its input formats (native JSON and
//! schema.org JSON-LD, read by [`Article::from_json_text`]), the components ([`ArticleView`],
//! [`ShareButton`], [`Toast`]) and the [`STYLESHEET`] they need. With the `ssr` feature,
//! [`render_html`] writes an article as HTML that paints before any script runs.
//!
//! ```
//! use std::rc::Rc;
//! use maqal::{Article, ArticleView, PageInfo};
//! use yew::prelude::*;
//!
//! #[component]
//! fn Story() -> Html {
//!     let article = Rc::new(Article::from_json_text(r#"{"headline": "…",
//!         "blocks": [{"type": "paragraph", "text": "…"}]}"#).expect("a valid article"));
//!     // What the page offers (its canonical link, a share sheet), read once, not per render.
//!     let page = use_memo((), |_| PageInfo::read());
//!     html! { <ArticleView {article} page={(*page).clone()} /> }
//! }
//! ```
//!
//! Three products stand on this crate: the `<maqal-article>` element (`element/`), the renderer
//! (`cli/` and `server/`), and these components; the repository's README maps them.

mod article;
mod components;
#[cfg(any(feature = "ssr", test))]
mod date;
mod direction;
mod hooks;
mod i18n;
mod image_src;
pub mod island;
mod json;
mod jsonld;
mod load;
mod options;
mod platform;
#[cfg(feature = "ssr")]
mod render;
mod share_url;
mod state;
mod text;

pub use article::{Article, ArticleError, Block, Figure, ImageCandidate};
pub use components::{
    ArticleView, ArticleViewProps, LiveControls, LiveControlsProps, ShareButton, ShareButtonProps,
    Shareable, Shared, Toast, ToastProps,
};
pub use direction::Direction;
pub use i18n::Strings;
pub use options::{Options, PageInfo};
pub use platform::events::ShareDetail;
#[cfg(all(feature = "ssr", not(target_arch = "wasm32")))]
pub use render::render_html;
#[cfg(feature = "ssr")]
pub use render::{render_html_async, stylesheet_hash};
pub use state::Notice;

/// The CSS the components need (minified), for a shadow root's adopted stylesheet or a
/// `<style>` element. Without it the article still reads, unstyled.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/maqal.min.css"));

/// What the `<maqal-article>` element (`element/`) composes from the library: its root
/// component, and the page reads and events it makes outside rendering. Rust apps need none of
/// it; it is public for the element build, not a stable API.
#[doc(hidden)]
pub mod embed {
    pub use crate::components::{slice_count, ArticleLoader, ArticleLoaderProps, Retry, Source};
    pub use crate::jsonld::article_from_page;
    pub use crate::load::{from_js as article_from_js, from_value as article_from_value, Reader};
    pub use crate::platform::events;
    pub use crate::platform::images::watch_server_images;
    pub use crate::platform::options_from_js;
    pub use crate::platform::page;
    pub use crate::text::decimal;
}

/// Entry points for the fuzz targets in `fuzz/` (README, Development): the share-link cleaning,
/// which is otherwise private. Empty unless built with `--cfg fuzzing`, which `cargo fuzz` sets;
/// not an API.
#[doc(hidden)]
// `fuzzing` is set by cargo fuzz, not declared by this crate's manifest.
#[allow(unexpected_cfgs)]
pub mod fuzzing {
    #[cfg(fuzzing)]
    pub use crate::share_url::{
        canonical, clean, encode_component, for_article, with_text_fragment, with_utm,
    };

    /// Each share target's id (`whatsapp`, …) and its link sharing `url` with `title`.
    #[cfg(fuzzing)]
    pub fn share_targets(url: &str, title: &str) -> [(&'static str, String); 5] {
        crate::share_url::ShareTarget::ALL.map(|target| (target.id(), target.href(url, title)))
    }
}
