//! The article's live parts: the share controls in its footer, the toast, and each paragraph's
//! share button. The same component whoever drew the article: [`ArticleView`](crate::ArticleView)
//! places it in the footer it draws; on a server-rendered page the element mounts it into the
//! footer the server wrote. Either way it adds to the article and draws nothing of it again.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::{paragraph_button, ParagraphShare};
use crate::article::Article;
use crate::hooks::{use_share, UseShareOptions};
use crate::i18n;
use crate::options::{Options, PageInfo};
use crate::share_url;

/// [`LiveControls`]'s properties.
#[derive(Clone, Properties, PartialEq)]
pub struct LiveControlsProps {
    /// The article the controls share.
    pub article: Rc<Article>,
    /// The embedder's settings: UI language, link to share, toast duration, UTM.
    #[prop_or_default]
    pub options: Options,
    /// What the page offers: [`PageInfo::read`].
    #[prop_or_default]
    pub page: PageInfo,
}

/// The share controls of an article, for its `<footer part="share">`: the copy button, the
/// share sheet button and the menu of share targets; once in the DOM, they add the toast to the
/// `<article>` and a share button to each of its paragraphs. Nothing without a link to share.
#[component]
pub fn LiveControls(props: &LiveControlsProps) -> Html {
    let LiveControlsProps {
        article,
        options,
        page,
    } = props;
    let strings = i18n::strings(options.lang.as_deref().unwrap_or(&article.lang));
    let link = share_url::for_article(options, article, page);
    // The article around the footer, found from the menu's list once it is in the DOM (an
    // effect, not rendering: the same whether the client or the server drew the article).
    let list_ref = use_node_ref();
    let found = use_state_eq(|| None::<Found>);
    {
        let (list_ref, found, article) = (list_ref.clone(), found.clone(), article.clone());
        use_effect_with(article, move |article| {
            found.set(Found::around(&list_ref, article))
        });
    }
    let share = use_share(UseShareOptions {
        link: link.clone().unwrap_or_default(),
        title: article.headline.clone().into(),
        options: options.clone(),
        strings,
        native_share: page.native_share,
        root: found.as_ref().map(|f| f.article.clone()),
        list_ref,
    });
    if link.is_none() {
        return html! {};
    }
    let placed = found.as_ref().map(|found| {
        let paragraph_share = ParagraphShare {
            link: link.clone().unwrap_or_default(),
            label: strings.paragraph_share.into(),
            onshare: share.onshare.clone(),
        };
        html! {
            <>
                { create_portal(share.toast, found.article.clone()) }
                <ParagraphButtons paragraphs={found.paragraphs.clone()} share={paragraph_share} />
            </>
        }
    });
    html! {
        <>
            { share.controls }
            { for placed }
        </>
    }
}

/// The `<article>` and its paragraphs (with their text), as the DOM has them.
#[derive(Clone, PartialEq)]
struct Found {
    article: Element,
    paragraphs: Rc<Vec<(Element, AttrValue)>>,
}

impl Found {
    fn around(list: &NodeRef, article: &Article) -> Option<Found> {
        use wasm_bindgen::JsCast;
        let element = list
            .cast::<Element>()?
            .closest("[part~='article']")
            .ok()??;
        let found = element
            .query_selector_all(":scope > [part~='paragraph']")
            .ok()?;
        let paragraphs = (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
            .zip(
                article
                    .paragraphs()
                    .map(|text| AttrValue::from(text.to_owned())),
            )
            .collect();
        Some(Found {
            article: element,
            paragraphs: Rc::new(paragraphs),
        })
    }
}

#[derive(Properties, PartialEq)]
struct ParagraphButtonsProps {
    paragraphs: Rc<Vec<(Element, AttrValue)>>,
    share: ParagraphShare,
}

/// Each paragraph's button, added to the paragraph. A component of its own so that a toast
/// (which re-renders the controls) leaves a long article's buttons alone.
#[component]
fn ParagraphButtons(props: &ParagraphButtonsProps) -> Html {
    props
        .paragraphs
        .iter()
        .map(|(element, text)| create_portal(paragraph_button(text, &props.share), element.clone()))
        .collect()
}
