//! The share controls' state and parts: the copy button, share sheet, menu and toast, with
//! Escape and click-outside closing.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::use_dismiss;
use crate::components::{NativeShare, ShareButton, ShareMenu, Shared, Toast};
use crate::i18n::Strings;
use crate::options::Options;
use crate::platform::events;
use crate::state::{ToastAction, ToastState};

/// What [`use_share`] needs to know.
pub struct UseShareOptions {
    /// The cleaned link to share.
    pub link: AttrValue,
    /// The article's headline, the title of a shared link.
    pub title: AttrValue,
    /// The embedder's settings (toast duration, UTM).
    pub options: Options,
    /// The widget's own words.
    pub strings: &'static Strings,
    /// Whether the browser has a share sheet.
    pub native_share: bool,
    /// The `<article>` element, once found: where share events start from and what a click
    /// outside is outside of.
    pub root: Option<Element>,
    /// Set to the menu's list once it is in the DOM.
    pub list_ref: NodeRef,
}

/// The share controls, ready to place.
pub struct UseShareReturn {
    /// Report a share from anywhere in the article (a paragraph's button): toast and event.
    pub onshare: Callback<Shared>,
    /// The footer's contents: copy button, share sheet button, menu of share targets.
    pub controls: Html,
    /// The toast, for the footer beside the controls (it is fixed to the viewport).
    pub toast: Html,
}

/// The share controls and their toast.
///
/// ```ignore
/// let share = use_share(UseShareOptions { link, title, options, strings, native_share, root, list_ref });
/// html! { <>{ share.controls }{ share.toast }</> }
/// ```
#[hook]
pub fn use_share(config: UseShareOptions) -> UseShareReturn {
    let UseShareOptions {
        link,
        title,
        options,
        strings,
        native_share,
        root,
        list_ref,
    } = config;
    let toast = use_reducer(ToastState::default);
    let menu_open = use_state_eq(|| false);

    // Callbacks that stay equal from render to render, so a toast or menu change re-renders the
    // toast or menu, and the paragraph buttons (added once per `onshare`) stay as they are.
    let dispatcher = toast.dispatcher();
    let onshare = use_callback(
        (dispatcher.clone(), root.clone()),
        |shared: Shared, (toast, root)| {
            if let Some(notice) = shared.notice {
                toast.dispatch(ToastAction::Show(notice));
            }
            if let Some(element) = root {
                events::share(element, &shared.detail);
            }
        },
    );
    let ontoggle = use_callback(menu_open.setter(), |open: bool, set_open| {
        set_open.set(open)
    });
    // The toast re-renders with every change of its state anyway: plain callbacks will do.
    let toast_action = |action: fn(bool) -> ToastAction| {
        let toast = dispatcher.clone();
        Callback::from(move |on: bool| toast.dispatch(action(on)))
    };
    let (onhover, onfocus) = (
        toast_action(ToastAction::Hover),
        toast_action(ToastAction::Focus),
    );
    let ondismiss = {
        let toast = dispatcher.clone();
        Callback::from(move |()| toast.dispatch(ToastAction::Dismiss))
    };

    // Escape closes the toast and the menu; a click outside the widget closes the menu.
    let onescape = {
        let (toast, set_menu, root) = (dispatcher.clone(), menu_open.setter(), root.clone());
        Callback::from(move |()| {
            return_focus(root.as_ref());
            toast.dispatch(ToastAction::Dismiss);
            set_menu.set(false);
        })
    };
    let onoutside = ontoggle.reform(|()| false);
    use_dismiss(
        root,
        toast.notice.is_some() || *menu_open,
        *menu_open,
        onescape,
        onoutside,
    );

    let controls = html! {
        <>
            <ShareButton url={link.clone()} label={strings.copy_link} onshare={onshare.clone()} />
            if native_share {
                <NativeShare url={link.clone()} title={title.clone()} label={strings.native_share} onshare={onshare.clone()} />
            }
            <ShareMenu url={link} {title} options={options.clone()} label={strings.share_menu} target_names={strings.targets}
                open={*menu_open} {ontoggle} onshare={onshare.clone()} {list_ref} />
        </>
    };
    let toast = html! {
        <Toast notice={toast.notice.clone()} serial={toast.serial} held={toast.held()} duration_ms={options.toast_ms}
            {strings} {ondismiss} {onhover} {onfocus} />
    };
    UseShareReturn {
        onshare,
        controls,
        toast,
    }
}

/// Focus inside what Escape closes goes back to the button that opened it, not to the page: from
/// the toast's link field to the share button, from a share target to the menu button.
fn return_focus(root: Option<&Element>) {
    let find = |selector: &str| root.and_then(|r| r.query_selector(selector).ok().flatten());
    let to = if find("[part~='toast'] :focus").is_some() {
        "[part~='share-button']"
    } else if find("[part~='share-menu'] :focus").is_some() {
        "[part~='share-menu-button']"
    } else {
        return;
    };
    if let Some(button) = find(to).and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
        let _ = button.focus();
    }
}
