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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CloudRunProvider } from '../plugins/cloud-deployments-backend-module-gcp/src';
import { SageMakerProvider } from '../plugins/cloud-deployments-backend-module-aws/src';
import {
  CloudRunSandbox,
  SageMakerSandbox,
} from '../plugins/cloud-deployments-backend-module-sandbox/src';
import { cloudRunService } from '../plugins/cloud-deployments-backend-module-gcp/src/cloudRun/cloudRunService';
import { SANDBOX_ACCOUNT } from '../plugins/cloud-deployments-backend-module-aws/src/sagemaker/readSageMakerConfig';
import { resourceNames } from '../plugins/cloud-deployments-backend-module-aws/src/sagemaker/resourceNames';
import { ProviderRegistry } from '../plugins/cloud-deployments-backend/src/jobs/ProviderRegistry';
import { Reconciler } from '../plugins/cloud-deployments-backend/src/reconcile/Reconciler';
import { DeploymentNotifier } from '../plugins/cloud-deployments-backend/src/notifications/DeploymentNotifier';
import { benchDatabases, seedDeployments } from './lib/databases';

/*
 * Reconciliation (issue 17 target: drift found within 60 s for a fleet of
 * 1,000; issue 4's: 10,000 in < 10 s, with BENCH_DEPLOYMENTS=10000). N active
 * deployments in the database and their resources in a local sandbox (the
 * same servers the tests and the sandbox mode use), 1% deleted and 1%
 * running another image behind the portal's back. One pass of the real
 * Reconciler with the real provider and SDK: list the deployments, look at
 * the resources, compare with the specs, and record the drift; then a second
 * pass that finds nothing new. For Cloud Run (one list call per 100
 * services) and SageMaker (one list per 100 endpoints, then a
 * DescribeEndpoint per endpoint in service, which is what tells the
 * configuration it serves). The figure that matters is a pass's time as a
 * share of the 60 s interval, and the calls an hour that interval costs.
 * On SQLite (file) and PostgreSQL when its URL is set (`yarn
 * bench:reconcile` starts one).
 */

const N = Number(process.env.BENCH_DEPLOYMENTS ?? 1_000);
const INTERVAL_S = 60;
const OLD_INTERVAL_S = 300;
const logger = {
  info() {},
  warn: console.warn,
  error: console.error,
  debug() {},
  child() {
    return logger;
  },
};

type Fleet = {
  name: string;
  provider: CloudDeploymentProvider & { close?(): Promise<void> };
  spec: (i: number) => Record<string, unknown>;
  /** Makes deployment i's resources; a drifted one runs another image. */
  seed(id: string, i: number, drifted: boolean): void;
  requests(): number;
  clearRequests(): void;
  close(): Promise<void>;
};

async function cloudRunFleet(): Promise<Fleet> {
  const sandbox = await CloudRunSandbox.start({ readyAfterMs: 0 });
  const image = 'europe-docker.pkg.dev/acme/web/api:1';
  const compute = { cpu: 1, memoryMiB: 512 };
  return {
    name: 'Cloud Run',
    provider: new CloudRunProvider({
      accounts: [{ id: 'bench', projectId: 'bench' }],
      sandboxUrl: sandbox.url,
    }),
    spec: () => ({
      owner: 'group:default/bench',
      component: 'component:default/bench',
      environment: 'development',
      provider: 'gcp-cloud-run',
      region: 'europe-west1',
      engine: 'sdk',
      artifact: { image },
      compute,
    }),
    seed(id, i, drifted) {
      const running = drifted ? 'evil/miner:latest' : image;
      sandbox.seedService(
        `projects/bench/locations/europe-west1/services/bench-${i}`,
        cloudRunService({
          id,
          spec: { compute, artifact: { image: running } },
        } as Deployment) as Record<string, unknown>,
      );
    },
    requests: () => sandbox.requests.length,
    clearRequests: () => sandbox.clearRequests(),
    close: () => sandbox.close(),
  };
}

async function sageMakerFleet(): Promise<Fleet> {
  const sandbox = await SageMakerSandbox.start({ readyAfterMs: 0 });
  const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/bench:1';
  const compute = { instanceType: 'ml.m5.large', instanceCount: 1 };
  return {
    name: 'SageMaker',
    provider: new SageMakerProvider({
      accounts: [SANDBOX_ACCOUNT],
      sandboxUrl: sandbox.url,
    }),
    spec: () => ({
      owner: 'group:default/bench',
      component: 'component:default/bench',
      environment: 'development',
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      engine: 'sdk',
      artifact: { image },
      compute,
    }),
    seed(id, i, drifted) {
      const running = drifted ? 'evil/miner:latest' : image;
      const names = resourceNames(
        { id, name: `bench-${i}` },
        {
          image: running,
          ...compute,
          executionRoleArn: SANDBOX_ACCOUNT.executionRoleArn,
        },
      );
      sandbox.seedEndpoint({
        name: names.endpoint,
        configName: names.revision,
        image: running,
        instanceType: compute.instanceType,
      });
    },
    requests: () => sandbox.requests.length,
    clearRequests: () => sandbox.clearRequests(),
    close: () => sandbox.close(),
  };
}

async function main() {
  for (const makeFleet of [cloudRunFleet, sageMakerFleet]) {
    for (const make of await benchDatabases()) {
      const db = await make();
      const fleet = await makeFleet();
      try {
        const ids = await seedDeployments(db.knex, N, {
          provider: (fleet.spec(0) as { provider: string }).provider,
          status: 'active',
          spec: fleet.spec,
        });
        ids.forEach((id, i) => {
          if (i % 100 === 0) return; // 1%: deleted behind the portal's back
          fleet.seed(id, i, i % 100 === 1); // 1%: another image
        });
        const providers = new ProviderRegistry();
        providers.add(fleet.provider);
        // Counts the drift notices; delivering them is the notifications backend's cost.
        let notices = 0;
        const reconciler = new Reconciler({
          store: db.store,
          providers,
          logger: logger as any,
          concurrency: 32,
          maxAttempts: 3,
          notifier: DeploymentNotifier.create({
            notifications: { send: async () => void (notices += 1) },
            signals: { publish: async () => {} },
            logger: logger as any,
          }),
        });
        fleet.clearRequests();
        const start = performance.now();
        const report = await reconciler.reconcile();
        const seconds = (performance.now() - start) / 1000;
        const calls = fleet.requests();
        const counts = await db
          .knex('deployments')
          .select('status')
          .count({ n: '*' })
          .groupBy('status');
        const again = performance.now();
        await reconciler.reconcile();
        const secondSeconds = (performance.now() - again) / 1000;
        console.log(
          `${fleet.name}, ${
            db.name
          }, ${N} deployments: first pass ${seconds.toFixed(2)} s (${(
            (seconds / INTERVAL_S) *
            100
          ).toFixed(1)}% of ${INTERVAL_S} s), ${report.drifted} found (${counts
            .map((c: any) => `${c.n} ${c.status}`)
            .join(
              ', ',
            )}; ${notices} notified); second pass ${secondSeconds.toFixed(
            2,
          )} s; ${calls} API calls a pass = ${
            calls * (3600 / INTERVAL_S)
          } an hour at ${INTERVAL_S} s (${
            calls * (3600 / OLD_INTERVAL_S)
          } at ${OLD_INTERVAL_S} s)`,
        );
      } finally {
        await fleet.provider.close?.();
        await fleet.close();
        await db.close();
      }
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
