import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * The browser build's scripts and styles never change after a build (their names carry a hash),
 * so they are compressed once, as hard as brotli and gzip go, and served as they are
 * (express-static-gzip picks `.br` or `.gz` from Accept-Encoding). Compressing them per request
 * would cost CPU on every page and give smaller savings at the fast levels that allows.
 */
const COMPRESSIBLE = /\.(js|css|svg|json|map|txt)$/;
/** Below this, the headers of an encoded response outweigh what compressing saves. */
const MIN_BYTES = 1024;

export function precompressAssets(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) {
      count += precompressAssets(file);
      continue;
    }
    if (!COMPRESSIBLE.test(entry)) continue;
    const content = readFileSync(file);
    if (content.length < MIN_BYTES) continue;
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
    count += 1;
  }
  return count;
}

// `tsx server/precompress.ts` after `remix build`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const count = precompressAssets(path.join(root, "public/build"));
  console.log(`precompressed ${count} build assets (brotli and gzip)`);
}
