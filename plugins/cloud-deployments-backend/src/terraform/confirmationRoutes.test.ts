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
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ADMIN,
  asUser,
  startTerraformBackend,
} from '../__testUtils__/terraformBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const api = '/api/cloud-deployments';
const sha = 'a'.repeat(64);
const plan = {
  planSha256: sha,
  add: 3,
  change: 0,
  destroy: 1,
  monthlyBefore: 10,
  monthlyAfter: 93.95,
};

describe.each(databases.eachSupportedId())(
  'plan confirmations on %p',
  databaseId => {
    it('records a plan, lets one person decide once, and refuses bad input without a 500', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTerraformBackend(knex);
      await request(server)
        .post(`${api}/terraform/workspaces`)
        .set('Authorization', asUser())
        .send({ name: 'confirm-ws' })
        .expect(201);
      const base = `${api}/terraform/workspaces/confirm-ws/confirmations`;

      const created = await request(server)
        .post(base)
        .set('Authorization', asUser())
        .send(plan);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        ...plan,
        workspace: 'confirm-ws',
        status: 'pending',
        requestedBy: 'user:default/developer',
      });
      const url = `${base}/${created.body.id}`;
      expect(
        (await request(server).get(url).set('Authorization', asUser())).body,
      ).toEqual(created.body);

      // A service cannot decide; a person can, once.
      const byService = await request(server)
        .post(`${url}/decision`)
        .set('Authorization', mockCredentials.service.header())
        .send({ confirm: true });
      expect(byService.status).toBe(403);
      const confirmed = await request(server)
        .post(`${url}/decision`)
        .set('Authorization', asUser(ADMIN))
        .send({ confirm: true, comment: 'looks right' });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        decidedBy: ADMIN,
        comment: 'looks right',
        decidedAt: expect.any(String),
      });
      const again = await request(server)
        .post(`${url}/decision`)
        .set('Authorization', asUser())
        .send({ confirm: false });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        `Plan confirmation ${created.body.id} was already confirmed by ${ADMIN}`,
      );

      const statuses = await Promise.all(
        [
          request(server).post(base).send(plan),
          request(server)
            .post(base)
            .set('Authorization', asUser())
            .send({ ...plan, planSha256: 'nope' }),
          request(server)
            .post(base)
            .set('Authorization', asUser())
            .send({ ...plan, add: -1 }),
          request(server)
            .post(`${url}/decision`)
            .set('Authorization', asUser())
            .send({ confirm: 'yes' }),
          request(server)
            .get(`${base}/not-a-uuid`)
            .set('Authorization', asUser()),
          request(server)
            .get(`${base}/00000000-0000-4000-8000-000000000000`)
            .set('Authorization', asUser()),
          request(server)
            .post(`${api}/terraform/workspaces/no-such/confirmations`)
            .set('Authorization', asUser())
            .send(plan),
        ].map(async r => (await r).status),
      );
      expect(statuses).toEqual([401, 400, 400, 400, 404, 404, 404]);
    });
  },
);
