// maqal/server: the article as server-rendered HTML, in Node. The same renderer as the `maqal`
// command (the crate in server/, compiled to WebAssembly), so both write the same fragment.
import { readFile } from 'node:fs/promises';
import initWasm, { renderToString as render, stylesheetHash as hash } from './maqal_server.js';

let loading;
function load() {
  // A load that failed (a missing file) is tried again by the next call.
  loading ??= readFile(new URL('./maqal_server_bg.wasm', import.meta.url))
    .then((bytes) => initWasm({ module_or_path: bytes }))
    .catch((error) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/**
 * The article (a native or JSON-LD object, or its JSON text) as a `<maqal-article>` fragment with
 * a declarative shadow root. Bad article data rejects with an error that names the field.
 */
export async function renderToString(article, options = {}) {
  await load();
  return render(article, options ?? {});
}

/** The `'sha256-…'` source a page's `style-src` needs for the fragment's `<style>`. */
export async function stylesheetHash() {
  await load();
  return hash();
}
