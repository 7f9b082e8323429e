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

/** The singular and plural names of each price unit. */
const unitNames: Record<PriceUnit, [string, string]> = {
  hour: ['hour', 'hours'],
  'vcpu-hour': ['vCPU-hour', 'vCPU-hours'],
  'gib-hour': ['GiB-hour', 'GiB-hours'],
  'vcpu-second': ['vCPU-second', 'vCPU-seconds'],
  'gib-second': ['GiB-second', 'GiB-seconds'],
  request: ['request', 'requests'],
  'gpu-hour': ['GPU-hour', 'GPU-hours'],
};

const quantityFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 2,
});

const unitPriceFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

// Per-second and per-request prices are fractions of a cent: they keep their
// significant digits, however many decimals that takes.
const tinyUnitPriceFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 3,
});

const nameOf = (unit: PriceUnit, plural: boolean) =>
  (unitNames[unit] ?? [unit, unit])[plural ? 1 : 0];

/**
 * A billed quantity with its unit: `730 hours`, `1,314,000 vCPU-seconds`.
 *
 * @internal
 */
export function formatQuantity(quantity: number, unit: PriceUnit): string {
  return `${quantityFormat.format(quantity)} ${nameOf(unit, quantity !== 1)}`;
}

/**
 * A price per unit: `$0.115 / hour`, `$0.0000025 / GiB-second`, or
 * `no price` when none is known.
 *
 * @internal
 */
export function formatUnitPrice(price: number | null, unit: PriceUnit): string {
  if (price === null) return 'no price';
  const format =
    price !== 0 && Math.abs(price) < 0.01
      ? tinyUnitPriceFormat
      : unitPriceFormat;
  return `${format.format(price)} / ${nameOf(unit, false)}`;
}
