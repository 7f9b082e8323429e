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
import { sageMakerDeployment } from '../__testUtils__/sageMakerFixtures';
import { SageMakerProvider } from '../sagemaker/SageMakerProvider';
import {
  differingPaths,
  HOSTILE_VALUES,
  parseFiles,
  unescapeTemplate,
  unexpectedTemplates,
  valueAt,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import {
  ACCOUNT,
  EXPECTED,
  FIELDS,
  REFERENCES,
  revisionOf,
} from './__testUtils__/sageMakerCases';
import { renderSageMakerTerraform } from './sageMakerTerraform';

const provider = new SageMakerProvider({ accounts: [ACCOUNT] });

describe('renderSageMakerTerraform', () => {
  it('describes the model, endpoint configuration and endpoint the SDK path makes', async () => {
    const deployment = sageMakerDeployment({ account: 'prod' });
    const revision = revisionOf(deployment);
    const files = parseFiles(await provider.render(deployment));
    const tags = {
      'managed-by': 'backstage-cloud-deployments',
      'cloud-deployments-id': deployment.id,
    };

    expect(Object.keys(files).sort()).toEqual([
      'main.tf.json',
      'outputs.tf.json',
      'providers.tf.json',
      'variables.tf.json',
      'versions.tf.json',
    ]);
    expect(files['main.tf.json']).toEqual({
      resource: {
        aws_sagemaker_model: {
          this: {
            name: revision,
            execution_role_arn: '${var.execution_role_arn}',
            primary_container: {
              image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.0',
              model_data_url: 's3://models/fraud/model.tar.gz',
            },
            tags,
            lifecycle: { create_before_destroy: true },
          },
        },
        aws_sagemaker_endpoint_configuration: {
          this: {
            name: revision,
            production_variants: [
              {
                variant_name: 'AllTraffic',
                model_name: '${aws_sagemaker_model.this.name}',
                instance_type: 'ml.m5.large',
                initial_instance_count: 1,
              },
            ],
            tags,
            lifecycle: { create_before_destroy: true },
          },
        },
        aws_sagemaker_endpoint: {
          this: {
            name: 'fraud-model',
            endpoint_config_name:
              '${aws_sagemaker_endpoint_configuration.this.name}',
            tags,
          },
        },
      },
    });
    expect(files['variables.tf.json']).toEqual({
      variable: {
        execution_role_arn: {
          type: 'string',
          description: expect.any(String),
          default: ACCOUNT.executionRoleArn,
        },
      },
    });
    expect(files['outputs.tf.json'].output).toEqual({
      endpoint_url: {
        description: expect.any(String),
        value:
          'https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/fraud-model/invocations',
      },
      endpoint_name: { value: '${aws_sagemaker_endpoint.this.name}' },
      endpoint_arn: { value: '${aws_sagemaker_endpoint.this.arn}' },
      endpoint_config_name: {
        value: '${aws_sagemaker_endpoint_configuration.this.name}',
      },
      model_name: { value: '${aws_sagemaker_model.this.name}' },
      region: { value: 'us-east-1' },
    });
    expect(files['versions.tf.json']).toEqual({
      terraform: {
        required_version: '>= 1.5.0',
        required_providers: {
          aws: { source: 'hashicorp/aws', version: '>= 5.0, < 6.0' },
        },
        backend: { http: {} },
      },
    });
    expect(files['providers.tf.json']).toEqual({
      provider: { aws: { region: 'us-east-1' } },
    });
  });

  it('sizes the variant from the spec, as numbers, and leaves out absent model data', async () => {
    const deployment = sageMakerDeployment({
      region: 'cn-north-1',
      artifact: { modelDataUrl: undefined },
      compute: { instanceType: 'ml.g5.xlarge', instanceCount: 3 },
    });
    const files = parseFiles(await provider.render(deployment));
    const main = files['main.tf.json'].resource;
    expect(main.aws_sagemaker_model.this.primary_container).toEqual({
      image: deployment.spec.artifact.image,
    });
    expect(
      main.aws_sagemaker_endpoint_configuration.this.production_variants[0],
    ).toMatchObject({
      instance_type: 'ml.g5.xlarge',
      initial_instance_count: 3,
    });
    expect(main.aws_sagemaker_model.this.name).toBe(revisionOf(deployment));
    expect(files['outputs.tf.json'].output.endpoint_url.value).toBe(
      'https://runtime.sagemaker.cn-north-1.amazonaws.com.cn/endpoints/fraud-model/invocations',
    );
    expect(files['providers.tf.json'].provider.aws.region).toBe('cn-north-1');
  });

  it('never writes credentials', async () => {
    const rendered = await provider.render(sageMakerDeployment());
    const all = Object.values(rendered.files).join('\n');
    for (const secret of Object.values(ACCOUNT.credentials!)) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/access_key|secret_key|token|profile/);
  });

  it('points the provider at the sandbox in sandbox mode, with its own fake keys, through an override file', async () => {
    const sandboxed = new SageMakerProvider({
      accounts: [ACCOUNT],
      sandboxUrl: 'http://127.0.0.1:4566',
    });
    expect(sandboxed.sandboxTerraform).toBe(true);
    const rendered = await sandboxed.render(sageMakerDeployment());
    const files = parseFiles(rendered);
    expect(files['sandbox_override.tf.json'].provider.aws).toEqual({
      access_key: 'SANDBOXACCESSKEY',
      secret_key: 'sandbox-secret-key',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      endpoints: {
        sagemaker: 'http://127.0.0.1:4566',
        sts: 'http://127.0.0.1:4566',
        iam: 'http://127.0.0.1:4566',
      },
    });
    // The account's real credentials never reach a sandbox run either.
    const all = Object.values(rendered.files).join('\n');
    for (const secret of Object.values(ACCOUNT.credentials!)) {
      expect(all).not.toContain(secret);
    }
    // Outside sandbox mode there is no override.
    expect(
      Object.keys((await provider.render(sageMakerDeployment())).files),
    ).not.toContain('sandbox_override.tf.json');
  });

  it('is the exported render function', async () => {
    const deployment = sageMakerDeployment();
    expect(await provider.render(deployment)).toEqual(
      renderSageMakerTerraform(deployment, ACCOUNT),
    );
  });

  it.each([
    [
      'an unknown account',
      sageMakerDeployment({ account: 'elsewhere' }),
      /account: no AWS account 'elsewhere'/,
    ],
    [
      'a region the account does not allow',
      sageMakerDeployment({ region: 'eu-west-1' }),
      /region: account 'prod' allows/,
    ],
    [
      'a name SageMaker refuses',
      sageMakerDeployment({ name: 'fraud_model' }),
      /name: must be at most 63 letters/,
    ],
    [
      'an instance type that is not SageMaker',
      sageMakerDeployment({ compute: { instanceType: 'm5.large' } }),
      /compute.instanceType/,
    ],
    [
      'no image',
      sageMakerDeployment({ artifact: { image: undefined } }),
      /artifact.image: is required/,
    ],
  ])('refuses %s with an InputError', async (_, deployment, message) => {
    const rendering = provider.render(deployment);
    await expect(rendering).rejects.toMatchObject({ name: 'InputError' });
    await expect(rendering).rejects.toThrow(message);
  });
});

describe('render with hostile values', () => {
  const normal = sageMakerDeployment();
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
      const { deployment, paths } = FIELDS[field];
      const hostile = deployment(value);
      const rendering = provider.render(hostile);
      const files = parseFiles(await rendering);

      // The value comes back whole, as data.
      for (const path of paths) {
        const written = valueAt(files, path) as string;
        expect(unescapeTemplate(written)).toBe(FIELDS[field].written(value));
      }
      // Nothing else changed, but the revision names derived from the spec.
      const revision = revisionOf(normal);
      // (A field the normal spec has not, such as env, differs as a whole.)
      const changed = differingPaths(normalFiles, files).filter(
        path => !paths.some(p => p === path || p.startsWith(`${path}/`)),
      );
      for (const path of changed) {
        expect(valueAt(normalFiles, path)).toBe(revision);
        expect(valueAt(files, path)).toBe(revisionOf(hostile));
      }
      // No template start left for Terraform but the renderer's references.
      expect(unexpectedTemplates(files, REFERENCES)).toEqual([]);
    },
  );
});
