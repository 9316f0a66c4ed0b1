//! Hooks the components share.

mod use_dismiss;
mod use_share;

pub use use_dismiss::use_dismiss;
pub use use_share::{use_share, UseShareOptions};
