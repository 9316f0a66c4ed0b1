//! A paragraph's share button: it copies a link straight to the paragraph (a text fragment).

use yew::prelude::*;

use super::{clicked_button, copy_link, icons, Shared};
use crate::share_url;

/// What a paragraph's share button needs: the article's link, its label, where to report.
#[derive(Clone, PartialEq)]
pub struct ParagraphShare {
    pub link: AttrValue,
    pub label: AttrValue,
    pub onshare: Callback<Shared>,
}

/// The button, for the paragraph whose `text` (its first words make the link's text fragment).
/// A function, not a component: it keeps no state.
pub fn paragraph_button(text: &str, share: &ParagraphShare) -> Html {
    let onclick = {
        let url = share_url::with_text_fragment(&share.link, text);
        let onshare = share.onshare.clone();
        move |event: MouseEvent| copy_link(&url, clicked_button(&event), onshare.clone())
    };
    html! {
        <button type="button" part="paragraph-share" aria-label={share.label.clone()} title={share.label.clone()} {onclick}>
            { icons::link() }
        </button>
    }
}
