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
import { AzureContainerInstancesProvider } from '../plugins/cloud-deployments-backend-module-azure/src';
import { KubernetesProvider } from '../plugins/cloud-deployments-backend-module-kubernetes/src';
import {
  AciSandbox,
  CloudRunSandbox,
  KubernetesSandbox,
  SageMakerSandbox,
} from '../plugins/cloud-deployments-backend-module-sandbox/src';
import { deploymentManifests } from '../plugins/cloud-deployments-backend-module-kubernetes/src/manifests/deploymentManifests';
import { KubernetesSettings } from '../plugins/cloud-deployments-backend-module-kubernetes/src/cluster/readKubernetesConfig';
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
 * services), SageMaker (one list per 100 endpoints, then a DescribeEndpoint
 * per endpoint in service, which is what tells the configuration it
 * serves), Container Instances (one list per 100 container groups) and
 * Kubernetes (no list: a GET of each Deployment). The figure that matters is a pass's time as a
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
  seed(id: string, i: number, drifted: boolean): void | Promise<void>;
  requests(): number;
  /** What the calls since the last clear were, when they are of more than one kind. */
  callKinds?(): string;
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

const ACI_SCOPE = {
  subscriptionId: '11111111-2222-3333-4444-555555555555',
  resourceGroup: 'bench',
};

async function containerInstancesFleet(): Promise<Fleet> {
  const sandbox = await AciSandbox.start({
    readyAfterMs: 0,
    pageSize: 100,
  });
  const provider = new AzureContainerInstancesProvider({
    subscriptions: [{ id: 'bench', ...ACI_SCOPE, regions: ['westeurope'] }],
    sandbox,
  });
  const spec = () => ({
    owner: 'group:default/bench',
    component: 'component:default/bench',
    environment: 'development',
    provider: 'azure-container-instances',
    region: 'westeurope',
    engine: 'sdk',
    artifact: { image: 'acme.azurecr.io/bench/api:1' },
    compute: { cpu: 1, memoryMiB: 2048 },
  });
  const ctx = { log: async () => {}, signal: new AbortController().signal };
  return {
    name: 'Container Instances',
    provider,
    spec,
    // The sandbox takes container groups only over ARM: the real provider
    // and SDK make each, as the module's tests do.
    async seed(id, i, drifted) {
      const name = `bench-${i}`;
      await provider.provision(
        { id, name, spec: spec() } as unknown as Deployment,
        { ...ctx, logger: logger as any },
      );
      if (drifted) {
        sandbox.editBehindTheBack(ACI_SCOPE, name, body => {
          body.properties.containers[0].properties.image = 'evil/miner:latest';
        });
      }
    },
    requests: () => sandbox.requests().length,
    clearRequests: () => sandbox.clearRequests(),
    close: () => sandbox.close(),
  };
}

