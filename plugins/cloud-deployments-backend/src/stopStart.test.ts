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
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import {
  pollUntil,
  Sandboxes,
  startFourTargetBackend,
  TARGET_REQUESTS,
} from './__testUtils__/fourTargets';

/*
 * Stop and start on each of the four targets, end to end through the HTTP
 * API, the worker and the real providers against their sandboxes, on both
 * databases: what runs in the cloud, and the estimate before and after.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

/** How many of the target's instances or groups run (not stopped). */
const RUNNING: Record<keyof Sandboxes, (s: Sandboxes) => number> = {
  aws: ({ aws }) => aws.endpoints().length,
  gcp: ({ gcp }) =>
    gcp
      .services()
      .filter(
        s =>
          !(
            String(s.scaling?.scalingMode) === 'MANUAL' &&
            Number(s.scaling?.manualInstanceCount ?? 0) === 0
          ),
      ).length,
  azure: ({ azure }) =>
    azure
      .containerGroups()
      .filter(g => (g.properties as any).instanceView?.state !== 'Stopped')
      .length,
  kubernetes: ({ kubernetes }) =>
    kubernetes
      .objects()
      .filter(o => o.kind === 'Deployment' && (o as any).spec.replicas !== 0)
      .length,
};

describe.each(databases.eachSupportedId())(
  'stop and start on %p',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startFourTargetBackend>>;

    beforeAll(async () => {
      backend = await startFourTargetBackend(await databases.init(databaseId));
    });

    afterAll(async () => {
      await backend?.stop();
    });

    const status = (id: string, wanted: string) =>
      pollUntil(
        backend.server,
        `${base}/deployments/${id}`,
        d => d.status === wanted,
        `became ${wanted}`,
      );

    it.each(Object.keys(TARGET_REQUESTS) as Array<keyof Sandboxes>)(
      'stops %s, pricing what still bills, and starts it again',
      async cloud => {
        const { server, sandboxes } = backend;
        const created = await request(server)
          .post(`${base}/deployments`)
          .send({ ...TARGET_REQUESTS[cloud], name: `${cloud}-stop` });
        expect(created.status).toBe(202);
        const { id } = created.body;
        const active = await status(id, 'active');
        const running = active.estimate;
        expect(running.lines.length).toBeGreaterThan(0);
        const runningBefore = RUNNING[cloud](sandboxes);
        expect(runningBefore).toBeGreaterThan(0);

        const stopping = await request(server).post(
          `${base}/deployments/${id}/stop`,
        );
        expect(stopping.status).toBe(202);
        expect(stopping.body.status).toBe('stopping');
        const stopped = await status(id, 'stopped');
        expect(RUNNING[cloud](sandboxes)).toBe(runningBefore - 1);
        expect(stopped.endpoint).toBeUndefined();
        // A known nothing, with what running costs carried as the saving.
        expect(stopped.estimate).toMatchObject({
          monthlyTotal: 0,
          totalKind: 'exact',
          lines: [],
          stopped: {
            running: {
              monthlyTotal: running.monthlyTotal,
              totalKind: running.totalKind,
            },
          },
        });
        expect(stopped.estimate.warnings[0]).toMatch(/^Stopped: /);

        // Stopped twice, started while running: 409, nothing changes.
        expect(
          (await request(server).post(`${base}/deployments/${id}/stop`)).status,
        ).toBe(409);
        // A spec change waits for the start.
        expect(
          (
            await request(server)
              .patch(`${base}/deployments/${id}`)
              .send({ version: stopped.version, title: 'renamed' })
          ).status,
        ).toBe(200);

        const starting = await request(server).post(
          `${base}/deployments/${id}/start`,
        );
        expect(starting.status).toBe(202);
        expect(starting.body.status).toBe('starting');
        expect(starting.body.estimate.stopped).toBeUndefined();
        expect(starting.body.estimate.monthlyTotal).toBe(running.monthlyTotal);
        const started = await status(id, 'active');
        expect(RUNNING[cloud](sandboxes)).toBe(runningBefore);
        expect(started.endpoint).toBe(active.endpoint);
        expect(
          (await request(server).post(`${base}/deployments/${id}/start`))
            .status,
        ).toBe(409);

        // Destroyed from stopped, nothing is left.
        await request(server)
          .post(`${base}/deployments/${id}/stop`)
          .expect(202);
        await status(id, 'stopped');
        await request(server).delete(`${base}/deployments/${id}`).expect(202);
        await status(id, 'destroyed');
        expect(RUNNING[cloud](sandboxes)).toBe(runningBefore - 1);

        const events = (
          await request(server).get(`${base}/deployments/${id}/events`)
        ).body.items.map((e: any) => e.message);
        expect(events).toEqual(
          expect.arrayContaining([
            expect.stringMatching(
              /^active → stopping: Stop asked by user:default\/mock/,
            ),
            expect.stringMatching(/^stopping → stopped/),
            expect.stringMatching(/^stopped → starting: Start asked by/),
            expect.stringMatching(/^starting → active/),
          ]),
        );
      },
    );

    it('refuses what cannot stop with a 4xx, writing nothing', async () => {
      const { server } = backend;
      expect(
        (await request(server).post(`${base}/deployments/not-a-uuid/stop`))
          .status,
      ).toBe(400);
      expect(
        (
          await request(server).post(
            `${base}/deployments/00000000-0000-4000-8000-000000000000/start`,
          )
        ).status,
      ).toBe(404);
      const created = await request(server)
        .post(`${base}/deployments`)
        .send({ ...TARGET_REQUESTS.gcp, name: 'never-active' });
      const { id } = created.body;
      await status(id, 'active');
      const res = await request(server).post(`${base}/deployments/${id}/start`);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/cannot become starting/);
    });
  },
);
