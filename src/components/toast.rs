//! The toast: a polite live region that says what a share did and goes away by itself.

use gloo::timers::callback::Timeout;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Strings;
use crate::state::Notice;

/// [`Toast`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ToastProps {
    /// What to say; `None` hides the toast (the live region stays).
    pub notice: Option<Notice>,
    /// Changes with every notice, so a repeated copy is a new node and is announced again.
    pub serial: u32,
    /// The reader is over or inside the toast: it stays.
    pub held: bool,
    /// How long it stays unheld, in milliseconds.
    pub duration_ms: u32,
    /// The widget's words, in the toast's language.
    pub strings: &'static Strings,
    /// Time is up, or the reader pressed Escape.
    pub ondismiss: Callback<()>,
    /// The pointer entered (`true`) or left the toast.
    pub onhover: Callback<bool>,
    /// Focus entered (`true`) or left the toast.
    pub onfocus: Callback<bool>,
}

/// The toast: a polite live region that says what a share did and closes by itself.
#[component]
pub fn Toast(props: &ToastProps) -> Html {
    let field = use_node_ref();
    let toast = use_node_ref();
    let shown = props.notice.is_some();

    {
        let ondismiss = props.ondismiss.clone();
        let wait = props.duration_ms;
        use_effect_with(
            (props.serial, props.held, shown),
            move |&(_, held, shown)| {
                let timer =
                    (shown && !held).then(|| Timeout::new(wait, move || ondismiss.emit(())));
                move || drop(timer)
            },
        );
    }
    {
        // At the viewport's foot, the toast would hide the share row when the row is down there
        // too (a phone, the article's end): it goes to the top instead, for its few seconds.
        let toast = toast.clone();
        use_effect_with(props.serial, move |_| {
            let Some(toast) = toast.cast::<web_sys::Element>() else {
                return;
            };
            let _ = toast.remove_attribute("data-edge");
            let (Some(card), Some(row)) = (toast.first_element_child(), toast.parent_element())
            else {
                return;
            };
            let (card, row) = (
                card.get_bounding_client_rect(),
                row.get_bounding_client_rect(),
            );
            if card.top() < row.bottom() && row.top() < card.bottom() {
                let _ = toast.set_attribute("data-edge", "top");
            }
        });
    }
    {
        // The manual fallback: the link is selected, ready for Ctrl+C / long-press copy.
        let field = field.clone();
        use_effect_with(props.serial, move |_| {
            if let Some(input) = field.cast::<HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        });
    }

    let strings = props.strings;
    let body = props.notice.as_ref().map(|notice| {
        let (kind, text) = match notice {
            Notice::Copied => ("copied", strings.copied),
            Notice::Failed { .. } => ("failed", strings.copy_failed),
        };
        let url_field = match notice {
            Notice::Failed { url } => html! {
                <input part="toast-url" type="url" readonly=true value={url.clone()}
                    aria-label={strings.copy_manually} ref={field.clone()} />
            },
            Notice::Copied => html! {},
        };
        html! {
            <div data-kind={kind} key={crate::text::decimal(props.serial)}>
                <span part="toast-message">{ text }</span>
                { url_field }
            </div>
        }
    });

    let hover = |on: bool| props.onhover.reform(move |_: MouseEvent| on);
    let focus = |on: bool| props.onfocus.reform(move |_: FocusEvent| on);
    html! {
        <div part="toast" role="status" aria-live="polite" aria-atomic="true" lang={strings.lang}
            dir={strings.dir()} ref={toast}
            data-state={if shown { "open" } else { "closed" }}
            onmouseenter={hover(true)} onmouseleave={hover(false)}
            onfocusin={focus(true)} onfocusout={focus(false)}>
            { for body }
        </div>
    }
}
