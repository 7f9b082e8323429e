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
  ACI_SKUS,
  normalizeUnit,
  PRICE_KEYS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { convertRetailPrice, Measure, tidy } from './convertRetailPrice';
import { RetailItem } from './retailItem';

/** What an item prices in our terms. */
type Mapped = { sku: string; unit: PriceUnit; usd: number };

/** One query per region: a service of the API and how to read its items. */
export type Query = {
  /** The API's `serviceName`. */
  serviceName: string;
  /** Our service key. */
  service: string;
  /** Our SKU, unit and price of an in-scope item, undefined for items to skip. */
  map(item: RetailItem, where: string): Mapped | undefined;
};

/** The meters of the `Standard` Container Instances SKU, by lower-case name. */
const ACI_STANDARD_METERS: Record<
  string,
  { sku: string; measure: Measure; unit: PriceUnit }
> = {
  'standard vcpu duration': {
    sku: ACI_SKUS.vcpu,
    measure: 'vcpu',
    unit: 'vcpu-hour',
  },
  'standard memory duration': {
    sku: ACI_SKUS.memory,
    measure: 'memory',
    unit: 'gib-hour',
  },
  'standard windows software duration': {
    sku: ACI_SKUS.windowsSoftware,
    measure: 'vcpu',
    unit: 'vcpu-second',
  },
};

/** Lower case with single spaces, for loose comparisons of names. */
function loose(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}

function priceIn(
  item: RetailItem,
  measure: Measure,
  unit: PriceUnit,
  where: string,
): number {
  const usd = convertRetailPrice(
    item.retailPrice,
    item.unitOfMeasure,
    measure,
    unit,
  );
  if (usd === undefined) {
    throw new Error(
      `Unexpected ${where}: meter '${item.meterName}' is measured in ` +
        `'${item.unitOfMeasure}', which cannot be priced per ${unit}`,
    );
  }
  return usd;
}

export const QUERIES: readonly Query[] = [
  {
    serviceName: 'Container Instances',
    service: PRICE_KEYS.azure.containerInstances,
    map(item, where) {
      const product = loose(item.productName);
      const skuName = loose(item.skuName);
      const meter = loose(item.meterName);
      if (product === 'container instances') {
        // Only `Standard`: `Standard Spot` and `Confidential containers ACI`
        // are other SKUs with their own meters and prices.
        if (skuName !== 'standard') return undefined;
        const spec = ACI_STANDARD_METERS[meter];
        if (!spec) return undefined;
        return {
          sku: spec.sku,
          unit: spec.unit,
          usd: priceIn(item, spec.measure, spec.unit, where),
        };
      }
      if (product === 'container instances with gpu') {
        // skuName is the GPU model (K80, P100, V100); each has a GPU meter
        // besides its own vCPU and memory meters, which are not priced here.
        if (!/^[a-z0-9]+$/.test(skuName)) return undefined;
        if (meter !== `${skuName} gpu duration`) return undefined;
        return {
          sku: `${ACI_SKUS.gpuPrefix}${skuName}`,
          unit: 'gpu-hour',
          usd: priceIn(item, 'gpu', 'gpu-hour', where),
        };
      }
      return undefined;
    },
  },
  {
    serviceName: 'Virtual Machines',
    service: PRICE_KEYS.azure.virtualMachines,
    map(item) {
      if (/\b(spot|low priority)\b/.test(loose(item.skuName))) {
        return undefined;
      }
      if (/\b(spot|low priority)\b/.test(loose(item.meterName))) {
        return undefined;
      }
      if (item.armSkuName.trim() === '') return undefined;
      if (item.reservationTerm !== undefined && item.reservationTerm !== null) {
        return undefined;
      }
      const unit = normalizeUnit(item.unitOfMeasure, 'instance');
      if (unit?.unit !== 'hour') return undefined;
      const windows = /\bwindows\b/.test(loose(item.productName));
      return {
        sku: windows ? `${item.armSkuName}:windows` : item.armSkuName,
        unit: 'hour',
        usd: tidy(item.retailPrice * unit.factor),
      };
    },
  },
];
