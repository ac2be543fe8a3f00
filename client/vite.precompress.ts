import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats worth compressing; fonts (woff2), images and PDFs are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|woff|ttf|otf)$/i;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/**
 * Writes `<file>.br` and `<file>.gz` next to every compressible file of `dir` (issue 10 item 21):
 * the server sends them as they are (@fastify/static `preCompressed`), so no request pays for
 * compression and brotli can run at its best (slowest) level once, at build time. A copy that is
 * not smaller than the file is not written. Returns the files compressed.
 */
export async function precompressDir(dir: string): Promise<string[]> {
  const done: string[] = [];
  for await (const file of walk(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const raw = await readFile(file);
    if (raw.length < MIN_BYTES) continue;
    const [b, g] = await Promise.all([
      br(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
      gz(raw, { level: 9 }),
    ]);
    if (b.length < raw.length) await writeFile(`${file}.br`, b);
    if (g.length < raw.length) await writeFile(`${file}.gz`, g);
    done.push(file);
  }
  return done;
}

/** Vite plugin: precompresses the build output once the bundle is written. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'samraad-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
