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

/** The fields of a Retail Prices API item that this source reads. */
export type RetailItem = {
  retailPrice: number;
  unitOfMeasure: string;
  armRegionName: string;
  armSkuName: string;
  productName: string;
  skuName: string;
  meterName: string;
  type: string;
  effectiveStartDate: unknown;
  tierMinimumUnits: number;
  isPrimaryMeterRegion: boolean;
  reservationTerm: unknown;
};

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function parseItem(raw: unknown, where: string): RetailItem {
  if (!isObject(raw)) {
    throw new Error(`Malformed ${where}: not an object`);
  }
  const { retailPrice, tierMinimumUnits, currencyCode } = raw;
  if (
    typeof retailPrice !== 'number' ||
    !Number.isFinite(retailPrice) ||
    retailPrice < 0
  ) {
    throw new Error(
      `Malformed ${where}: retailPrice ${JSON.stringify(
        retailPrice,
      )} is not a price`,
    );
  }
  if (
    tierMinimumUnits !== undefined &&
    (typeof tierMinimumUnits !== 'number' || !Number.isFinite(tierMinimumUnits))
  ) {
    throw new Error(
      `Malformed ${where}: tierMinimumUnits ${JSON.stringify(
        tierMinimumUnits,
      )} is not a number`,
    );
  }
  if (currencyCode !== undefined && currencyCode !== 'USD') {
    throw new Error(
      `Unexpected ${where}: priced in ${JSON.stringify(currencyCode)}, not USD`,
    );
  }
  return {
    retailPrice,
    unitOfMeasure: stringField(raw.unitOfMeasure),
    armRegionName: stringField(raw.armRegionName),
    armSkuName: stringField(raw.armSkuName),
    productName: stringField(raw.productName),
    skuName: stringField(raw.skuName),
    meterName: stringField(raw.meterName),
    type: stringField(raw.type),
    effectiveStartDate: raw.effectiveStartDate,
    tierMinimumUnits: tierMinimumUnits ?? 0,
    isPrimaryMeterRegion: raw.isPrimaryMeterRegion !== false,
    reservationTerm: raw.reservationTerm,
  };
}

export function effectiveDateOf(item: RetailItem, where: string): string {
  const match =
    typeof item.effectiveStartDate === 'string'
      ? /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(item.effectiveStartDate)
      : null;
  if (!match || Number.isNaN(Date.parse(match[1]))) {
    throw new Error(
      `Malformed ${where}: effectiveStartDate ${JSON.stringify(
        item.effectiveStartDate,
      )} is not a date`,
    );
  }
  return match[1];
}
