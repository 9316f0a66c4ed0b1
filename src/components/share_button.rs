//! The copy-link button, and the copy that the paragraph buttons share with it.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::icons;
use crate::platform::clipboard::{copy_text, CopyMethod};
use crate::platform::events::ShareDetail;
use crate::state::Notice;

/// One share attempt's result: the `maqal-share` detail, and the toast to show, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    /// What `maqal-share` tells the page.
    pub detail: ShareDetail,
    /// What the toast says, if anything.
    pub notice: Option<Notice>,
}

/// The button a click landed in. Yew listens at the app root, so `current_target` is the root,
/// not the button: the fallback's focus would go back to the wrong element.
pub fn clicked_button(event: &MouseEvent) -> Option<HtmlElement> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    target.closest("button").ok()??.dyn_into().ok()
}

/// Copies `url` through the copy chain and reports the outcome to `onshare`. Call it from inside
/// a click handler; `button` gets focus back if the fallback moved it.
pub fn copy_link(url: &str, button: Option<HtmlElement>, onshare: Callback<Shared>) {
    let url = url.to_owned();
    copy_text(&url.clone(), button, move |method| {
        let ok = method != CopyMethod::Manual;
        let notice = if ok {
            Notice::Copied
        } else {
            Notice::Failed { url: url.clone() }
        };
        onshare.emit(Shared {
            detail: ShareDetail {
                url,
                method: method.as_str(),
                target: None,
                ok,
            },
            notice: Some(notice),
        });
    });
}

/// [`ShareButton`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    /// The link to copy, already cleaned.
    pub url: AttrValue,
    /// The button's words («نسخ الرابط»).
    pub label: AttrValue,
    /// Told how the copy went (clipboard, fallback, or by hand).
    pub onshare: Callback<Shared>,
}

/// The button that copies the link: the clipboard, then `execCommand('copy')`, then a selected
/// field to copy by hand; `onshare` hears which.
#[component]
pub fn ShareButton(props: &ShareButtonProps) -> Html {
    let onclick = {
        let url = props.url.clone();
        let onshare = props.onshare.clone();
        move |event: MouseEvent| copy_link(&url, clicked_button(&event), onshare.clone())
    };
    html! {
        <button type="button" part="share-button" {onclick}>
            { icons::copy() }
            <span>{ props.label.clone() }</span>
        </button>
    }
}
