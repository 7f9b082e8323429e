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
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { normalizeUnit } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Attributes, ProductQuery } from './productQueries';

// Reading one PriceList entry: its product, its on-demand hourly price, and
// the price point it makes.

const ORIGIN = 'AWS Pricing API';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one PriceList entry (a JSON document in a string). */
function parseEntry(raw: unknown, where: string): Record<string, unknown> {
  let item: unknown;
  try {
    item = JSON.parse(String(raw));
  } catch (error) {
    throw new Error(
      `Malformed ${where}: not valid JSON (${(error as Error).message})`,
    );
  }
  if (!isObject(item) || !isObject(item.product)) {
    throw new Error(`Malformed ${where}: no product`);
  }
  if (!isObject(item.product.attributes)) {
    throw new Error(`Malformed ${where}: no product attributes`);
  }
  return item;
}

/**
 * The on-demand hourly price of an entry: the USD price per hour of its
 * OnDemand term, and the term's effective date.
 */
function onDemandHourlyPrice(
  item: Record<string, unknown>,
  where: string,
): { usd: number; effectiveDate: string } {
  const onDemand = isObject(item.terms) ? item.terms.OnDemand : undefined;
  if (!isObject(onDemand) || Object.keys(onDemand).length === 0) {
    throw new Error(`Malformed ${where}: no OnDemand term`);
  }
  const found: Array<{ usd: number; effectiveDate: string }> = [];
  for (const term of Object.values(onDemand)) {
    if (!isObject(term) || !isObject(term.priceDimensions)) {
      throw new Error(
        `Malformed ${where}: OnDemand term has no priceDimensions`,
      );
    }
    const effectiveDate =
      typeof term.effectiveDate === 'string'
        ? /^\d{4}-\d{2}-\d{2}/.exec(term.effectiveDate)?.[0]
        : undefined;
    if (!effectiveDate) {
      throw new Error(
        `Malformed ${where}: OnDemand term has no effectiveDate (${JSON.stringify(
          term.effectiveDate,
        )})`,
      );
    }
    for (const dimension of Object.values(term.priceDimensions)) {
      if (!isObject(dimension)) {
        throw new Error(`Malformed ${where}: price dimension is not an object`);
      }
      const unit =
        typeof dimension.unit === 'string'
          ? normalizeUnit(dimension.unit, 'instance')
          : undefined;
      if (unit?.unit !== 'hour') {
        throw new Error(
          `Malformed ${where}: unexpected unit ${JSON.stringify(
            dimension.unit,
          )}, expected Hrs`,
        );
      }
      const text = isObject(dimension.pricePerUnit)
        ? dimension.pricePerUnit.USD
        : undefined;
      const usd =
        typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
      if (!Number.isFinite(usd) || usd < 0) {
        throw new Error(
          `Malformed ${where}: no USD price (pricePerUnit ${JSON.stringify(
            dimension.pricePerUnit,
          )})`,
        );
      }
      found.push({ usd: usd * unit.factor, effectiveDate });
    }
  }
  const prices = new Set(found.map(f => f.usd));
  if (prices.size !== 1) {
    throw new Error(
      `Malformed ${where}: expected one on-demand hourly price, found ${
        found.length === 0 ? 'none' : [...prices].join(', ')
      }`,
    );
  }
  return found[0];
}

/**
 * The price point of one PriceList entry, or why it has none: a product
 * outside the query's scope, or a $0 row.
 */
export function toPricePoint(
  query: ProductQuery,
  region: string,
  raw: unknown,
  where: string,
): PricePoint | 'out-of-scope' | 'zero' {
  const item = parseEntry(raw, where);
  const attributes = (item.product as { attributes: Attributes }).attributes;
  const sku = query.skuOf(attributes);
  if (!sku) {
    return 'out-of-scope';
  }
  if (attributes.regionCode !== undefined && attributes.regionCode !== region) {
    throw new Error(
      `Unexpected ${where}: ${sku} is priced for region ${String(
        attributes.regionCode,
      )}`,
    );
  }
  const { usd, effectiveDate } = onDemandHourlyPrice(item, `${where} (${sku})`);
  // No EC2 on-demand or SageMaker real-time instance hour is free (the free
  // tier is an account credit, not a list price); the price list carries $0
  // rows as placeholders. Storing one would price a deployment at $0 instead
  // of letting the snapshot answer.
  if (usd === 0) {
    return 'zero';
  }
  return {
    provider: 'aws',
    service: query.service,
    region,
    sku,
    unit: 'hour',
    usd,
    effectiveDate,
    source: 'live',
    origin: ORIGIN,
  };
}
