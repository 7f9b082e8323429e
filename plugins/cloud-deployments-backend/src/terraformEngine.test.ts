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
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { cloudRunRequest } from './__testUtils__/fixtures';
import { componentProblems } from './__testUtils__/specSchemas';
import { terraformDataModule } from './__testUtils__/terraformDataProvider';
import { cloudRunSandboxModule } from './__testUtils__/sandboxProviders';
import { cloudDeploymentsPlugin } from './plugin';

/*
 * Deployments with engine terraform, through the HTTP API and the job
 * engine: the real terraform binary (terraform_data resources, nothing to
 * download) with its state in the plugin's own HTTP backend, on both
 * databases.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

const fastJobs = {
  pollInterval: { milliseconds: 50 },
  idlePollInterval: { milliseconds: 50 },
  backoff: { milliseconds: 20 },
  maxBackoff: { milliseconds: 100 },
  lease: { seconds: 10 },
};

describe.each(databases.eachSupportedId())(
  'the terraform engine on %p',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let stop: (() => Promise<void>) | undefined;

    async function start(
      options: { slowSeconds?: number; jobs?: object; runner?: object } = {},
    ) {
      knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          terraformDataModule({ slowSeconds: options.slowSeconds }),
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          mockServices.rootConfig.factory({
            data: {
              cloudDeployments: {
                jobs: { ...fastJobs, ...options.jobs },
                terraform: { runner: { ...options.runner } },
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    }

    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    const get = async (id: string) =>
      (await request(server).get(`${base}/deployments/${id}`)).body;

    async function until(id: string, statuses: string[], timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const deployment = await get(id);
        if (statuses.includes(deployment.status)) return deployment;
        if (Date.now() > deadline) {
          throw new Error(
            `${id} is ${deployment.status} (${
              deployment.statusReason
            }), not ${statuses.join(' or ')}`,
          );
        }
        await new Promise(r => setTimeout(r, 50));
      }
    }

    const events = async (id: string) =>
      (await request(server).get(`${base}/deployments/${id}/events?limit=500`))
        .body.items as any[];

    const versions = async (workspace: string) =>
      (
        await request(server).get(
          `${base}/terraform/workspaces/${workspace}/versions`,
        )
      ).body.items as any[];

    /** Changes the image: the change applies at once. */
    async function redeploy(id: string, image: string) {
      const current = await get(id);
      await request(server)
        .patch(`${base}/deployments/${id}`)
        .send({ version: current.version, artifact: { image } })
        .expect(200);
      return until(id, ['active', 'failed']);
    }

    it('plans, prices and applies through the job engine, keeping every state version, then destroys', async () => {
      await start();
      const created = await request(server)
        .post(`${base}/deployments`)
        .send(cloudRunRequest);
      expect(created.status).toBe(202);
      const { id } = created.body;

      const active = await until(id, ['active', 'failed']);
      expect(active).toMatchObject({
        status: 'active',
        endpoint: 'https://web-api.run.example.test',
        outputs: {
          endpoint: 'https://web-api.run.example.test',
          image: cloudRunRequest.artifact.image,
          admin_password: '(sensitive)',
        },
      });

      const log = await events(id);
      const lines = log.filter(e => e.type === 'log').map(e => e.message);
      expect(lines).toEqual(
        expect.arrayContaining([
          `Terraform: 1 files rendered, state in workspace ${id}`,
          'terraform init: Successfully configured the backend "http"! Terraform will automatically',
          'terraform plan: Plan: 1 to add, 0 to change, 0 to destroy.',
          expect.stringMatching(
            /^Plan: 1 to add, 0 to change, 0 to destroy; monthly cost \$0\.00 → \$0\.00 \(\+\$0\.00\)$/,
          ),
          'terraform apply: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
        ]),
      );
      const planEvent = log.find(e => e.data?.terraformPlan);
      expect(planEvent.data.terraformPlan).toMatchObject({
        changes: { add: 1, change: 0, destroy: 0 },
        resources: [{ address: 'terraform_data.service', action: 'create' }],
      });
      // No token and no sensitive value reaches the log.
      const everything = JSON.stringify(log);
      expect(everything).not.toMatch(/tfws_/);
      expect(everything).not.toContain('hunter2-in-state');

      // Two more applies: three versions in the workspace's history.
      expect(
        await redeploy(id, 'europe-docker.pkg.dev/acme/web/api:2.4.0'),
      ).toMatchObject({
        status: 'active',
        outputs: { image: 'europe-docker.pkg.dev/acme/web/api:2.4.0' },
      });
      await redeploy(id, 'europe-docker.pkg.dev/acme/web/api:2.5.0');
      const history = await versions(id);
      expect(history.map((v: any) => v.version)).toEqual([3, 2, 1]);
      expect(history.map((v: any) => v.serial)).toEqual(
        [...history.map((v: any) => v.serial)].sort((a, b) => b - a),
      );
      expect(history[0]).toMatchObject({
        createdBy: `workspace:${id}`,
        lock: { Operation: 'OperationTypeApply' },
      });
      // The lock was released after each run.
      expect(
        (await request(server).get(`${base}/terraform/workspaces/${id}`)).body
          .lock,
      ).toBeUndefined();
      // eslint-disable-next-line no-console
      console.log(
        `state history of workspace ${id} after three applies:\n${history
          .map(
            (v: any) =>
              `  version ${v.version}  serial ${
                v.serial
              }  lineage ${v.lineage.slice(0, 8)}…  ${
                v.size
              } bytes  md5 ${v.md5.slice(0, 8)}…  by ${
                v.createdBy
              }  lock ${v.lock?.ID?.slice(0, 8)}… (${v.lock?.Operation})`,
          )
          .join('\n')}`,
      );

      await request(server).delete(`${base}/deployments/${id}`).expect(202);
      await until(id, ['destroyed']);
      const after = await versions(id);
      expect(after).toHaveLength(4);
      const destroyLines = (await events(id)).map(e => e.message);
      expect(destroyLines).toContain(
        'terraform apply: Apply complete! Resources: 0 added, 0 changed, 1 destroyed.',
      );
    });

    it('refuses to apply while another run holds the lock, naming the holder, then fails with it', async () => {
      await start({ jobs: { maxAttempts: 1 } });
      const created = (
        await request(server).post(`${base}/deployments`).send(cloudRunRequest)
      ).body;
      await until(created.id, ['active']);
      // Someone else's run holds the workspace's lock.
      const locked = await request(server)
        .post(`${base}/terraform/workspaces/${created.id}/token`)
        .expect(201);
      const auth = `Basic ${Buffer.from(
        `${created.id}:${locked.body.token}`,
      ).toString('base64')}`;
      const lock = await request(server)
        .lock(`${base}/terraform/state/${created.id}`)
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({
            ID: 'held-by-ci',
            Operation: 'OperationTypeApply',
            Who: 'ci@runner-7',
          }),
        );
      expect(lock.status).toBe(200);

      const failed = await redeploy(
        created.id,
        'europe-docker.pkg.dev/acme/web/api:9.9.9',
      );
      expect(failed.status).toBe('failed');
      expect(failed.statusReason).toMatch(
        /^Update failed after 1 attempts: The Terraform state is locked by another run: lock held-by-ci, OperationTypeApply by ci@runner-7, since \S+\. If that run is gone, someone with the force-unlock permission can release the lock\.$/,
      );
      // Terraform's own message is in the log.
      const lines = (await events(created.id)).map(e => e.message);
      expect(lines).toContain(
        'terraform plan: Error message: HTTP remote state already locked: ID=held-by-ci',
      );
    });

    it('interrupts an apply when the deployment is cancelled, and Terraform releases its lock', async () => {
      await start({ slowSeconds: 30 });
      const created = (
        await request(server).post(`${base}/deployments`).send(cloudRunRequest)
      ).body;
      const deadline = Date.now() + 60_000;
      while (
        !(await events(created.id)).some(e =>
          /terraform apply: .*Provisioning with 'local-exec'/.test(e.message),
        )
      ) {
        if (Date.now() > deadline) throw new Error('apply never started');
        await new Promise(r => setTimeout(r, 100));
      }
      await request(server)
        .post(`${base}/deployments/${created.id}/cancel`)
        .expect(202);
      expect(await until(created.id, ['failed'])).toMatchObject({
        status: 'failed',
      });
      // Terraform stopped and released its lock: nothing is left locked.
      const waitUntil = Date.now() + 30_000;
      for (;;) {
        const ws = (
          await request(server).get(
            `${base}/terraform/workspaces/${created.id}`,
          )
        ).body;
        if (!ws.lock) break;
        if (Date.now() > waitUntil)
          throw new Error(`still locked: ${JSON.stringify(ws.lock)}`);
        await new Promise(r => setTimeout(r, 200));
      }
      const lines = (await events(created.id)).map(e => e.message);
      expect(
        lines.some(l => /Interrupt received|Stopping operation/.test(l)),
      ).toBe(true);
    });

    it('previews a change with a plan while an apply runs, without disturbing it', async () => {
      await start({ slowSeconds: 5 });
      const { body: created } = await request(server)
        .post(`${base}/deployments`)
        .send(cloudRunRequest)
        .expect(202);
      const deadline = Date.now() + 60_000;
      while (
        !(await events(created.id)).some(e =>
          /terraform apply: .*Provisioning with 'local-exec'/.test(e.message),
        )
      ) {
        if (Date.now() > deadline) throw new Error('apply never started');
        await new Promise(r => setTimeout(r, 100));
      }
      const workspace = async () =>
        (
          await request(server).get(
            `${base}/terraform/workspaces/${created.id}`,
          )
        ).body;
      const during = await workspace();
      expect(during.lock).toMatchObject({
        info: { Operation: 'OperationTypeApply' },
      });

      const preview = await request(server)
        .post(`${base}/deployments/${created.id}/preview`)
        .send({
          version: created.version,
          artifact: { image: 'europe-docker.pkg.dev/acme/web/api:3.0.0' },
        })
        .expect(200);
      expect(preview.body).toMatchObject({
        outcome: 'apply',
        changes: [expect.objectContaining({ path: 'artifact.image' })],
        terraformPlan: {
          changes: { add: expect.any(Number), change: 0, destroy: 0 },
          resources: expect.arrayContaining([
            { address: 'terraform_data.service', action: 'create' },
          ]),
          monthlyDelta: 0,
          unpriced: [],
        },
      });
      expect(preview.body.terraformPlanError).toBeUndefined();
      expect(
        componentProblems('DeploymentChangePreview', preview.body),
      ).toEqual([]);
      // The apply's lock and token are as they were.
      const after = await workspace();
      expect(after.lock).toEqual(during.lock);
      expect(after.tokenCreatedAt).toBe(during.tokenCreatedAt);
      expect(await until(created.id, ['active', 'failed'])).toMatchObject({
        status: 'active',
      });

      // A provider that cannot render: the preview says so, and stands.
      const broken = await request(server)
        .post(`${base}/deployments/${created.id}/preview`)
        .send({
          version: created.version,
          artifact: {
            image: 'europe-docker.pkg.dev/acme/web/api:unrenderable',
          },
        })
        .expect(200);
      expect(broken.body).toMatchObject({
        outcome: 'apply',
        changes: [expect.objectContaining({ path: 'artifact.image' })],
        terraformPlanError:
          'Terraform could not plan the change: the test target cannot render this image',
      });
      expect(broken.body.terraformPlan).toBeUndefined();
      expect(componentProblems('DeploymentChangePreview', broken.body)).toEqual(
        [],
      );
    });

    it('says so when the preview plan runs out of time', async () => {
      await start({
        jobs: { enabled: false },
        runner: { previewTimeout: { milliseconds: 1 } },
      });
      const created = (
        await request(server).post(`${base}/deployments`).send(cloudRunRequest)
      ).body;
      const preview = await request(server)
        .post(`${base}/deployments/${created.id}/preview`)
        .send({
          version: created.version,
          artifact: { image: 'europe-docker.pkg.dev/acme/web/api:3.0.0' },
        })
        .expect(200);
      expect(preview.body).toMatchObject({
        outcome: 'apply',
        terraformPlanError:
          'Terraform could not plan the change: it did not finish within 1 ms',
      });
    });

    it('refuses engine terraform at the door when the runner is off, or the provider is a sandbox', async () => {
      await start({ runner: { enabled: false } });
      const off = await request(server)
        .post(`${base}/deployments`)
        .send(cloudRunRequest);
      expect(off.status).toBe(400);
      expect(off.body.error.message).toBe(
        'engine: terraform is not available in this portal: it is turned off (cloudDeployments.terraform.runner.enabled); use engine sdk',
      );
      await stop!();

      knex = await databases.init(databaseId);
      // The real Cloud Run provider in sandbox mode.
      const cloudRun = await cloudRunSandboxModule();
      const backend = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          cloudRun.module,
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          mockServices.rootConfig.factory({
            data: { cloudDeployments: { jobs: { enabled: false } } },
          }),
        ],
      });
      stop = async () => {
        await backend.stop();
        await cloudRun.sandbox.close();
      };
      const sandbox = await request(backend.server)
        .post(`${base}/deployments`)
        .send(cloudRunRequest);
      expect(sandbox.status).toBe(400);
      expect(sandbox.body.error.message).toMatch(
        /^engine: terraform needs real Google Cloud Run accounts, and gcp-cloud-run is in sandbox mode/,
      );
      expect(
        (await request(backend.server).get(`${base}/deployments`)).body.items,
      ).toEqual([]);
    });
  },
);
