//! The article's live parts: the share controls and the toast in its footer, and each
//! paragraph's share button. The same component whoever drew the article: [`ArticleView`](crate::ArticleView)
//! places it in the footer it draws; on a server-rendered page the element mounts it into the
//! footer the server wrote. Either way it adds to the article and draws nothing of it again.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::copy_link;
use crate::article::Article;
use crate::hooks::{use_share, UseShareOptions};
use crate::i18n;
use crate::options::{Options, PageInfo};
use crate::platform::paragraph_buttons;
use crate::share_url;

/// What the live controls share of an article, and all they need of it: a server-rendered
/// page brings them to life from its own DOM and JSON child, without reading the article again
/// (and the live-controls build carries no article reader).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shareable {
    /// The article's own link, shared when the embedder gives none.
    pub url: Option<AttrValue>,
    /// The headline: the title of a shared link.
    pub headline: AttrValue,
    /// The article's language, the controls' own unless the embedder sets one.
    pub lang: AttrValue,
    /// How many paragraphs the article has once fully drawn: each gets a share button.
    pub paragraphs: usize,
}

impl Shareable {
    /// What the controls share of `article`.
    pub fn of(article: &Article) -> Shareable {
        Shareable {
            url: article.url.clone().map(Into::into),
            headline: article.headline.clone().into(),
            lang: article.lang.clone().into(),
            paragraphs: article.paragraphs().count(),
        }
    }
}

/// [`LiveControls`]'s properties.
#[derive(Clone, Properties, PartialEq)]
pub struct LiveControlsProps {
    /// What the controls share of the article: [`Shareable::of`].
    pub article: Rc<Shareable>,
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
/// share sheet button, the menu of share targets and the toast; once in the DOM, they add a
/// share button to each of the article's paragraphs. Nothing without a link to share.
#[component]
pub fn LiveControls(props: &LiveControlsProps) -> Html {
    let LiveControlsProps {
        article,
        options,
        page,
        onready,
    } = props;
    let strings = i18n::strings(options.lang.as_deref().unwrap_or(&article.lang));
    let link = share_url::for_link(options, article.url.as_deref(), page);
    // The article around the footer, found from the menu's list once it is in the DOM (an
    // effect, not rendering: the same whether the client or the server drew the article).
    let list_ref = use_node_ref();
    let found = use_state_eq(|| None::<Found>);
    {
        let (list_ref, found, onready) = (list_ref.clone(), found.clone(), onready.clone());
        // Found again for another article (its paragraphs are other elements), and once a link
        // arrives: without one the controls, and the list to start from, are not drawn.
        use_effect_with((article.clone(), link.is_some()), move |(article, _)| {
            found.set(Found::around(&list_ref, article));
            // The controls are in the DOM and work; the toast and paragraph buttons follow.
            onready.emit(());
        });
    }
    let share = use_share(UseShareOptions {
        link: link.clone().unwrap_or_default(),
        title: article.headline.clone(),
        options: options.clone(),
        strings,
        native_share: page.native_share,
        root: found.as_ref().map(|f| f.article.clone()),
        list_ref,
    });
    // Each paragraph's button, added to the paragraph in the DOM once it is found, and taken
    // out with these controls.
    {
        let label = strings.paragraph_share;
        use_effect_with(
            ((*found).clone(), link.clone(), share.onshare.clone()),
            move |(found, link, onshare)| {
                let added = found.as_ref().zip(link.clone()).map(|(found, link)| {
                    let onshare = onshare.clone();
                    paragraph_buttons::add(
                        &found.article,
                        found.paragraphs,
                        label,
                        move |text, button| {
                            let url = share_url::with_text_fragment(&link, &text);
                            copy_link(&url, Some(button), onshare.clone());
                        },
                    )
                });
                move || drop(added)
            },
        );
    }
    if link.is_none() {
        return html! {};
    }
    // The toast lives in the footer: fixed to the viewport, it shows the same wherever it sits.
    html! {
        <>
            { share.controls }
            { share.toast }
        </>
    }
}

/// The `<article>` in the DOM, and how many paragraphs it has once fully drawn.
#[derive(Clone, PartialEq)]
struct Found {
    article: Element,
    paragraphs: usize,
}

impl Found {
    fn around(list: &NodeRef, article: &Shareable) -> Option<Found> {
        let element = list
            .cast::<Element>()?
            .closest("[part~='article']")
            .ok()??;
        Some(Found {
            article: element,
            paragraphs: article.paragraphs,
        })
    }
}
