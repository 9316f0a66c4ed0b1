//! The system share sheet (`navigator.share`), where the browser has one.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Whether this browser has a native share sheet (`navigator.share`).
pub fn can_share() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"share".into()).ok())
        .is_some_and(|f| f.is_function())
}

/// How a native share ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareSheet {
    Shared,
    Cancelled,
    Failed,
}

/// Opens the native share sheet with `title` and `url`; call it from inside a click handler.
pub fn share(title: &str, url: &str, done: impl FnOnce(ShareSheet) + 'static) {
    let started = (|| {
        let navigator = web_sys::window()?.navigator();
        let share: Function = Reflect::get(&navigator, &"share".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let data = js_sys::Object::new();
        Reflect::set(&data, &"title".into(), &title.into()).ok()?;
        Reflect::set(&data, &"url".into(), &url.into()).ok()?;
        share
            .call1(&navigator, &data)
            .ok()
            .map(|p| Promise::resolve(&p))
    })();
    let Some(promise) = started else {
        return done(ShareSheet::Failed);
    };
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match JsFuture::from(promise).await {
            Ok(_) => ShareSheet::Shared,
            Err(e)
                if Reflect::get(&e, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .as_deref()
                    == Some("AbortError") =>
            {
                ShareSheet::Cancelled
            }
            Err(_) => ShareSheet::Failed,
        };
        done(outcome);
    });
}
