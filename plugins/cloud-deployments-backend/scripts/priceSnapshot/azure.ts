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
import {
  fail,
  readJson,
  price,
  priceTable,
  dataset,
  FIRST_READ_BY,
  undatedNote,
  shortCommit,
  dateIn,
} from './common';

const RETAIL_API = 'https://prices.azure.com/api/retail/prices';
// azure-points.json: PROVENANCE.md dates its points "2025–2026", read 2026-08.
const POINTS_FROM = '2025-01-01';
const retailQuery = (filter: string) =>
  `Azure Retail Prices API, ${RETAIL_API}?$filter=${filter}`;

const ACI_METERS = [
  // [sku, unit, meter, unitOfMeasure]
  [ACI_SKUS.vcpu, 'vcpu-hour', 'Standard vCPU Duration', '1 Hour'],
  [ACI_SKUS.memory, 'gib-hour', 'Standard Memory Duration', '1 GB Hour'],
];

/** ACI: dated points per region from aci-points-2026.json, plus the Windows meter. */
function aciDatasets(pricingDir: any) {
  const file = 'azure/aci-points-2026.json';
  const data = readJson(pricingDir, file);
  const older = readJson(pricingDir, 'azure/azure-points.json')
    .containerInstances.eastus.Standard;
  const datasets: any[] = [];
  for (const [region, point] of Object.entries<any>(data.prices)) {
    // The file's `date` names each region's observation date.
    const seen = new RegExp(`(\\d{4}-\\d{2}-\\d{2}) \\(${region}\\)`).exec(
      data.date,
    );
    if (!seen) fail(`${file}: no observation date for ${region}`);
    const verify = /VERIFY/.test(point.src);
    const start = point.effectiveStartDate
      ? `, Retail API effectiveStartDate ${dateIn(
          point.effectiveStartDate,
          `${file} ${region}`,
        )}`
      : '';
    for (const [sku, unit, meter, uom] of ACI_METERS) {
      const usd = price(point[meter], `${file} ${region}.${meter}`);
      // The eastus point must agree with the older independent one.
      if (region === 'eastus' && older[meter]?.retailPrice !== usd) {
        fail(
          `${file}: eastus ${meter} ${usd} disagrees with azure-points.json`,
        );
      }
      datasets.push(
        dataset({
          id: `azure-aci-${region}-${sku}`,
          provider: 'azure',
          service: PRICE_KEYS.azure.containerInstances,
          unit,
          effectiveDate: seen[1],
          origin: `${retailQuery(
            `serviceName eq 'Container Instances' and armRegionName eq '${region}' and skuName eq 'Standard' and meterName eq '${meter}'`,
          )} (per ${uom}, Linux, Consumption); value quoted in a public document, not linkable, observed ${
            seen[1]
          }${start}`,
          ...(verify
            ? {
                caveat: `VERIFY: ${region} ACI rate from a single public source, not cross-checked`,
              }
            : {}),
          prices: { [region]: { [sku]: usd } },
        }),
      );
    }
  }
  const win = older['Standard Windows Software Duration'];
  if (!win || win.unitOfMeasure !== '1 Second') {
    fail('azure-points.json: ACI Windows meter missing or not per 1 Second');
  }
  datasets.push(
    dataset({
      id: `azure-aci-eastus-${ACI_SKUS.windowsSoftware}`,
      provider: 'azure',
      service: PRICE_KEYS.azure.containerInstances,
      unit: 'vcpu-second',
      effectiveDate: FIRST_READ_BY,
      dateNote: undatedNote(
        POINTS_FROM,
        FIRST_READ_BY,
        'quoted in public documents that give no date',
      ),
      origin: `${retailQuery(
        "serviceName eq 'Container Instances' and armRegionName eq 'eastus' and meterName eq 'Standard Windows Software Duration'",
      )} (per vCPU-second, Windows container groups); value quoted in public documents, not linkable`,
      prices: {
        eastus: {
          [ACI_SKUS.windowsSoftware]: price(win.retailPrice, 'ACI Windows'),
        },
      },
    }),
  );
  return datasets;
}

/**
 * VMs: the filtered karpenter-provider-azure table (Linux, 47 regions; only
 * its `prices`, not the lower-confidence `prices_relaxed`), keyed by ARM size
 * name (constrained-vCPU sizes such as Standard_E4-2s_v5 included); meter-family keys (`Dsv5_Type1`, dedicated hosts) are skipped.
 */
