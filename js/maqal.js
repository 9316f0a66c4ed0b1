// maqal: importing this module defines <maqal-article>. The API is re-exported for convenience;
// import 'maqal/api' to use it without defining the element.
import { defineElement } from './api.js';

export { init, mount, unmount, defineElement } from './api.js';

defineElement();
