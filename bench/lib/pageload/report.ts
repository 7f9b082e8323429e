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
/* eslint-disable no-console */
import { guestToken } from '../../../packages/backend/src/__testUtils__/backendProcess';
import { percentile } from '../stats';
import { Backend } from './backend';
import { ChunkShare } from './bundle';
import { Load, signIn } from './browser';

export const COLD_TARGET_MS = 1500;
export const WARM_TARGET_MS = 800;

/** One way of serving the build, and its loads. */
export type Variant = {
  name: 'before' | 'after';
  backend: Backend;
  url: string;
  state?: Awaited<ReturnType<typeof signIn>>;
  cold: Load[];
  warm: Load[];
};

export const VARIANT_DESCRIPTIONS: Record<Variant['name'], string> = {
  before:
    'the app as built at BENCH_BEFORE_REF, precompressed and served as the after one is',
  after: "this checkout's build",
};

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const ms = (n: number) => `${Math.round(n)} ms`;

export function summarize(name: string, loads: Load[], targetMs: number) {
  const sorted = (pick: (l: Load) => number | undefined) =>
    loads
      .map(pick)
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => a - b);
  const row = sorted(l => l.firstRowMs);
  const wall = sorted(l => l.wallMs);
  const list = sorted(l => l.listResponseEndMs);
  const dcl = sorted(l => l.domContentLoadedMs);
  const median = (v: number[]) => (v.length ? ms(percentile(v, 50)) : 'n/a');
  const p95 = (v: number[]) => (v.length ? ms(percentile(v, 95)) : 'n/a');
  console.log(
    `${name} (${loads.length}): first row median ${median(row)}, p95 ${p95(
      row,
    )}, max ${ms(row[row.length - 1])} [target < ${targetMs} ms: ${
      percentile(row, 50) < targetMs ? 'met' : 'NOT met'
    } at the median, ${
      percentile(row, 95) < targetMs ? 'met' : 'NOT met'
    } at p95]`,
  );
  console.log(
    `  (as Playwright saw it: median ${median(wall)}, p95 ${p95(
      wall,
    )}); DOMContentLoaded median ${median(
      dcl,
    )}; first page of deployments received, median ${median(list)}`,
  );
}

/** Where the time of one load went: the document, each API call, the row. */
export function timeline(name: string, load: Load) {
  const marks = [
    `document ${ms(load.responseEndMs)}`,
    `DOMContentLoaded ${ms(load.domContentLoadedMs)}`,
    ...load.api.map(
      a => `${a.path.replace(/^\/api/, '')} ${ms(a.startMs)}→${ms(a.endMs)}`,
    ),
    `first row ${ms(load.firstRowMs)}`,
  ];
  console.log(`${name}: ${marks.join(', ')}`);
}

/** The load with the median first-row time. */
export const medianLoad = (loads: Load[]) =>
  [...loads].sort((a, b) => a.firstRowMs - b.firstRowMs)[
    Math.floor(loads.length / 2)
  ];

export function describeScripts(
  name: string,
  load: Load,
  chunks: Map<string, ChunkShare>,
) {
  const scripts = load.scripts;
  const transferred = scripts.reduce((s, r) => s + r.transferSize, 0);
  const encoded = scripts.reduce((s, r) => s + r.encodedBodySize, 0);
  const decoded = scripts.reduce(
    (s, r) => s + (chunks.get(r.url.split('/').pop()!)?.bytes ?? 0),
    0,
  );
  const withPlugin = scripts
    .map(r => ({ r, chunk: chunks.get(r.url.split('/').pop()!) }))
    .filter(({ chunk }) => chunk && chunk.pluginBytes + chunk.commonBytes > 0);
  console.log(
    `${name}: ${scripts.length} scripts, ${kib(
      transferred,
    )} transferred (compressed bodies ${kib(encoded)}, ${kib(
      decoded,
    )} uncompressed)`,
  );
  console.log(
    `  of which ${withPlugin.length} chunks hold plugin code: ${withPlugin
      .map(
        ({ r, chunk }) =>
          `${chunk!.file} (${kib(r.encodedBodySize)} compressed, ${kib(
            chunk!.pluginBytes + chunk!.commonBytes,
          )} of plugin code)`,
      )
      .join(', ')}`,
  );
}

/**
 * The backend's share: the page's three data requests, one at a time, as the
 * guest, 20 times each; median and p95 in ms.
 */
export async function apiLatencies(baseUrl: string) {
  const token = await guestToken(baseUrl);
  const paths = ['/deployments?limit=20', '/deployments/summary', '/providers'];
  const figures: string[] = [];
  for (const path of paths) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const res = await fetch(`${baseUrl}/api/cloud-deployments${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    figures.push(
      `GET ${path} median ${ms(percentile(times, 50))}, p95 ${ms(
        percentile(times, 95),
      )}`,
    );
  }
  console.log(`API alone, one request at a time: ${figures.join('; ')}`);
}

/** The headers each backend sends for the document and the first script. */
export async function describeServing(name: string, baseUrl: string) {
  const page = await fetch(`${baseUrl}/cloud-deployments`);
  const html = await page.text();
  const script = /src="([^"]*\/static\/[^"]+\.js)"/.exec(html)?.[1];
  const res = await fetch(new URL(script ?? '/static/', baseUrl), {
    headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' },
  });
  const size = (await res.arrayBuffer()).byteLength;
  console.log(
    `${name}: the document: Cache-Control ${page.headers.get(
      'cache-control',
    )}; ${script}: ${res.status}, Content-Encoding ${res.headers.get(
      'content-encoding',
    )}, Cache-Control ${res.headers.get(
      'cache-control',
    )}, Vary ${res.headers.get('vary')}, ${kib(size)} decoded`,
  );
  // Both variants are to be served alike: only their builds differ.
  if (res.headers.get('content-encoding') !== 'br') {
    throw new Error(`${name}: ${script} is not served as precompressed brotli`);
  }
}

/** Before against after: the medians, and their ratio. */
export function compare(before: Variant, after: Variant) {
  const median = (loads: Load[]) =>
    percentile(
      loads.map(l => l.firstRowMs).sort((a, b) => a - b),
      50,
    );
  const p95 = (loads: Load[]) =>
    percentile(
      loads.map(l => l.firstRowMs).sort((a, b) => a - b),
      95,
    );
  const transferred = (load: Load) =>
    load.scripts.reduce((s, r) => s + r.transferSize, 0);
  const rows: [string, number, number, (n: number) => string][] = [
    [
      'first cold load',
      before.cold[0].firstRowMs,
      after.cold[0].firstRowMs,
      ms,
    ],
    [
      'cold, median',
      median(before.cold.slice(1)),
      median(after.cold.slice(1)),
      ms,
    ],
    ['cold, p95', p95(before.cold.slice(1)), p95(after.cold.slice(1)), ms],
    ['warm, median', median(before.warm), median(after.warm), ms],
    ['warm, p95', p95(before.warm), p95(after.warm), ms],
    [
      'JS transferred, first cold load',
      transferred(before.cold[0]),
      transferred(after.cold[0]),
      kib,
    ],
  ];
  console.log('\n| first row visible | before | after | after / before |');
  console.log('| --- | --- | --- | --- |');
  for (const [label, b, a, format] of rows) {
    console.log(
      `| ${label} | ${format(b)} | ${format(a)} | ${(a / b).toFixed(2)} |`,
    );
  }
}
