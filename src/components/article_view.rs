//! The article: kicker, headline, standfirst, meta, body blocks, share controls and toast.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::{Figure, NativeShare, Paragraph, ShareButton, ShareMenu, Shared, Toast};
use crate::article::{Article, Block};
use crate::hooks::use_dismiss;
use crate::i18n;
use crate::options::Options;
use crate::platform::{events, page, share_sheet};
use crate::share_url;
use crate::state::{ToastAction, ToastState};

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
    #[prop_or_default]
    pub options: Options,
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let options = &props.options;
    let strings = i18n::strings(options.lang.as_deref().unwrap_or(&article.lang));
    let toast = use_reducer(ToastState::default);
    let menu_open = use_state_eq(|| false);
    let root = use_node_ref();
    let link = use_memo(
        (options.share_url.clone(), article.url.clone()),
        |(share_url, article_url)| {
            let [canonical, og_url, location] = page::link_candidates();
            share_url::canonical(
                [share_url, article_url, &canonical, &og_url, &location].map(|c| c.as_deref()),
            )
            .map(AttrValue::from)
        },
    );
    let can_share = use_memo((), |_| share_sheet::can_share());

    // Callbacks that stay equal from render to render, so a toast or menu change re-renders the
    // toast or menu, not every paragraph and figure.
    let dispatcher = toast.dispatcher();
    let onshare = use_callback(
        (dispatcher.clone(), root.clone()),
        |shared: Shared, (toast, root)| {
            if let Some(notice) = shared.notice {
                toast.dispatch(ToastAction::Show(notice));
            }
            if let Some(element) = root.get() {
                events::share(&element, &shared.detail);
            }
        },
    );
    let ontoggle = use_callback(menu_open.setter(), |open: bool, set_open| {
        set_open.set(open)
    });
    // The toast re-renders with every change of its state anyway: plain callbacks will do.
    let toast_action = |action: fn(bool) -> ToastAction| {
        let toast = dispatcher.clone();
        Callback::from(move |on: bool| toast.dispatch(action(on)))
    };
    let (onhover, onfocus) = (
        toast_action(ToastAction::Hover),
        toast_action(ToastAction::Focus),
    );
    let ondismiss = {
        let toast = dispatcher.clone();
        Callback::from(move |()| toast.dispatch(ToastAction::Dismiss))
    };

    // Escape closes the toast and the menu; a click outside the widget closes the menu.
    let onescape = {
        let (toast, set_menu, root) = (dispatcher.clone(), menu_open.setter(), root.clone());
        Callback::from(move |()| {
            return_focus(&root);
            toast.dispatch(ToastAction::Dismiss);
            set_menu.set(false);
        })
    };
    let onoutside = ontoggle.reform(|()| false);
    use_dismiss(
        root.clone(),
        toast.notice.is_some() || *menu_open,
        *menu_open,
        onescape,
        onoutside,
    );

    let paragraph_label = AttrValue::from(strings.paragraph_share);
    let blocks = article.blocks.iter().map(|block| match block {
        Block::Paragraph { text } => html! {
            <Paragraph text={text.clone()} link={(*link).clone()} label={paragraph_label.clone()} onshare={onshare.clone()} />
        },
        Block::Heading { text } => html! { <h2 part="heading">{ text.clone() }</h2> },
        Block::Quote { text, cite } => html! {
            <blockquote part="quote">
                <p>{ text.clone() }</p>
                if let Some(cite) = cite { <cite>{ cite.clone() }</cite> }
            </blockquote>
        },
        Block::Figure(figure) => html! { <Figure figure={figure.clone()} /> },
    });

    let meta = (article.published.is_some() || article.byline.is_some()).then(|| {
        let time = article.published.as_ref().map(|iso| {
            let shown = page::format_date(iso, &article.lang).unwrap_or_else(|| iso.clone());
            html! { <time datetime={iso.clone()}>{ shown }</time> }
        });
        let separator = (article.published.is_some() && article.byline.is_some()).then_some(" · ");
        html! { <p part="meta">{ for time }{ for separator }{ for article.byline.clone() }</p> }
    });

    let footer = (*link).clone().map(|url| {
        let title = AttrValue::from(article.headline.clone());
        html! {
            <footer part="share" lang={strings.lang} dir={crate::Direction::for_lang(strings.lang).as_str()}>
                <ShareButton url={url.clone()} label={strings.copy_link} onshare={onshare.clone()} />
                if *can_share {
                    <NativeShare url={url.clone()} title={title.clone()} label={strings.native_share} onshare={onshare.clone()} />
                }
                <ShareMenu {url} {title} options={options.clone()} label={strings.share_menu} target_names={strings.targets}
                    open={*menu_open} {ontoggle} onshare={onshare.clone()} />
            </footer>
        }
    });

    html! {
        <article part="article" lang={article.lang.clone()} dir={article.dir.as_str()} ref={root}>
            <header>
                if let Some(kicker) = &article.kicker { <strong part="kicker">{ kicker.clone() }</strong> }
                <h1 part="headline">{ article.headline.clone() }</h1>
                if let Some(standfirst) = &article.standfirst { <p part="standfirst">{ standfirst.clone() }</p> }
                { for meta }
            </header>
            { for blocks }
            { for footer }
            <Toast notice={toast.notice.clone()} serial={toast.serial} held={toast.held()} duration_ms={options.toast_ms}
                {strings} {ondismiss} {onhover} {onfocus} />
        </article>
    }
}

/// Focus inside what Escape closes goes back to the button that opened it, not to the page: from
/// the toast's link field to the share button, from a share target to the menu button.
fn return_focus(root: &NodeRef) {
    let find = |selector: &str| {
        root.cast::<Element>()
            .and_then(|r| r.query_selector(selector).ok().flatten())
    };
    let to = if find("[part~='toast'] :focus").is_some() {
        "[part~='share-button']"
    } else if find("[part~='share-menu'] :focus").is_some() {
        "[part~='share-menu-button']"
    } else {
        return;
    };
    if let Some(button) = find(to).and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
        let _ = button.focus();
    }
}
