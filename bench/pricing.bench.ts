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
import { EstimationService } from '../plugins/cloud-deployments-backend/src/pricing/EstimationService';
import { PriceCatalog } from '../plugins/cloud-deployments-backend/src/pricing/PriceCatalog';
import { PlanPricer } from '../plugins/cloud-deployments-backend/src/pricing/plan/PlanPricer';
import { loadSnapshot } from '../plugins/cloud-deployments-backend/src/pricing/snapshot/loadSnapshot';
import { percentile } from './lib/stats';
import type { EstimateTarget } from '../plugins/cloud-deployments-backend/src/pricing/EstimationService';

/*
 * Pricing benchmarks (issue targets in brackets):
 *  - cold start: loading the embedded snapshot into the catalogue, time and heap;
 *  - one estimate with a warm catalogue, p50 and p99 over 10,000 specs [p50 < 1 ms];
 *  - pricing a `terraform show -json` plan of 500 resources [< 50 ms].
 * Run with `yarn bench:pricing` (Node with --expose-gc). Prints its figures.
 */

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const ms = (n: number) => `${n.toFixed(3)} ms`;

function coldStart() {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const snapshot = loadSnapshot();
  const loaded = performance.now();
  const catalog = PriceCatalog.fromSnapshot(snapshot);
  const built = performance.now();
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log('cold start (snapshot → catalogue)');
  console.log(`  read + parse + validate: ${ms(loaded - start)}`);
  console.log(
    `  index ${catalog.size.snapshot} prices:  ${ms(built - loaded)}`,
  );
  console.log(`  total:                  ${ms(built - start)}`);
  console.log(
    `  heap retained:          ${((heapAfter - heapBefore) / 2 ** 20).toFixed(
      1,
    )} MiB`,
  );
  return catalog;
}

/** 10,000 varied specs over every target, with prices that exist and ones that fall back. */
function specs(catalog: PriceCatalog): EstimateTarget[] {
  const sagemakerTypes = [...catalog.skus('aws', 'AmazonSageMaker')];
  const gcpRegions = [...catalog.regions('gcp', 'CloudRun')];
  const result: EstimateTarget[] = [];
  for (let i = 0; i < 10_000; i++) {
    switch (i % 4) {
      case 0:
        result.push({
          provider: 'aws-sagemaker',
          region: i % 8 === 0 ? 'us-east-1' : 'eu-west-1',
          compute: {
            instanceType: sagemakerTypes[i % sagemakerTypes.length],
            instanceCount: 1 + (i % 4),
          },
        });
        break;
      case 1:
        result.push({
          provider: 'gcp-cloud-run',
          region: gcpRegions[i % gcpRegions.length],
          compute: {
            cpu: 1 + (i % 4),
            memoryMiB: 512 * (1 + (i % 8)),
            minInstances: i % 3,
            maxInstances: 10,
          },
          usage: { billing: i % 2 ? 'request' : 'instance' },
        });
        break;
      case 2:
        result.push({
          provider: 'azure-container-instances',
          region: i % 6 === 2 ? 'eastus' : 'westeurope',
          compute: { cpu: 1 + (i % 4), memoryMiB: 1024 * (1 + (i % 4)) },
          usage: { os: i % 10 === 2 ? 'windows' : 'linux' },
        });
        break;
      default:
        result.push({
          provider: 'kubernetes',
          region: 'cluster',
          compute: {
            cpu: 0.25 * (1 + (i % 4)),
            memoryMiB: 256 * (1 + (i % 8)),
            minInstances: 1 + (i % 5),
          },
        });
    }
  }
  return result;
}

function estimates(catalog: PriceCatalog) {
  const service = new EstimationService({ catalog });
  const targets = specs(catalog);
  for (const t of targets.slice(0, 500)) service.estimate(t); // warm up the JIT
  const times: number[] = [];
  let total = 0;
  for (const target of targets) {
    const start = performance.now();
    total += service.estimate(target).pricedSubtotal;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`estimate, warm catalogue, ${targets.length} specs`);
  console.log(`  p50: ${ms(percentile(times, 50))}   [target < 1 ms]`);
  console.log(`  p99: ${ms(percentile(times, 99))}`);
  console.log(`  max: ${ms(times[times.length - 1])}`);
  console.log(
    `  (sum of totals ${total.toFixed(
      2,
    )} USD, so the work is not optimised away)`,
  );
  return service;
}

function planOf(size: number) {
  const kinds = [
    (i: number) => ({
      type: 'aws_sagemaker_endpoint_configuration',
      after: {
        production_variants: [
          { instance_type: 'ml.m5.large', initial_instance_count: 1 + (i % 3) },
        ],
      },
    }),
    (i: number) => ({
      type: 'google_cloud_run_v2_service',
      after: {
        location: 'europe-west1',
        template: [
          {
            containers: [
              {
                resources: [
                  { limits: { cpu: '1', memory: `${512 * (1 + (i % 4))}Mi` } },
                ],
              },
            ],
            scaling: [{ min_instance_count: i % 2, max_instance_count: 5 }],
          },
        ],
      },
    }),
    () => ({
      type: 'azurerm_container_group',
      after: {
        location: 'eastus',
        os_type: 'Linux',
        container: [{ cpu: 1, memory: 1.5 }],
      },
    }),
    (i: number) => ({
      type: 'kubernetes_deployment_v1',
      after: {
        spec: [
          {
            replicas: 1 + (i % 3),
            template: [
              {
                spec: [
                  {
                    container: [
                      {
                        resources: [
                          { requests: { cpu: '250m', memory: '512Mi' } },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    }),
    () => ({ type: 'aws_instance', after: { instance_type: 'm5.large' } }),
    () => ({
      type: 'google_compute_instance',
      after: { machine_type: 'e2-standard-2', zone: 'us-central1-a' },
    }),
    () => ({
      type: 'azurerm_linux_virtual_machine',
      after: { size: 'Standard_D2s_v5', location: 'westeurope' },
    }),
    () => ({ type: 'aws_s3_bucket', after: { bucket: 'b' } }),
  ];
  return {
    format_version: '1.2',
    resource_changes: Array.from({ length: size }, (_, i) => {
      const { type, after } = kinds[i % kinds.length](i);
      return {
        address: `${type}.r${i}`,
        type,
        mode: 'managed',
        change: { actions: ['create'], before: null, after },
      };
    }),
  };
}

function plans(service: EstimationService) {
  const pricer = new PlanPricer(service);
  const plan = JSON.parse(JSON.stringify(planOf(500)));
  for (let i = 0; i < 5; i++) pricer.price(plan);
  const times: number[] = [];
  let result;
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    result = pricer.price(plan);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log('plan of 500 resources, 50 runs');
  console.log(`  median: ${ms(percentile(times, 50))}   [target < 50 ms]`);
  console.log(`  max:    ${ms(times[times.length - 1])}`);
  console.log(
    `  (after ${result!.monthlyAfter} USD/month, ${
      result!.unpriced.length
    } unpriced)`,
  );
}

const catalog = coldStart();
console.log();
const service = estimates(catalog);
console.log();
plans(service);
