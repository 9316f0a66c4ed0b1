import type { MountOptions } from '../maqal.js';

/** The article (a native or JSON-LD object, or its JSON text) as a server-rendered `<maqal-article>` fragment. */
export function renderToString(article: object | string, options?: MountOptions): Promise<string>;

/** The `'sha256-…'` source a page's `style-src` needs for the fragment's `<style>`. */
export function stylesheetHash(): Promise<string>;
