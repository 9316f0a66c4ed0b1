// Worker thread of bench/run.mjs: maqal/server's renderToString (pkg/server/index.js) and the
// plain-JS string template (bench/string-template.mjs) rendering the same article in a loop, in
// alternated time-boxed rounds, in this one Node process. A worker so that the bench can stop a
// renderer that never returns (terminate() ends even a busy loop inside wasm).
//
// workerData: { article, options, stylesheet, roundMs, rounds, node } (node: false = the template only)
// Messages: { type: 'output', who, html } after each renderer's first call (its warm-up), then
// { type: 'done', template: [{ n, ms }], node: [{ n, ms }] } or { type: 'error', who, message }.
import { parentPort, workerData } from 'node:worker_threads';
import { renderArticle } from './string-template.mjs';

const { article, options, stylesheet, roundMs, rounds, node } = workerData;
const post = (message) => parentPort.postMessage(message);

const template = { who: 'template', render: () => renderArticle(article, { ...options, stylesheet }) };
post({ type: 'output', who: 'template', html: template.render() });

const renderers = [template];
if (node) {
  let renderToString;
  try {
    ({ renderToString } = await import('../pkg/server/index.js'));
    post({ type: 'output', who: 'node', html: await renderToString(article, options) }); // warm-up: loads and compiles the wasm
  } catch (error) {
    post({ type: 'error', who: 'node', message: String(error?.message ?? error).split('\n')[0] });
    renderToString = null;
  }
  if (renderToString) renderers.push({ who: 'node', async: true, render: () => renderToString(article, options) });
}

// A few hundred calls first, so that the template is measured optimised, as the wasm is.
for (let i = 0; i < 300; i++) template.render();

/** Calls `render` until `ms` have passed; checks the clock every 10 calls. */
async function round({ render, async }, ms) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < 10; i++) {
      if (async) await render();
      else render();
    }
    n += 10;
    t = performance.now();
  }
  return { n, ms: t - t0 };
}

const results = { template: [], node: [] };
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? renderers : [...renderers].reverse();
  for (const renderer of order) results[renderer.who].push(await round(renderer, roundMs));
}
post({ type: 'done', ...results });
