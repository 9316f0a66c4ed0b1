//! A headline, a figure, three paragraphs and a button that shows a toast: one Yew component
//! with one piece of state and one listener, and nothing else.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[component]
fn Page() -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let copied = copied.clone();
        move |_: MouseEvent| copied.set(true)
    };
    html! {
        <article dir="rtl" lang="ar">
            <strong>{ "عاجل" }</strong>
            <h1>{ "عنوان" }</h1>
            <figure>
                <img src="a.svg" alt="" width="4" height="3" />
                <figcaption>{ "ورشة عمل" }</figcaption>
            </figure>
            <p>{ "فقرة" }</p>
            <p>{ "فقرة" }</p>
            <p>{ "فقرة" }</p>
            <button type="button" {onclick}>{ "نسخ الرابط" }</button>
            if *copied { <div role="status">{ "تم نسخ الرابط" }</div> }
        </article>
    }
}

#[wasm_bindgen(start)]
fn start() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        yew::Renderer::<Page>::with_root(body.into()).render();
    }
}
