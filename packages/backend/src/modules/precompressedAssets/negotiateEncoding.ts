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

/** The encodings the app's build writes beside its assets, best first. */
export const PRECOMPRESSED_ENCODINGS = ['br', 'gzip'] as const;

export type PrecompressedEncoding = (typeof PRECOMPRESSED_ENCODINGS)[number];

/** Each coding's weight (q) in an Accept-Encoding header, lower-cased. */
function weights(header: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=(.*)$/.exec(param);
      // A weight that is no number accepts nothing.
      if (match) q = /^\s*[0-9.]+\s*$/.test(match[1]) ? Number(match[1]) : 0;
    }
    result.set(name.trim(), Number.isFinite(q) ? q : 0);
  }
  return result;
}

/**
 * The encoding to send of those `available`, by the client's weights; on a
 * tie the smaller (brotli) wins, whatever the order the client listed them
 * in (Chromium sends `gzip, deflate, br, zstd`). Undefined when the client
 * accepts none of them, or prefers the file as it is.
 */
export function negotiateEncoding(
  header: string | undefined,
  available: readonly PrecompressedEncoding[],
): PrecompressedEncoding | undefined {
  if (!header) return undefined;
  const q = weights(header);
  const weightOf = (coding: PrecompressedEncoding) =>
    q.get(coding) ??
    (coding === 'gzip' ? q.get('x-gzip') : undefined) ??
    q.get('*') ??
    0;
  let best: PrecompressedEncoding | undefined;
  let bestWeight = 0;
  for (const coding of PRECOMPRESSED_ENCODINGS) {
    if (!available.includes(coding)) continue;
    const weight = weightOf(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  const identity = q.get('identity');
  if (best && identity !== undefined && identity > bestWeight) return undefined;
  return best;
}