async function kubernetesFleet(): Promise<Fleet> {
  const sandbox = await KubernetesSandbox.start({ rolloutMs: 0 });
  const settings: KubernetesSettings = {
    clusters: [
      {
        name: 'local',
        url: sandbox.url,
        token: sandbox.token,
        skipTLSVerify: true,
      },
    ],
    sandbox: true,
    namespace: 'apps',
    fieldManager: 'backstage-cloud-deployments',
    containerPort: 8080,
    rolloutTimeoutMs: 120_000,
  };
  const image = 'ghcr.io/acme/api:1';
  // A fixed size: one GET a deployment (an autoscaled one adds its HPA's).
  const spec = () => ({
    owner: 'group:default/bench',
    component: 'component:default/bench',
    environment: 'development',
    provider: 'kubernetes',
    region: 'local',
    engine: 'sdk',
    artifact: { image },
    compute: { cpu: 0.5, memoryMiB: 512, instanceCount: 1 },
  });
  return {
    name: 'Kubernetes',
    provider: new KubernetesProvider({ settings }),
    spec,
    // Server-side apply of the provider's own objects straight to the
    // sandbox API server: the provider's provision would also list every
    // managed kind to prune, which the sandbox answers by scanning the
    // whole cluster, so 1,000 of them would take minutes.
    async seed(id, i, drifted) {
      const deployment = {
        id,
        name: `bench-${i}`,
        spec: spec(),
      } as unknown as Deployment;
      for (const manifest of deploymentManifests(deployment, settings)) {
        if (drifted && manifest.kind === 'Deployment') {
          (manifest as any).spec.template.spec.containers[0].image =
            'evil/miner:latest';
        }
        const group = manifest.apiVersion.includes('/') ? 'apis' : 'api';
        const response = await fetch(
          `${sandbox.url}/${group}/${manifest.apiVersion}/namespaces/${
            settings.namespace
          }/${manifest.kind.toLowerCase()}s/${
            manifest.metadata.name
          }?fieldManager=${settings.fieldManager}`,
          {
            method: 'PATCH',
            headers: {
              authorization: `Bearer ${sandbox.token}`,
              'content-type': 'application/apply-patch+yaml',
            },
            body: JSON.stringify(manifest),
          },
        );
        if (!response.ok) throw new Error(await response.text());
      }
    },
    requests: () => sandbox.requests.length,
    callKinds() {
      const counts = new Map<string, number>();
      for (const { method, path } of sandbox.requests) {
        // `/apis/apps/v1`: the client's discovery of where Deployments are.
        const kind = /^\/apis?(\/[^/]+){1,2}$/.test(path)
          ? `${method} ${path}`
          : `${method} ${path.split('/').slice(0, -1).join('/')}/<name>`;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
      return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
    },
    clearRequests: () => {
      sandbox.requests.length = 0;
    },
    close: () => sandbox.close(),
  };
}

/** Seeds the fleet, 25 at a time (ACI and Kubernetes seed over HTTP). */
async function seedFleet(fleet: Fleet, ids: string[]) {
  for (let start = 0; start < ids.length; start += 25) {
    await Promise.all(
      ids.slice(start, start + 25).map(async (id, offset) => {
        const i = start + offset;
        if (i % 100 === 0) return; // 1%: deleted behind the portal's back
        await fleet.seed(id, i, i % 100 === 1); // 1%: another image
      }),
    );
  }
}

const FLEETS: Record<string, () => Promise<Fleet>> = {
  cloudrun: cloudRunFleet,
  sagemaker: sageMakerFleet,
  aci: containerInstancesFleet,
  kubernetes: kubernetesFleet,
};

async function main() {
  // BENCH_TARGETS=aci,kubernetes runs some of them; all by default.
  const targets = (process.env.BENCH_TARGETS ?? Object.keys(FLEETS).join(','))
    .split(',')
    .map(t => t.trim());
  for (const target of targets) {
    const makeFleet = FLEETS[target];
    if (!makeFleet) {
      throw new Error(
        `Unknown target ${target}; BENCH_TARGETS takes ${Object.keys(
          FLEETS,
        ).join(', ')}`,
      );
    }
    for (const make of await benchDatabases()) {
      const db = await make();
      const fleet = await makeFleet();
      try {
        const ids = await seedDeployments(db.knex, N, {
          provider: (fleet.spec(0) as { provider: string }).provider,
          status: 'active',
          spec: fleet.spec,
        });
        await seedFleet(fleet, ids);
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
        const kinds = fleet.callKinds?.();
        fleet.clearRequests();
        const again = performance.now();
        await reconciler.reconcile();
        const secondSeconds = (performance.now() - again) / 1000;
        const secondCalls = fleet.requests();
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
          )} s; ${calls} API calls a pass${kinds ? ` (${kinds})` : ''} = ${
            calls * (3600 / INTERVAL_S)
          } an hour at ${INTERVAL_S} s (${
            calls * (3600 / OLD_INTERVAL_S)
          } at ${OLD_INTERVAL_S} s); ${secondCalls} on the second pass`,
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
