//! `maqal/server` for Node: the renderer of the `maqal` command, built for wasm32, so that a
//! Node server writes the same fragment byte for byte (docs/CONTRACT.md §4).

use wasm_bindgen::prelude::*;

/// The article (a native or JSON-LD object, or its JSON text) as the server-rendered fragment.
/// `options` are the element's attributes in camelCase (`shareUrl`, `lang`, `utmCampaign`,
/// `noUtm`, `toastMs`). Bad article data throws an error that names the field.
#[wasm_bindgen(js_name = renderToString)]
pub async fn render_to_string(article: JsValue, options: JsValue) -> Result<String, JsError> {
    let article = maqal::embed::article_from_js(&article, None).map_err(|e| JsError::new(&e))?;
    let options = maqal::embed::options_from_js(&options);
    Ok(maqal::render_html_async(&article, &options).await)
}

/// The `sha256-` source a page's `style-src` needs for the fragment's `<style>`.
#[wasm_bindgen(js_name = stylesheetHash)]
pub fn stylesheet_hash() -> String {
    maqal::stylesheet_hash()
}
