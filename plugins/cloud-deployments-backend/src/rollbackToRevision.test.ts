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
import { CreateDeploymentRequest } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import {
  Sandboxes,
  startFourTargetBackend,
  TARGET_REQUESTS,
} from './__testUtils__/fourTargets';

/*
 * Rollback to an earlier revision on each of the four targets, end to end:
 * the HTTP API, the job worker, and the real providers against their
 * sandboxes (made quick to settle), on both databases. The bad update is one
 * that deploys fine, so only a revision, not the last spec that reached
 * active, can undo it.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

type Target = {
  cloud: keyof Sandboxes;
  request: CreateDeploymentRequest;
  /** The images the target's cloud runs now. */
  served(sandboxes: Sandboxes): string[];
};

const TARGETS: Target[] = [
  {
    cloud: 'aws',
    request: TARGET_REQUESTS.aws,
    served: ({ aws }) =>
      aws.endpoints().flatMap(endpoint => {
        const config = aws
          .endpointConfigs()
          .find(c => c.name === endpoint.configName);
        return (config?.variants ?? []).map(
          v => aws.models().find(m => m.name === v.modelName)?.image ?? '?',
        );
      }),
  },
  {
    cloud: 'gcp',
    request: TARGET_REQUESTS.gcp,
    served: ({ gcp }) =>
      gcp.services().map(s => s.template.containers[0].image),
  },
  {
    cloud: 'azure',
    request: TARGET_REQUESTS.azure,
    served: ({ azure }) =>
      azure
        .containerGroups()
        .map(g => (g.properties as any).containers[0].properties.image),
  },
  {
    cloud: 'kubernetes',
    request: TARGET_REQUESTS.kubernetes,
    served: ({ kubernetes }) =>
      kubernetes
        .objects()
        .filter(o => o.kind === 'Deployment')
        .map(o => (o as any).spec.template.spec.containers[0].image),
  },
];

describe.each(databases.eachSupportedId())(
  'rollback to a revision on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let sandboxes: Sandboxes;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startFourTargetBackend(knex);
      sandboxes = backend.sandboxes;
      server = backend.server;
      stop = backend.stop;
    });

    afterAll(async () => {
      await stop?.();
    });

    const get = async (id: string) =>
      (await request(server).get(`${base}/deployments/${id}`)).body;

    async function until(id: string, status: string): Promise<any> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const deployment = await get(id);
        if (deployment.status === status) return deployment;
        if (Date.now() > deadline) {
          throw new Error(`${id} is ${deployment.status}, not ${status}`);
        }
        await new Promise(r => setTimeout(r, 25));
      }
    }

    /** Created and active (revision 1), then updated to a bad image that deploys fine (revision 2). */
    async function badButActive(target: Target) {
      const created = await request(server)
        .post(`${base}/deployments`)
        .send(target.request);
      expect(created.status).toBe(202);
      const { id } = created.body;
      const v1 = await until(id, 'active');
      const bad = target.request.artifact.image!.replace(/:1$/, ':bad');
      await request(server)
        .patch(`${base}/deployments/${id}`)
        .send({ version: v1.version, artifact: { image: bad } })
        .expect(200);
      // The change applies at once.
      await until(id, 'active');
      expect(target.served(sandboxes)).toContain(bad);
      return id as string;
    }

    it.each(TARGETS.map(t => [t.cloud, t] as const))(
      'rolls a bad update that reached active back to revision 1 on %s',
      async (_cloud, target) => {
        const id = await badButActive(target);
        const rolling = await request(server)
          .post(`${base}/deployments/${id}/rollback`)
          .send({ reason: 'the new image answers 500' });
        expect(rolling.status).toBe(202);
        expect(rolling.body).toMatchObject({
          status: 'updating',
          spec: { artifact: { image: target.request.artifact.image } },
        });
        await until(id, 'active');
        expect(target.served(sandboxes)).toEqual([
          target.request.artifact.image,
        ]);

        const revisions = await request(server).get(
          `${base}/deployments/${id}/revisions`,
        );
        expect(revisions.status).toBe(200);
        expect(revisions.body.current).toBe(3);
        expect(
          revisions.body.items.map((r: any) => [
            r.number,
            r.change,
            r.rollbackTo ?? null,
            r.outcome,
            r.spec.artifact.image,
          ]),
        ).toEqual([
          [3, 'rollback', 1, 'active', target.request.artifact.image],
          [2, 'update', null, 'active', expect.stringMatching(/:bad$/)],
          [1, 'create', null, 'active', target.request.artifact.image],
        ]);
        expect(revisions.body.items[0]).toMatchObject({
          reason: 'the new image answers 500',
          createdBy: 'user:default/mock',
          currency: 'USD',
        });
      },
    );

    it('refuses a revision it does not have, the current spec, and bad input, each with a 4xx', async () => {
      const target = TARGETS.find(t => t.cloud === 'gcp')!;
      const id = await badButActive({
        ...target,
        request: { ...target.request, name: 'web-api-2' },
      });
      const rollback = (body?: unknown) =>
        request(server)
          .post(`${base}/deployments/${id}/rollback`)
          .send(body as object);
      const refusals = [
        [
          { revision: 42 },
          404,
          'Deployment web-api-2 has no revision 42 (its revisions are 1 to 2)',
        ],
        [
          { revision: 2 },
          409,
          'Revision 2 is the current revision of web-api-2; pick an earlier one to roll back to',
        ],
        [
          { revision: 0 },
          400,
          'Invalid rollback: revision: must be at least 1',
        ],
        [
          { revision: 2 ** 31 },
          400,
          'Invalid rollback: revision: must be at most 2147483647',
        ],
        [
          { revision: '1' },
          400,
          'Invalid rollback: revision: must be a number',
        ],
        [
          { revision: 1, extra: true },
          400,
          'Invalid rollback: body: unknown field(s) "extra"',
        ],
      ] as const;
      for (const [body, status, message] of refusals) {
        const res = await rollback(body);
        expect([res.status, res.body.error?.message]).toEqual([
          status,
          message,
        ]);
      }
      for (const [path, status] of [
        ['revisions/0', 400],
        ['revisions/1.5', 400],
        ['revisions/abc', 400],
        ['revisions/99999999999', 400],
        ['revisions/3', 404],
        ['revisions?limit=0', 400],
        ['revisions?before=x', 400],
        ['revisions?page=2', 400],
      ] as const) {
        const res = await request(server).get(
          `${base}/deployments/${id}/${path}`,
        );
        expect([path, res.status]).toEqual([path, status]);
      }
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const path of ['revisions', 'revisions/1']) {
        const res = await request(server).get(
          `${base}/deployments/${unknown}/${path}`,
        );
        expect(res.status).toBe(404);
      }
      expect(
        (await request(server).post(`${base}/deployments/${unknown}/rollback`))
          .status,
      ).toBe(404);

      const one = await request(server).get(
        `${base}/deployments/${id}/revisions?limit=1`,
      );
      expect(one.body).toMatchObject({ current: 2, nextBefore: 2 });
      expect(one.body.items.map((r: any) => r.number)).toEqual([2]);
      const single = await request(server).get(
        `${base}/deployments/${id}/revisions/1`,
      );
      expect(single.body).toMatchObject({ number: 1, change: 'create' });

      // A body-less rollback goes to the revision before the current.
      await rollback().expect(202);
      await until(id, 'active');
      // Revision 1 has the current spec now.
      const same = await rollback({ revision: 1 });
      expect([same.status, same.body.error?.message]).toEqual([
        409,
        'Revision 1 has the spec web-api-2 has now (revision 3); rolling back to it would change nothing',
      ]);
    });
  },
);
