//! Small inline icons, drawn for maqal; hidden from assistive technology (the buttons say it).

use yew::prelude::*;

fn icon(body: Html) -> Html {
    html! {
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">{ body }</svg>
    }
}

/// Two overlapping sheets: copy.
pub fn copy() -> Html {
    icon(
        html! { <path d="M11 9h7a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-7a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2zM15 9V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h3" /> },
    )
}

/// Three joined dots: share.
pub fn share() -> Html {
    icon(
        html! { <path d="M14.5 5.5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0M4 12a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0M14.5 18.5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0M8.7 10.8l6.1-3.9M8.7 13.2l6.1 3.9" /> },
    )
}

/// Three dots: more ways to share.
pub fn more() -> Html {
    icon(
        html! { <path d="M3.4 12a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M10.4 12a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M17.4 12a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0" /> },
    )
}
