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
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { Knex } from 'knex';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { cloudDeploymentsPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/databases';
import awsModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  cloudRunRequest as cloudRunTerraformRequest,
  sagemakerRequest,
} from './__testUtils__/fixtures';
import { oboAuthServiceFactory } from './__testUtils__/oboAuth';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';
const cloudRunRequest = { ...cloudRunTerraformRequest, engine: 'sdk' };

/**
 * The API alone: the provider modules in sandbox mode (no credentials
 * configured) so deployments can be created, and no worker on this replica, so
 * they stay as the API left them. provisioning.test.ts covers the worker.
 */
const apiOnly = [
  awsModule,
  gcpModule,
  sandboxes,
  mockServices.rootConfig.factory({
    data: { cloudDeployments: { jobs: { enabled: false } } },
  }),
];

/** A policy that lets everyone do everything but destroy. */
const denyDestroyPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'deny-destroy-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req) {
            return {
              result:
                req.permission.name === 'cloud.deployment.destroy'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            };
          },
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())('plugin on %p', databaseId => {
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        ...apiOnly,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
      ],
    }));
  });

  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  async function create(body: object = cloudRunRequest) {
    const res = await request(server).post(`${base}/deployments`).send(body);
    expect(res.status).toBe(202);
    return res.body;
  }

  it('creates, reads, lists and shows the events of a deployment', async () => {
    const created = await create(sagemakerRequest);
    expect(created).toMatchObject({
      name: 'fraud-model',
      status: 'pending',
      version: 1,
      createdBy: mockCredentials.user().principal.userEntityRef,
    });

    await request(server)
      .get(`${base}/deployments/${created.id}`)
      .expect(200, created);
    await request(server)
      .get(`${base}/deployments`)
      .expect(200, { items: [created], totalCount: 1 });

    const events = await request(server).get(
      `${base}/deployments/${created.id}/events`,
    );
    expect(events.status).toBe(200);
    expect(events.body.items).toEqual([
      expect.objectContaining({
        type: 'created',
        actor: 'user:default/mock',
        message: 'Created by user:default/mock',
      }),
    ]);
  });

  it('normalises entity refs, and filters the list by query parameters', async () => {
    const a = await create({
      ...cloudRunRequest,
      owner: 'web-team',
      component: 'web-api',
    });
    expect(a.spec.owner).toBe('group:default/web-team');
    expect(a.spec.component).toBe('component:default/web-api');
    const b = await create(sagemakerRequest);

    const list = (query: string) =>
      request(server).get(`${base}/deployments?${query}`);
    expect((await list('owner=web-team')).body.items).toEqual([a]);
    expect((await list('provider=aws-sagemaker')).body.items).toEqual([b]);
    expect(
      (await list('provider=aws-sagemaker&provider=gcp-cloud-run')).body
        .totalCount,
    ).toBe(2);
    expect(
      (await list('status=pending&environment=staging')).body.items,
    ).toEqual([a]);
    expect(
      (await list('component=component:default/fraud-model')).body.items,
    ).toEqual([b]);
    expect((await list('q=FRAUD')).body.items).toEqual([b]);
  });

  it('lists the deployments whose TTL runs out within a window from now, soonest first', async () => {
    const day = await create({ ...cloudRunRequest, name: 'day', ttl: 'PT12H' });
    const month = await create({
      ...cloudRunRequest,
      name: 'month',
      ttl: 'P30D',
    });
    await create({ ...cloudRunRequest, name: 'forever' });
    const names = async (query: string) => {
      const res = await request(server).get(`${base}/deployments?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((d: { name: string }) => d.name);
    };
    expect(day.expiresAt).toBe(
      new Date(Date.parse(day.createdAt) + 12 * 3_600_000).toISOString(),
    );
    expect(month.expiresAt).toBeDefined();
    expect(await names('expiresWithin=P7D')).toEqual(['day']);
    expect(await names('expiresWithin=P31D&sort=expiresAt')).toEqual([
      'day',
      'month',
    ]);
    // Without a TTL: last in either order.
    expect(await names('sort=expiresAt&order=desc')).toEqual([
      'month',
      'day',
      'forever',
    ]);
    const summary = await request(server).get(
      `${base}/deployments/summary?expiresWithin=P7D`,
    );
    expect(summary.body.count).toBe(1);
  });

  it('pages over more rows than one page and refuses a bad cursor', async () => {
    for (let i = 0; i < 7; i++) {
      await create({ ...cloudRunRequest, name: `svc-${i}` });
    }
    const first = await request(server).get(`${base}/deployments?limit=3`);
    expect(first.body.totalCount).toBe(7);
    expect(first.body.items.map((d: any) => d.name)).toEqual([
      'svc-6',
      'svc-5',
      'svc-4',
    ]);
    const second = await request(server).get(
      `${base}/deployments?limit=3&cursor=${first.body.nextCursor}`,
    );
    const third = await request(server).get(
      `${base}/deployments?limit=3&cursor=${second.body.nextCursor}`,
    );
    expect(second.body.items.map((d: any) => d.name)).toEqual([
      'svc-3',
      'svc-2',
      'svc-1',
    ]);
    expect(third.body.items.map((d: any) => d.name)).toEqual(['svc-0']);
    expect(third.body.nextCursor).toBeUndefined();

    const bad = await request(server).get(`${base}/deployments?cursor=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('cursor: is not a valid cursor');

    // Sorted server-side, by name here; a bad sort or order is a 400.
    const byName = await request(server).get(
      `${base}/deployments?limit=4&sort=name&order=desc`,
    );
    expect(byName.body.items.map((d: any) => d.name)).toEqual([
      'svc-6',
      'svc-5',
      'svc-4',
      'svc-3',
    ]);
    const otherOrder = await request(server).get(
      `${base}/deployments?sort=name&order=asc&cursor=${byName.body.nextCursor}`,
    );
    expect(otherOrder.status).toBe(400);
    expect(otherOrder.body.error.message).toContain(
      'cursor: belongs to another sort',
    );
    for (const query of ['sort=cost', 'sort=name&order=up', 'order=ASC']) {
      const refused = await request(server).get(`${base}/deployments?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/(sort|order): must be/);
    }
  });

  it.each([
    [
      'a wrong type',
      {
        ...cloudRunRequest,
        compute: { ...cloudRunRequest.compute, cpu: 'two' },
      },
      'compute.cpu: Expected number, received string',
    ],
    [
      'an unknown provider',
      { ...cloudRunRequest, provider: 'heroku' },
      'provider: must be one of aws-sagemaker, gcp-cloud-run, azure-container-instances, kubernetes',
    ],
    [
      'a missing field',
      { ...cloudRunRequest, region: undefined },
      'region: Required',
    ],
    [
      'an unknown field',
      { ...cloudRunRequest, replicas: 3 },
      'unknown field(s) "replicas"',
    ],
    [
      'a name that is not a DNS label',
      { ...cloudRunRequest, name: 'Web_API' },
      'name: must be lowercase letters, digits and dashes',
    ],
    [
      'a negative count',
      {
        ...sagemakerRequest,
        compute: { instanceType: 'ml.m5.large', instanceCount: -1 },
      },
      'compute.instanceCount: must be at least 1',
    ],
    [
      'an oversized field',
      { ...cloudRunRequest, description: 'x'.repeat(5000) },
      'description: must be at most 2000 characters',
    ],
    [
      'a field the provider needs',
      { ...sagemakerRequest, compute: { instanceCount: 1 } },
      'compute.instanceType: is required for provider aws-sagemaker',
    ],
    [
      'a bad owner ref',
      { ...cloudRunRequest, owner: 'group:' },
      'owner: must be an entity ref',
    ],
    ['a body that is not an object', [1, 2], 'Expected object, received array'],
  ])('answers 400 to %s and writes nothing', async (_case, body, message) => {
    const res = await request(server).post(`${base}/deployments`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
    expect(await count('deployments')).toBe(0);
    expect(await count('deployment_events')).toBe(0);
  });

  it('answers 400 to malformed JSON and 413 to an oversized body', async () => {
    const malformed = await request(server)
      .post(`${base}/deployments`)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('body: is not valid JSON');

    const huge = await request(server)
      .post(`${base}/deployments`)
      .send({ ...cloudRunRequest, description: 'x'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toBe(
      'body: is larger than the limit of 256 KiB',
    );
    expect(await count('deployments')).toBe(0);
  });

  it('answers 400, naming where, to ill-formed text anywhere in a body or query, and writes nothing', async () => {
    const cases: Array<[string, string, string | undefined, string]> = [
      [
        'POST',
        '/deployments',
        JSON.stringify({ ...cloudRunRequest, title: 'x' }).replace(
          '"title":"x"',
          '"title":"a\\ud800"',
        ),
        'body.title: must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
      ],
      [
        'POST',
        '/deployments',
        '{"name":"web","x\\udc00":1}',
        'body: has a key that must be well-formed Unicode',
      ],
      [
        'POST',
        '/estimates/plan',
        '{"plan":{"resource_changes":[{"type":"aws_instance","name":"a\\u0000"}]}}',
        'body.plan.resource_changes[0].name: must not contain NUL characters',
      ],
      [
        'POST',
        '/estimates',
        `{"a":${'['.repeat(100)}${']'.repeat(100)}}`,
        'body: is nested deeper than 64 levels',
      ],
      [
        'GET',
        '/deployments?q=a%00b',
        undefined,
        'query.q: must not contain NUL characters',
      ],
      [
        'GET',
        '/deployments/summary?owner=group%3Adefault%2Fa%00',
        undefined,
        'query.owner: must not contain NUL characters',
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const req =
        method === 'GET'
          ? request(server).get(`${base}${path}`)
          : request(server)
              .post(`${base}${path}`)
              .set('Content-Type', 'application/json')
              .send(body);
      const res = await req;
      expect({
        path,
        status: res.status,
        message: res.body.error?.message,
      }).toEqual({
        path,
        status: 400,
        message: expect.stringContaining(message),
      });
    }
    expect(await count('deployments')).toBe(0);
    expect(await count('deployment_events')).toBe(0);
    expect(await count('tasks')).toBe(0);
  });

  it('answers 400 to bad list queries', async () => {
    for (const [query, message] of [
      ['limit=0', 'limit: must be at least 1'],
      ['limit=ten', 'limit: must be a number'],
      ['status=running', 'status.0: must be one of awaiting_approval, pending'],
      ['colour=blue', 'unknown field(s) "colour"'],
    ]) {
      const res = await request(server).get(`${base}/deployments?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/deployments/${unknown}`,
      `/deployments/${unknown}/events`,
    ]) {
      const res = await request(server).get(`${base}${path}`);
      expect(res.status).toBe(404);
    }
    await request(server)
      .patch(`${base}/deployments/${unknown}`)
      .send({ version: 1, title: 'Web' })
      .expect(404);
    await request(server).delete(`${base}/deployments/${unknown}`).expect(404);
    const malformed = await request(server).get(
      `${base}/deployments/not-an-id`,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe(
      'id: "not-an-id" is not a deployment id',
    );
  });

  it('updates with optimistic concurrency', async () => {
    const created = await create();
    const patched = await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({ version: 1, compute: { cpu: 2, memoryMiB: 1024 }, title: 'Web' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      version: 2,
      title: 'Web',
      spec: { compute: { cpu: 2, memoryMiB: 1024 } },
    });

    const stale = await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({ version: 1, title: 'Other' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('version: 1 is stale');

    const immutable = await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({ version: 2, provider: 'aws-sagemaker' });
    expect(immutable.status).toBe(400);
    expect(immutable.body.error.message).toContain(
      'provider: provider cannot be changed after creation',
    );

    // The merged spec must still satisfy the provider's rules.
    const broken = await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({ version: 2, compute: { cpu: 1 } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain(
      'compute.memoryMiB: is required for provider gcp-cloud-run',
    );

    const cleared = await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({ version: 2, system: null, title: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.spec.system).toBeUndefined();
    expect(cleared.body.title).toBeUndefined();
  });

  it('lets exactly one of concurrent PATCHes with the same version win', async () => {
    const created = await create();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        request(server)
          .patch(`${base}/deployments/${created.id}`)
          .send({
            version: 1,
            compute: { cpu: 1, memoryMiB: 512, maxInstances: 10 + i },
          }),
      ),
    );
    const statuses = responses.map(r => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
  });

  it('marks a deployment destroying and refuses an illegal transition with 409', async () => {
    const created = await create();
    const destroyed = await request(server).delete(
      `${base}/deployments/${created.id}`,
    );
    expect(destroyed.status).toBe(202);
    expect(destroyed.body).toMatchObject({ status: 'destroying', version: 2 });

    const again = await request(server).delete(
      `${base}/deployments/${created.id}`,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'Deployment web-api is destroying and cannot become destroying',
    );
    const patch = await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({ version: 2, ttl: 'P1D' });
    expect(patch.status).toBe(409);

    const events = await request(server).get(
      `${base}/deployments/${created.id}/events`,
    );
    expect(events.body.items.map((e: any) => [e.type, e.data])).toEqual([
      ['created', { status: 'pending' }],
      ['status', { from: 'pending', to: 'destroying' }],
    ]);
  });

  it('requires authentication', async () => {
    const res = await request(server)
      .get(`${base}/deployments`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});

describe('plugin with the permission framework', () => {
  it('answers 403 when the policy denies, lets allowed actions through, and audits both', async () => {
    const audit = { success: jest.fn(), fail: jest.fn() };
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => audit),
    });
    const { server } = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        auditor.factory,
        permissionBackendPlugin,
        denyDestroyPolicy,
        permissionsServiceFactory,
        oboAuthServiceFactory,
        awsModule,
        gcpModule,
        sandboxes,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            cloudDeployments: { jobs: { enabled: false } },
          },
        }),
      ],
    });
    const created = await request(server)
      .post(`${base}/deployments`)
      .send(cloudRunRequest);
    expect(created.status).toBe(202);

    const denied = await request(server).delete(
      `${base}/deployments/${created.body.id}`,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error).toEqual({
      name: 'NotAllowedError',
      message:
        'You are not allowed to delete deployments (cloud.deployment.destroy)',
    });
    const after = await request(server).get(
      `${base}/deployments/${created.body.id}`,
    );
    expect(after.body.status).toBe('pending');

    expect(
      auditor.createEvent.mock.calls.map(([e]) => [e.eventId, e.meta]),
    ).toEqual([
      ['deployment-create', {}],
      ['deployment-destroy', { deploymentId: created.body.id }],
    ]);
    expect(audit.success).toHaveBeenCalledWith({
      meta: { deploymentId: created.body.id },
    });
    expect(audit.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
    });
  });
});
