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
import { LoggerService } from '@backstage/backend-plugin-api';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { promises as fs } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import {
  negotiateEncoding,
  PRECOMPRESSED_ENCODINGS,
  PrecompressedEncoding,
} from './negotiateEncoding';

/**
 * A year, and never revalidated: a hashed file's content never changes under
 * its name, so a browser need not ask again (the app backend's own is 14 days).
 */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const SUFFIX: Record<PrecompressedEncoding, string> = {
  br: '.br',
  gzip: '.gz',
};

/**
 * A file whose name carries its content hash, as the Backstage CLI names its
 * output under static/: `main.1a2b3c4d.js`, `123.1a2b3c4d.chunk.js`,
 * `module-material-ui.1a2b3c4d.js`, `logo.1a2b3c4d.svg`.
 */
const HASHED_NAME = /\.[0-9a-f]{8,}(\.chunk)?\.[a-z0-9]+$/i;

type Variants = Partial<Record<PrecompressedEncoding, string>>;

/**
 * The hashed files under `staticDir` with compressed variants at least as new
 * as themselves, keyed by their URL path (`/main.1a2b3c4d.js`). A file
 * rewritten after its variants were made (the chunk the app backend injects
 * the config into at startup, in a build that compressed it) has none.
 */
async function findVariants(staticDir: string): Promise<Map<string, Variants>> {
  const index = new Map<string, Variants>();
  async function walk(dir: string) {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
        continue;
      }
      if (!entry.isFile() || !HASHED_NAME.test(entry.name)) continue;
      const { mtimeMs } = await fs.stat(path);
      const variants: Variants = {};
      for (const encoding of PRECOMPRESSED_ENCODINGS) {
        const variant = `${path}${SUFFIX[encoding]}`;
        const stat = await fs.stat(variant).catch(() => undefined);
        if (stat?.isFile() && stat.mtimeMs >= mtimeMs) {
          variants[encoding] = variant;
        }
      }
      if (Object.keys(variants).length) {
        index.set(
          `/${relative(staticDir, path).split(sep).join('/')}`,
          variants,
        );
      }
    }
  }
  await walk(staticDir);
  return index;
}

/**
 * Serves the app's precompressed assets (`x.js.br`, `x.js.gz`, written by the
 * app's build) for requests under its static/ path, by the request's
 * Accept-Encoding, with the original's Content-Type, `Vary: Accept-Encoding`
 * and immutable caching. Anything else (no variant, no acceptable encoding,
 * not a GET or HEAD) goes on to the next handler: the app backend, which
 * serves the file as it is and lets the compression middleware compress it.
 *
 * Files are looked up in an index of what the build wrote, never by a path
 * from the request, so no request reaches a file outside `staticDir`. The
 * index is made on the first request, once the app backend has injected its
 * config into the app's files, so that their stale variants are left out.
 */
export function createPrecompressedAssetsMiddleware(options: {
  staticDir: string;
  logger: LoggerService;
}): RequestHandler {
  const { staticDir, logger } = options;
  let index: Promise<Map<string, Variants>> | undefined;
  const variantsIndex = () => {
    index ??= findVariants(staticDir).then(
      found => {
        logger.info(
          `Serving precompressed variants of ${found.size} files from ${staticDir}`,
        );
        return found;
      },
      error => {
        logger.warn(`Not serving precompressed assets: ${error}`);
        return new Map<string, Variants>();
      },
    );
    return index;
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      next();
      return;
    }
    const variants = (await variantsIndex()).get(path);
    if (!variants) {
      next();
      return;
    }
    res.vary('Accept-Encoding');
    const encoding = negotiateEncoding(
      req.headers['accept-encoding'],
      PRECOMPRESSED_ENCODINGS.filter(e => variants[e]),
    );
    if (!encoding) {
      next();
      return;
    }
    res.type(extname(path));
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Cache-Control', IMMUTABLE_CACHE_CONTROL);
    res.sendFile(variants[encoding]!, { cacheControl: false }, error => {
      if (!error || res.headersSent) return;
      // The variant went away since the index was made: send the original.
      res.removeHeader('Content-Encoding');
      res.removeHeader('Cache-Control');
      res.removeHeader('Content-Type');
      next();
    });
  };
}
