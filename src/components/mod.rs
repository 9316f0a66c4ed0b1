//! The Yew components: the article and its parts, the share controls, the toast.

mod article_text;
mod article_view;
mod figure;
mod icons;
mod live_controls;
mod loader;
mod native_share;
mod share_button;
mod share_menu;
mod toast;

pub(crate) use article_text::article_text;
#[cfg(feature = "ssr")]
pub(crate) use article_text::body;
pub use article_text::slice_count;
pub use article_view::{ArticleView, ArticleViewProps};
pub(crate) use figure::figure;
pub use live_controls::{LiveControls, LiveControlsProps, Shareable};
pub use loader::{ArticleLoader, ArticleLoaderProps, Retry, Source};
pub(crate) use native_share::NativeShare;
pub(crate) use share_button::copy_link;
pub use share_button::{ShareButton, ShareButtonProps, Shared};
#[cfg(feature = "ssr")]
pub(crate) use share_menu::target_link;
pub(crate) use share_menu::ShareMenu;
pub use toast::{Toast, ToastProps};
