//! Copying a link: `navigator.clipboard.writeText`, then `execCommand('copy')`, then by hand.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlDocument, HtmlElement, HtmlTextAreaElement};

/// How a copy was made, as `maqal-share`'s `detail.method` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyMethod {
    Clipboard,
    ExecCommand,
    /// Neither worked: the reader is shown the link to copy by hand.
    Manual,
}

impl CopyMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            CopyMethod::Clipboard => "clipboard",
            CopyMethod::ExecCommand => "exec-command",
            CopyMethod::Manual => "manual",
        }
    }
}

/// Copies `text`, then calls `done` with how. Call it from inside a click handler: the Clipboard
/// API is called before anything is awaited, while the click's user activation is fresh.
/// `refocus` gets focus back after the fallback's hidden textarea took it.
pub fn copy_text(
    text: &str,
    refocus: Option<HtmlElement>,
    done: impl FnOnce(CopyMethod) + 'static,
) {
    match write_text(text) {
        Some(promise) => {
            let text = text.to_owned();
            wasm_bindgen_futures::spawn_local(async move {
                let method = match JsFuture::from(promise).await {
                    Ok(_) => CopyMethod::Clipboard,
                    Err(_) => exec_copy(&text, refocus.as_ref()),
                };
                done(method);
            });
        }
        None => done(exec_copy(text, refocus.as_ref())),
    }
}

/// Starts `navigator.clipboard.writeText(text)`; `None` where there is no Clipboard API (plain
/// `http:` pages, older WebKit) or it throws at once.
fn write_text(text: &str) -> Option<Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| c.is_object())?;
    let write: Function = Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let result = write.call1(&clipboard, &JsValue::from_str(text)).ok()?;
    Some(Promise::resolve(&result))
}

/// The older way: select the text in a hidden, read-only textarea in the light DOM and copy it.
fn exec_copy(text: &str, refocus: Option<&HtmlElement>) -> CopyMethod {
    let copied = (|| {
        let document = web_sys::window()?.document()?;
        let body = document.body()?;
        let area: HtmlTextAreaElement =
            document.create_element("textarea").ok()?.dyn_into().ok()?;
        area.set_value(text);
        area.set_read_only(true);
        area.set_attribute("aria-hidden", "true").ok()?;
        let style = area.style();
        for (property, value) in [
            ("position", "fixed"),
            ("inset-block-start", "0"),
            ("opacity", "0"),
            ("font-size", "12pt"),
        ] {
            style.set_property(property, value).ok()?;
        }
        body.append_child(&area).ok()?;
        area.select();
        let ok = document
            .unchecked_ref::<HtmlDocument>()
            .exec_command("copy")
            .unwrap_or(false);
        area.remove();
        Some(ok)
    })()
    .unwrap_or(false);
    if let Some(element) = refocus {
        let _ = element.focus();
    }
    if copied {
        CopyMethod::ExecCommand
    } else {
        CopyMethod::Manual
    }
}
