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
import { performance } from 'node:perf_hooks';
import { CompareRequest } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { EstimationService } from '../plugins/cloud-deployments-backend/src/pricing/EstimationService';
import { PriceCatalog } from '../plugins/cloud-deployments-backend/src/pricing/PriceCatalog';
import { CompareService } from '../plugins/cloud-deployments-backend/src/pricing/compare/CompareService';
import { loadSnapshot } from '../plugins/cloud-deployments-backend/src/pricing/snapshot/loadSnapshot';
import { percentile } from './lib/stats';

/*
 * `POST /estimates/compare` with a warm catalogue [issue 15: < 50 ms]: four
 * targets, five regions each (Kubernetes is priced once, on its configured
 * node), so 16 options. Times the compare and the JSON of its answer, which
 * is what the route does after parsing the body. Run with `yarn bench:compare`.
 */

const RUNS = 2_000;
const ms = (n: number) => `${n.toFixed(3)} ms`;

const catalog = PriceCatalog.fromSnapshot(loadSnapshot());
const service = new CompareService({
  estimates: new EstimationService({ catalog }),
  installed: () => [
    'aws-sagemaker',
    'azure-container-instances',
    'gcp-cloud-run',
    'kubernetes',
  ],
});

// Priced, borrowed and (for SageMaker outside us-east-1) approximate regions.
const request = (i: number): CompareRequest => ({
  compute: { cpu: 1 + (i % 2), memoryMiB: 2048 * (1 + (i % 3)) },
  usage: { requestsPerMonth: 10_000_000 + i },
  regions: {
    'aws-sagemaker': [
      'us-east-1',
      'eu-west-1',
      'eu-central-1',
      'ap-northeast-1',
      'us-west-2',
    ],
    'gcp-cloud-run': [
      'us-central1',
      'europe-west1',
      'europe-west3',
      'asia-northeast1',
      'us-west2',
    ],
    'azure-container-instances': [
      'eastus',
      'swedencentral',
      'westeurope',
      'japaneast',
      'westus2',
    ],
  },
});

for (let i = 0; i < 200; i++) JSON.stringify(service.compare(request(i))); // warm up the JIT
const compareTimes: number[] = [];
const totalTimes: number[] = [];
let options = 0;
let bytes = 0;
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const result = service.compare(request(i));
  const compared = performance.now();
  bytes = JSON.stringify(result).length;
  const end = performance.now();
  options = result.options.length;
  compareTimes.push(compared - start);
  totalTimes.push(end - start);
}
compareTimes.sort((a, b) => a - b);
totalTimes.sort((a, b) => a - b);
console.log(
  `compare, warm catalogue, 4 targets × 5 regions (${options} options), ${RUNS} runs`,
);
console.log(
  `  compare:          p50 ${ms(percentile(compareTimes, 50))}, p95 ${ms(
    percentile(compareTimes, 95),
  )}, max ${ms(compareTimes[compareTimes.length - 1])}`,
);
console.log(
  `  compare + JSON:   p50 ${ms(percentile(totalTimes, 50))}, p95 ${ms(
    percentile(totalTimes, 95),
  )}, max ${ms(totalTimes[totalTimes.length - 1])}   [target < 50 ms]`,
);
console.log(`  (answer ${(bytes / 1024).toFixed(1)} KiB of JSON)`);
