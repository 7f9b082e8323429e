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
import { createHash } from 'node:crypto';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ADMIN,
  asUser,
  basicAuth,
  startTerraformBackend,
} from '../__testUtils__/terraformBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const api = '/api/cloud-deployments/terraform';

const state = (serial: number, extra: object = {}) =>
  JSON.stringify({
    version: 4,
    terraform_version: '1.11.4',
    serial,
    lineage: '5f0e3c52-8d7e-4a51-9b2a-1f6c0a7d9e10',
    outputs: {},
    resources: [],
    ...extra,
  });

const md5 = (body: string | Buffer) =>
  createHash('md5').update(body).digest('base64');

const lockInfo = (id: string) => ({
  ID: id,
  Operation: 'OperationTypeApply',
  Info: '',
  Who: `${id}@ci-runner`,
  Version: '1.11.4',
  Created: '2026-11-25T10:00:00Z',
  Path: '',
});

describe.each(databases.eachSupportedId())(
  'terraform routes on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTerraformBackend>>['server'];

    beforeAll(async () => {
      ({ server } = await startTerraformBackend(
        await databases.init(databaseId),
      ));
    });

    /** A new workspace, and a request builder carrying its credentials. */
    async function workspace(name: string) {
      const res = await request(server)
        .post(`${api}/workspaces`)
        .set('Authorization', asUser())
        .send({ name });
      expect(res.status).toBe(201);
      const auth = basicAuth(name, res.body.token);
      const url = `${api}/state/${name}`;
      return {
        created: res.body,
        url,
        auth,
        get: () => request(server).get(url).set('Authorization', auth),
        post: (body: string, lockId?: string) =>
          request(server)
            .post(lockId ? `${url}?ID=${lockId}` : url)
            .set('Authorization', auth)
            .set('Content-Type', 'application/json')
            .set('Content-MD5', md5(body))
            .send(body),
        lock: (id: string) =>
          request(server)
            .lock(url)
            .set('Authorization', auth)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(lockInfo(id))),
        unlock: (body: string) =>
          request(server)
            .unlock(url)
            .set('Authorization', auth)
            .set('Content-Type', 'application/json')
            .send(body),
      };
    }

    it('creates a workspace whose token is shown once', async () => {
      const ws = await workspace('routes-create');
      expect(ws.created).toMatchObject({
        name: 'routes-create',
        createdBy: 'user:default/developer',
        token: expect.stringMatching(/^tfws_[A-Za-z0-9_-]{43}$/),
        backend: {
          address: expect.stringMatching(
            /^http:\/\/localhost:\d+\/api\/cloud-deployments\/terraform\/state\/routes-create$/,
          ),
          lockMethod: 'LOCK',
          unlockMethod: 'UNLOCK',
          username: 'routes-create',
        },
      });
      const read = await request(server)
        .get(`${api}/workspaces/routes-create`)
        .set('Authorization', asUser());
      expect(read.status).toBe(200);
      expect(read.body.token).toBeUndefined();
      expect(JSON.stringify(read.body)).not.toContain(ws.created.token);

      const again = await request(server)
        .post(`${api}/workspaces`)
        .set('Authorization', asUser())
        .send({ name: 'routes-create' });
      expect(again.status).toBe(409);
      const unknownDeployment = await request(server)
        .post(`${api}/workspaces`)
        .set('Authorization', asUser())
        .send({ deploymentId: '6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f70' });
      expect(unknownDeployment.status).toBe(404);
      const badName = await request(server)
        .post(`${api}/workspaces`)
        .set('Authorization', asUser())
        .send({ name: 'a:b' });
      expect(badName.status).toBe(400);
      expect(badName.body.error.message).toMatch(/^Invalid workspace: name: /);
      const anonymous = await request(server)
        .post(`${api}/workspaces`)
        .send({ name: 'anonymous' });
      expect(anonymous.status).toBe(401);
    });

    it('answers 401 with a Basic challenge to anything but the workspace token', async () => {
      const ws = await workspace('routes-auth');
      const other = await workspace('routes-auth-other');
      const url = ws.url;
      const attempts = [
        request(server).get(url),
        // A Backstage token is not a workspace credential.
        request(server).get(url).set('Authorization', asUser(ADMIN)),
        request(server)
          .get(url)
          .set('Authorization', mockCredentials.service.header()),
        request(server)
          .get(url)
          .set('Authorization', basicAuth('routes-auth', 'tfws_wrong')),
        // Another workspace's token, and the right token under another name.
        request(server)
          .get(url)
          .set('Authorization', basicAuth('routes-auth', other.created.token)),
        request(server)
          .get(url)
          .set('Authorization', basicAuth('someone', ws.created.token)),
        request(server)
          .get(`${api}/state/no-such-workspace`)
          .set(
            'Authorization',
            basicAuth('no-such-workspace', ws.created.token),
          ),
      ];
      for (const attempt of attempts) {
        const res = await attempt;
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
      }
      expect((await ws.get()).status).toBe(204);

      const rotated = await request(server)
        .post(`${api}/workspaces/routes-auth/token`)
        .set('Authorization', asUser());
      expect(rotated.status).toBe(201);
      expect((await ws.get()).status).toBe(401);
      expect(
        (
          await request(server)
            .get(url)
            .set('Authorization', basicAuth('routes-auth', rotated.body.token))
        ).status,
      ).toBe(204);
    });

    it('refuses a bad Content-MD5, a body that is not JSON state, and other methods', async () => {
      const ws = await workspace('routes-input');
      const body = state(1, { outputs: { password: { value: 'hunter2' } } });

      const badMd5 = await ws.post(body).set('Content-MD5', md5('other'));
      expect(badMd5.status).toBe(400);
      expect(badMd5.body.error.message).toBe(
        'Content-MD5: does not match the body',
      );
      const notJson = await ws.post('{"version": 4, "password": "hunter2"');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toBe(
        'body: is not JSON; expected a Terraform state',
      );
      const notState = await ws.post('{"version":4,"serial":"x"}');
      expect(notState.status).toBe(400);
      expect(notState.body.error.message).toMatch(/^Invalid state: serial: /);
      expect((await ws.post('')).status).toBe(400);
      expect((await ws.post(body, 'x'.repeat(256))).status).toBe(400);
      expect((await ws.get()).status).toBe(204);

      const tooBig = await ws.post(' '.repeat(32 * 1024 * 1024 + 1));
      expect(tooBig.status).toBe(413);

      const del = await request(server)
        .delete(ws.url)
        .set('Authorization', ws.auth);
      expect(del.status).toBe(405);
      expect(del.headers.allow).toBe('GET, HEAD, POST, PUT, LOCK, UNLOCK');
      const emptyLock = await request(server)
        .lock(ws.url)
        .set('Authorization', ws.auth);
      expect(emptyLock.status).toBe(400);

      // Without Content-MD5 the body is taken as it is; destroy's empty state too.
      const written = await request(server)
        .post(ws.url)
        .set('Authorization', ws.auth)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(written.status).toBe(200);
      const read = await ws.get();
      expect(read.status).toBe(200);
      expect(read.headers['content-md5']).toBe(md5(body));
      expect(read.headers['cache-control']).toBe('no-store');
      expect(read.text).toBe(body);
    });

    it('refuses state and lock info with ill-formed text or bytes that are not UTF-8, keeping no version', async () => {
      const ws = await workspace('routes-text');
      // JSON.stringify escapes what is ill-formed, as a client would send it.
      const badEscape = await ws.post(
        state(1, { outputs: { 'x\ud800': { value: 'a' } } }),
      );
      expect(badEscape.status).toBe(400);
      expect(badEscape.body.error.message).toBe(
        'state.outputs: has a key that must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
      );
      const nul = await ws.post(state(1, { outputs: 'a\u0000' }));
      expect(nul.body.error.message).toBe(
        'state.outputs: must not contain NUL characters',
      );
      const latin1 = Buffer.concat([
        Buffer.from('{"version":4,"serial":1,"lineage":"caf'),
        Buffer.from([0xe9]),
        Buffer.from('"}'),
      ]);
      const notUtf8 = await request(server)
        .post(ws.url)
        .set('Authorization', ws.auth)
        .set('Content-Type', 'application/octet-stream')
        .send(latin1);
      expect(notUtf8.status).toBe(400);
      expect(notUtf8.body.error.message).toBe(
        'body: is not UTF-8 text; expected a Terraform state',
      );
      const lock = await request(server)
        .lock(ws.url)
        .set('Authorization', ws.auth)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ ...lockInfo('x'), Who: 'a\u0000' }));
      expect(lock.status).toBe(400);
      expect(lock.body.error.message).toBe(
        'body.Who: must not contain NUL characters',
      );
      const id = await ws.post(state(1), 'a%00b');
      expect(id.status).toBe(400);
      expect(id.body.error.message).toBe('ID: must not contain NUL characters');
      expect((await ws.get()).status).toBe(204);
    });

    it('locks, refuses others with the holder, and unlocks only for the holder', async () => {
      const ws = await workspace('routes-lock');
      expect((await ws.lock('first')).status).toBe(200);

      const refused = await ws.lock('second');
      expect(refused.status).toBe(423);
      expect(refused.body).toEqual(lockInfo('first'));
      expect((await ws.post(state(1))).status).toBe(423);
      const otherWriter = await ws.post(state(1), 'second');
      expect(otherWriter.status).toBe(423);
      expect(otherWriter.body.ID).toBe('first');
      expect((await ws.post(state(1), 'first')).status).toBe(200);

      const notHolder = await ws.unlock(JSON.stringify(lockInfo('second')));
      expect(notHolder.status).toBe(423);
      expect(notHolder.body.Who).toBe('first@ci-runner');
      // `terraform force-unlock`: no Backstage identity to check, so refused.
      const force = await ws.unlock('');
      expect(force.status).toBe(403);
      expect(force.body.error.message).toContain(
        `POST ${api}/workspaces/routes-lock/force-unlock`,
      );
      expect((await ws.unlock(JSON.stringify(lockInfo('first')))).status).toBe(
        200,
      );
      expect((await ws.unlock(JSON.stringify(lockInfo('first')))).status).toBe(
        409,
      );
      // A writer whose lock was released meanwhile must not write.
      expect((await ws.post(state(2), 'first')).status).toBe(409);
    });

    it('lists history without state, rolls back and force-unlocks with permission', async () => {
      const ws = await workspace('routes-history');
      for (const serial of [1, 2, 3]) {
        expect(
          (await ws.post(state(serial, { outputs: { n: { value: serial } } })))
            .status,
        ).toBe(200);
      }
      const history = await request(server)
        .get(`${api}/workspaces/routes-history/versions?limit=2`)
        .set('Authorization', asUser());
      expect(history.status).toBe(200);
      expect(history.body.items).toEqual([
        expect.objectContaining({
          version: 3,
          serial: 3,
          size: expect.any(Number),
        }),
        expect.objectContaining({ version: 2, serial: 2 }),
      ]);
      expect(history.body.items[0]).not.toHaveProperty('state');
      expect(
        (
          await request(server)
            .get(`${api}/workspaces/routes-history/versions?limit=0`)
            .set('Authorization', asUser())
        ).status,
      ).toBe(400);

      await ws.lock('holder');
      const rollback = () =>
        request(server)
          .post(`${api}/workspaces/routes-history/rollback`)
          .set('Authorization', asUser())
          .send({ version: 1 });
      const whileLocked = await rollback();
      expect(whileLocked.status).toBe(409);
      expect(whileLocked.body.error.message).toContain('holder@ci-runner');

      const forceUnlock = (user: string, body: object = {}) =>
        request(server)
          .post(`${api}/workspaces/routes-history/force-unlock`)
          .set('Authorization', asUser(user))
          .send(body);
      expect((await forceUnlock('user:default/developer')).status).toBe(403);
      expect((await forceUnlock(ADMIN, { lockId: 'other' })).status).toBe(409);
      const released = await forceUnlock(ADMIN, { lockId: 'holder' });
      expect(released.status).toBe(200);
      expect(released.body.released.info).toEqual(lockInfo('holder'));
      expect((await forceUnlock(ADMIN)).status).toBe(409);

      const rolledBack = await rollback();
      expect(rolledBack.status).toBe(201);
      expect(rolledBack.body).toMatchObject({
        version: 4,
        serial: 4,
        rolledBackFrom: 1,
        createdBy: 'user:default/developer',
      });
      expect(JSON.parse((await ws.get()).text).outputs.n.value).toBe(1);
      expect(
        (
          await request(server)
            .post(`${api}/workspaces/no-such/rollback`)
            .set('Authorization', asUser())
            .send({ version: 1 })
        ).status,
      ).toBe(404);
    });
  },
);
