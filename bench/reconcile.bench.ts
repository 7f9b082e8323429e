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
import { CloudRunProvider } from '../plugins/cloud-deployments-backend-module-gcp/src';
import { CloudRunSandbox } from '../plugins/cloud-deployments-backend-module-sandbox/src';
import { cloudRunService } from '../plugins/cloud-deployments-backend-module-gcp/src/cloudRun/cloudRunService';
import { ProviderRegistry } from '../plugins/cloud-deployments-backend/src/jobs/ProviderRegistry';
import { Reconciler } from '../plugins/cloud-deployments-backend/src/reconcile/Reconciler';
import { DeploymentNotifier } from '../plugins/cloud-deployments-backend/src/notifications/DeploymentNotifier';
import { benchDatabases, seedDeployments } from './lib/databases';

/*
 * Reconciliation (issue 4 target: 10,000 active deployments in < 10 s against
 * local servers). 10,000 active Cloud Run deployments in the database and
 * 10,000 services in the Cloud Run sandbox (the same local server the tests
 * and the sandbox mode use); 1% of them deleted behind the portal's back. One
 * pass of the real Reconciler with the real Cloud Run provider and SDK: list
 * the deployments, list the services (paged), compare, and record the drift
 * in batched transactions. On SQLite (file) and PostgreSQL when its URL is
 * set (`yarn bench:reconcile` starts one).
 */

const N = Number(process.env.BENCH_DEPLOYMENTS ?? 10_000);
const DRIFTED = Math.round(N / 100);
const PARENT = 'projects/bench/locations/europe-west1';
const logger = {
  info: console.log,
  warn: console.warn,
  error: console.error,
  debug() {},
  child() {
    return logger;
  },
};

async function main() {
  for (const make of await benchDatabases()) {
    const db = await make();
    const sandbox = await CloudRunSandbox.start({ readyAfterMs: 0 });
    const provider = new CloudRunProvider({
      accounts: [{ id: 'bench', projectId: 'bench' }],
      sandboxUrl: sandbox.url,
    });
    try {
      const seeded = performance.now();
      const ids = await seedDeployments(db.knex, N, {
        provider: 'gcp-cloud-run',
        status: 'active',
        spec: () => ({
          owner: 'group:default/bench',
          component: 'component:default/bench',
          environment: 'development',
          provider: 'gcp-cloud-run',
          region: 'europe-west1',
          engine: 'sdk',
          artifact: { image: 'europe-docker.pkg.dev/acme/web/api:1' },
          compute: { cpu: 1, memoryMiB: 512 },
        }),
      });
      ids.forEach((id, i) => {
        if (i % 100 === 0) return; // 1%: deleted behind the portal's back
        sandbox.seedService(
          `${PARENT}/services/bench-${i}`,
          cloudRunService({
            id,
            spec: {
              compute: { cpu: 1, memoryMiB: 512 },
              artifact: { image: 'europe-docker.pkg.dev/acme/web/api:1' },
            },
          } as Deployment) as Record<string, unknown>,
        );
      });
      console.log(
        `${db.name}: seeded ${N} active deployments and ${
          N - DRIFTED
        } services in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
      );

      const providers = new ProviderRegistry();
      providers.add(provider);
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
      sandbox.clearRequests();
      const start = performance.now();
      const report = await reconciler.reconcile();
      const seconds = (performance.now() - start) / 1000;
      const failed = Number(
        (
          await db
            .knex('deployments')
            .where({ status: 'failed' })
            .count({ n: '*' })
        )[0].n,
      );
      console.log(
        `  one pass: ${seconds.toFixed(2)} s for ${
          report.checked
        } deployments, ${sandbox.requests.length} API requests, ${
          report.drifted
        } drifted (${failed} failed in the DB, ${notices} notified), ${
          report.errors
        } errors`,
      );
      const again = performance.now();
      const second = await reconciler.reconcile();
      console.log(
        `  a second pass (no new drift): ${(
          (performance.now() - again) /
          1000
        ).toFixed(2)} s for ${second.checked} deployments`,
      );
    } finally {
      await provider.close?.();
      await sandbox.close();
      await db.close();
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
