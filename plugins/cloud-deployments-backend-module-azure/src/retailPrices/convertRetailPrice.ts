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
import { normalizeUnit } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/** What a price is measured in. */
export type Measure = 'vcpu' | 'memory' | 'gpu';

const SECONDS_PER_HOUR = 3600;

/** The same measure per second and per hour. */
const PER_SECOND_TO_PER_HOUR: Partial<Record<PriceUnit, PriceUnit>> = {
  'vcpu-second': 'vcpu-hour',
  'gib-second': 'gib-hour',
};

/** Drops float noise such as 0.040499999999999994 from unit conversions. */
export function tidy(usd: number): number {
  return Number(usd.toPrecision(12));
}

/**
 * Converts an item's price per its `unitOfMeasure` ("1 Hour", "1 GB Hour",
 * "1 Second", "100 Seconds", "100 GB Seconds", …) to a price per `target`,
 * converting between per-second and per-hour when needed. Undefined when the
 * unit does not measure what `target` does.
 *
 * @internal
 */
export function convertRetailPrice(
  retailPrice: number,
  unitOfMeasure: string,
  measure: Measure,
  target: PriceUnit,
): number | undefined {
  const normalized = normalizeUnit(unitOfMeasure, measure);
  if (!normalized) return undefined;
  const usd = retailPrice * normalized.factor;
  if (normalized.unit === target) return tidy(usd);
  if (PER_SECOND_TO_PER_HOUR[normalized.unit] === target) {
    return tidy(usd * SECONDS_PER_HOUR);
  }
  if (PER_SECOND_TO_PER_HOUR[target] === normalized.unit) {
    return tidy(usd / SECONDS_PER_HOUR);
  }
  return undefined;
}
