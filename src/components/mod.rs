//! The Yew components: the article and its parts, the share controls, the toast.

mod article_view;
mod figure;
mod icons;
mod loader;
mod native_share;
mod paragraph;
mod share_button;
mod share_menu;
mod toast;

pub use article_view::{ArticleView, ArticleViewProps};
pub use figure::{Figure, FigureProps};
pub use loader::{ArticleLoader, ArticleLoaderProps, Source, StartedFetch};
pub use native_share::{NativeShare, NativeShareProps};
pub use paragraph::{Paragraph, ParagraphProps};
pub use share_button::{clicked_button, copy_link, ShareButton, ShareButtonProps, Shared};
pub use share_menu::{ShareMenu, ShareMenuProps};
pub use toast::{Toast, ToastProps};
