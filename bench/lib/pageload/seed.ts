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
import { join } from 'node:path';
import type {
  DeploymentProvider,
  DeploymentSpec,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import knexFactory from 'knex';
import { DatabaseDeploymentStore } from '../../../plugins/cloud-deployments-backend/src/database/DatabaseDeploymentStore';
import { TaskQueue } from '../../../plugins/cloud-deployments-backend/src/jobs/TaskQueue';
import { EstimationService } from '../../../plugins/cloud-deployments-backend/src/pricing/EstimationService';
import { PriceCatalog } from '../../../plugins/cloud-deployments-backend/src/pricing/PriceCatalog';
import { loadSnapshot } from '../../../plugins/cloud-deployments-backend/src/pricing/snapshot/loadSnapshot';

function specOf(i: number): DeploymentSpec {
  const common = {
    owner: `group:default/team-${i % 25}`,
    component: `component:default/service-${i % 400}`,
    environment: ['development', 'staging', 'production'][i % 3],
    engine: 'sdk' as const,
  };
  const provider = (
    [
      'aws-sagemaker',
      'gcp-cloud-run',
      'azure-container-instances',
      'kubernetes',
    ] as DeploymentProvider[]
  )[i % 4];
  switch (provider) {
    case 'aws-sagemaker':
      return {
        ...common,
        provider,
        region: i % 8 === 0 ? 'us-east-1' : 'eu-west-1',
        artifact: { image: `example.com/ml/model-${i}:1.0.0` },
        compute: {
          instanceType: ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge'][i % 3],
          instanceCount: 1 + (i % 3),
        },
      };
    case 'gcp-cloud-run':
      return {
        ...common,
        provider,
        region: i % 2 ? 'europe-west1' : 'us-central1',
        artifact: { image: `europe-docker.pkg.dev/acme/web/api-${i}:1.0.0` },
        compute: { cpu: 1 + (i % 2), memoryMiB: 512, maxInstances: 3 },
      };
    case 'azure-container-instances':
      return {
        ...common,
        provider,
        region: i % 2 ? 'westeurope' : 'eastus',
        artifact: { image: `acme.azurecr.io/api-${i}:1.0.0` },
        compute: { cpu: 1, memoryMiB: 1536 },
      };
    default:
      return {
        ...common,
        provider,
        region: 'eu-west-1',
        artifact: { image: `example.com/k8s/api-${i}:1.0.0` },
        compute: { cpu: 0.5, memoryMiB: 512, minInstances: 1, maxInstances: 2 },
      };
  }
}

/** 8 in 10 active, 1 in 10 failed, 1 in 10 still pending. */
function pathTo(i: number): DeploymentStatus[] {
  if (i % 10 === 9) return [];
  if (i % 10 === 8) return ['provisioning', 'failed'];
  return ['provisioning', 'active'];
}

export async function seed(dataDir: string, deployments: number) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    // The file the backend's database service opens for this plugin.
    connection: { filename: join(dataDir, 'cloud-deployments.sqlite') },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  const store = await DatabaseDeploymentStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
    tasks: TaskQueue,
  } as unknown as Parameters<typeof DatabaseDeploymentStore.create>[0]);
  const estimates = new EstimationService({
    catalog: PriceCatalog.fromSnapshot(loadSnapshot()),
  });
  const actor = { ref: 'user:default/bench' };
  const start = performance.now();
  for (let i = 0; i < deployments; i++) {
    const spec = specOf(i);
    const deployment = await store.createDeployment(
      {
        name: `model-${i}`,
        spec,
        estimate: estimates.estimate(spec),
        sandbox: true,
      },
      actor,
    );
    for (const to of pathTo(i)) {
      await store.transitionDeployment(deployment.id, to, { actor });
    }
  }
  const rows = await knex('deployments').count({ n: '*' }).first();
  await knex.destroy();
  console.log(
    `seeded ${rows?.n} deployments through DatabaseDeploymentStore in ${(
      (performance.now() - start) /
      1000
    ).toFixed(1)} s`,
  );
}
