// Builds the pages of tests/bundlers/ with Vite, webpack, Rollup and esbuild, and React 19, Vue 3
// and Svelte 5 apps with Vite, each importing maqal as a project does once it has installed the package's tarball
// (`make package`). Outputs go to target/bundlers/<name>/ with an index.html, and what each ships
// to target/bundlers/report.json; tests/e2e/bundlers.test.mjs serves and checks them. The types
// are checked too: tsc on react/, where misuse.tsx must fail where it says it does, or the build
// fails.
//
//   node tests/bundlers/build.mjs [name…]    (make bundles builds them all; installs tests/bundlers' tools first)
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { totalOf, weigh } from '../../tools/weigh.mjs';

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, '../..');
const OUT = join(ROOT, 'target/bundlers');
const run = promisify(execFile);

const { version } = JSON.parse(await readFile(join(ROOT, 'pkg/package.json'), 'utf8'));
const tarball = resolve(process.env.MAQAL_TARBALL ?? join(ROOT, `target/maqal-${version}.tgz`));
await stat(tarball).catch(() => {
  throw new Error(`${tarball} is missing: run \`make package\` first`);
});
// The package as a project gets it; --no-save keeps the tools' lock file as committed.
await run('npm', ['install', '--no-save', '--offline', '--no-audit', '--no-fund', tarball], {
  cwd: HERE,
  env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' },
});
const require = createRequire(join(HERE, 'package.json'));
const APP = join(HERE, 'app');

/** The page a non-Vite build is loaded by: app/index.html with its script pointed at `script`. */
async function page(out, script) {
  const html = (await readFile(join(APP, 'index.html'), 'utf8')).replace('<script type="module" src="./main.js">', script);
  await writeFile(join(out, 'index.html'), html);
}

const builds = {
  async vite(out) {
    const { build } = await import('vite');
    await build({ root: APP, configFile: false, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  },

  async react(out) {
    const { build } = await import('vite');
    const { default: react } = await import('@vitejs/plugin-react');
    const root = join(HERE, 'react');
    await build({ root, configFile: false, logLevel: 'warn', plugins: [react()], build: { outDir: out, emptyOutDir: true } });
  },

  async vue(out) {
    const { build } = await import('vite');
    const { default: vue } = await import('@vitejs/plugin-vue');
    const isCustomElement = (tag) => tag === 'maqal-article';
    await build({
      root: join(HERE, 'vue'), configFile: false, logLevel: 'warn',
      plugins: [vue({ template: { compilerOptions: { isCustomElement } } })],
      build: { outDir: out, emptyOutDir: true },
    });
  },

  async svelte(out) {
    const { build } = await import('vite');
    const { svelte } = await import('@sveltejs/vite-plugin-svelte');
    await build({ root: join(HERE, 'svelte'), configFile: false, logLevel: 'warn', plugins: [svelte()], build: { outDir: out, emptyOutDir: true } });
  },

  async webpack(out) {
    const { default: webpack } = await import('webpack');
    const compiler = webpack({
      mode: 'production',
      context: APP,
      entry: './main.js',
      output: { path: out, filename: 'main.js', publicPath: 'auto', clean: true },
    });
    const stats = await new Promise((ok, fail) => compiler.run((error, result) => (error ? fail(error) : ok(result))));
    await new Promise((ok) => compiler.close(ok));
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    await page(out, '<script defer src="./main.js">');
  },

  async rollup(out) {
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    // Rollup leaves new URL('./maqal_bg.wasm', import.meta.url) as it is, so the two builds'
    // wasm go beside the chunks (README, "Rollup").
    const wasmBeside = {
      name: 'maqal-wasm',
      async generateBundle() {
        for (const fileName of ['maqal_bg.wasm', 'maqal_live_bg.wasm']) {
          this.emitFile({ type: 'asset', fileName, source: await readFile(require.resolve(`maqal/${fileName}`)) });
        }
      },
    };
    const bundle = await rollup({ input: join(APP, 'main.js'), plugins: [nodeResolve({ browser: true }), wasmBeside] });
    await rm(out, { recursive: true, force: true });
    await bundle.write({ dir: out, format: 'es', entryFileNames: 'main.js' });
    await bundle.close();
    await page(out, '<script type="module" src="./main.js">');
  },

  async esbuild(out) {
    const esbuild = await import('esbuild');
    await rm(out, { recursive: true, force: true });
    await esbuild.build({
      absWorkingDir: HERE,
      entryPoints: { main: join(APP, 'main-api.js') },
      bundle: true,
      format: 'esm',
      splitting: true,
      minify: true,
      outdir: out,
      loader: { '.wasm': 'file' },
      logLevel: 'warning',
    });
    await page(out, '<script type="module" src="./main.js">');
  },
};

/** Every file under `dir` with its size raw, gzip -9 and brotli -q 11. */
async function weighAll(dir) {
  const files = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.html')) continue;
    const path = join(entry.parentPath, entry.name);
    files.push({ file: relative(dir, path), ...weigh(await readFile(path)) });
  }
  const { raw, gzip, brotli } = totalOf(files);
  return { files, raw, gzip, brotli };
}

// Names given: only those are built, into the report the last full build left.
const only = process.argv.slice(2);
const last = only.length ? await readFile(join(OUT, 'report.json'), 'utf8').then(JSON.parse, () => undefined) : undefined;
const report = { tarball: relative(ROOT, tarball), bundlers: last?.bundlers ?? {} };
await mkdir(OUT, { recursive: true });
for (const [name, build] of Object.entries(builds)) {
  if (only.length && !only.includes(name)) continue;
  const started = performance.now();
  const out = join(OUT, name);
  await build(out);
  report.bundlers[name] = { seconds: +((performance.now() - started) / 1000).toFixed(1), ...(await weighAll(out)) };
  const { raw, brotli, seconds } = report.bundlers[name];
  console.log(`${name.padEnd(8)} ${String(raw).padStart(7)} B raw ${String(brotli).padStart(7)} B brotli, built in ${seconds} s`);
}

// The types: the React app checks, and each @ts-expect-error in misuse.tsx must meet its error.
await run(join(HERE, 'node_modules/.bin/tsc'), ['-p', join(HERE, 'react/tsconfig.json')]).catch((error) => {
  throw new Error(`tsc on tests/bundlers/react failed:\n${error.stdout}${error.stderr}`);
});
report.types = 'checked';
console.log('types    checked (react/main.tsx, react/misuse.tsx)');
await writeFile(join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
