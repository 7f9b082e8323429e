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
import { AzureContainerInstancesProvider } from '../containerInstances/AzureContainerInstancesProvider';
import { dnsNameLabel } from '../containerInstances/containerGroup';
import {
  containerGroupDeployment,
  EXPECTED,
  FIELDS,
  GROUP,
  IMAGE,
  REFERENCES,
  SUBSCRIPTIONS,
} from './__testUtils__/containerGroupCases';
import {
  differingPaths,
  HOSTILE_VALUES,
  parseFiles,
  unescapeTemplate,
  unexpectedTemplates,
  valueAt,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import { renderContainerGroupTerraform } from './containerGroupTerraform';

const provider = new AzureContainerInstancesProvider({
  subscriptions: SUBSCRIPTIONS,
});

describe('renderContainerGroupTerraform', () => {
  it('describes the container group the SDK path makes', async () => {
    const deployment = containerGroupDeployment();
    const files = parseFiles(await provider.render(deployment));

    expect(Object.keys(files).sort()).toEqual([
      'main.tf.json',
      'outputs.tf.json',
      'providers.tf.json',
      'variables.tf.json',
      'versions.tf.json',
    ]);
    expect(files['main.tf.json']).toEqual({
      resource: {
        azurerm_container_group: {
          this: {
            name: 'fraud-model',
            location: 'westeurope',
            resource_group_name: '${var.resource_group_name}',
            os_type: 'Linux',
            restart_policy: 'Always',
            sku: 'Standard',
            ip_address_type: 'Public',
            dns_name_label: dnsNameLabel(deployment),
            exposed_port: [{ port: 8080, protocol: 'TCP' }],
            container: [
              {
                name: 'app',
                image: `${IMAGE}:1.0.0`,
                cpu: 1,
                memory: 2,
                ports: [{ port: 8080, protocol: 'TCP' }],
                environment_variables: { PORT: '8080' },
              },
            ],
            tags: {
              'managed-by': 'backstage-cloud-deployments',
              'cloud-deployments-id': deployment.id,
            },
          },
        },
      },
    });
    expect(files['variables.tf.json']).toEqual({
      variable: {
        subscription_id: {
          type: 'string',
          description: expect.any(String),
          default: '11111111-2222-3333-4444-555555555555',
        },
        resource_group_name: {
          type: 'string',
          description: expect.any(String),
          default: 'ml-models',
        },
      },
    });
    expect(files['outputs.tf.json'].output).toEqual({
      endpoint_url: {
        description: expect.any(String),
        value: 'http://${azurerm_container_group.this.fqdn}:8080',
      },
      fqdn: { value: '${azurerm_container_group.this.fqdn}' },
      ip_address: { value: '${azurerm_container_group.this.ip_address}' },
      container_group_id: { value: '${azurerm_container_group.this.id}' },
      resource_group_name: { value: '${var.resource_group_name}' },
      subscription_id: { value: '${var.subscription_id}' },
      region: { value: 'westeurope' },
    });
    expect(files['versions.tf.json']).toEqual({
      terraform: {
        required_version: '>= 1.5.0',
        required_providers: {
          azurerm: { source: 'hashicorp/azurerm', version: '>= 4.0, < 5.0' },
        },
        backend: { http: {} },
      },
    });
    expect(files['providers.tf.json']).toEqual({
      provider: {
        azurerm: { features: {}, subscription_id: '${var.subscription_id}' },
      },
    });
  });

  it('sizes the container as the SDK path does, numbers as numbers', async () => {
    const files = parseFiles(
      await provider.render(
        containerGroupDeployment({
          spec: { account: 'other', region: 'northeurope' },
          compute: { cpu: 0.5, memoryMiB: 1536 },
        }),
      ),
    );
    const group = files['main.tf.json'].resource.azurerm_container_group.this;
    expect(group.location).toBe('northeurope');
    expect(group.container[0]).toMatchObject({ cpu: 0.5, memory: 1.5 });
    expect(
      files['variables.tf.json'].variable.resource_group_name.default,
    ).toBe('other');
    const defaults = parseFiles(
      await provider.render(containerGroupDeployment({ compute: {} })),
    )['main.tf.json'].resource.azurerm_container_group.this.container[0];
    expect(defaults).toMatchObject({ cpu: 1, memory: 1.5 });
  });

  it('never writes credentials', async () => {
    const all = Object.values(
      (await provider.render(containerGroupDeployment())).files,
    ).join('\n');
    expect(all).not.toContain('never-written');
    expect(all).not.toMatch(
      /client_secret|client_id|tenant_id|66666666|77777777/,
    );
  });

  it('is the exported render function', async () => {
    const deployment = containerGroupDeployment();
    expect(await provider.render(deployment)).toEqual(
      renderContainerGroupTerraform(deployment, SUBSCRIPTIONS[0]),
    );
  });

  it.each([
    [
      'an unknown subscription',
      containerGroupDeployment({ spec: { account: 'nope' } }),
      /account: 'nope' is not a configured Azure subscription/,
    ],
    [
      'a region the subscription does not allow',
      containerGroupDeployment({ spec: { region: 'japaneast' } }),
      /region: subscription 'ml' allows/,
    ],
    [
      'a name Container Instances refuses',
      containerGroupDeployment({ name: 'fraud--model' }),
      /name: 'fraud--model' is not a valid Azure container group name/,
    ],
    [
      'a GPU',
      containerGroupDeployment({
        compute: { cpu: 1, memoryMiB: 2048, gpu: 1 },
      }),
      /compute.gpu/,
    ],
    [
      'no image',
      containerGroupDeployment({ spec: { artifact: {} } }),
      /artifact.image/,
    ],
  ])('refuses %s with an InputError', async (_, deployment, message) => {
    const rendering = provider.render(deployment);
    await expect(rendering).rejects.toMatchObject({ name: 'InputError' });
    await expect(rendering).rejects.toThrow(message);
  });
});

describe('render with hostile values', () => {
  const normal = containerGroupDeployment();
  let normalFiles: Record<string, any>;

  beforeAll(async () => {
    normalFiles = parseFiles(await provider.render(normal));
  });

  const cases = Object.entries(HOSTILE_VALUES).flatMap(([label, value]) =>
    Object.keys(FIELDS).map(field => [label, field, value] as const),
  );

  it('has an expected outcome for every value and field', () => {
    for (const [label, field] of cases) {
      expect(EXPECTED[label]?.[field]).toMatch(/^(data|refused)$/);
    }
  });

  const outcomes = (outcome: 'data' | 'refused') =>
    cases.filter(([label, field]) => EXPECTED[label][field] === outcome);

  it.each(outcomes('refused'))(
    'refuses %s through the %s with an InputError',
    async (_, field, value) => {
      await expect(
        provider.render(FIELDS[field].deployment(value)),
      ).rejects.toMatchObject({ name: 'InputError' });
    },
  );

  it.each(outcomes('data'))(
    'keeps %s through the %s as data',
    async (_, field, value) => {
      const { deployment, paths, written } = FIELDS[field];
      const hostile = deployment(value);
      const rendering = provider.render(hostile);
      const files = parseFiles(await rendering);
      // The value comes back whole, as data.
      for (const path of paths) {
        expect(unescapeTemplate(valueAt(files, path) as string)).toBe(
          written(value),
        );
      }
      // Nothing else changed, but the DNS name label derived from the id.
      const dnsLabel = `${GROUP}/dns_name_label`;
      const changed = differingPaths(normalFiles, files).filter(
        path => !paths.includes(path),
      );
      for (const path of changed) {
        expect(path).toBe(dnsLabel);
        expect(valueAt(files, path)).toBe(dnsNameLabel(hostile));
      }
      // No template start left for Terraform but the renderer's references.
      expect(unexpectedTemplates(files, REFERENCES)).toEqual([]);
    },
  );
});
