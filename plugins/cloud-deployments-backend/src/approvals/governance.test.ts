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
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import createKnex, { Knex } from 'knex';
import request from 'supertest';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { cloudDeploymentsPlugin } from '../plugin';
import {
  budgetOverrunNeedsApproval,
  noGpuInDevelopment,
  productionNeedsApproval,
} from '../__testUtils__/testPolicies';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';
const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

const policies = [
  productionNeedsApproval,
  noGpuInDevelopment,
  budgetOverrunNeedsApproval,
];

const config = {
  cloudDeployments: { jobs: { enabled: false }, policies },
};

/** A Cloud Run service in the sandbox: priced exactly from the snapshot. */
const service = (name: string, over: object = {}) => ({
  name,
  owner: 'group:default/web-team',
  component: 'component:default/web-api',
  environment: 'staging',
  provider: 'gcp-cloud-run',
  region: 'europe-west1',
  engine: 'sdk',
  artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
  compute: { cpu: 2, memoryMiB: 4096, minInstances: 2, maxInstances: 4 },
  ...over,
});

async function backend(knex: Knex) {
  const { server } = await startTestBackend({
    features: [
      cloudDeploymentsPlugin,
      gcpModule,
      sandboxes,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.database.factory({ knex, migrations: { skip: false } }),
    ],
  });
  return server;
}

