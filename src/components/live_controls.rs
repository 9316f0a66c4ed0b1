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
    /// Called once the controls are in the DOM and work (again if the article changes).
    #[prop_or_default]
    pub onready: Callback<()>,
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
        onready,
    } = props;
    let strings = i18n::strings(options.lang.as_deref().unwrap_or(&article.lang));
    let link = share_url::for_article(options, article, page);
    // The article around the footer, found from the menu's list once it is in the DOM (an
    // effect, not rendering: the same whether the client or the server drew the article).
    let list_ref = use_node_ref();
    let found = use_state_eq(|| None::<Found>);
    {
        let (list_ref, found, onready) = (list_ref.clone(), found.clone(), onready.clone());
        use_effect_with(article.clone(), move |article| {
            found.set(Found::around(&list_ref, article));
            // The controls are in the DOM and work; the toast and paragraph buttons follow.
            onready.emit(());
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
    // Each paragraph's button, built again only when the paragraphs or the link change: a toast
    // (which re-renders these controls) reuses them as they are, however long the article.
    let buttons = use_memo(
        ((*found).clone(), link.clone(), share.onshare.clone()),
        |(found, link, onshare)| {
            let (Some(found), Some(link)) = (found, link) else {
                return Html::default();
            };
            let share = ParagraphShare {
                link: link.clone(),
                label: strings.paragraph_share.into(),
                onshare: onshare.clone(),
            };
            found
                .paragraphs
                .iter()
                .map(|(element, text)| {
                    create_portal(paragraph_button(text, &share), element.clone())
                })
                .collect()
        },
    );
    if link.is_none() {
        return html! {};
    }
    let toast = found
        .as_ref()
        .map(|found| create_portal(share.toast, found.article.clone()));
    // The same shape on every render (an empty toast slot, not a missing one): Yew rebuilds a
    // list whose shape changes, and the controls would be drawn twice.
    html! {
        <>
            { share.controls }
            { toast.unwrap_or_default() }
            { (*buttons).clone() }
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
