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
/**
 * @jest-environment node
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  describe as describeResults,
  precompressAssets,
} from './precompressAssets';

const JS = `console.log(${JSON.stringify('some chunk '.repeat(500))});\n`;

describe('precompressAssets', () => {
  let staticDir: string;

  beforeEach(() => {
    staticDir = join(mkdtempSync(join(tmpdir(), 'precompress-')), 'static');
    mkdirSync(join(staticDir, 'media'), { recursive: true });
  });

  afterEach(() => rmSync(join(staticDir, '..'), { recursive: true }));

  const file = (name: string) => join(staticDir, name);

  it('writes brotli and gzip beside each compressible file, byte-exact', async () => {
    writeFileSync(file('main.1a2b3c4d.js'), JS);
    writeFileSync(
      file('media/app.0badf00d.css'),
      '.a{color:red}\n'.repeat(200),
    );

    const results = await precompressAssets(staticDir);

    expect(results.map(r => r.file).sort()).toEqual([
      'main.1a2b3c4d.js',
      join('media', 'app.0badf00d.css'),
    ]);
    for (const name of ['main.1a2b3c4d.js', 'media/app.0badf00d.css']) {
      const original = readFileSync(file(name));
      const br = readFileSync(file(`${name}.br`));
      const gz = readFileSync(file(`${name}.gz`));
      expect(brotliDecompressSync(br).equals(original)).toBe(true);
      expect(gunzipSync(gz).equals(original)).toBe(true);
      // Quality 11 brotli beats gzip -9 on text like this.
      expect(br.length).toBeLessThan(gz.length);
    }
    expect(describeResults(results)).toMatch(
      /^precompressed 2 files: \d+ KiB → \d+ KiB brotli, \d+ KiB gzip$/,
    );
  });

  it('leaves out maps, images, small files and the config chunk', async () => {
    // No index.html.tmpl: the backend injects the config into a chunk.
    writeFileSync(file('main.1a2b3c4d.js.map'), JS);
    writeFileSync(file('media/logo.1a2b3c4d.png'), JS);
    writeFileSync(file('tiny.1a2b3c4d.js'), 'x()');
    writeFileSync(
      file('config.1a2b3c4d.js'),
      `${JS}window.c="__APP_INJECTED_RUNTIME_CONFIG__";`,
    );
    // Left by an earlier build of the same file: gone now.
    writeFileSync(file('config.1a2b3c4d.js.br'), 'stale');

    const results = await precompressAssets(staticDir);

    expect(results).toEqual([
      expect.objectContaining({
        file: 'config.1a2b3c4d.js',
        skipped: 'config',
      }),
    ]);
    for (const name of [
      'main.1a2b3c4d.js.map',
      'media/logo.1a2b3c4d.png',
      'tiny.1a2b3c4d.js',
      'config.1a2b3c4d.js',
    ]) {
      expect(existsSync(file(`${name}.br`))).toBe(false);
      expect(existsSync(file(`${name}.gz`))).toBe(false);
    }
  });

  it('compresses the config chunk when the config goes into the HTML', async () => {
    writeFileSync(join(staticDir, '..', 'index.html.tmpl'), '<html></html>');
    writeFileSync(
      file('config.1a2b3c4d.js'),
      `${JS}window.c="__APP_INJECTED_RUNTIME_CONFIG__";`,
    );
    const [result] = await precompressAssets(staticDir);
    expect(result.skipped).toBeUndefined();
    expect(existsSync(file('config.1a2b3c4d.js.br'))).toBe(true);
  });

  it('writes no variant that would not be smaller', async () => {
    // Random bytes do not compress: both codings only add their framing.
    writeFileSync(file('noise.1a2b3c4d.json'), randomBytes(4096));
    const [result] = await precompressAssets(staticDir);
    expect(result).toEqual({ file: 'noise.1a2b3c4d.json', bytes: 4096 });
    expect(existsSync(file('noise.1a2b3c4d.json.br'))).toBe(false);
    expect(existsSync(file('noise.1a2b3c4d.json.gz'))).toBe(false);
  });

  it('makes variants newer than their file, as the backend requires', async () => {
    writeFileSync(file('main.1a2b3c4d.js'), JS);
    const past = new Date(Date.now() - 3600_000);
    utimesSync(file('main.1a2b3c4d.js'), past, past);
    await precompressAssets(staticDir);
    const { mtimeMs } = statSync(file('main.1a2b3c4d.js'));
    for (const suffix of ['.br', '.gz']) {
      expect(
        statSync(file(`main.1a2b3c4d.js${suffix}`)).mtimeMs,
      ).toBeGreaterThanOrEqual(mtimeMs);
    }
  });
});
