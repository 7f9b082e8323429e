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

// Resource quantities as Kubernetes and Cloud Run write them, read back in
// the spec's units. Only the forms people write are read; anything else is
// left unread rather than guessed (reconciliation then does not compare it).

const BINARY: Record<string, number> = {
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  Ti: 1024 * 1024,
};
const DECIMAL: Record<string, number> = {
  '': 1 / (1024 * 1024),
  k: 1000 / (1024 * 1024),
  M: 1e6 / (1024 * 1024),
  G: 1e9 / (1024 * 1024),
};

/**
 * CPUs of a quantity: `500m` → 0.5, `2` → 2; undefined when unreadable.
 *
 * @public
 */
export function cpuOf(quantity: unknown): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(String(quantity ?? ''));
  if (!match) return undefined;
  const value = Number(match[1]);
  return match[2] === 'm' ? value / 1000 : value;
}

/**
 * MiB of a quantity: `512Mi` → 512, `1Gi` → 1024, `536870912` → 512;
 * undefined when unreadable.
 *
 * @public
 */
export function memoryMiBOf(quantity: unknown): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G)?$/.exec(
    String(quantity ?? ''),
  );
  if (!match) return undefined;
  const unit = match[2] ?? '';
  const factor = BINARY[unit] ?? DECIMAL[unit];
  return Math.round(Number(match[1]) * factor * 1000) / 1000;
}