function vmTable(pricingDir: any) {
  const file = 'azure/azure-vm-linux-ondemand.karpenter-azure-2026-06-18.json';
  const data = readJson(pricingDir, file);
  const all = priceTable(data.prices, `${file} prices`);
  const prices: Record<string, Record<string, number>> = {};
  for (const [region, sizes] of Object.entries<any>(all)) {
    prices[region] = {};
    for (const [size, usd] of Object.entries<number>(sizes)) {
      if (/^Standard_[A-Za-z0-9_-]+$/.test(size)) prices[region][size] = usd;
    }
  }
  const generated = data.date;
  const date = dateIn(generated, `${file} date`);
  const versions = (data.versions_compared ?? []).length;
  return dataset({
    id: `azure-vm-karpenter-azure-${date}`,
    provider: 'azure',
    service: PRICE_KEYS.azure.virtualMachines,
    unit: 'hour',
    effectiveDate: date,
    origin: `Azure/karpenter-provider-azure @ ${shortCommit(
      data.commit,
      file,
    )}, ${
      data.path
    } (generated ${generated} from the Azure Retail Prices API: Linux pay-as-you-go); filtered to rows identical in all ${versions} generated versions, of sizes whose price never flips between meters`,
    prices,
  });
}

export function azureDatasets(pricingDir: any) {
  const vms = vmTable(pricingDir);
  const datasets: any[] = [...aciDatasets(pricingDir), vms];

  // azure-points.json's VM points: their Linux prices must equal the table's
  // (an independent check); only what the table lacks (Windows) is kept.
  const file = 'azure/azure-points.json';
  const data = readJson(pricingDir, file);
  for (const [region, sizes] of Object.entries(data.virtualMachines)) {
    const prices: Record<string, Record<string, number>> = { [region]: {} };
    for (const [size, point] of Object.entries<any>(sizes as object)) {
      const linux = price(point.linux, `${file} ${region}.${size}.linux`);
      if (vms.prices[region]?.[size] !== linux) {
        fail(`${file}: ${region} ${size} ${linux} disagrees with the VM table`);
      }
      if (point.windows !== undefined) {
        prices[region][`${size}:windows`] = price(
          point.windows,
          `${file} ${region}.${size}.windows`,
        );
      }
    }
    const skus = Object.keys(prices[region]);
    if (skus.length === 0) continue;
    datasets.push(
      dataset({
        id: `azure-vm-windows-${region}`,
        provider: 'azure',
        service: PRICE_KEYS.azure.virtualMachines,
        unit: 'hour',
        effectiveDate: FIRST_READ_BY,
        dateNote: undatedNote(
          POINTS_FROM,
          FIRST_READ_BY,
          'quoted in a public document that gives no date',
        ),
        origin: `${retailQuery(
          `armRegionName eq '${region}' and armSkuName eq '${skus
            .map(s => s.split(':')[0])
            .join("' or armSkuName eq '")}' and priceType eq 'Consumption'`,
        )} (Windows, licence included: productName ending ' Windows'); value quoted in a public document, not linkable`,
        prices,
      }),
    );
  }
  return datasets;
}

// vCPU and memory (GiB) of common Azure general-purpose, memory- and
// compute-optimised sizes, from Microsoft's VM size pages
// (learn.microsoft.com/azure/virtual-machines/sizes): only families whose
// memory is a fixed multiple of the vCPUs, so each size follows its family's
// rule. Each family lists the vCPU counts its sizes come in.
const AZURE_FAMILIES: Array<{
  name: (vcpu: number, suffix: string) => string;
  suffixes: string[];
  vcpus: number[];
  memoryGiB: (vcpu: number) => number;
}> = [
  // Dv5, Dsv5, Ddv5, Ddsv5, Dasv5, Dadsv5: 4 GiB per vCPU.
  {
    name: (n, x) => `Standard_D${n}${x}_v5`,
    suffixes: ['', 's', 'd', 'ds', 'as', 'ads'],
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96],
    memoryGiB: n => 4 * n,
  },
  // Dv4, Dsv4, Ddv4, Ddsv4 and Dv3, Dsv3: 4 GiB per vCPU.
  {
    name: (n, x) => `Standard_D${n}${x}`,
    suffixes: ['_v4', 's_v4', 'd_v4', 'ds_v4', '_v3', 's_v3'],
    vcpus: [2, 4, 8, 16, 32, 48, 64],
    memoryGiB: n => 4 * n,
  },
  // Ev5, Esv5, Edv5, Edsv5: 8 GiB per vCPU up to 64 vCPUs (E96 is 672 GiB,
  // off the rule, so it is left out).
  {
    name: (n, x) => `Standard_E${n}${x}_v5`,
    suffixes: ['', 's', 'd', 'ds'],
    vcpus: [2, 4, 8, 16, 20, 32, 48, 64],
    memoryGiB: n => 8 * n,
  },
  // Fsv2: 2 GiB per vCPU.
  {
    name: n => `Standard_F${n}s_v2`,
    suffixes: [''],
    vcpus: [2, 4, 8, 16, 32, 48, 64, 72],
    memoryGiB: n => 2 * n,
  },
];

export function azureMachineSpecs() {
  const specs: any = {};
  for (const family of AZURE_FAMILIES) {
    for (const n of family.vcpus) {
      for (const suffix of family.suffixes) {
        specs[family.name(n, suffix)] = {
          vcpu: n,
          memoryGiB: family.memoryGiB(n),
        };
      }
    }
  }
  return specs;
}
