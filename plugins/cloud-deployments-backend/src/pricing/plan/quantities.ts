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

/** Kubernetes / Cloud Run CPU quantities: "2", "0.5", "500m". */
export function parseCpu(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(value.trim());
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

const binary: Record<string, number> = {
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  Ti: 1024 * 1024,
};
const decimal: Record<string, number> = {
  k: 1e3 / 2 ** 20,
  M: 1e6 / 2 ** 20,
  G: 1e9 / 2 ** 20,
  T: 1e12 / 2 ** 20,
};

/** Kubernetes / Cloud Run memory quantities in MiB: "512Mi", "1Gi", "1G", bytes. */
export function parseMemoryMiB(value: unknown): number | undefined {
  if (typeof value === 'number') return value / 2 ** 20;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)([KMGT]i|[kMGT])?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return n / 2 ** 20;
  return n * (binary[m[2]] ?? decimal[m[2]]);
}
