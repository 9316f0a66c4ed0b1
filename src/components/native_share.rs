//! The button that opens the system share sheet, where the browser has one.

use yew::prelude::*;

use super::{icons, Shared};
use crate::platform::events::ShareDetail;
use crate::platform::share_sheet::{share, ShareSheet};

#[derive(Properties, PartialEq)]
pub struct NativeShareProps {
    pub url: AttrValue,
    pub title: AttrValue,
    pub label: AttrValue,
    pub onshare: Callback<Shared>,
}

#[component]
pub fn NativeShare(props: &NativeShareProps) -> Html {
    let onclick = {
        let (url, title, onshare) = (
            props.url.clone(),
            props.title.clone(),
            props.onshare.clone(),
        );
        move |_: MouseEvent| {
            let (url, onshare) = (url.clone(), onshare.clone());
            share(&title, &url.clone(), move |outcome| {
                // A cancelled sheet is the reader's choice: reported, but no toast.
                let detail = ShareDetail {
                    url: url.as_str().to_owned(),
                    method: "native",
                    target: None,
                    ok: outcome == ShareSheet::Shared,
                };
                onshare.emit(Shared {
                    detail,
                    notice: None,
                });
            });
        }
    };
    html! {
        <button type="button" part="native-share" aria-label={props.label.clone()} title={props.label.clone()} {onclick}>
            { icons::share() }
        </button>
    }
}
