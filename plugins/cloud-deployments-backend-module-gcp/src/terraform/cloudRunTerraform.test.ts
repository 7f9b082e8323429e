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
import { CloudRunProvider } from '../cloudRun/CloudRunProvider';
import {
  ACCOUNTS,
  cloudRunDeployment,
  EXPECTED,
  FIELDS,
  IMAGE,
  REFERENCES,
} from './__testUtils__/cloudRunCases';
import {
  differingPaths,
  HOSTILE_VALUES,
  parseFiles,
  unescapeTemplate,
  unexpectedTemplates,
  valueAt,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import { renderCloudRunTerraform } from './cloudRunTerraform';

// Never called: render makes no API client.
const provider = new CloudRunProvider({
  accounts: ACCOUNTS,
  createClient: () => {
    throw new Error('render must not make an API client');
  },
});

describe('renderCloudRunTerraform', () => {
  it('describes the service the SDK path makes', async () => {
    const deployment = cloudRunDeployment();
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
        google_cloud_run_v2_service: {
          this: {
            name: 'fraud-model',
            location: 'us-central1',
            project: '${var.project_id}',
            deletion_protection: false,
            labels: {
              'managed-by': 'backstage-cloud-deployments',
              'cloud-deployments-id': deployment.id,
            },
            template: {
              containers: [
                {
                  image: `${IMAGE}:1.0.0`,
                  resources: { limits: { cpu: '1', memory: '512Mi' } },
                },
              ],
              scaling: { min_instance_count: 0, max_instance_count: 3 },
            },
          },
        },
      },
    });
    expect(files['variables.tf.json']).toEqual({
      variable: {
        project_id: {
          type: 'string',
          description: expect.any(String),
          default: 'acme-ml',
        },
      },
    });
    expect(files['outputs.tf.json'].output).toEqual({
      endpoint_url: {
        description: expect.any(String),
        value: '${google_cloud_run_v2_service.this.uri}',
      },
      service_id: { value: '${google_cloud_run_v2_service.this.id}' },
      service_name: { value: '${google_cloud_run_v2_service.this.name}' },
      latest_ready_revision: {
        value: '${google_cloud_run_v2_service.this.latest_ready_revision}',
      },
      project_id: { value: '${var.project_id}' },
      region: { value: 'us-central1' },
    });
    expect(files['versions.tf.json']).toEqual({
      terraform: {
        required_version: '>= 1.5.0',
        required_providers: {
          google: { source: 'hashicorp/google', version: '>= 6.0, < 8.0' },
        },
        backend: { http: {} },
      },
    });
    expect(files['providers.tf.json']).toEqual({
      provider: {
        google: { project: '${var.project_id}', region: 'us-central1' },
      },
    });
  });

  it('maps GPUs, fractional CPUs and concurrency as the SDK path does, numbers as numbers', async () => {
    const gpu = parseFiles(
      await provider.render(
        cloudRunDeployment({
          spec: { account: 'other', region: 'europe-west4' },
          compute: {
            cpu: 4,
            memoryMiB: 16384,
            gpu: 1,
            maxInstances: 2,
            concurrency: 8,
          },
        }),
      ),
    );
    expect(
      gpu['main.tf.json'].resource.google_cloud_run_v2_service.this,
    ).toMatchObject({
      location: 'europe-west4',
      template: {
        containers: [
          {
            resources: {
              limits: { cpu: '4', memory: '16384Mi', 'nvidia.com/gpu': '1' },
              cpu_idle: false,
            },
          },
        ],
        scaling: { max_instance_count: 2 },
        max_instance_request_concurrency: 8,
        node_selector: { accelerator: 'nvidia-l4' },
      },
    });
    expect(gpu['variables.tf.json'].variable.project_id.default).toBe(
      'acme-other',
    );

    const small = parseFiles(
      await provider.render(
        cloudRunDeployment({ compute: { cpu: 0.5, memoryMiB: 256 } }),
      ),
    )['main.tf.json'].resource.google_cloud_run_v2_service.this.template;
    expect(small).toEqual({
      containers: [
        {
          image: `${IMAGE}:1.0.0`,
          resources: { limits: { cpu: '500m', memory: '256Mi' } },
        },
      ],
      max_instance_request_concurrency: 1,
    });
  });

  it('never writes credentials', async () => {
    const all = Object.values(
      (await provider.render(cloudRunDeployment())).files,
    ).join('\n');
    expect(all).not.toContain('never-written');
    expect(all).not.toMatch(/credentials|access_token|private_key/);
  });

  it('is the exported render function', async () => {
    const deployment = cloudRunDeployment();
    expect(await provider.render(deployment)).toEqual(
      renderCloudRunTerraform(deployment, ACCOUNTS[0]),
    );
  });

  it.each([
    [
      'an unknown account',
      cloudRunDeployment({ spec: { account: 'nope' } }),
      /account: no Google Cloud project 'nope'/,
    ],
    [
      'a region the account does not allow',
      cloudRunDeployment({ spec: { region: 'asia-east1' } }),
      /region: asia-east1 is not allowed/,
    ],
    [
      'a name Cloud Run refuses',
      cloudRunDeployment({ name: `a${'b'.repeat(49)}` }),
      /name: must be at most 49 characters/,
    ],
    [
      'an instance type',
      cloudRunDeployment({ compute: { instanceType: 'ml.m5.large' } }),
      /compute.instanceType/,
    ],
    [
      'CPUs Cloud Run does not offer',
      cloudRunDeployment({ compute: { cpu: 3, memoryMiB: 512 } }),
      /compute.cpu/,
    ],
  ])('refuses %s with an InputError', async (_, deployment, message) => {
    const rendering = provider.render(deployment);
    await expect(rendering).rejects.toMatchObject({ name: 'InputError' });
    await expect(rendering).rejects.toThrow(message);
  });
});

describe('render with hostile values', () => {
  let normalFiles: Record<string, any>;

  beforeAll(async () => {
    normalFiles = parseFiles(await provider.render(cloudRunDeployment()));
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
      const rendering = provider.render(deployment(value));
      const files = parseFiles(await rendering);
      // The value comes back whole, as data.
      for (const path of paths) {
        expect(unescapeTemplate(valueAt(files, path) as string)).toBe(
          written(value),
        );
      }
      // Nothing else changed.
      const changed = differingPaths(normalFiles, files);
      expect(changed.filter(path => !paths.includes(path))).toEqual([]);
      // No template start left for Terraform but the renderer's references.
      expect(unexpectedTemplates(files, REFERENCES)).toEqual([]);
    },
  );
});
