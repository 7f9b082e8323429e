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
/* eslint-disable no-console */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PriceSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { AwsPricingSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import { AzureRetailPricesSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure';
import { GcpBillingCatalogSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import { loadSnapshot } from '../plugins/cloud-deployments-backend/src/pricing/snapshot/loadSnapshot';
import { mergeLivePrices } from '../plugins/cloud-deployments-backend/src/pricing/snapshot/mergeLivePrices';

/*
 * Regenerates the embedded price snapshot from the providers' live price APIs
 * (needs the internet): every price fetched replaces the snapshot's, with its
 * own source and date; what is not fetched stays as it was.
 *
 *   yarn snapshot:refresh --aws us-east-1,eu-west-1 --azure eastus,westeurope \
 *     --gcp us-central1,europe-west1
 *
 * Credentials: AWS from the SDK's default chain (environment, profile, role);
 * Google from GOOGLE_CLOUD_BILLING_API_KEY; Azure's price API needs none.
 */

const { values } = parseArgs({
  options: {
    aws: { type: 'string' },
    azure: { type: 'string' },
    gcp: { type: 'string' },
    out: { type: 'string' },
  },
});
const regions = (list?: string) =>
  list
    ? list
        .split(',')
        .map(r => r.trim())
        .filter(Boolean)
    : [];

const sources: PriceSource[] = [];
if (values.aws)
  sources.push(new AwsPricingSource({ regions: regions(values.aws) }));
if (values.azure) {
  sources.push(new AzureRetailPricesSource({ regions: regions(values.azure) }));
}
if (values.gcp) {
  const apiKey = process.env.GOOGLE_CLOUD_BILLING_API_KEY;
  if (!apiKey) {
    console.error(
      '--gcp needs GOOGLE_CLOUD_BILLING_API_KEY in the environment',
    );
    process.exit(2);
  }
  sources.push(
    new GcpBillingCatalogSource({ apiKey, regions: regions(values.gcp) }),
  );
}
if (sources.length === 0) {
  console.error('Name at least one of --aws, --azure, --gcp with regions');
  process.exit(2);
}

async function main() {
  const path = resolve(
    values.out ??
      resolve(
        __dirname,
        '../plugins/cloud-deployments-backend/snapshot/prices.json',
      ),
  );
  const snapshot = loadSnapshot(path);
  const points: PricePoint[] = [];
  for (const source of sources) {
    const fetched = await source.fetchPrices({ regions: source.regions ?? [] });
    console.log(`${source.id}: ${fetched.length} prices`);
    points.push(...fetched);
  }
  const merged = mergeLivePrices(snapshot, points, new Date());
  writeFileSync(path, `${JSON.stringify(merged)}\n`);
  // Read back through the validating loader: never leave a broken snapshot.
  loadSnapshot(path);
  console.log(
    `${path}: ${merged.datasets.length} datasets (${
      readFileSync(path).length
    } bytes)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
