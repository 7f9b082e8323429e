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
import { ContainerGroup } from '@azure/arm-containerinstance';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  containerGroupFor,
  containerGroupNameProblem,
  dnsNameLabel,
  memoryInGB,
  needsRecreate,
} from './containerGroup';
import { failureReason, observeContainerGroup } from './observeContainerGroup';

const ID = '6f1c9f0e-8d5e-4a8b-9a57-3f1c2b7d9e10';
const subscription = {
  id: 'ml',
  subscriptionId: '11111111-2222-3333-4444-555555555555',
  resourceGroup: 'rg',
};

describe('the container group of a deployment', () => {
  it("sets the spec's environment variables after the PORT the portal exposes", () => {
    const group = containerGroupFor({
      id: ID,
      name: 'model',
      spec: {
        provider: 'azure-container-instances',
        region: 'westeurope',
        artifact: { image: 'acme.azurecr.io/model:1' },
        compute: { cpu: 1, memoryMiB: 1536 },
        env: { MODEL: 'fraud', THRESHOLD: '0.8' },
      },
    } as unknown as Deployment);
    expect(group.containers[0].environmentVariables).toEqual([
      { name: 'PORT', value: '8080' },
      { name: 'MODEL', value: 'fraud' },
      { name: 'THRESHOLD', value: '0.8' },
    ]);
  });
});

describe('container group naming', () => {
  it('accepts the names ACI accepts', () => {
    expect(containerGroupNameProblem('model-1')).toBeUndefined();
    expect(containerGroupNameProblem('1model')).toBeUndefined();
    expect(containerGroupNameProblem('a'.repeat(63))).toBeUndefined();
    for (const name of ['a--b', '-a', 'a-', 'A', 'a_b', 'a'.repeat(64), '']) {
      expect(containerGroupNameProblem(name)).toContain(
        'not a valid Azure container group name',
      );
    }
  });

  it('derives a stable DNS name label that starts with a letter', () => {
    const label = dnsNameLabel({ id: ID, name: 'model' });
    expect(label).toMatch(/^model-[0-9a-f]{8}$/);
    expect(dnsNameLabel({ id: ID, name: 'model' })).toBe(label);
    expect(dnsNameLabel({ id: `${ID}x`, name: 'model' })).not.toBe(label);
    expect(dnsNameLabel({ id: ID, name: '1model' })).toMatch(/^d1model-/);
    const long = dnsNameLabel({
      id: ID,
      name: `${'a'.repeat(53)}-${'b'.repeat(9)}`,
    });
    expect(long).toHaveLength(62);
    expect(long).toMatch(/^a{53}-[0-9a-f]{8}$/);
  });

  it('rounds memory to the 0.1 GB ACI takes', () => {
    expect(memoryInGB(undefined)).toBe(1.5);
    expect(memoryInGB(512)).toBe(0.5);
    expect(memoryInGB(2048)).toBe(2);
    expect(memoryInGB(1000)).toBe(1);
    expect(memoryInGB(1536)).toBe(1.5);
    expect(memoryInGB(10)).toBe(0.1);
  });
});

const group = (overrides: Partial<ContainerGroup> = {}): ContainerGroup => ({
  id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerInstance/containerGroups/g',
  name: 'g',
  location: 'eastus',
  osType: 'Linux',
  restartPolicy: 'Always',
  containers: [
    {
      name: 'app',
      image: 'img',
      resources: { requests: { cpu: 1, memoryInGB: 2 } },
    },
  ],
  ...overrides,
});

describe('needsRecreate', () => {
  it('names what ACI cannot change in place', () => {
    expect(needsRecreate(group(), group())).toBeUndefined();
    expect(needsRecreate(group(), group({ location: 'westus' }))).toBe(
      'region (eastus to westus)',
    );
    expect(
      needsRecreate(
        group(),
        group({
          containers: [
            {
              name: 'app',
              image: 'img',
              resources: { requests: { cpu: 1, memoryInGB: 4 } },
            },
          ],
        }),
      ),
    ).toBe('CPU or memory (1 vCPU 2 GB to 1 vCPU 4 GB)');
  });
});

describe('observeContainerGroup', () => {
  it.each(['Pending', 'Creating', 'Updating', 'Repairing', 'Deleting'])(
    'is in progress while %s',
    provisioningState => {
      expect(
        observeContainerGroup(
          group({ provisioningState } as ContainerGroup),
          subscription,
        ),
      ).toMatchObject({ state: 'in-progress' });
    },
  );

  it('is ready with an IP endpoint when there is no FQDN', () => {
    expect(
      observeContainerGroup(
        {
          ...group(),
          provisioningState: 'Succeeded',
          ipAddress: { type: 'Public', ports: [], ip: '198.18.0.1' },
        } as ContainerGroup,
        subscription,
      ),
    ).toMatchObject({ state: 'ready', endpoint: 'http://198.18.0.1:8080' });
  });

  it('finds the reason in the container state or the group events', () => {
    expect(
      failureReason({
        ...group(),
        provisioningState: 'Failed',
        containers: [
          {
            name: 'app',
            image: 'img',
            resources: { requests: { cpu: 1, memoryInGB: 1 } },
            instanceView: {
              currentState: {
                state: 'Waiting',
                detailStatus: 'CrashLoopBackOff',
              },
            },
          },
        ],
      } as ContainerGroup),
    ).toBe("Container 'app' is Waiting: CrashLoopBackOff");
    expect(
      failureReason({
        ...group(),
        provisioningState: 'Failed',
        instanceView: {
          events: [
            { type: 'Normal', name: 'Scheduled', message: 'ok' },
            {
              type: 'Warning',
              name: 'ServiceUnavailable',
              message: 'No capacity in eastus',
            },
          ],
        },
      } as ContainerGroup),
    ).toBe('ServiceUnavailable: No capacity in eastus');
    expect(
      failureReason({
        ...group(),
        provisioningState: 'Failed',
      } as ContainerGroup),
    ).toContain('Azure reports the container group g as Failed');
  });
});
