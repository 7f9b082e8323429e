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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  cloudRunService,
  deploymentIdLabel,
  formatCpu,
  isServiceOf,
} from './cloudRunService';

const deployment = {
  id: 'Deployment/With Capitals',
  name: 'gpu-model',
  spec: {
    artifact: { image: 'us-docker.pkg.dev/acme/models/llm:1' },
    compute: { cpu: 4, memoryMiB: 16384, gpu: 1, concurrency: 4 },
  },
} as Deployment;

describe('cloudRunService', () => {
  it('formats CPUs as Cloud Run writes them', () => {
    expect([1, 2, 8, 0.5, 0.08, 0.25].map(formatCpu)).toEqual([
      '1',
      '2',
      '8',
      '500m',
      '80m',
      '250m',
    ]);
  });

  it('makes label values of ids that are not, stably', () => {
    expect(deploymentIdLabel('3f1c2b1e-0000-4000-8000-000000000001')).toBe(
      '3f1c2b1e-0000-4000-8000-000000000001',
    );
    const label = deploymentIdLabel(deployment.id);
    expect(label).toMatch(/^h-[0-9a-f]{40}$/);
    expect(deploymentIdLabel(deployment.id)).toBe(label);
  });

  it('sets the environment variables on the container, in order', () => {
    const service = cloudRunService({
      ...deployment,
      spec: { ...deployment.spec, env: { MODEL: 'llm', TOKENS: '4096' } },
    });
    expect(service.template?.containers?.[0].env).toEqual([
      { name: 'MODEL', value: 'llm' },
      { name: 'TOKENS', value: '4096' },
    ]);
    expect(cloudRunService(deployment).template?.containers?.[0].env).toBe(
      undefined,
    );
  });

  it('asks for a GPU with always-allocated CPU on an L4 node', () => {
    const service = cloudRunService(
      deployment,
      'projects/p/locations/r/services/gpu-model',
    );
    expect(service).toEqual({
      name: 'projects/p/locations/r/services/gpu-model',
      labels: {
        'managed-by': 'backstage-cloud-deployments',
        'cloud-deployments-id': deploymentIdLabel(deployment.id),
      },
      template: {
        containers: [
          {
            image: 'us-docker.pkg.dev/acme/models/llm:1',
            resources: {
              limits: { cpu: '4', memory: '16384Mi', 'nvidia.com/gpu': '1' },
              cpuIdle: false,
            },
          },
        ],
        maxInstanceRequestConcurrency: 4,
        nodeSelector: { accelerator: 'nvidia-l4' },
      },
    });
    expect(isServiceOf(service, deployment)).toBe(true);
    expect(isServiceOf({ labels: {} }, deployment)).toBe(false);
  });
});
