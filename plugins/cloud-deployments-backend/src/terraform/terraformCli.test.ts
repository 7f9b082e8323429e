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
import { randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ADMIN,
  asUser,
  basicAuth,
  startTerraformBackend,
} from '../__testUtils__/terraformBackend';
import {
  completion,
  killGroup,
  printed,
  TerraformWorkDir,
} from '../__testUtils__/terraformCli';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const api = '/api/cloud-deployments/terraform';
const stateEncryptionKey = randomBytes(32).toString('base64');

const init = ['init', '-input=false', '-no-color'];
const apply = ['apply', '-auto-approve', '-input=false', '-no-color'];

/** Terraform wraps its error messages at the terminal width. */
const oneLine = (output: string) => output.replace(/\s+/g, ' ');

/**
 * The real terraform CLI (1.11) against the plugin on a listening port, with
 * state encryption on. Every run gets its own working directory.
 */
describe.each(databases.eachSupportedId())(
  'terraform CLI on %p',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startTerraformBackend>>['server'];
    const workDirs: TerraformWorkDir[] = [];

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startTerraformBackend(knex, { stateEncryptionKey }));
    });

    afterAll(async () => {
      await Promise.all(workDirs.map(dir => dir.remove()));
    });

    async function createWorkspace(name: string) {
      const res = await request(server)
        .post(`${api}/workspaces`)
        .set('Authorization', asUser())
        .send({ name });
      expect(res.status).toBe(201);
      return res.body as {
        token: string;
        backend: { address: string; username: string };
      };
    }

    async function workDir(
      workspace: {
        token: string;
        backend: { address: string; username: string };
      },
      password = workspace.token,
    ) {
      const dir = await TerraformWorkDir.create({
        address: workspace.backend.address,
        username: workspace.backend.username,
        password,
      });
      workDirs.push(dir);
      await dir.ok(init);
      return dir;
    }

    const getWorkspace = async (name: string) =>
      (
        await request(server)
          .get(`${api}/workspaces/${name}`)
          .set('Authorization', asUser())
      ).body;

    const versions = async (name: string) =>
      (
        await request(server)
          .get(`${api}/workspaces/${name}/versions`)
          .set('Authorization', asUser())
      ).body.items;

    it('inits, plans, applies, shows outputs and destroys; state is encrypted at rest', async () => {
      const workspace = await createWorkspace('cli-basic');
      const tf = await workDir(workspace);
      const secret = `s3cret-${randomBytes(12).toString('hex')}`;

      const plan = await tf.ok(['plan', '-input=false', '-no-color'], {
        secret,
      });
      expect(plan).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
      expect(await versions('cli-basic')).toEqual([]);

      expect(await tf.ok(apply, { revision: 'one', secret })).toContain(
        'Apply complete! Resources: 1 added',
      );
      const outputs = JSON.parse(await tf.ok(['output', '-json', '-no-color']));
      expect(outputs.revision.value).toBe('one');
      expect(outputs.secret).toMatchObject({ sensitive: true, value: secret });

      // The stored row holds no secret in clear; Terraform's GET gets it back.
      const rows = await knex('terraform_state_versions').select(
        'state',
        'key_id',
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.key_id).toMatch(/^aes-256-gcm:/);
        expect(Buffer.from(row.state).includes(secret)).toBe(false);
      }
      const got = await request(server)
        .get(`${api}/state/cli-basic`)
        .set('Authorization', basicAuth('cli-basic', workspace.token));
      expect(got.status).toBe(200);
      expect(got.text).toContain(secret);

      expect(
        await tf.ok(['destroy', '-auto-approve', '-input=false', '-no-color'], {
          revision: 'one',
          secret,
        }),
      ).toContain('Destroy complete! Resources: 1 destroyed.');
      const afterDestroy = JSON.parse(
        (
          await request(server)
            .get(`${api}/state/cli-basic`)
            .set('Authorization', basicAuth('cli-basic', workspace.token))
        ).text,
      );
      expect(afterDestroy.resources).toEqual([]);
      expect((await getWorkspace('cli-basic')).lock).toBeUndefined();
    });

    it('keeps every applied state in history, with increasing serials', async () => {
      const tf = await workDir(await createWorkspace('cli-history'));
      for (const revision of ['r1', 'r2', 'r3']) {
        await tf.ok(apply, { revision });
      }
      const history = await versions('cli-history');
      expect(history.length).toBeGreaterThanOrEqual(3);
      const serials = history
        .map((v: { serial: number }) => v.serial)
        .reverse();
      expect(serials).toEqual([...serials].sort((a, b) => a - b));
      expect(new Set(serials).size).toBe(serials.length);
      expect(history[0]).toMatchObject({
        createdBy: 'workspace:cli-history',
        encrypted: true,
        lock: { Operation: 'OperationTypeApply', Version: '1.11.4' },
      });
      expect(JSON.stringify(history)).not.toContain('"resources"');

      // Rolling back to the first apply: Terraform sees revision r1 again.
      const first = history[history.length - 1];
      const rolledBack = await request(server)
        .post(`${api}/workspaces/cli-history/rollback`)
        .set('Authorization', asUser())
        .send({ version: first.version });
      expect(rolledBack.status).toBe(201);
      const outputs = JSON.parse(await tf.ok(['output', '-json', '-no-color']));
      expect(outputs.revision.value).toBe('r1');
    });

    it('refuses a plan saved before a rollback, whose serial is above every earlier one', async () => {
      const tf = await workDir(await createWorkspace('cli-stale'));
      await tf.ok(apply, { revision: 'r1' });
      await tf.ok(apply, { revision: 'r2' });
      // A plan saved against r2's state, not applied yet.
      await tf.ok(['plan', '-input=false', '-no-color', '-out=r9.plan'], {
        revision: 'r9',
      });
      const before = await versions('cli-stale');
      const first = before[before.length - 1];
      const rolledBack = await request(server)
        .post(`${api}/workspaces/cli-stale/rollback`)
        .set('Authorization', asUser())
        .send({ version: first.version });
      expect(rolledBack.status).toBe(201);
      expect(rolledBack.body.serial).toBe(
        Math.max(...before.map((v: { serial: number }) => v.serial)) + 1,
      );
      // Another apply after the rollback: with the source's serial reused,
      // this one would write r2's serial again, and the saved plan would
      // pass Terraform's check against a state it was not made for.
      await tf.ok(apply, { revision: 'r3' });
      const stale = await tf.run([
        'apply',
        '-input=false',
        '-no-color',
        'r9.plan',
      ]);
      expect(stale.code).not.toBe(0);
      expect(oneLine(stale.output)).toContain('Saved plan is stale');
      const outputs = JSON.parse(await tf.ok(['output', '-json', '-no-color']));
      expect(outputs.revision.value).toBe('r3');
    });

    it('refuses a second concurrent apply, naming the holder of the lock', async () => {
      const workspace = await createWorkspace('cli-concurrent');
      const [first, second] = await Promise.all([
        workDir(workspace),
        workDir(workspace),
      ]);
      const slow = first.start(apply, { revision: 'slow', sleep: '2' });
      const done = completion(slow);
      await printed(slow, "Provisioning with 'local-exec'");
      const { lock } = await getWorkspace('cli-concurrent');
      expect(lock.info.Operation).toBe('OperationTypeApply');

      const refused = await second.run(apply, { revision: 'fast' });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('Error acquiring the state lock');
      // Terraform prints the holder's ID from the 423 body; its "Lock Info"
      // below that is the refused run's own.
      expect(oneLine(refused.output)).toContain(
        `HTTP remote state already locked: ID=${lock.info.ID}`,
      );

      expect(await done).toMatchObject({ code: 0 });
      expect((await getWorkspace('cli-concurrent')).lock).toBeUndefined();
      const outputs = JSON.parse(
        await second.ok(['output', '-json', '-no-color']),
      );
      expect(outputs.revision.value).toBe('slow');
    });

    it('recovers the lock of a run killed mid-apply through the force-unlock route', async () => {
      const workspace = await createWorkspace('cli-killed');
      const [killed, next] = await Promise.all([
        workDir(workspace),
        workDir(workspace),
      ]);
      const run = killed.start(apply, { revision: 'killed', sleep: '60' });
      const exited = completion(run);
      await printed(run, "Provisioning with 'local-exec'");
      killGroup(run);
      expect((await exited).code).toBe(null);
      const { lock } = await getWorkspace('cli-killed');
      expect(lock.info.ID).toEqual(expect.any(String));

      expect(oneLine((await next.run(apply)).output)).toContain(
        `HTTP remote state already locked: ID=${lock.info.ID}`,
      );
      // The CLI's force-unlock has no Backstage identity: refused.
      const cliForce = await next.run([
        'force-unlock',
        '-force',
        '-no-color',
        lock.info.ID,
      ]);
      expect(cliForce.code).toBe(1);
      expect(cliForce.output).toContain('403');

      const forceUnlock = (user: string) =>
        request(server)
          .post(`${api}/workspaces/cli-killed/force-unlock`)
          .set('Authorization', asUser(user))
          .send({ lockId: lock.info.ID });
      expect((await forceUnlock('user:default/developer')).status).toBe(403);
      const released = await forceUnlock(ADMIN);
      expect(released.status).toBe(200);
      expect(released.body.released.info.ID).toBe(lock.info.ID);

      expect(await next.ok(apply, { revision: 'recovered' })).toContain(
        'Apply complete!',
      );
    });

    it('fails with a wrong token', async () => {
      const workspace = await createWorkspace('cli-wrong-token');
      const dir = await TerraformWorkDir.create({
        address: workspace.backend.address,
        username: 'cli-wrong-token',
        password: 'tfws_not-the-token',
      });
      workDirs.push(dir);
      const result = await dir.run(init);
      expect(result.code).toBe(1);
      expect(result.output).toContain(
        'HTTP remote state endpoint requires auth',
      );
      expect(await versions('cli-wrong-token')).toEqual([]);
    });
  },
);
