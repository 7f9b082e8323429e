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
import { mockServices } from '@backstage/backend-test-utils';
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { KubernetesSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  kubernetesDeployment,
  SETTINGS,
} from '../__testUtils__/kubernetesCases';
import { KubernetesProvider } from '../KubernetesProvider';

// The GPU quota of the namespace, read through @kubernetes/client-node from
// the sandbox API server's ResourceQuota list.

describe('KubernetesProvider.readQuotas', () => {
  let sandbox: KubernetesSandbox;
  let provider: KubernetesProvider;
  const ctx = {
    log: async () => {},
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
  };

  beforeEach(async () => {
    sandbox = await KubernetesSandbox.start({
      rolloutMs: 10,
      deletionMs: 10,
      gpuQuotas: { apps: 4 },
    });
    provider = new KubernetesProvider({
      settings: {
        ...SETTINGS,
        clusters: [
          {
            name: 'local',
            url: sandbox.url,
            token: sandbox.token,
            skipTLSVerify: true,
          },
        ],
        sandbox: true,
      },
      pollMs: 10,
    });
  });
  afterEach(() => sandbox.close());

  const gpuDeployment = (name: string, gpu: number, replicas: number) =>
    kubernetesDeployment({
      name,
      compute: {
        cpu: 1,
        memoryMiB: 1024,
        gpu,
        minInstances: replicas,
        maxInstances: replicas,
      },
    });

  const query = () => ({
    spec: gpuDeployment('x', 1, 1).spec,
    instanceTypes: ['*'],
  });

  it("reads the namespace's requests.nvidia.com/gpu quota with what its Deployments use", async () => {
    expect(Object.fromEntries(await provider.readQuotas(query(), ctx))).toEqual(
      {
        '*': {
          name: 'ResourceQuota apps/gpu-quota (requests.nvidia.com/gpu, cluster local)',
          unit: 'gpus',
          limit: 4,
          used: 0,
        },
      },
    );
    await provider.provision(gpuDeployment('trainer', 1, 3), ctx);
    expect((await provider.readQuotas(query(), ctx)).get('*')).toMatchObject({
      limit: 4,
      used: 3,
    });
    expect(sandbox.requests.map(r => `${r.method} ${r.path}`)).toContain(
      'GET /api/v1/namespaces/apps/resourcequotas',
    );
  });

  it('reads nothing when no quota limits GPUs', async () => {
    sandbox.setGpuQuota('apps', undefined);
    expect((await provider.readQuotas(query(), ctx)).size).toBe(0);
  });

  it('throws a permanent ProviderError when RBAC forbids listing quotas', async () => {
    sandbox.forbidResourceQuotas(true);
    const error = await provider.readQuotas(query(), ctx).catch(e => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'permanent', code: '403' });
    expect(error.message).toContain(
      'cannot list resource "resourcequotas" in API group "" in the namespace "apps"',
    );
  });
});
