//! Hooks the components share.

mod use_dismiss;

pub use use_dismiss::use_dismiss;
