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
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import awsModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import azureModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import kubernetesModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import {
  AciSandbox,
  CloudRunSandbox,
  KubernetesSandbox,
  SageMakerSandbox,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { CreateDeploymentRequest } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsSandboxServiceRef } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import request from 'supertest';
import { cloudDeploymentsPlugin } from '../plugin';

/*
 * The four targets end to end: the plugin with the four real provider
 * modules in sandbox mode, against sandboxes the test can look into, made
 * quick to settle.
 */

export type Sandboxes = {
  aws: SageMakerSandbox;
  gcp: CloudRunSandbox;
  azure: AciSandbox;
  kubernetes: KubernetesSandbox;
};

/** The sandbox service, with sandboxes the test can look into. */
export async function quickSandboxes() {
  const sandboxes: Sandboxes = {
    aws: await SageMakerSandbox.start({ readyAfterMs: 50 }),
    gcp: await CloudRunSandbox.start({ readyAfterMs: 50 }),
    azure: await AciSandbox.start({ readyAfterMs: 50 }),
    kubernetes: await KubernetesSandbox.start({
      rolloutMs: 50,
      deletionMs: 50,
    }),
  };
  const factory = createServiceFactory({
    service: cloudDeploymentsSandboxServiceRef,
    deps: {},
    factory: () => ({
      async start(cloud: keyof Sandboxes) {
        const sandbox = sandboxes[cloud];
        if (sandbox instanceof AciSandbox) {
          const { url, certificate, token } = sandbox;
          return { url, certificate, token };
        }
        if (sandbox instanceof KubernetesSandbox) {
          return { url: sandbox.url, token: sandbox.token };
        }
        return { url: sandbox.url };
      },
    }),
  });
  const close = () => Promise.all(Object.values(sandboxes).map(s => s.close()));
  return { sandboxes, factory, close };
}

/** A deployment request of each target, on its sandbox. */
export const TARGET_REQUESTS: Record<keyof Sandboxes, CreateDeploymentRequest> =
  {
    aws: {
      name: 'fraud-model',
      owner: 'group:default/ml-team',
      component: 'component:default/fraud-model',
      environment: 'staging',
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      engine: 'sdk',
      artifact: {
        image: 'acme/fraud:1',
        modelDataUrl: 's3://models/fraud.tar.gz',
      },
      compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
    },
    gcp: {
      name: 'web-api',
      owner: 'group:default/web-team',
      component: 'component:default/web-api',
      environment: 'staging',
      provider: 'gcp-cloud-run',
      region: 'europe-west1',
      engine: 'sdk',
      artifact: { image: 'acme/web-api:1' },
      compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 2 },
    },
    azure: {
      name: 'fraud-batch',
      owner: 'group:default/ml-team',
      component: 'component:default/fraud-model',
      environment: 'development',
      provider: 'azure-container-instances',
      region: 'eastus',
      engine: 'sdk',
      artifact: { image: 'acme/fraud-batch:1' },
      compute: { cpu: 1, memoryMiB: 1024 },
    },
    kubernetes: {
      name: 'web-shop',
      owner: 'group:default/guests',
      component: 'component:default/example-website',
      environment: 'staging',
      provider: 'kubernetes',
      region: 'eu-central-1',
      engine: 'kubernetes',
      artifact: { image: 'acme/web-shop:1' },
      compute: { cpu: 0.5, memoryMiB: 512, minInstances: 2, maxInstances: 2 },
    },
  };

/**
 * The plugin and the four provider modules on `knex`, with a fast job
 * engine; `trigger` runs one of the plugin's scheduled tasks now. With
 * `standbyCluster`, Kubernetes has two configured clusters, `primary` (the
 * sandbox's) and `standby` (another cluster server), instead of sandbox mode.
 */
export async function startFourTargetBackend(
  knex: Knex,
  options: {
    standbyCluster?: boolean;
    /** More `cloudDeployments` config, e.g. `policies`. */
    cloudDeployments?: Record<string, unknown>;
  } = {},
) {
  const quick = await quickSandboxes();
  const standbyCluster = options.standbyCluster
    ? await KubernetesSandbox.start({ rolloutMs: 50, deletionMs: 50 })
    : undefined;
  const cluster = (name: string, sandbox: KubernetesSandbox) => ({
    name,
    url: sandbox.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: sandbox.token,
    skipTLSVerify: true,
  });
  let scheduler: SchedulerService | undefined;
  const schedulerProbe = createBackendModule({
    pluginId: 'cloud-deployments',
    moduleId: 'test-scheduler',
    register(reg) {
      reg.registerInit({
        deps: { pluginScheduler: coreServices.scheduler },
        async init({ pluginScheduler }) {
          scheduler = pluginScheduler;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsPlugin,
      awsModule,
      gcpModule,
      azureModule,
      kubernetesModule,
      schedulerProbe,
      quick.factory,
      mockServices.database.factory({ knex, migrations: { skip: false } }),
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            jobs: {
              pollInterval: { milliseconds: 50 },
              idlePollInterval: { milliseconds: 50 },
              backoff: { milliseconds: 20 },
              maxBackoff: { milliseconds: 100 },
              lease: { seconds: 5 },
            },
            ...options.cloudDeployments,
          },
          ...(standbyCluster
            ? {
                kubernetes: {
                  clusterLocatorMethods: [
                    {
                      type: 'config',
                      clusters: [
                        cluster('primary', quick.sandboxes.kubernetes),
                        cluster('standby', standbyCluster),
                      ],
                    },
                  ],
                },
              }
            : {}),
        },
      }),
    ],
  });
  const server = backend.server;
  return {
    server,
    sandboxes: quick.sandboxes,
    standbyCluster,
    trigger: (task: string) => scheduler!.triggerTask(task),
    stop: async () => {
      await backend.stop();
      await quick.close();
      await standbyCluster?.close();
    },
  };
}

/** Polls `path` until `done` holds for its body; the last body otherwise. */
export async function pollUntil(
  server: Parameters<typeof request>[0],
  path: string,
  done: (body: any) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(server).get(path);
    if (done(res.body)) return res.body;
    if (Date.now() > deadline) {
      throw new Error(
        `${path} never ${what}: ${JSON.stringify(res.body).slice(0, 600)}`,
      );
    }
    await new Promise(r => setTimeout(r, 25));
  }
}
