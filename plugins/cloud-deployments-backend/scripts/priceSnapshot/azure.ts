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
import {
  PRICE_KEYS,
  ACI_SKUS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { fail, readJson, price, dataset } from './common';

// The file's Azure points give no observation date; PROVENANCE.md dates them
// "2025–2026". Where a point states no date of its own, the start of that
// range is used (a conservative "as of").
export const AZURE_UNDATED = '2025-01-01';

export function azureDatasets(pricingDir: any) {
  const file = 'azure/azure-points.json';
  const data = readJson(pricingDir, file);
  const datasets: any[] = [];

  const aci = data.containerInstances.eastus;
  const aciIds = [
    ...new Set((String(aci.src).match(/id \d+/g) ?? []).map(m => m.slice(3))),
  ];
  const aciOrigin = `shared pricing ${file}: Azure Retail Prices API, serviceName 'Container Instances', skuName Standard, eastus, as quoted in public documents (code-search index ids ${aciIds.join(
    ', ',
  )}; undated, 2025–2026)`;
  const meters = [
    // [sku, unit, meter, expected unitOfMeasure]
    [ACI_SKUS.vcpu, 'vcpu-hour', 'Standard vCPU Duration', '1 Hour'],
    [ACI_SKUS.memory, 'gib-hour', 'Standard Memory Duration', '1 GB Hour'],
    [
      ACI_SKUS.windowsSoftware,
      'vcpu-second',
      'Standard Windows Software Duration',
      '1 Second',
    ],
  ];
  for (const [sku, unit, meter, uom] of meters) {
    const point = aci.Standard[meter];
    if (!point || point.unitOfMeasure !== uom) {
      fail(`${file}: ACI meter ${meter} missing or not per ${uom}`);
    }
    datasets.push(
      dataset({
        id: `azure-aci-eastus-${sku}`,
        provider: 'azure',
        service: PRICE_KEYS.azure.containerInstances,
        unit,
        effectiveDate: AZURE_UNDATED,
        origin: `${aciOrigin}; meter '${meter}' per ${uom}`,
        prices: {
          eastus: { [sku]: price(point.retailPrice, `${file} ${meter}`) },
        },
      }),
    );
  }

  // VMs: one dataset per region, as each point has its own source.
  for (const [region, sizes] of Object.entries(data.virtualMachines)) {
    const prices: Record<string, Record<string, number>> = { [region]: {} };
    const notes: any[] = [];
    let effectiveDate = AZURE_UNDATED;
    for (const [size, point] of Object.entries<any>(sizes as object)) {
      prices[region][size] = price(
        point.linux,
        `${file} ${region}.${size}.linux`,
      );
      if (point.windows !== undefined) {
        prices[region][`${size}:windows`] = price(
          point.windows,
          `${file} ${region}.${size}.windows`,
        );
      }
      // A Retail API item's own effectiveStartDate, where the point quotes it.
      const start = /effectiveStartDate (\d{4}-\d{2}-\d{2})/.exec(point.src);
      if (start) effectiveDate = start[1];
      const id = /index id (\d+)/.exec(point.src);
      const where = id ? `code-search index id ${id[1]}` : 'unnamed source';
      const when = start
        ? `Retail API item effectiveStartDate ${start[1]}`
        : 'undated, 2025–2026';
      notes.push(`${size}: ${where}, ${when}`);
    }
    datasets.push(
      dataset({
        id: `azure-vm-${region}`,
        provider: 'azure',
        service: PRICE_KEYS.azure.virtualMachines,
        unit: 'hour',
        effectiveDate,
        origin: `shared pricing ${file}: Azure Retail Prices API, pay-as-you-go (Linux; '<size>:windows' includes the Windows licence), as quoted in public sources (${notes.join(
          '; ',
        )})`,
        prices,
      }),
    );
  }
  return datasets;
}

// vCPU and memory (GiB) of Azure D-series v5 sizes: 4 GiB per vCPU, in 2, 4,
// 8, 16, 32, 48, 64 and 96 vCPUs, for Dv5, Dsv5, Ddv5, Ddsv5, Dasv5, Dadsv5.
export function azureMachineSpecs() {
  const specs: any = {};
  for (const n of [2, 4, 8, 16, 32, 48, 64, 96]) {
    for (const suffix of ['', 's', 'd', 'ds', 'as', 'ads']) {
      specs[`Standard_D${n}${suffix}_v5`] = { vcpu: n, memoryGiB: 4 * n };
    }
  }
  return specs;
}
