//! The menu of share targets: real links to WhatsApp, Telegram, X, Facebook and email, behind a
//! disclosure button (a list of links, not an ARIA menu: Tab and Enter work as everywhere).

use yew::prelude::*;

use super::{icons, Shared};
use crate::options::Options;
use crate::platform::events::ShareDetail;
use crate::share_url::{self, ShareTarget};

#[derive(Properties, PartialEq)]
pub struct ShareMenuProps {
    pub url: AttrValue,
    pub title: AttrValue,
    pub options: Options,
    pub label: AttrValue,
    pub target_names: [&'static str; 5],
    pub open: bool,
    pub ontoggle: Callback<bool>,
    pub onshare: Callback<Shared>,
    /// Set to the list once it is in the DOM: where the controls find their article.
    pub list_ref: NodeRef,
}

#[component]
pub fn ShareMenu(props: &ShareMenuProps) -> Html {
    let menu_id = use_memo((), |_| {
        ["maqal-share-menu-", &crate::text::decimal(next_id())].concat()
    });
    let onclick = {
        let (ontoggle, open) = (props.ontoggle.clone(), props.open);
        move |_: MouseEvent| ontoggle.emit(!open)
    };
    let links = ShareTarget::ALL.iter().zip(props.target_names).map(|(&target, name)| {
        let (shared_url, href) = target_link(target, &props.url, &props.title, &props.options);
        let onclick = {
            let (onshare, ontoggle) = (props.onshare.clone(), props.ontoggle.clone());
            move |_: MouseEvent| {
                let detail = ShareDetail { url: shared_url.clone(), method: "link", target: Some(target.id()), ok: true };
                onshare.emit(Shared { detail, notice: None });
                ontoggle.emit(false);
            }
        };
        html! {
            <li>
                <a part="share-target" data-target={target.id()} {href} target="_blank" rel="noopener noreferrer" {onclick}>{ name }</a>
            </li>
        }
    });
    html! {
        <>
            <button type="button" part="share-menu-button" aria-expanded={if props.open { "true" } else { "false" }}
                aria-controls={(*menu_id).clone()} aria-label={props.label.clone()} title={props.label.clone()} {onclick}>
                { icons::more() }
            </button>
            <ul part="share-menu" id={(*menu_id).clone()} hidden={!props.open} ref={props.list_ref.clone()}>{ for links }</ul>
        </>
    }
}

/// The link a target shares (with UTM unless turned off) and the target's `href` carrying it.
pub(crate) fn target_link(
    target: ShareTarget,
    url: &str,
    title: &str,
    options: &Options,
) -> (String, String) {
    let shared_url = if options.utm {
        share_url::with_utm(url, target.id(), options.utm_campaign.as_deref())
    } else {
        url.to_owned()
    };
    let href = target.href(&shared_url, title);
    (shared_url, href)
}

fn next_id() -> u32 {
    use std::cell::Cell;
    thread_local!(static NEXT: Cell<u32> = const { Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}
