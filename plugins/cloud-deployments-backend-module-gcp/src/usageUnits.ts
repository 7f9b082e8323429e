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
import { PriceUnit } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** Seconds in each time unit the Catalog API uses (UCUM-style). */
const SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  min: 60,
  h: 3600,
  d: 86_400,
};

/** GiB in each byte unit the Catalog API uses. */
const GIB: Record<string, number> = {
  By: 1 / 2 ** 30,
  KiBy: 1 / 2 ** 20,
  MiBy: 1 / 2 ** 10,
  GiBy: 1,
  TiBy: 2 ** 10,
  kBy: 1e3 / 2 ** 30,
  MBy: 1e6 / 2 ** 30,
  GBy: 1e9 / 2 ** 30,
  TBy: 1e12 / 2 ** 30,
};

/** Units of a plain count (a request, an invocation). */
const COUNT = new Set(['count', '1', '{request}', '{requests}']);

/** What one `usageUnit` measures. */
type UsageUnit =
  | { kind: 'time'; seconds: number }
  | { kind: 'memory-time'; gib: number; seconds: number }
  | { kind: 'count' };

/**
 * Parses a Catalog API `usageUnit`: a time (`s`, `h`, …), a memory-time
 * (`GiBy.s`, `GiBy.h`, `GBy.h`, …) or a count (`count`). Undefined for units
 * this source does not price (`GiBy.mo`, `GiBy`, …).
 */
function parseUsageUnit(usageUnit: string): UsageUnit | undefined {
  const unit = usageUnit.trim();
  if (COUNT.has(unit)) return { kind: 'count' };
  const match = /^(?:([A-Za-z]+)\.)?([a-z]+)$/.exec(unit);
  const seconds = match ? SECONDS[match[2]] : undefined;
  if (!match || seconds === undefined) return undefined;
  if (match[1] === undefined) return { kind: 'time', seconds };
  const gib = GIB[match[1]];
  return gib === undefined ? undefined : { kind: 'memory-time', gib, seconds };
}

/**
 * The factor that turns a price per `usageUnit` into a price per `target`,
 * e.g. `h` → `vcpu-second` is 1/3600 and `GiBy.s` → `gib-hour` is 3600.
 * Undefined when the usage unit does not measure what the target does.
 *
 * @internal
 */
export function usageUnitFactor(
  usageUnit: string,
  target: PriceUnit,
): number | undefined {
  const unit = parseUsageUnit(usageUnit);
  if (!unit) return undefined;
  switch (target) {
    case 'vcpu-second':
      return unit.kind === 'time' ? 1 / unit.seconds : undefined;
    case 'vcpu-hour':
    case 'hour':
    case 'gpu-hour':
      return unit.kind === 'time' ? 3600 / unit.seconds : undefined;
    case 'gib-second':
      return unit.kind === 'memory-time'
        ? 1 / (unit.gib * unit.seconds)
        : undefined;
    case 'gib-hour':
      return unit.kind === 'memory-time'
        ? 3600 / (unit.gib * unit.seconds)
        : undefined;
    case 'request':
      return unit.kind === 'count' ? 1 : undefined;
    default:
      return undefined;
  }
}
