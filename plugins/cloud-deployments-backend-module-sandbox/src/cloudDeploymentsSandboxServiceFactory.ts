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
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  CloudDeploymentsSandboxCloud,
  CloudDeploymentsSandboxEndpoint,
  cloudDeploymentsSandboxServiceRef,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { SageMakerSandbox } from './aws/SageMakerSandbox';
import { AciSandbox } from './azure/AciSandbox';
import { CloudRunSandbox } from './gcp/CloudRunSandbox';
import { KubernetesSandbox } from './kubernetes/KubernetesSandbox';

type Running = {
  endpoint: CloudDeploymentsSandboxEndpoint;
  close(): Promise<void>;
};

const starters: Record<CloudDeploymentsSandboxCloud, () => Promise<Running>> = {
  // A demo backend runs for days: keeping every request would only grow.
  aws: async () => {
    const sandbox = await SageMakerSandbox.start({ recordRequests: false });
    return { endpoint: { url: sandbox.url }, close: () => sandbox.close() };
  },
  gcp: async () => {
    const sandbox = await CloudRunSandbox.start();
    return { endpoint: { url: sandbox.url }, close: () => sandbox.close() };
  },
  azure: async () => {
    const sandbox = await AciSandbox.start();
    const { url, certificate, token } = sandbox;
    return {
      endpoint: { url, certificate, token },
      close: () => sandbox.close(),
    };
  },
  kubernetes: async () => {
    const sandbox = await KubernetesSandbox.start();
    const { url, token } = sandbox;
    return { endpoint: { url, token }, close: () => sandbox.close() };
  },
};

/**
 * Installs the sandboxes: a provider module with no cloud configured
 * deploys to a local stand-in of its cloud's API, started on loopback when
 * the module first asks for it and closed when the backend stops. For demos
 * and tests; a production backend leaves this out.
 *
 * @public
 */
export const cloudDeploymentsSandboxServiceFactory = createServiceFactory({
  service: cloudDeploymentsSandboxServiceRef,
  deps: { lifecycle: coreServices.lifecycle },
  factory({ lifecycle }) {
    const running = new Map<CloudDeploymentsSandboxCloud, Promise<Running>>();
    lifecycle.addShutdownHook(async () => {
      const started = await Promise.allSettled(running.values());
      running.clear();
      await Promise.all(
        started.map(s =>
          s.status === 'fulfilled' ? s.value.close() : undefined,
        ),
      );
    });
    return {
      async start(cloud) {
        let sandbox = running.get(cloud);
        if (!sandbox) {
          sandbox = starters[cloud]();
          running.set(cloud, sandbox);
          // A failed start is not remembered, so that a retry can succeed.
          sandbox.catch(() => running.delete(cloud));
        }
        return (await sandbox).endpoint;
      },
    };
  },
});
