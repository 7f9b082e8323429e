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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  findProviderMirror,
  TerraformScratch,
  terraformVersion,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { sagemakerRequest } from './__testUtils__/fixtures';
import { sageMakerSandboxModule } from './__testUtils__/sandboxProviders';
import { cloudDeploymentsPlugin } from './plugin';

/*
 * Engine terraform in sandbox mode, through the HTTP API and the job
 * engine: the real terraform binary and the real hashicorp/aws provider
 * (from the machine's filesystem mirror, offline) against the SageMaker
 * sandbox, a third-party client checking the fake.
 */

jest.setTimeout(600_000);

const version = terraformVersion();
const mirror = version ? findProviderMirror('aws') : undefined;
const skipped = !version
  ? 'terraform is not on the PATH'
  : !mirror &&
    'no filesystem mirror of hashicorp/aws (a tf-plugins folder two levels below /, or TF_TEST_PROVIDER_MIRROR)';

const databases = createTestDatabases();
const base = '/api/cloud-deployments';
const request_ = { ...sagemakerRequest, engine: 'terraform' };

const fastJobs = {
  pollInterval: { milliseconds: 50 },
  idlePollInterval: { milliseconds: 50 },
  backoff: { milliseconds: 20 },
  maxBackoff: { milliseconds: 100 },
  lease: { seconds: 30 },
};

