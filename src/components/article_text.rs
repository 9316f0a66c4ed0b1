//! What the article says: kicker, headline, standfirst, meta and the body's blocks. The same
//! markup whoever draws it (the client, or the server renderer); it touches no browser API.

use std::rc::Rc;

use yew::prelude::*;

use super::figure;
use crate::article::{Article, Block};

/// The blocks before the lead figure that still leave it within the first screen.
const LEAD_WITHIN: usize = 2;

/// The blocks of a long article's first slice: more than a first screen holds.
pub(crate) const FIRST: usize = 40;
/// The blocks of each later slice.
pub(crate) const SLICE: usize = 200;

/// The blocks of slice `n` of a body of `len` blocks: the client draws a long article a slice
/// per task, so that no task holds the page long (docs/CONTRACT.md §1).
pub(crate) fn slice(n: usize, len: usize) -> std::ops::Range<usize> {
    let start = if n == 0 { 0 } else { FIRST + SLICE * (n - 1) };
    start.min(len)..(FIRST + SLICE * n).min(len)
}

/// How many slices a body of `len` blocks is drawn in.
pub fn slice_count(len: usize) -> usize {
    1 + len.saturating_sub(FIRST).div_ceil(SLICE)
}

/// The body's blocks in `range`, as a list with `key`.
pub(crate) fn body(
    article: &Article,
    range: std::ops::Range<usize>,
    key: Option<yew::virtual_dom::Key>,
) -> Html {
    // The lead picture is usually the page's largest paint: it loads first, the rest lazily.
    let lead = article
        .blocks
        .iter()
        .take(LEAD_WITHIN)
        .position(|b| matches!(b, Block::Figure(_)));
    let blocks = article.blocks[range.clone()]
        .iter()
        .zip(range)
        .map(|(block, i)| match block {
            Block::Paragraph { text } => html! { <p part="paragraph">{ text.clone() }</p> },
            Block::Heading { text } => html! { <h2 part="heading">{ text.clone() }</h2> },
            Block::Quote { text, cite } => html! {
                <blockquote part="quote">
                    <p>{ text.clone() }</p>
                    if let Some(cite) = cite { <cite>{ cite.clone() }</cite> }
                </blockquote>
            },
            Block::Figure(f) => figure(f, lead == Some(i)),
        })
        .collect();
    Html::VList(Rc::new(yew::virtual_dom::VList::with_children(blocks, key)))
}

/// The article's text: header, then `body` (its blocks, all at once or in slices); `date` is the
/// publication date as the reader's language writes it. The paragraphs' share buttons are not
/// here: [`LiveControls`](crate::LiveControls) adds them once they can copy. A function, not a
/// component: it keeps no state, and each component type costs the widget's wasm its own code.
pub fn article_text(article: &Article, date: Option<AttrValue>, body: Html) -> Html {
    let meta = (article.published.is_some() || article.byline.is_some()).then(|| {
        let time = article.published.as_ref().map(|iso| {
            let shown = date.clone().unwrap_or_else(|| iso.clone().into());
            html! { <time datetime={iso.clone()}>{ shown }</time> }
        });
        let separator = (article.published.is_some() && article.byline.is_some()).then_some(" · ");
        html! { <p part="meta">{ for time }{ for separator }{ for article.byline.clone() }</p> }
    });

    html! {
        <>
            <header>
                if let Some(kicker) = &article.kicker { <strong part="kicker">{ kicker.clone() }</strong> }
                <h1 part="headline">{ article.headline.clone() }</h1>
                if let Some(standfirst) = &article.standfirst { <p part="standfirst">{ standfirst.clone() }</p> }
                { for meta }
            </header>
            { body }
        </>
    }
}
