// Gives wasm-bindgen's JavaScript glue the short import, export and module names that
// `wasm-opt --minify-imports-and-exports-and-modules` gave the wasm (see `make pkg`).
//
// wasm-bindgen names each import after what it calls plus a 16-digit hash
// (`__wbg_removeChild_d2dc6fc1d6db896b`), and each closure shim after its full Rust type. The
// names are spelled out twice, in the wasm and in the glue, and the hashes do not compress:
// about 2 KB of brotli that no reader needs. Only the glue speaks to the wasm by these names, so
// renaming both together changes nothing else.
//
// usage: node tools/short-names.mjs MAP WASM GLUE_IN GLUE_OUT
//   MAP: what wasm-opt printed; WASM: the renamed wasm (for its one module name).
// Fails, naming the name, if the glue does not hold each old name where it is expected: a new
// wasm-bindgen that writes its glue differently stops the build rather than ship a broken one.

import { readFileSync, writeFileSync } from 'node:fs';

const [mapFile, wasmFile, glueIn, glueOut] = process.argv.slice(2);
const map = JSON.parse(readFileSync(mapFile, 'utf8'));
const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile))).map((i) => i.module));
if (modules.size !== 1) throw new Error(`expected one import module in ${wasmFile}, found ${[...modules].join(', ')}`);
const [module] = modules;

let glue = readFileSync(glueIn, 'utf8');
const replace = (pattern, to, what, { atLeast = 1 } = {}) => {
  let count = 0;
  glue = glue.replace(pattern, () => {
    count += 1;
    return to;
  });
  if (count < atLeast) throw new Error(`${glueIn}: ${what} not found`);
};
const escape = (name) => name.replace(/[$]/g, '\\$');

// The import object: `"./maqal_bg.js": import0`, whose keys are the import names.
const oldModules = new Set(map.imports.map(([from]) => from));
for (const from of oldModules) replace(new RegExp(`${JSON.stringify(from)}(?=: import\\d+,)`, 'g'), JSON.stringify(module), `the import module ${from}`);
for (const [, name, to] of map.imports) {
  replace(new RegExp(`(?<=\\n {8})${escape(name)}(?=: function\\()`, 'g'), JSON.stringify(to), `the import ${name}`);
}
// The exports, read as `wasm.name`; some (the abort handler) the glue never reads.
for (const [name, to] of map.exports) {
  replace(new RegExp(`\\bwasm\\.${escape(name)}\\b`, 'g'), `wasm[${JSON.stringify(to)}]`, `the export ${name}`, { atLeast: 0 });
}
for (const [, name] of map.imports) {
  if (glue.includes(name)) throw new Error(`${glueIn}: the import ${name} is still named somewhere`);
}
writeFileSync(glueOut, glue);