(skipped ? describe.skip : describe).each(databases.eachSupportedId())(
  `engine terraform against the SageMaker sandbox on %p${
    skipped ? ` (skipped: ${skipped})` : ''
  }`,
  databaseId => {
    let scratch: TerraformScratch;
    let stop: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      scratch = await TerraformScratch.create(mirror || undefined);
    });

    afterAll(async () => {
      await stop?.();
      await scratch?.dispose();
    });

    it('applies, plans no changes, rolls out a new spec and destroys, with the real AWS provider', async () => {
      const knex = await databases.init(databaseId);
      const aws = await sageMakerSandboxModule();
      const backend = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          aws.module,
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          mockServices.rootConfig.factory({
            data: {
              cloudDeployments: {
                jobs: fastJobs,
                terraform: { runner: { cliConfigFile: scratch.cliConfig } },
              },
            },
          }),
        ],
      });
      stop = async () => {
        await backend.stop();
        await aws.sandbox.close();
      };
      const { server } = backend;
      const get = async (id: string) =>
        (await request(server).get(`${base}/deployments/${id}`)).body;
      const until = async (id: string, statuses: string[]) => {
        const deadline = Date.now() + 120_000;
        for (;;) {
          const deployment = await get(id);
          if (statuses.includes(deployment.status)) return deployment;
          if (Date.now() > deadline) {
            throw new Error(`${id} is ${deployment.status}`);
          }
          await new Promise(r => setTimeout(r, 100));
        }
      };
      const logSince = async (id: string, seen: number) =>
        (
          (
            await request(server).get(
              `${base}/deployments/${id}/events?limit=1000`,
            )
          ).body.items as any[]
        )
          .filter(e => e.type === 'log')
          .slice(seen);
      const redeploy = async (id: string) => {
        await request(server)
          .post(`${base}/deployments/${id}/redeploy`)
          .expect(202);
        return until(id, ['active', 'failed']);
      };

      const created = await request(server)
        .post(`${base}/deployments`)
        .send(request_);
      expect(created.status).toBe(202);
      const { id } = created.body;
      const active = await until(id, ['active', 'failed']);
      expect(active).toMatchObject({
        status: 'active',
        outputs: { endpoint_name: 'fraud-model', region: 'us-east-1' },
      });
      let log = await logSince(id, 0);
      expect(log.map(e => e.message)).toEqual(
        expect.arrayContaining([
          'terraform apply: Apply complete! Resources: 3 added, 0 changed, 0 destroyed.',
        ]),
      );
      const [endpoint] = aws.sandbox.endpoints();
      expect(endpoint).toMatchObject({
        name: 'fraud-model',
        status: 'InService',
      });
      // The provider tagged each resource at create and read the tags back.
      expect(aws.sandbox.tags(endpoint.arn)).toEqual({
        'managed-by': 'backstage-cloud-deployments',
        'cloud-deployments-id': id,
      });
      expect(aws.sandbox.requestCount('ListTags')).toBeGreaterThan(0);
      const firstConfig = endpoint.configName;

      // The same spec again: the provider reads everything back as it wrote
      // it, and Terraform has nothing to do.
      let seen = log.length;
      expect((await redeploy(id)).status).toBe('active');
      log = await logSince(id, seen);
      expect(log.map(e => e.message)).toContain(
        'terraform plan: No changes. Your infrastructure matches the configuration.',
      );
      expect(
        log.find(e => e.data?.terraformPlan)?.data.terraformPlan,
      ).toMatchObject({
        changes: { add: 0, change: 0, destroy: 0 },
      });

      // A new image is a new revision: model and configuration made before
      // the endpoint moves to them, the old ones deleted after.
      seen += log.length;
      const current = await get(id);
      const change = {
        version: current.version,
        artifact: {
          ...request_.artifact,
          image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.1',
        },
        // Written as data, never as a Terraform template.
        env: { THRESHOLD: '0.8', NOTE: 'costs ${var.x}' },
      };
      // The preview shows Terraform's own plan of it, and changes nothing.
      const workspace = async () =>
        (await request(server).get(`${base}/terraform/workspaces/${id}`)).body;
      const beforePreview = await workspace();
      const preview = await request(server)
        .post(`${base}/deployments/${id}/preview`)
        .send(change)
        .expect(200);
      expect(preview.body.terraformPlanError).toBeUndefined();
      expect(preview.body.terraformPlan).toMatchObject({
        changes: { add: 2, change: 1, destroy: 2 },
        stateSerial: beforePreview.currentVersion.serial,
      });
      expect(
        preview.body.terraformPlan.resources.map((r: any) => r.action).sort(),
      ).toEqual(['replace', 'replace', 'update']);
      expect(preview.body.terraformPlan.monthlyBefore).toBeGreaterThan(0);
      expect(preview.body.terraformPlan.monthlyDelta).toBe(0);
      const afterPreview = await workspace();
      expect(afterPreview.currentVersion).toEqual(beforePreview.currentVersion);
      expect(afterPreview.tokenCreatedAt).toBe(beforePreview.tokenCreatedAt);
      expect(afterPreview.lock).toBeUndefined();
      expect(aws.sandbox.endpoints()[0].configName).toBe(firstConfig);

      await request(server)
        .patch(`${base}/deployments/${id}`)
        .send(change)
        .expect(200);
      // The change applies at once.
      expect((await until(id, ['active', 'failed'])).status).toBe('active');
      log = await logSince(id, seen);
      expect(
        log.find(e => e.data?.terraformPlan)?.data.terraformPlan,
      ).toMatchObject({
        changes: { add: 2, change: 1, destroy: 2 },
      });
      const [rolled] = aws.sandbox.endpoints();
      expect(rolled.configName).not.toBe(firstConfig);
      expect(aws.sandbox.models().map(m => [m.name, m.image])).toEqual([
        [
          rolled.configName,
          '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.1',
        ],
      ]);
      expect(aws.sandbox.endpointConfigs().map(c => c.name)).toEqual([
        rolled.configName,
      ]);
      expect(aws.sandbox.models()[0].environment).toEqual({
        THRESHOLD: '0.8',
        NOTE: 'costs ${var.x}',
      });
      // The provider reads the environment back as it wrote it.
      seen += log.length;
      expect((await redeploy(id)).status).toBe('active');
      log = await logSince(id, seen);
      expect(
        log.find(e => e.data?.terraformPlan)?.data.terraformPlan,
      ).toMatchObject({ changes: { add: 0, change: 0, destroy: 0 } });

      await request(server).delete(`${base}/deployments/${id}`).expect(202);
      await until(id, ['destroyed']);
      expect(aws.sandbox.endpoints()).toEqual([]);
      expect(aws.sandbox.models()).toEqual([]);
      expect(aws.sandbox.endpointConfigs()).toEqual([]);
      // Every request carried the sandbox's fake key, none the machine's.
      expect(aws.sandbox.requests.every(r => r.region === 'us-east-1')).toBe(
        true,
      );
    });
  },
);
