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
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// A real backend of both plugins is what this test is for.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend';
import { SageMakerProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { cloudDeploymentsProvidersExtensionPoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  findProviderMirror,
  TerraformScratch,
  terraformVersion,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import request from 'supertest';
import { parse } from 'yaml';
import { scaffolderModuleCloudDeployments } from './module';

// The shipped plan → confirm → apply template as a real scaffolder task, in
// sandbox mode: the real terraform and hashicorp/aws provider (from the
// machine's mirror) against the SageMaker sandbox, state in the portal, and
// a person confirming the plan through the portal's API while the task waits.

const version = terraformVersion();
const mirror = version ? findProviderMirror('aws') : undefined;
const skipped = !version
  ? 'terraform is not on the PATH'
  : !mirror && 'no filesystem mirror of hashicorp/aws';

const template = parse(
  readFileSync(
    join(
      __dirname,
      '../../../templates/sagemaker-terraform-reviewed/template.yaml',
    ),
    'utf8',
  ),
);

const values = {
  name: 'fraud-model',
  component: 'component:default/fraud-model',
  owner: 'group:default/ml-team',
  environment: 'staging',
  region: 'us-east-1',
  artifact: {
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.0',
    modelDataUrl: 's3://models/fraud/model.tar.gz',
  },
  compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
};

(skipped ? describe.skip : describe)(
  `the reviewed Terraform template as a scaffolder task${
    skipped ? ` (skipped: ${skipped})` : ''
  }`,
  () => {
    jest.setTimeout(600_000);
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let stop: () => Promise<void>;
    let sandbox: SageMakerSandbox;
    let scratch: TerraformScratch;

    beforeAll(async () => {
      // As in templateDryRun.test.ts: JSON parsed in the outer realm.
      const outerFetch = globalThis.fetch;
      jest
        .spyOn(globalThis, 'fetch')
        .mockImplementation(async (input, init) => {
          const response = await outerFetch(input, init);
          const text = await response.text();
          return Object.assign(
            new Response(text, {
              status: response.status,
              statusText: response.statusText,
              headers: response.headers,
            }),
            { json: async () => JSON.parse(text) },
          );
        });
      scratch = await TerraformScratch.create(mirror || undefined);
      sandbox = await SageMakerSandbox.start({ readyAfterMs: 0 });
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
      const sageMaker = createBackendModule({
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
      const backend = await startTestBackend({
        features: [
          scaffolderPlugin,
          scaffolderModuleCloudDeployments,
          cloudDeploymentsPlugin,
          sageMaker,
          catalogServiceMock.factory({
            entities: [
              {
                ...template,
                metadata: { ...template.metadata, namespace: 'default' },
              },
            ],
          }),
          mockServices.rootConfig.factory({
            data: {
              cloudDeployments: {
                terraform: { runner: { cliConfigFile: scratch.cliConfig } },
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    });

    afterAll(async () => {
      await stop?.();
      await sandbox?.close();
      await scratch?.dispose();
    });

    const user = mockCredentials.user.header();

    async function taskLog(id: string): Promise<string[]> {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${id}/events`)
        .set('Authorization', user);
      return (events.body as any[])
        .filter(e => e.type === 'log')
        .map(e =>
          stripVTControlCharacters(String(e.body.message)).replace(
            /^info: /,
            '',
          ),
        );
    }

    async function until<T>(what: string, find: () => Promise<T | undefined>) {
      const deadline = Date.now() + 300_000;
      for (;;) {
        const found = await find();
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`never: ${what}`);
        await new Promise(r => setTimeout(r, 250));
      }
    }

    const taskStatus = async (id: string) =>
      (
        await request(server)
          .get(`/api/scaffolder/v2/tasks/${id}`)
          .set('Authorization', user)
      ).body.status as string;

    it('plans, waits for a person to confirm in the portal, then applies that plan', async () => {
      const started = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', user)
        .send({
          templateRef: 'template:default/sagemaker-terraform-reviewed',
          values,
        });
      expect(started.status).toBe(201);
      const taskId = started.body.id;

      // The task waits, its log naming the confirmation in the portal.
      const decisionPath = await until(
        'a confirmation is asked for',
        async () =>
          (await taskLog(taskId))
            .map(line =>
              /POST (\/api\/cloud-deployments\/\S+\/decision)/.exec(line),
            )
            .find(Boolean)?.[1],
      );
      expect(await taskStatus(taskId)).toBe('processing');
      expect(sandbox.endpoints()).toEqual([]);
      const pending = await request(server)
        .get(decisionPath.replace(/\/decision$/, ''))
        .set('Authorization', user);
      expect(pending.body).toMatchObject({
        status: 'pending',
        workspace: 'fraud-model-staging',
        add: 3,
        change: 0,
        destroy: 0,
        monthlyBefore: 0,
      });
      expect(pending.body.monthlyAfter).toBeGreaterThan(0);

      const confirmed = await request(server)
        .post(decisionPath)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/reviewer'),
        )
        .send({ confirm: true, comment: 'reviewed' });
      expect(confirmed.status).toBe(200);

      const status = await until('the task ends', async () => {
        const s = await taskStatus(taskId);
        return ['completed', 'failed', 'cancelled'].includes(s) ? s : undefined;
      });
      const log = await taskLog(taskId);
      // eslint-disable-next-line no-console
      console.log(`task log, plan to apply:\n${log.join('\n')}`);
      expect(status).toBe('completed');
      expect(log).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^Plan: 3 to add, 0 to change, 0 to destroy; monthly cost \$0\.00 → \$\d+\.\d\d/,
          ),
          'Confirmed by user:default/reviewer: reviewed',
          expect.stringContaining(
            'terraform apply: Apply complete! Resources: 3 added, 0 changed, 0 destroyed.',
          ),
        ]),
      );
      expect(sandbox.endpoints()).toMatchObject([
        { name: 'fraud-model', status: 'InService' },
      ]);
    });

    it('fails the task when the person rejects the plan, and applies nothing', async () => {
      const started = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', user)
        .send({
          templateRef: 'template:default/sagemaker-terraform-reviewed',
          values: { ...values, name: 'other-model' },
        });
      const taskId = started.body.id;
      const decisionPath = await until(
        'a confirmation is asked for',
        async () =>
          (await taskLog(taskId))
            .map(line =>
              /POST (\/api\/cloud-deployments\/\S+\/decision)/.exec(line),
            )
            .find(Boolean)?.[1],
      );
      await request(server)
        .post(decisionPath)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/reviewer'),
        )
        .send({ confirm: false, comment: 'too expensive' })
        .expect(200);
      const status = await until('the task ends', async () => {
        const s = await taskStatus(taskId);
        return ['completed', 'failed', 'cancelled'].includes(s) ? s : undefined;
      });
      expect(status).toBe('failed');
      expect((await taskLog(taskId)).join('\n')).toContain(
        'The plan was rejected by user:default/reviewer: too expensive',
      );
      expect(sandbox.endpoints().map(e => e.name)).not.toContain('other-model');
    });
  },
);
