/*
 * Copyright 2026 The Cloud Deployments for Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/*
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9)
 * beside each compressible file of the built app's `static/` folder, so the
 * backend can send them as they are instead of compressing every response
 * (packages/backend/src/modules/precompressedAssets). The Backstage CLI's
 * bundler config takes no extra plugins, hence a step after
 * `backstage-cli package build`.
 *
 * Left out: source maps (browsers fetch them only with devtools open), files
 * under 1 KiB (not worth a header), variants that would not be smaller, and,
 * in a build without `index.html.tmpl` (where the app backend injects the
 * frontend config into the HTML), the chunk it rewrites at startup to inject
 * the config instead (its compressed copies would be stale at once).
 */

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Extensions worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|json|svg|txt|xml|ico|webmanifest)$/;
const MIN_BYTES = 1024;
/** The placeholder the app backend replaces with the config at startup. */
const CONFIG_PLACEHOLDER = '__APP_INJECTED_RUNTIME_CONFIG__';

export type PrecompressResult = {
  file: string;
  bytes: number;
  brBytes?: number;
  gzBytes?: number;
  skipped?: 'config';
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(entry => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(path);
      return Promise.resolve(entry.isFile() ? [path] : []);
    }),
  );
  return nested.flat();
}

async function writeIfSmaller(path: string, data: Buffer, original: number) {
  if (data.length >= original) {
    await fs.rm(path, { force: true });
    return undefined;
  }
  await fs.writeFile(path, data);
  return data.length;
}

/**
 * Compresses the compressible files under `staticDir` (brotli and gzip,
 * side by side), replacing variants left by an earlier run.
 */
export async function precompressAssets(
  staticDir: string,
): Promise<PrecompressResult[]> {
  const configInHtml = await fs
    .stat(join(staticDir, '..', 'index.html.tmpl'))
    .then(
      () => true,
      () => false,
    );
  const files = (await filesUnder(staticDir)).filter(
    f => COMPRESSIBLE.test(f) && !f.endsWith('.map'),
  );
  // zlib's async calls run on libuv's thread pool, so this uses every core.
  return Promise.all(
    files.map(async (path): Promise<PrecompressResult | undefined> => {
      const content = await fs.readFile(path);
      const file = relative(staticDir, path);
      if (content.length < MIN_BYTES) return undefined;
      if (!configInHtml && content.includes(CONFIG_PLACEHOLDER)) {
        await fs.rm(`${path}.br`, { force: true });
        await fs.rm(`${path}.gz`, { force: true });
        return { file, bytes: content.length, skipped: 'config' };
      }
      const [br, gz] = await Promise.all([
        brotli(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }),
        gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      return {
        file,
        bytes: content.length,
        brBytes: await writeIfSmaller(`${path}.br`, br, content.length),
        gzBytes: await writeIfSmaller(`${path}.gz`, gz, content.length),
      };
    }),
  ).then(results =>
    results.filter((r): r is PrecompressResult => r !== undefined),
  );
}

/** A digest of a build's compressed variants, for logs. */
export function describe(results: PrecompressResult[]) {
  const sum = (pick: (r: PrecompressResult) => number | undefined) =>
    results.reduce((s, r) => s + (pick(r) ?? 0), 0);
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const compressed = results.filter(r => !r.skipped);
  const skipped = results.filter(r => r.skipped).map(r => r.file);
  return `precompressed ${compressed.length} files: ${kib(
    sum(r => (r.skipped ? 0 : r.bytes)),
  )} → ${kib(sum(r => r.brBytes))} brotli, ${kib(sum(r => r.gzBytes))} gzip${
    skipped.length
      ? `; left to the backend (config): ${skipped.join(', ')}`
      : ''
  }`;
}

if (require.main === module) {
  const staticDir = join(__dirname, '..', 'dist', 'static');
  const start = Date.now();
  precompressAssets(staticDir).then(
    results => {
      // eslint-disable-next-line no-console
      console.log(`${describe(results)} in ${Date.now() - start} ms`);
    },
    error => {
      // eslint-disable-next-line no-console
      console.error(error);
      process.exit(1);
    },
  );
}
