// The end-to-end suite in the engine MAQAL_ENGINE names (what `make test-e2e-<engine>` runs): each
// tests/e2e/*.test.mjs file (or each file named on the command line) in its own `node --test`, one
// after another, then the counts of all of them.
//
// WebKitGTK's web process now and then dies of a segfault inside JavaScriptCore, on any page
// (README, "Development"); MiniBrowser then prints "WebProcess CRASHED" and the file's tests fail
// with it. A file that fails in WebKit with that line in its output runs once more, and its second
// result is the one that counts; the crash is reported either way. No other failure is retried.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';

const ENGINE = process.env.MAQAL_ENGINE ?? 'chromium';
const CRASH = 'WebProcess CRASHED';

// A CI timeout that stops this runner stops the file it is running too.
let current = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    current?.kill(signal);
    process.exit(1);
  });
}

/** Runs one file, its output passed through as it comes; resolves to its exit code and whether the web process crashed. */
function run(file) {
  return new Promise((resolve) => {
    // TAP, whatever Node's default reporter: the counts below are read from its summary.
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', '--test-concurrency=1', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let crashed = false;
    const tails = new Map();
    const watch = (out) => (chunk) => {
      out.write(chunk);
      // A line can arrive in two chunks: keep the end of the last one.
      const text = (tails.get(out) ?? '') + chunk.toString('utf8');
      crashed ||= text.includes(CRASH);
      tails.set(out, text.slice(-4096));
    };
    child.stdout.on('data', watch(process.stdout));
    child.stderr.on('data', watch(process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? signal, crashed, summary: tails.get(process.stdout) ?? '' }));
  });
}

const dir = import.meta.dirname;
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : (await readdir(dir)).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(dir, f));
const failed = [];
const crashes = [];
const counts = { pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
const times = [];
for (const file of files) {
  const name = basename(file);
  const start = Date.now();
  let result = await run(file);
  if (result.crashed) crashes.push(name);
  if (result.code !== 0 && result.crashed && ENGINE === 'webkit') {
    console.log(`\n# ${name}: WebKit's web process crashed (${CRASH}) and the file failed; running it once more\n`);
    result = await run(file);
  }
  if (result.code !== 0) failed.push(name);
  times.push(`${name} ${((Date.now() - start) / 1000).toFixed(0)} s`);
  // node:test ends its report with "# pass N", "# fail N", … for the file.
  if (!/^# pass \d+$/m.test(result.summary)) console.log(`# ${name}: no counts in its report`);
  for (const key of Object.keys(counts)) {
    counts[key] += Number(result.summary.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  }
}
const tally = Object.entries(counts).map(([key, n]) => `${n} ${key}`).join(', ');
console.log(`\n# ${ENGINE}: ${times.join(', ')}`);
console.log(`# ${ENGINE}: ${files.length - failed.length} of ${files.length} files passed; tests: ${tally}`);
if (crashes.length) console.log(`# ${ENGINE}: the web process crashed during ${crashes.join(', ')}`);
if (failed.length) {
  console.log(`# ${ENGINE}: failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
