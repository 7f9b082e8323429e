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
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest } from '../__testUtils__/fixtures';
import { cloudDeploymentsPlugin } from '../plugin';

/*
 * Bad input of every kind the fuzzer (fuzz/ at the repository root) found
 * answered with a bare message, an empty body or a 500: each is a 4xx whose
 * message names the part of the request at fault, and writes nothing.
 */

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

const TABLES = [
  'deployments',
  'deployment_events',
  'tasks',
  'terraform_workspaces',
  'terraform_locks',
  'terraform_state_versions',
  'deployment_dr_plans',
  'deployment_dr_runs',
];

async function rows(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  }
  return counts;
}

describe.each(databases.eachSupportedId())('bad input on %p', databaseId => {
  let server: any;
  let knex: Knex;
  let stop: () => Promise<void>;
  let deploymentId: string;
  let workspace: { name: string; token: string };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        gcpModule,
        sandboxes,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        mockServices.rootConfig.factory({
          data: { cloudDeployments: { jobs: { enabled: false } } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const created = await request(server)
      .post(`${base}/deployments`)
      .send({ ...cloudRunRequest, engine: 'sdk' });
    if (created.status !== 202) throw new Error(JSON.stringify(created.body));
    deploymentId = created.body.id;
    const ws = await request(server)
      .post(`${base}/terraform/workspaces`)
      .send({ name: 'bad-input' });
    if (ws.status !== 201) throw new Error(JSON.stringify(ws.body));
    workspace = ws.body;
  });
  afterAll(() => stop());

  /** Sends a request and expects it refused with this status and message, nothing written. */
  async function refused(
    send: (agent: ReturnType<typeof request>) => request.Test,
    status: number,
    message: string | RegExp,
  ) {
    const before = await rows(knex);
    const res = await send(request(server));
    expect({ status: res.status, message: res.body?.error?.message }).toEqual({
      status,
      message:
        typeof message === 'string' ? message : expect.stringMatching(message),
    });
    expect(await rows(knex)).toEqual(before);
  }

  it('names the body or the query when the whole of it is wrong', async () => {
    await refused(
      r => r.post(`${base}/deployments`).send([1, 2]),
      400,
      'Invalid deployment: body: Expected object, received array',
    );
    await refused(
      r => r.post(`${base}/estimates`).send({ ...cloudRunRequest, x: 1 }),
      400,
      'Invalid estimate: body: unknown field(s) "x"',
    );
    await refused(
      r => r.get(`${base}/deployments?colour=blue`),
      400,
      'Invalid query: query: unknown field(s) "colour"',
    );
    await refused(
      r => r.get(`${base}/deployments?expiresWithin=7%20days`),
      400,
      'Invalid query: expiresWithin: must be an ISO 8601 duration like "P7D" or "PT12H"',
    );
    await refused(
      r => r.get(`${base}/deployments?sort=expiry`),
      400,
      /^Invalid query: sort: must be one of .*updatedAt, expiresAt$/,
    );
  });

  it('answers a path segment that is not percent-encoding with a 400 naming the path', async () => {
    for (const path of ['/deployments/%ZZ', '/terraform/workspaces/%E0%A4%A']) {
      await refused(
        r => r.get(`${base}${path}`),
        400,
        /^path: "%(ZZ|E0%A4%A)" is not valid percent-encoding$/,
      );
    }
    await refused(
      r => r.patch(`${base}/deployments/%ED%A0%80`).send({ version: 1 }),
      400,
      'path: "%ED%A0%80" is not valid percent-encoding',
    );
  });

  it('refuses a body that does not decompress, or in an encoding or type it does not read', async () => {
    await refused(
      r =>
        r
          .post(`${base}/deployments`)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'gzip')
          .send('{"not":"gzip"}'),
      400,
      'body: is not valid gzip data',
    );
    await refused(
      r =>
        r
          .post(`${base}/estimates`)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'br')
          .send('{}'),
      415,
      'Content-Encoding: br is not supported; send gzip, deflate or identity',
    );
    await refused(
      r =>
        r
          .post(`${base}/deployments`)
          .set('Content-Type', 'text/plain')
          .send(JSON.stringify(cloudRunRequest)),
      415,
      'Content-Type: text/plain is not accepted; send the body as application/json',
    );
    await refused(
      r =>
        r
          .post(`${base}/terraform/workspaces`)
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send('name=x'),
      415,
      'Content-Type: application/x-www-form-urlencoded is not accepted; send the body as application/json',
    );
    // A gzipped JSON body is read as before (fetch: supertest would
    // serialise the Buffer as JSON).
    const { port } = server.address() as AddressInfo;
    const zipped = await fetch(`http://localhost:${port}${base}/estimates`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
      },
      body: gzipSync(
        JSON.stringify({
          provider: 'gcp-cloud-run',
          region: 'europe-west1',
          compute: { cpu: 1, memoryMiB: 512 },
        }),
      ),
    });
    expect(zipped.status).toBe(200);
  });

  it('refuses a workspace body above its own, smaller limit', async () => {
    const big = await request(server)
      .post(`${base}/terraform/workspaces`)
      .send({ name: 'x'.repeat(65 * 1024) });
    expect({ status: big.status, message: big.body.error.message }).toEqual({
      status: 413,
      message: 'body: is larger than the limit of 64 KiB',
    });
    await refused(
      r =>
        r
          .post(`${base}/terraform/workspaces`)
          .set('Content-Type', 'application/json')
          .send(`{"name":${'{"a":'.repeat(64)}1${'}'.repeat(64)}}`),
      400,
      'body: is nested deeper than 64 levels',
    );
  });

  it('refuses bodies nested deeper than the limit', async () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    await refused(
      r =>
        r
          .post(`${base}/deployments`)
          .set('Content-Type', 'application/json')
          .send(`{"name":"x","compute":${deep(10_000)}}`),
      400,
      'body: is nested deeper than 64 levels',
    );
    await refused(
      r =>
        r
          .patch(`${base}/deployments/${deploymentId}`)
          .set('Content-Type', 'application/json')
          .send(`[${'['.repeat(64)}${']'.repeat(64)}]`),
      400,
      'body: is nested deeper than 64 levels',
    );
    // Plans nest deeper than other bodies, within their own limit.
    const plan = (depth: number) =>
      `{"plan":{"resource_changes":[{"address":"a.b","type":"aws_instance","change":{"actions":["create"],"after":{"tags":${deep(
        depth,
      )}}}}]}}`;
    const deepPlan = await request(server)
      .post(`${base}/estimates/plan`)
      .set('Content-Type', 'application/json')
      .send(plan(200));
    expect(deepPlan.status).toBe(200);
    await refused(
      r =>
        r
          .post(`${base}/estimates/plan`)
          .set('Content-Type', 'application/json')
          .send(plan(300)),
      400,
      'body: is nested deeper than 256 levels',
    );
  });

  it('answers a route or method the API does not have with a 404 that says so', async () => {
    await refused(
      r => r.get(`${base}/nope`),
      404,
      'No route for GET /nope in the cloud-deployments API',
    );
    await refused(
      r => r.put(`${base}/providers`).send({}),
      404,
      'No route for PUT /providers in the cloud-deployments API',
    );
    await refused(
      r => r.delete(`${base}/terraform/workspaces`),
      404,
      'No route for DELETE /terraform/workspaces in the cloud-deployments API',
    );
    // Routes the framework adds to the plugin come before the catch-all.
    const metadata = await request(server).get(
      `${base}/.well-known/backstage/permissions/metadata`,
    );
    expect(metadata.status).toBe(200);
  });

  it('refuses a Last-Event-ID that is not an event id, and resumes after one that is', async () => {
    const url = `${base}/deployments/${deploymentId}/events/stream`;
    for (const id of ['', 'abc', '0x10', '-1', '1e3', '99999999999999999']) {
      await refused(
        r => r.get(url).set('Last-Event-ID', id),
        400,
        `Last-Event-ID: "${id}" is not an event id`,
      );
    }
    // A valid one opens the stream after that event (the first is `created`).
    const { port } = server.address() as AddressInfo;
    const controller = new AbortController();
    const res = await fetch(
      `http://localhost:${port}${base}/deployments/${deploymentId}/events/stream`,
      { headers: { 'Last-Event-ID': '0' }, signal: controller.signal },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: deployment-event')) {
      text += new TextDecoder().decode((await reader.read()).value);
    }
    controller.abort();
    expect(text).toContain('"type":"created"');
  });

  it('refuses bad DR plans and actions with a 400 naming the field, and unknown deployments with a 404', async () => {
    const dr = `${base}/deployments/${deploymentId}/dr`;
    const plan = {
      standbyRegion: 'europe-west4',
      mode: 'pilot-light',
      rtoMinutes: 15,
    };
    for (const [body, message] of [
      [
        { ...plan, mode: 'hot-standby' },
        /^Invalid plan: mode: must be one of pilot-light, warm-standby/,
      ],
      [{ ...plan, rtoMinutes: 0 }, /^Invalid plan: rtoMinutes: /],
      [{ ...plan, rtoMinutes: 1.5 }, /^Invalid plan: rtoMinutes: /],
      [{ ...plan, rtoMinutes: 7 * 24 * 60 + 1 }, /^Invalid plan: rtoMinutes: /],
      [{ ...plan, rtoMinutes: 2 ** 53 }, /^Invalid plan: rtoMinutes: /],
      [{ ...plan, standbyRegion: '../x' }, /^Invalid plan: standbyRegion: /],
      [
        { ...plan, standbyAccount: "1'; --" },
        /^Invalid plan: standbyAccount: /,
      ],
      [
        { ...plan, activeSide: 'standby' },
        /^Invalid plan: body: unknown field\(s\) "activeSide"/,
      ],
      [{ ...plan, version: 0 }, /^Invalid plan: version: /],
      [[plan], /^Invalid plan: body: /],
    ] as const) {
      await refused(r => r.put(dr).send(body), 400, message);
    }
    for (const action of ['failover', 'failback', 'test']) {
      for (const body of [{ version: 0 }, { version: '1' }, { force: true }]) {
        await refused(
          r => r.post(`${dr}/${action}`).send(body),
          400,
          /^Invalid action: (version|body): /,
        );
      }
    }
    await refused(
      r => r.delete(dr).send({ version: 1.5 }),
      400,
      /^Invalid remove: version: /,
    );
    // No plan yet: nothing to read or remove.
    await refused(r => r.get(dr), 404, /has no DR plan/);
    await refused(r => r.delete(dr), 404, /no DR plan/);
    // A deployment still being made cannot fail over.
    await refused(
      r => r.post(`${dr}/failover`).send({}),
      409,
      /is pending; a failover needs it active/,
    );
    const unknown = `${base}/deployments/00000000-0000-4000-8000-000000000000`;
    for (const send of [
      (r: ReturnType<typeof request>) => r.get(`${unknown}/dr`),
      (r: ReturnType<typeof request>) => r.put(`${unknown}/dr`).send(plan),
      (r: ReturnType<typeof request>) => r.delete(`${unknown}/dr`),
      (r: ReturnType<typeof request>) => r.post(`${unknown}/dr/failover`),
      (r: ReturnType<typeof request>) => r.post(`${unknown}/dr/failback`),
      (r: ReturnType<typeof request>) => r.post(`${unknown}/dr/test`),
      (r: ReturnType<typeof request>) => r.post(`${unknown}/stop`),
      (r: ReturnType<typeof request>) => r.post(`${unknown}/start`),
    ]) {
      await refused(send, 404, /^No deployment with id /);
    }
  });

  it('answers ids and versions at the edge of what the columns hold with 4xx', async () => {
    const url = `${base}/deployments/${deploymentId}`;
    const workspaceUrl = `${base}/terraform/workspaces/${workspace.name}`;
    for (const version of [2 ** 31, Number.MAX_SAFE_INTEGER]) {
      await refused(
        r =>
          r.patch(url).send({
            version,
            title: 'x',
          }),
        409,
        /^version: \d+ is stale, the deployment is at version 1/,
      );
    }
    for (const [path, message] of [
      ['versions?before=2147483648', 'before: must be at most 2147483647'],
      ['versions?before=0', 'before: must be at least 1'],
    ]) {
      await refused(
        r => r.get(`${workspaceUrl}/${path}`),
        400,
        `Invalid query: ${message}`,
      );
    }
    await refused(
      r => r.post(`${workspaceUrl}/rollback`).send({ version: 2 ** 31 }),
      400,
      'Invalid rollback: version: must be at most 2147483647',
    );
    const events = await request(server).get(
      `${base}/deployments/${deploymentId}/events?after=${Number.MAX_SAFE_INTEGER}`,
    );
    expect(events.status).toBe(200);
    expect(events.body.items).toEqual([]);
  });

  it('refuses lock ids and lineages that text columns cannot hold', async () => {
    const state = (lineage: string) =>
      JSON.stringify({ version: 4, serial: 1, lineage, resources: [] });
    const stateUrl = `${base}/terraform/state/${workspace.name}`;
    const basic = `Basic ${Buffer.from(
      `${workspace.name}:${workspace.token}`,
    ).toString('base64')}`;
    for (const id of ['a\u0000b', 'a\ud800b', '\udc00']) {
      await refused(
        r =>
          r
            .lock(stateUrl)
            .set('Authorization', basic)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify({ ID: id, Who: 'fuzz' })),
        400,
        /^body\.ID: must (be well-formed Unicode|not contain NUL)/,
      );
      await refused(
        r =>
          r
            .post(stateUrl)
            .set('Authorization', basic)
            .set('Content-Type', 'application/json')
            .send(state(id)),
        400,
        /^state\.lineage: must (be well-formed Unicode|not contain NUL)/,
      );
    }
    // A surrogate pair is well-formed.
    const pair = await request(server)
      .post(stateUrl)
      .set('Authorization', basic)
      .set('Content-Type', 'application/json')
      .send(state('lineage-\ud83d\ude00'));
    expect(pair.status).toBe(200);
  });

  it('refuses Terraform workspaces with names no workspace can have', async () => {
    for (const name of ['a%00b', 'x'.repeat(300), '%F0%9F%98%80']) {
      await refused(
        r => r.get(`${base}/terraform/workspaces/${name}/versions`),
        404,
        /^No Terraform workspace named /,
      );
    }
    await refused(
      r => r.post(`${base}/terraform/workspaces`).send({}),
      400,
      'Invalid workspace: name: is required unless deploymentId is given',
    );
  });
});
