//! The embedded widget's root: gets the article from where the embedder said, then shows it or
//! says what went wrong, and tells the host page (`maqal-ready`, `maqal-error`).

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::ArticleView;
use crate::article::{Article, Block};
use crate::i18n;
use crate::options::{Options, PageInfo};
use crate::platform::{events, page};

/// Where the article comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// Already read (inline JSON, or an object handed to `mount`).
    Ready(Rc<Article>),
    /// Could not be read: the message names what is wrong.
    Invalid(String),
    /// Fetched from this URL (native JSON or JSON-LD), or read from a fetch of it that the
    /// page's script already started while the wasm loaded.
    Fetch(String, Option<StartedFetch>),
}

/// A `fetch()` of the article that the page's script started early; the same fetch is equal.
#[derive(Clone, Debug)]
pub struct StartedFetch(
    /// The `fetch()` promise.
    pub js_sys::Promise,
);

impl PartialEq for StartedFetch {
    fn eq(&self, other: &Self) -> bool {
        let (mine, theirs): (&wasm_bindgen::JsValue, &wasm_bindgen::JsValue) =
            (self.0.as_ref(), other.0.as_ref());
        mine == theirs
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Loaded {
    Loading,
    Ready(Rc<Article>),
    Failed(String),
}

/// [`ArticleLoader`]'s properties.
#[derive(Clone, Properties, PartialEq)]
pub struct ArticleLoaderProps {
    /// Where the article comes from.
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
}

/// The element's root: gets the article from where the embedder said, then shows it or says
/// what went wrong, and tells the host page (`maqal-ready`, `maqal-error`).
#[component]
pub fn ArticleLoader(props: &ArticleLoaderProps) -> Html {
    let loaded = use_state_eq(|| match &props.source {
        Source::Ready(article) => Loaded::Ready(article.clone()),
        Source::Invalid(message) => Loaded::Failed(message.clone()),
        Source::Fetch(..) => Loaded::Loading,
    });

    {
        let loaded = loaded.clone();
        use_effect_with(props.source.clone(), move |source| {
            if let Source::Fetch(url, started) = source.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    loaded.set(match fetch_article(&url, started).await {
                        Ok(article) => Loaded::Ready(Rc::new(article)),
                        Err(message) => Loaded::Failed(message),
                    });
                });
            }
        });
    }
    {
        let host = props.host.clone();
        use_effect_with((*loaded).clone(), move |loaded| match loaded {
            Loaded::Ready(_) => events::ready(&host),
            Loaded::Failed(message) => events::error(&host, message),
            Loaded::Loading => {}
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
    match &*loaded {
        Loaded::Loading => html! {
            <div part="loading" role="status" lang={strings.lang}>{ strings.loading }</div>
        },
        Loaded::Ready(article) => {
            html! { <ArticleView article={article.clone()} options={props.options.clone()} page={props.page.clone()} /> }
        }
        Loaded::Failed(message) => html! {
            <div part="error" role="alert" lang={strings.lang}>
                <strong>{ strings.error_title }</strong>
                <p lang="en" dir="ltr">{ message.clone() }</p>
            </div>
        },
    }
}

/// Fetches and reads an article; relative image URLs resolve against the document's own URL.
async fn fetch_article(url: &str, started: Option<StartedFetch>) -> Result<Article, String> {
    let (text, final_url) = page::fetch_text(url, started.map(|s| s.0)).await?;
    let mut article =
        Article::from_json_text(&text).map_err(|e| [url, ": ", &e.message()].concat())?;
    for block in &mut article.blocks {
        if let Block::Figure(figure) = block {
            if let Some(absolute) = page::resolve_against(&figure.src, &final_url) {
                figure.src = absolute;
            }
            for candidate in &mut figure.srcset {
                if let Some(absolute) = page::resolve_against(&candidate.src, &final_url) {
                    candidate.src = absolute;
                }
            }
        }
    }
    Ok(article)
}
