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
import { PRICE_KEYS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { fail, byCodePoint, sortKeys } from './common';
import { awsDatasets, awsMachineSpecs } from './aws';
import { azureDatasets, azureMachineSpecs } from './azure';
import { cloudRun, gceDataset } from './gcp';

export function build(pricingDir: any) {
  const aws = awsDatasets(pricingDir);
  const gce = gceDataset(pricingDir);
  const run = cloudRun(pricingDir);
  const azure = azureDatasets(pricingDir);
  const datasets = [...aws, gce.dataset, ...run.datasets, ...azure];

  const ids = new Set();
  for (const d of datasets) {
    if (ids.has(d.id)) fail(`duplicate dataset id ${d.id}`);
    ids.add(d.id);
  }

  const epoch = process.env.SOURCE_DATE_EPOCH;
  let builtAt;
  if (epoch) {
    if (!/^\d+$/.test(epoch))
      fail(`SOURCE_DATE_EPOCH is not a number: ${epoch}`);
    builtAt = new Date(Number(epoch) * 1000).toISOString();
  } else {
    const newestDate = datasets
      .map(d => d.effectiveDate)
      .sort(byCodePoint)
      .pop();
    builtAt = `${newestDate}T00:00:00.000Z`;
  }

  // Field order follows the PriceSnapshot type.
  const snapshot = {
    version: 1,
    builtAt,
    datasets,
    machineSpecs: {
      aws: awsMachineSpecs(aws),
      gcp: gce.specs,
      azure: azureMachineSpecs(),
    },
    allowances: run.allowances,
    fallbackRegions: {
      aws: {
        [PRICE_KEYS.aws.sagemaker]: 'us-east-1',
        [PRICE_KEYS.aws.ec2]: 'us-east-1',
      },
      gcp: {
        [PRICE_KEYS.gcp.computeEngine]: 'us-central1',
        // Every tier-1 region is in the tier map, and the source (S4) prices regions
        // missing from it as tier 2: borrow a tier-2 region, not us-central1 (tier 1).
        [PRICE_KEYS.gcp.cloudRun]: 'europe-west3',
      },
      azure: {
        [PRICE_KEYS.azure.containerInstances]: 'eastus',
        [PRICE_KEYS.azure.virtualMachines]: 'eastus',
      },
    },
  };
  // Every fallback region must have prices of its service.
  for (const [provider, services] of Object.entries(snapshot.fallbackRegions)) {
    for (const [service, region] of Object.entries(services)) {
      const covered = datasets.some(
        d =>
          d.provider === provider && d.service === service && d.prices[region],
      );
      if (!covered)
        fail(
          `fallback region ${region} of ${provider} ${service} has no prices`,
        );
    }
  }
  const keepOrder = new Set([snapshot, ...datasets, ...run.allowances]);
  return sortKeys(snapshot, keepOrder);
}
