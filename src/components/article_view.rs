//! The article drawn in the browser: its text, and its live share controls.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use yew::prelude::*;

use super::article_text::{body, slice, slice_count};
use super::{article_text, LiveControls, Shareable};
use crate::article::Article;
use crate::i18n;
use crate::options::{Options, PageInfo};
use crate::platform::page;
use crate::share_url;

thread_local! {
    /// The slices of the long article drawn last, and which article that was.
    static DRAWN: RefCell<(Weak<Article>, Vec<Html>)> = const { RefCell::new((Weak::new(), Vec::new())) };
}

/// [`ArticleView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// The article to show.
    pub article: Rc<Article>,
    /// The embedder's settings: UI language, link to share, toast duration, UTM.
    #[prop_or_default]
    pub options: Options,
    /// What the page offers (its canonical link, a share sheet): [`PageInfo::read`], called
    /// once outside rendering. Without it only `options.share_url` and the article's `url` are
    /// shared, and there is no share-sheet button.
    #[prop_or_default]
    pub page: PageInfo,
    /// How many slices of the body to draw: all by default. The element draws a long article
    /// a slice per task (docs/CONTRACT.md §1), raising this, so that no task holds the page long.
    #[prop_or(usize::MAX)]
    pub slices: usize,
}

/// A whole article, right to left or left to right as its language reads, with a share button
/// that copies its link and a toast that says so. Style it with [`STYLESHEET`](crate::STYLESHEET)
/// in the element's shadow root (or the document), inside an element of class `maqal-root`.
#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let ArticleViewProps {
        article,
        options,
        page,
        slices,
    } = props;
    // Rendered again only when its properties change (the share state lives in LiveControls).
    let date = article
        .published
        .as_deref()
        .and_then(|iso| page::format_date(iso, &article.lang))
        .map(AttrValue::from);
    // The first `slices` slices of the body, each keyed, so that the next one is added after
    // those already drawn. A long article's slices are kept as drawn: drawing them again for
    // the next slice copies pointers, not its megabytes of text.
    let len = article.blocks.len();
    let count = slice_count(len).min(*slices);
    let body = DRAWN.with(|drawn| {
        let mut drawn = drawn.borrow_mut();
        if count == 1 || !drawn.0.ptr_eq(&Rc::downgrade(article)) {
            *drawn = (Rc::downgrade(article), Vec::new());
        }
        while drawn.1.len() < count {
            let n = drawn.1.len();
            let key = crate::text::decimal(n as u32).into();
            drawn.1.push(body(article, slice(n, len), Some(key)));
        }
        drawn.1[..count].iter().cloned().collect()
    });
    let footer = share_url::for_article(options, article, page).map(|_| {
        let strings = i18n::strings(options.lang.as_deref().unwrap_or(&article.lang));
        html! {
            <footer part="share" lang={strings.lang} dir={strings.dir()}>
                <LiveControls article={Rc::new(Shareable::of(article))} options={options.clone()} page={page.clone()} />
            </footer>
        }
    });
    html! {
        <article part="article" lang={article.lang.clone()} dir={article.dir.as_str()}>
            { article_text(article, date, body) }
            { for footer }
        </article>
    }
}
