//! A paragraph, with a button that copies a link straight to it (a text fragment).

use yew::prelude::*;

use super::{clicked_button, copy_link, icons, Shared};
use crate::share_url;

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub text: AttrValue,
    /// The article's link; `None` leaves the paragraph without a share button.
    pub link: Option<AttrValue>,
    pub label: AttrValue,
    pub onshare: Callback<Shared>,
}

#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    let button = props.link.as_ref().map(|link| {
        let onclick = {
            let url = share_url::with_text_fragment(link, &props.text);
            let onshare = props.onshare.clone();
            move |event: MouseEvent| copy_link(&url, clicked_button(&event), onshare.clone())
        };
        html! {
            <button type="button" part="paragraph-share" aria-label={props.label.clone()} title={props.label.clone()} {onclick}>
                { icons::link() }
            </button>
        }
    });
    html! {
        <p part="paragraph">{ props.text.clone() }{ for button }</p>
    }
}
