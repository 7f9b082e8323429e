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
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { SageMakerProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import { CloudRunProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import { KubernetesProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import {
  CloudRunSandbox,
  KubernetesSandbox,
  SageMakerSandbox,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  CloudDeploymentProvider,
  cloudDeploymentsProvidersExtensionPoint,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * The real Cloud Run provider against its local sandbox, with a sandbox that
 * is quick to get ready so lifecycle tests do not wait. The test owns the
 * sandbox: it can inject faults and look at what the provider sent.
 */
export async function cloudRunSandboxModule(
  options: { readyAfterMs?: number; timeoutMs?: number } = {},
) {
  const sandbox = await CloudRunSandbox.start({
    readyAfterMs: options.readyAfterMs ?? 50,
  });
  const provider = new CloudRunProvider({
    accounts: [{ id: 'sandbox', projectId: 'cloud-deployments-sandbox' }],
    sandboxUrl: sandbox.url,
    timeoutMs: options.timeoutMs ?? 2000,
  });
  return { sandbox, provider, ...providerModule('test-cloud-run', provider) };
}

/**
 * The real Kubernetes provider against the sandbox cluster, with quick
 * rollouts and deletions. The test owns the cluster: it can change objects
 * behind the portal's back.
 */
export async function kubernetesSandboxModule() {
  const sandbox = await KubernetesSandbox.start({
    rolloutMs: 50,
    deletionMs: 50,
  });
  const provider = new KubernetesProvider({
    settings: {
      clusters: [
        {
          name: 'local',
          url: sandbox.url,
          token: sandbox.token,
          skipTLSVerify: true,
        },
      ],
      sandbox: true,
      namespace: 'default',
      fieldManager: 'backstage-cloud-deployments',
      containerPort: 8080,
      rolloutTimeoutMs: 60_000,
    },
    pollMs: 50,
  });
  return { sandbox, provider, ...providerModule('test-kubernetes', provider) };
}

/** A module adding one provider, and a way to run reconciliation now. */
function providerModule(moduleId: string, provider: CloudDeploymentProvider) {
  let scheduler: SchedulerService | undefined;
  const module = createBackendModule({
    pluginId: 'cloud-deployments',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          providers: cloudDeploymentsProvidersExtensionPoint,
          pluginScheduler: coreServices.scheduler,
        },
        async init({ providers, pluginScheduler }) {
          providers.addProvider(provider);
          scheduler = pluginScheduler;
        },
      });
    },
  });
  /** Runs the plugin's reconciliation now (the test backend's scheduler only runs tasks when told). */
  const reconcile = () => scheduler!.triggerTask('cloud-deployments-reconcile');
  return { module, reconcile };
}

/**
 * The real SageMaker provider against its local sandbox, endpoints in
 * service at once (the AWS provider's waiter would otherwise poll for
 * half a minute). The test owns the sandbox.
 */
export async function sageMakerSandboxModule() {
  const sandbox = await SageMakerSandbox.start({ readyAfterMs: 0 });
  const provider = new SageMakerProvider({
    accounts: [
      {
        id: 'sandbox',
        executionRoleArn:
          'arn:aws:iam::123456789012:role/cloud-deployments-sandbox',
      },
    ],
    sandboxUrl: sandbox.url,
  });
  const module = createBackendModule({
    pluginId: 'cloud-deployments',
    moduleId: 'test-sagemaker',
    register(reg) {
      reg.registerInit({
        deps: { providers: cloudDeploymentsProvidersExtensionPoint },
        async init({ providers }) {
          providers.addProvider(provider);
        },
      });
    },
  });
  return { sandbox, provider, module };
}
