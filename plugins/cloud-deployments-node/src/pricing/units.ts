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

/**
 * A price in Google's money format: whole units plus nano units
 * (10^-9), as the Cloud Billing Catalog API returns it.
 *
 * @public
 */
export type GoogleMoney = { units?: string | number; nanos?: number };

/**
 * Converts Google's `{ units, nanos }` money to a number of USD.
 *
 * @public
 */
export function moneyToUsd(money: GoogleMoney): number {
  const units = Number(money.units ?? 0);
  const nanos = Number(money.nanos ?? 0);
  if (!Number.isFinite(units) || !Number.isFinite(nanos)) {
    throw new Error(`Invalid money value ${JSON.stringify(money)}`);
  }
  return units + nanos / 1e9;
}

/**
 * Normalises a provider's unit of measure to one of ours and the factor to
 * multiply the provider's price by, e.g. Azure's "100 Seconds" → per second
 * (× 1/100), "1 GB Hour" → `gib-hour`. `kind` says what is measured, since
 * "1 Hour" is an instance hour for a VM but a vCPU hour for ACI vCPU.
 * Returns undefined for units we do not price.
 *
 * @public
 */
export function normalizeUnit(
  unitOfMeasure: string,
  kind: 'instance' | 'vcpu' | 'memory' | 'request' | 'gpu',
): { unit: PriceUnit; factor: number } | undefined {
  const text = unitOfMeasure.trim().toLocaleLowerCase('en-US');
  const match = /^(\d+(?:\.\d+)?)?\s*(.*)$/.exec(text)!;
  const count = match[1] ? Number(match[1]) : 1;
  const rest = match[2]
    .replace(/gibibyte|gib|gb|giga ?bytes?/g, 'gb')
    .replace(/\s+/g, ' ')
    .trim();
  const perHour = /^(hrs?|hours?|h)$/;
  const perSecond = /^(s|secs?|seconds?)$/;
  const factor = 1 / count;

  if (kind === 'memory') {
    if (/^gb ?(hrs?|hours?|h)$/.test(rest) || /^gb-hour$/.test(rest)) {
      return { unit: 'gib-hour', factor };
    }
    if (/^gb ?(s|secs?|seconds?)$/.test(rest) || /^gb-second$/.test(rest)) {
      return { unit: 'gib-second', factor };
    }
    return undefined;
  }
  if (kind === 'request') {
    if (/^(requests?|count|calls?)$/.test(rest)) {
      return { unit: 'request', factor };
    }
    if (/^(k|thousand) ?requests?$/.test(rest)) {
      return { unit: 'request', factor: factor / 1000 };
    }
    if (/^(m|million) ?requests?$/.test(rest)) {
      return { unit: 'request', factor: factor / 1e6 };
    }
    return undefined;
  }
  const perHourUnits: Record<'instance' | 'vcpu' | 'gpu', PriceUnit> = {
    vcpu: 'vcpu-hour',
    gpu: 'gpu-hour',
    instance: 'hour',
  };
  const perHourUnit = perHourUnits[kind];
  const perSecondUnit: PriceUnit | undefined =
    kind === 'vcpu' ? 'vcpu-second' : undefined;
  const bare = rest.replace(/^(vcpu|cpu|core|gpu)[- ]?/, '');
  if (perHour.test(bare)) return { unit: perHourUnit, factor };
  if (perSecond.test(bare)) {
    if (perSecondUnit) return { unit: perSecondUnit, factor };
    return { unit: perHourUnit, factor: factor * 3600 };
  }
  return undefined;
}