describe.each(databases.eachSupportedId())('governance on %p', databaseId => {
  let knex: Knex;
  let server: Awaited<ReturnType<typeof backend>>;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    server = await backend(knex);
  });

  beforeEach(async () => {
    await knex('budgets').delete();
    await knex('deployment_approvals').delete();
    await knex('tasks').delete();
    await knex('deployments').delete();
  });

  const post = (path: string, body: object, as = alice) =>
    request(server).post(`${base}${path}`).set('Authorization', as).send(body);
  const get = (path: string, as = alice) =>
    request(server).get(`${base}${path}`).set('Authorization', as);

  it('refuses what a policy forbids, naming the policy and the values it saw', async () => {
    const res = await post(
      '/deployments',
      service('gpu-dev', {
        environment: 'development',
        provider: 'gcp-cloud-run',
        compute: { cpu: 4, memoryMiB: 16384, gpu: 1, minInstances: 1 },
      }),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('no-gpu-in-development');
    expect(res.body.error.decision).toMatchObject({
      outcome: 'refuse',
      reasons: [{ policy: 'no-gpu-in-development', effect: 'refuse' }],
      values: { environment: 'development', gpuCount: 1 },
    });
    expect(await knex('deployments').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    const [{ n }] = await knex('deployments').count({ n: '*' });
    expect(Number(n)).toBe(0);
  });

  it('holds a production create for approval; the requester cannot approve it, another can', async () => {
    const created = await post(
      '/deployments',
      service('shop', { environment: 'production' }),
    );
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('awaiting_approval');

    const read = await get(`/deployments/${created.body.id}`);
    const approval = read.body.approval;
    expect(approval).toMatchObject({
      operation: 'create',
      status: 'awaiting_approval',
      requestedBy: 'user:default/alice',
      decision: {
        outcome: 'approval',
        reasons: [{ policy: 'production-needs-approval', effect: 'approval' }],
      },
    });
    const path = `/deployments/${created.body.id}/approvals/${approval.id}`;

    const self = await post(`${path}/approve`, { comment: 'mine' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/someone else must decide/);

    const empty = await post(`${path}/approve`, { comment: ' ' }, bob);
    expect(empty.status).toBe(400);

    const approved = await post(`${path}/approve`, { comment: 'ok' }, bob);
    expect(approved.status).toBe(202);
    expect(approved.body.status).toBe('pending');

    const again = await post(`${path}/approve`, { comment: 'twice' }, bob);
    expect(again.status).toBe(409);

    const list = await get(`/deployments/${created.body.id}/approvals`);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        status: 'approved',
        decidedBy: 'user:default/bob',
        comment: 'ok',
      }),
    ]);
    const events = await get(`/deployments/${created.body.id}/events`);
    expect(
      events.body.items
        .filter((e: any) => e.type === 'approval')
        .map((e: any) => e.message),
    ).toEqual([
      expect.stringContaining('The create waits for approval'),
      expect.stringContaining('Approved the create of user:default/alice: ok'),
    ]);
  });

  it('makes a revision of a held change only when it is approved, and holds a rollback with the revision it restores', async () => {
    const created = await post(
      '/deployments',
      service('shop', { environment: 'production' }),
    );
    const id = created.body.id;
    const approve = async () => {
      const { approval } = (await get(`/deployments/${id}`)).body;
      const res = await post(
        `/deployments/${id}/approvals/${approval.id}/approve`,
        { comment: 'ok' },
        bob,
      );
      expect(res.status).toBe(202);
      return res.body;
    };
    const revisions = async () =>
      (await get(`/deployments/${id}/revisions`)).body.items.map((r: any) => [
        r.number,
        r.change,
        r.createdBy,
        r.approvedBy ?? null,
        r.rollbackTo ?? null,
        r.spec.artifact.image,
      ]);
    // No worker runs here: what a finished task would leave is written directly.
    const settleActive = () =>
      knex('deployments').where({ id }).update({ status: 'active' });
    const v1 = service('shop').artifact.image;
    const v2 = 'acme/web-api:2.4.0';

    expect(await revisions()).toEqual([]);
    await approve();
    expect(await revisions()).toEqual([
      [1, 'create', 'user:default/alice', 'user:default/bob', null, v1],
    ]);
    await settleActive();

    const current = (await get(`/deployments/${id}`)).body;
    const held = await request(server)
      .patch(`${base}/deployments/${id}`)
      .set('Authorization', alice)
      .send({ version: current.version, artifact: { image: v2 } });
    expect(held.status).toBe(202);
    expect((await revisions()).length).toBe(1);
    await approve();
    await settleActive();

    const rollback = await post(`/deployments/${id}/rollback`, {
      revision: 1,
      reason: 'checkout is broken',
    });
    expect(rollback.status).toBe(202);
    expect(rollback.body.approval).toMatchObject({
      operation: 'rollback',
      revision: 1,
      reason: 'checkout is broken',
      spec: { artifact: { image: v1 } },
    });
    expect((await revisions()).length).toBe(2);
    const events = await get(`/deployments/${id}/events`);
    expect(events.body.items.map((e: any) => e.message)).toContainEqual(
      expect.stringContaining('The rollback to revision 1 waits for approval'),
    );

    expect(await approve()).toMatchObject({
      status: 'updating',
      spec: { artifact: { image: v1 } },
    });
    expect((await get(`/deployments/${id}/revisions/3`)).body.reason).toBe(
      'checkout is broken',
    );
    expect(await revisions()).toEqual([
      [3, 'rollback', 'user:default/alice', 'user:default/bob', 1, v1],
      [2, 'update', 'user:default/alice', 'user:default/bob', null, v2],
      [1, 'create', 'user:default/alice', 'user:default/bob', null, v1],
    ]);
  });

  it('voids a waiting request when the deployment changes, and a rejected create ends it', async () => {
    const created = await post(
      '/deployments',
      service('shop', { environment: 'production' }),
    );
    const first = (await get(`/deployments/${created.body.id}`)).body;
    const changed = await request(server)
      .patch(`${base}/deployments/${created.body.id}`)
      .set('Authorization', alice)
      .send({ version: first.version, compute: { cpu: 1, memoryMiB: 512 } });
    expect(changed.status).toBe(202);
    expect(changed.body.approval.id).not.toBe(first.approval.id);

    const stale = await post(
      `/deployments/${created.body.id}/approvals/${first.approval.id}/approve`,
      { comment: 'ok' },
      bob,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/void|decided/);

    const rejected = await post(
      `/deployments/${created.body.id}/approvals/${changed.body.approval.id}/reject`,
      { comment: 'not now' },
      bob,
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'destroyed',
      statusReason: 'Rejected by user:default/bob: not now',
    });
    const list = await get(`/deployments/${created.body.id}/approvals`);
    expect(list.body.items.map((a: any) => a.status)).toEqual([
      'rejected',
      'void',
    ]);
  });

  it('lets exactly one of two creations that each fit the budget but not together through', async () => {
    const estimate = await post('/estimates', service('x'));
    expect(estimate.status).toBe(200);
    const monthly = estimate.body.pricedSubtotal;
    expect(monthly).toBeGreaterThan(0);
    const budget = await post('/budgets', {
      owner: 'group:default/web-team',
      amount: Math.round(monthly * 150) / 100,
    });
    expect(budget.status).toBe(201);

    // A second replica: on PostgreSQL with a connection pool of its own.
    const otherKnex =
      knex.client.config.client === 'pg'
        ? createKnex(knex.client.config)
        : knex;
    const other = await backend(otherKnex);
    const [a, b] = await Promise.all([
      request(server)
        .post(`${base}/deployments`)
        .set('Authorization', alice)
        .send(service('first')),
      request(other)
        .post(`${base}/deployments`)
        .set('Authorization', alice)
        .send(service('second')),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect([a.body.status, b.body.status].sort()).toEqual([
      'awaiting_approval',
      'pending',
    ]);
    const waiting = [a, b].find(r => r.body.status === 'awaiting_approval')!;
    const read = await get(`/deployments/${waiting.body.id}`);
    expect(read.body.approval.decision).toMatchObject({
      reasons: [{ policy: 'budget-overrun-needs-approval' }],
      values: { budgetExceeded: true },
    });
  });
});
