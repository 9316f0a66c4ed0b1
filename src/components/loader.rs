//! The embedded widget's root: shows the article, or that it is on its way, or what went wrong,
//! and tells the host page (`maqal-ready`, `maqal-error`). The page script fetches a `src`
//! (js/api.js: the timeout, the messages) and mounts this again with what it got.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::ArticleView;
use crate::article::Article;
use crate::i18n;
use crate::options::{Options, PageInfo};
use crate::platform::events;

/// Where the widget stands with its article.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// Read and ready to show.
    Ready(Rc<Article>),
    /// Could not be read: the message names what is wrong.
    Invalid(String),
    /// On its way: the page script is fetching it.
    Loading,
    /// Could not be fetched: the message says why; the reader may try again.
    Failed(String, Retry),
}

/// The page script's function that fetches the article again; the same function is equal.
#[derive(Clone, Debug)]
pub struct Retry(
    /// Called with no arguments.
    pub js_sys::Function,
);

impl PartialEq for Retry {
    fn eq(&self, other: &Self) -> bool {
        let (mine, theirs): (&wasm_bindgen::JsValue, &wasm_bindgen::JsValue) =
            (self.0.as_ref(), other.0.as_ref());
        mine == theirs
    }
}

/// [`ArticleLoader`]'s properties.
#[derive(Clone, Properties, PartialEq)]
pub struct ArticleLoaderProps {
    /// Where the widget stands with its article.
    pub source: Source,
    /// The embedder's settings.
    #[prop_or_default]
    pub options: Options,
    /// What the page offers, read once at mount.
    #[prop_or_default]
    pub page: PageInfo,
    /// The page's language where the host element sits (its nearest `[lang]`): the widget's
    /// words speak it until the article says otherwise.
    #[prop_or_default]
    pub page_lang: Option<String>,
    /// Where `maqal-ready` and `maqal-error` are dispatched: the host element.
    pub host: Element,
    /// How many slices of a long article's body to draw ([`ArticleView`]'s `slices`).
    #[prop_or(usize::MAX)]
    pub slices: usize,
}

/// The element's root: the article, or that it is on its way, or what went wrong; tells the
/// host page (`maqal-ready`, `maqal-error`).
#[component]
pub fn ArticleLoader(props: &ArticleLoaderProps) -> Html {
    {
        let host = props.host.clone();
        use_effect_with(props.source.clone(), move |source| match source {
            Source::Ready(_) => events::ready(&host),
            Source::Invalid(message) | Source::Failed(message, _) => events::error(&host, message),
            Source::Loading => {}
        });
    }

    // Before the article is read, its language is unknown: the page's own language speaks.
    let strings = i18n::strings(
        props
            .options
            .lang
            .as_deref()
            .or(props.page_lang.as_deref())
            .unwrap_or("ar"),
    );
    let (message, retry) = match &props.source {
        Source::Loading => {
            return html! {
                <div part="loading" role="status" lang={strings.lang}>{ strings.loading }</div>
            }
        }
        Source::Ready(article) => {
            return html! { <ArticleView article={article.clone()} options={props.options.clone()} page={props.page.clone()} slices={props.slices} /> }
        }
        Source::Invalid(message) => (message, None),
        Source::Failed(message, Retry(retry)) => {
            let retry = retry.clone();
            let onclick = move |_| drop(retry.call0(&wasm_bindgen::JsValue::NULL));
            (
                message,
                Some(
                    html! { <button part="retry" type="button" {onclick}>{ strings.retry }</button> },
                ),
            )
        }
    };
    html! {
        <div part="error" role="alert" lang={strings.lang}>
            <strong>{ strings.error_title }</strong>
            <p lang="en" dir="ltr">{ message.clone() }</p>
            { retry }
        </div>
    }
}
