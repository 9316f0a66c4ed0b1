// What a file costs a reader in bytes: raw, gzip -9 and brotli -q 11, the measures of the size
// budget (docs/CONTRACT.md §5). Shared by tests/size.mjs, `make bench` and tests/bundlers/.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** `bytes` raw, gzipped and brotli-compressed. */
export function weigh(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The sum of `rows` (each `{ raw, gzip, brotli }`), as a row named `total`. */
export function totalOf(rows) {
  return rows.reduce((t, r) => ({ name: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { name: 'total', raw: 0, gzip: 0, brotli: 0 });
}
