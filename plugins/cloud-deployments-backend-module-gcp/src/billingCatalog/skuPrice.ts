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
import {
  GoogleMoney,
  moneyToUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { usageUnitFactor } from '../usageUnits';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops float noise such as 0.000018000000000000002 from unit conversions. */
function tidy(usd: number): number {
  return Number(usd.toPrecision(12));
}

/**
 * The list price of a SKU per `unit`: the rate of the tier with the highest
 * `startUsageAmount` of its current pricing (free tiers are accounted for by
 * the estimators), and the date it took effect.
 */
export function priceOf(
  sku: Record<string, unknown>,
  unit: PriceUnit,
  where: string,
): { usd: number; effectiveDate: string } {
  const info = Array.isArray(sku.pricingInfo) ? sku.pricingInfo[0] : undefined;
  if (!isObject(info)) {
    throw new Error(`Malformed ${where}: no pricingInfo`);
  }
  const expression = info.pricingExpression;
  if (!isObject(expression)) {
    throw new Error(`Malformed ${where}: no pricingExpression`);
  }
  const rates = expression.tieredRates;
  if (!Array.isArray(rates) || rates.length === 0) {
    throw new Error(`Malformed ${where}: no tieredRates`);
  }
  let top: { start: number; rate: Record<string, unknown> } | undefined;
  for (const rate of rates) {
    // Proto3 JSON leaves out zero values, such as the first tier's start.
    const start = isObject(rate) ? rate.startUsageAmount ?? 0 : undefined;
    if (
      !isObject(rate) ||
      typeof start !== 'number' ||
      !Number.isFinite(start)
    ) {
      throw new Error(
        `Malformed ${where}: tiered rate ${JSON.stringify(
          rate,
        )} has no startUsageAmount`,
      );
    }
    if (!top || start > top.start) top = { start, rate };
  }
  const money = top!.rate.unitPrice;
  if (!isObject(money)) {
    throw new Error(`Malformed ${where}: tiered rate has no unitPrice`);
  }
  if (money.currencyCode !== undefined && money.currencyCode !== 'USD') {
    throw new Error(
      `Unexpected ${where}: priced in ${JSON.stringify(
        money.currencyCode,
      )}, not USD`,
    );
  }
  let usd: number;
  try {
    usd = moneyToUsd(money as GoogleMoney);
  } catch (error) {
    throw new Error(`Malformed ${where}: ${(error as Error).message}`);
  }
  if (usd < 0) {
    throw new Error(`Malformed ${where}: negative price ${usd}`);
  }
  const usageUnit = expression.usageUnit;
  const factor =
    typeof usageUnit === 'string'
      ? usageUnitFactor(usageUnit, unit)
      : undefined;
  if (factor === undefined) {
    throw new Error(
      `Unexpected ${where}: usageUnit ${JSON.stringify(
        usageUnit,
      )} cannot be priced per ${unit}`,
    );
  }
  const effectiveTime = info.effectiveTime;
  const date =
    typeof effectiveTime === 'string'
      ? /^(\d{4}-\d{2}-\d{2})T/.exec(effectiveTime)?.[1]
      : undefined;
  if (!date || Number.isNaN(Date.parse(date))) {
    throw new Error(
      `Malformed ${where}: effectiveTime ${JSON.stringify(
        effectiveTime,
      )} is not a time`,
    );
  }
  return { usd: tidy(usd * factor), effectiveDate: date };
}
