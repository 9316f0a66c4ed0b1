//! Small inline icons, drawn for maqal; hidden from assistive technology (the buttons say it).

use yew::prelude::*;

fn icon(body: Html) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">{ body }</svg>
    }
}

/// Two overlapping sheets: copy.
pub fn copy() -> Html {
    icon(html! { <>
        <rect x="9" y="9" width="11" height="11" rx="2" />
        <path d="M15 9V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h3" />
    </> })
}

/// Three joined dots: share.
pub fn share() -> Html {
    icon(html! { <>
        <circle cx="17" cy="5.5" r="2.5" />
        <circle cx="6.5" cy="12" r="2.5" />
        <circle cx="17" cy="18.5" r="2.5" />
        <path d="M8.7 10.8l6.1-3.9M8.7 13.2l6.1 3.9" />
    </> })
}

/// Two chain links: link to this paragraph.
pub fn link() -> Html {
    icon(html! { <>
        <path d="M10.5 13.5a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
        <path d="M13.5 10.5a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </> })
}

/// Three dots: more ways to share.
pub fn more() -> Html {
    icon(html! { <>
        <circle cx="5" cy="12" r="1.6" />
        <circle cx="12" cy="12" r="1.6" />
        <circle cx="19" cy="12" r="1.6" />
    </> })
}
