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
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { sageMakerDeployment } from '../__testUtils__/sageMakerFixtures';
import { SageMakerProvider } from '../sagemaker/SageMakerProvider';
import { HOSTILE_VALUES } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import {
  ACCOUNT,
  EXPECTED,
  FIELDS,
  revisionOf,
} from './__testUtils__/sageMakerCases';
import {
  findProviderMirror,
  TerraformScratch,
  terraformVersion,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import { AWS_PROVIDER_VERSION } from './sageMakerTerraform';

// The real `terraform` CLI on the rendered files, offline: the AWS provider
// from the machine's filesystem mirror, fake credentials, and every AWS
// endpoint pointed at a closed port. Validate checks the files against the
// provider's schema; plan evaluates every expression (a value Terraform
// took for a template would show evaluated, or fail) but, with nothing in
// state, asks AWS nothing: what the cloud would accept is not checked.

const version = terraformVersion();
const mirror = version ? findProviderMirror('aws') : undefined;
const skipped = !version
  ? 'terraform is not on the PATH'
  : !mirror &&
    'no filesystem mirror of hashicorp/aws (a tf-plugins folder two levels below /, or TF_TEST_PROVIDER_MIRROR)';

/** Provider settings for the tests only; never rendered. */
const OFFLINE_AWS = {
  access_key: 'AKIAOFFLINETESTKEY00',
  secret_key: 'offline-test-secret',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
  endpoints: {
    sagemaker: 'http://127.0.0.1:9',
    sts: 'http://127.0.0.1:9',
    iam: 'http://127.0.0.1:9',
  },
};

/** A stand-in for the portal's HTTP state backend, recording the methods. */
async function startStateServer() {
  const methods: string[] = [];
  let state: Buffer | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      methods.push(req.method!);
      if (req.method === 'GET') {
        res.writeHead(state ? 200 : 404).end(state);
        return;
      }
      if (req.method === 'POST') state = Buffer.concat(chunks);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/state`;
  return {
    methods,
    env: {
      TF_HTTP_ADDRESS: url,
      TF_HTTP_LOCK_ADDRESS: url,
      TF_HTTP_UNLOCK_ADDRESS: url,
      TF_HTTP_RETRY_MAX: '0',
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

type PlannedResource = { type: string; values: Record<string, any> };
type Planned = Record<string, Record<string, any>>;

/** Where each field's value is in a module's planned resources. */
const WRITTEN_AT: Record<string, (planned: Planned) => string[]> = {
  'image tag': p => [p.aws_sagemaker_model.primary_container[0].image],
  'model URL path': p => [
    p.aws_sagemaker_model.primary_container[0].model_data_url,
  ],
  'environment variable': p => [
    p.aws_sagemaker_model.primary_container[0].environment.MODEL_LABEL,
  ],
  'tag value (deployment id)': p =>
    [
      p.aws_sagemaker_model,
      p.aws_sagemaker_endpoint_configuration,
      p.aws_sagemaker_endpoint,
    ].map(r => r.tags['cloud-deployments-id']),
};

/** The (value, field) pairs render accepts. */
function accepted() {
  return Object.entries(HOSTILE_VALUES).flatMap(([label, value]) =>
    Object.keys(FIELDS)
      .filter(field => EXPECTED[label][field] === 'data')
      .map(field => ({ label, field, value })),
  );
}

/** The AWS provider's own check: model data URLs of at most 1024 characters. */
function overProviderLimit(c: { field: string; value: string }) {
  return (
    c.field === 'model URL path' &&
    FIELDS[c.field].written(c.value).length > 1024
  );
}

function byType(resources: PlannedResource[]): Planned {
  return Object.fromEntries(resources.map(r => [r.type, r.values]));
}

(skipped ? describe.skip : describe)(
  `terraform ${version ?? ''} with the hashicorp/aws mirror${
    skipped ? ` (skipped: ${skipped})` : ''
  }`,
  () => {
    jest.setTimeout(300_000);
    const provider = new SageMakerProvider({ accounts: [ACCOUNT] });
    let scratch: TerraformScratch;

    beforeAll(async () => {
      scratch = await TerraformScratch.create(mirror || undefined);
    });

    afterAll(async () => {
      await scratch?.dispose();
    });

    it('validates and plans the rendered files, with state in the HTTP backend', async () => {
      const deployment = sageMakerDeployment();
      const rendered = await provider.render(deployment);
      await scratch.write('normal', {
        ...rendered.files,
        'override.tf.json': JSON.stringify({ provider: { aws: OFFLINE_AWS } }),
      });
      const backend = await startStateServer();
      try {
        await scratch.ok(
          'normal',
          ['init', '-input=false', '-no-color'],
          backend.env,
        );
        const validation = JSON.parse(
          await scratch.ok('normal', ['validate', '-json', '-no-color']),
        );
        expect(validation).toMatchObject({
          valid: true,
          error_count: 0,
          warning_count: 0,
        });

        await scratch.ok(
          'normal',
          ['plan', '-input=false', '-no-color', '-out=plan.bin'],
          backend.env,
        );
        // The empty backend block took its address from TF_HTTP_*: the plan
        // locked, read and unlocked the state there, and wrote none.
        expect(backend.methods).toEqual(
          expect.arrayContaining(['LOCK', 'GET', 'UNLOCK']),
        );
        expect(backend.methods).not.toContain('POST');
      } finally {
        await backend.close();
      }

      const plan = JSON.parse(
        await scratch.ok('normal', ['show', '-json', '-no-color', 'plan.bin']),
      );
      const revision = revisionOf(deployment);
      const tags = {
        'managed-by': 'backstage-cloud-deployments',
        'cloud-deployments-id': deployment.id,
      };
      const planned = byType(plan.planned_values.root_module.resources);
      expect(planned.aws_sagemaker_model).toMatchObject({
        name: revision,
        execution_role_arn: ACCOUNT.executionRoleArn,
        primary_container: [
          {
            image: deployment.spec.artifact.image,
            model_data_url: deployment.spec.artifact.modelDataUrl,
          },
        ],
        tags,
      });
      expect(planned.aws_sagemaker_endpoint_configuration).toMatchObject({
        name: revision,
        production_variants: [
          {
            variant_name: 'AllTraffic',
            model_name: revision,
            instance_type: 'ml.m5.large',
            initial_instance_count: 1,
          },
        ],
        tags,
      });
      expect(planned.aws_sagemaker_endpoint).toMatchObject({
        name: 'fraud-model',
        tags,
      });
      expect(
        plan.resource_changes.map((c: any) => [c.address, c.change.actions]),
      ).toEqual(
        expect.arrayContaining([
          ['aws_sagemaker_model.this', ['create']],
          ['aws_sagemaker_endpoint_configuration.this', ['create']],
          ['aws_sagemaker_endpoint.this', ['create']],
        ]),
      );
      expect(plan.planned_values.outputs).toMatchObject({
        endpoint_url: {
          value:
            'https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/fraud-model/invocations',
        },
        region: { value: 'us-east-1' },
        model_name: { value: revision },
      });
    });

    it('keeps every hostile value that reaches it literal, through validate and plan', async () => {
      // Every accepted (value, field) pair in one configuration: each render
      // a module of its own, sharing the root's offline provider.
      const cases = accepted().filter(c => !overProviderLimit(c));
      const module: Record<string, { source: string }> = {};
      for (const [i, { field, value }] of cases.entries()) {
        const { files } = await provider.render(
          FIELDS[field].deployment(value),
        );
        await scratch.write(`hostile/m/c${i}`, {
          'main.tf.json': files['main.tf.json'],
          'variables.tf.json': files['variables.tf.json'],
          'outputs.tf.json': files['outputs.tf.json'],
        });
        module[`c${i}`] = { source: `./m/c${i}` };
      }
      await scratch.write('hostile', {
        'main.tf.json': JSON.stringify({
          terraform: {
            required_providers: {
              aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION },
            },
          },
          provider: { aws: { region: 'us-east-1', ...OFFLINE_AWS } },
          module,
        }),
      });

      await scratch.ok('hostile', [
        'init',
        '-backend=false',
        '-input=false',
        '-no-color',
      ]);
      const validation = JSON.parse(
        await scratch.ok('hostile', ['validate', '-json', '-no-color']),
      );
      expect(validation).toMatchObject({ valid: true, error_count: 0 });
      await scratch.ok('hostile', [
        'plan',
        '-input=false',
        '-no-color',
        '-out=plan.bin',
      ]);
      const planJson = await scratch.ok('hostile', [
        'show',
        '-json',
        '-no-color',
        'plan.bin',
      ]);

      // ${file("/etc/passwd")} was never called.
      const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0];
      expect(passwd).toBeTruthy();
      expect(planJson).not.toContain(passwd);

      const modules = new Map<string, PlannedResource[]>(
        JSON.parse(planJson).planned_values.root_module.child_modules.map(
          (m: { address: string; resources: PlannedResource[] }) => [
            m.address,
            m.resources,
          ],
        ),
      );
      const seen = cases.map(({ label, field, value }, i) => {
        const planned = byType(modules.get(`module.c${i}`)!);
        const expected = FIELDS[field].written(value);
        const actual = WRITTEN_AT[field](planned);
        return {
          label,
          field,
          intact: actual.every(v => v === expected),
        };
      });
      expect(seen.filter(s => !s.intact)).toEqual([]);
      expect(seen.length).toBe(cases.length);
    });

    it('leaves values over the provider limits to its validation, which quotes them as literals', async () => {
      const cases = accepted().filter(overProviderLimit);
      expect(cases.length).toBeGreaterThan(0);
      for (const [i, { field, value }] of cases.entries()) {
        const { files } = await provider.render(
          FIELDS[field].deployment(value),
        );
        const dir = `long/c${i}`;
        await scratch.write(dir, {
          ...files,
          'override.tf.json': JSON.stringify({
            provider: { aws: OFFLINE_AWS },
          }),
        });
        await scratch.ok(dir, [
          'init',
          '-backend=false',
          '-input=false',
          '-no-color',
        ]);
        const result = await scratch.run(dir, [
          'validate',
          '-json',
          '-no-color',
        ]);
        const validation = JSON.parse(result.stdout);
        expect(validation).toMatchObject({ valid: false, error_count: 1 });
        expect(validation.diagnostics[0].summary).toBe(
          `"primary_container.0.model_data_url" cannot be longer than 1024 characters: ${JSON.stringify(
            FIELDS[field].written(value),
          )}`,
        );
      }
    });
  },
);

(version ? describe : describe.skip)(
  `terraform ${version ?? '(skipped: terraform is not on the PATH)'}`,
  () => {
    jest.setTimeout(120_000);

    it('would evaluate the hostile values unescaped (the control: the checks can fail)', async () => {
      const provider = new SageMakerProvider({ accounts: [ACCOUNT] });
      const { files } = await provider.render(sageMakerDeployment());
      const scratch = await TerraformScratch.create();
      try {
        const evaluated = await scratch.evaluate({
          naive: {
            variablesTfJson: files['variables.tf.json'],
            value: [
              '${file("/etc/passwd")}',
              'x${var.execution_role_arn}',
              '%{if!false}y%{endif}',
            ],
          },
        });
        expect(evaluated.naive).toEqual([
          readFileSync('/etc/passwd', 'utf8'),
          `x${ACCOUNT.executionRoleArn}`,
          'y',
        ]);
      } finally {
        await scratch.dispose();
      }
    });
  },
);
