//! A figure: the image when its URL is allowed and loads, and always its caption and credit.

use yew::prelude::*;

use crate::article;
use crate::image_src;
use crate::text::decimal;

#[derive(Properties, PartialEq)]
pub struct FigureProps {
    pub figure: article::Figure,
}

#[component]
pub fn Figure(props: &FigureProps) -> Html {
    let figure = &props.figure;
    let broken = use_state_eq(|| false);
    let src = image_src::allowed(&figure.src).filter(|_| !*broken);
    let onerror = {
        let broken = broken.clone();
        move |_: Event| broken.set(true)
    };
    let image = match src {
        Some(src) => {
            // width/height give the box its aspect ratio before the image arrives: no layout shift.
            let style_ratio = figure.width.zip(figure.height).is_some();
            html! {
                <img src={src.to_owned()} alt={figure.alt.clone()} loading="lazy" decoding="async"
                    width={figure.width.map(decimal)} height={figure.height.map(decimal)}
                    data-unsized={(!style_ratio).then_some("")} {onerror} />
            }
        }
        None => html! {},
    };
    let credit = figure
        .credit
        .as_ref()
        .map(|credit| html! { <small part="credit">{ credit.clone() }</small> });
    let caption = (figure.caption.is_some() || credit.is_some()).then(|| {
        html! {
            <figcaption part="caption">
                { figure.caption.clone().unwrap_or_default() }
                { for credit }
            </figcaption>
        }
    });
    html! {
        <figure part="figure" data-no-image={src.is_none().then_some("")}>
            { image }
            { for caption }
        </figure>
    }
}
