// maqal: importing this module defines <maqal-article>. The API is re-exported for convenience;
// import 'maqal/api' to use it without defining the element.
// The glue is named here too, so the browser fetches it alongside api.js instead of after it.
import './maqal_glue.js';
import { defineElement } from './api.js';

export { init, mount, unmount, defineElement } from './api.js';

defineElement();
