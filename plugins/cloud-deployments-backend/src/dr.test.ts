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
import { KubernetesSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import {
  pollUntil,
  Sandboxes,
  startFourTargetBackend,
  TARGET_REQUESTS,
} from './__testUtils__/fourTargets';

/*
 * Disaster recovery on each of the four targets, end to end through the HTTP
 * API, the worker and the real providers against their sandboxes, on both
 * databases: a plan, a drill that leaves the primary alone, a failover that
 * moves the endpoint, a failback, the standby following a new revision, and
 * the standby going with its deployment.
 */

jest.setTimeout(180_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

type Case = {
  cloud: keyof Sandboxes;
  standbyRegion: string;
  standbyAccount?: string;
  mode: 'pilot-light' | 'warm-standby';
};

const CASES: Case[] = [
  { cloud: 'aws', standbyRegion: 'us-west-2', mode: 'pilot-light' },
  { cloud: 'gcp', standbyRegion: 'europe-west4', mode: 'warm-standby' },
  { cloud: 'azure', standbyRegion: 'westeurope', mode: 'pilot-light' },
  {
    cloud: 'kubernetes',
    standbyRegion: 'eu-west-1',
    standbyAccount: 'standby',
    mode: 'warm-standby',
  },
];

/** The names of what the target's cloud holds for deployments (both clusters). */
const HELD: Record<
  keyof Sandboxes,
  (s: Sandboxes & { standbyCluster?: KubernetesSandbox }) => string[]
> = {
  aws: ({ aws }) => aws.endpoints().map(e => e.name),
  gcp: ({ gcp }) => gcp.services().map(s => String(s.name).split('/').pop()!),
  azure: ({ azure }) => azure.containerGroups().map(g => g.name),
  kubernetes: ({ kubernetes, standbyCluster }) =>
    [kubernetes, ...(standbyCluster ? [standbyCluster] : [])]
      .flatMap(c => c.objects())
      .filter(o => o.kind === 'Deployment')
      .map(o => o.metadata.name),
};

describe.each(databases.eachSupportedId())(
  'disaster recovery on %p',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startFourTargetBackend>>;

    beforeAll(async () => {
      backend = await startFourTargetBackend(await databases.init(databaseId), {
        standbyCluster: true,
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    const deployment = (id: string, wanted: string) =>
      pollUntil(
        backend.server,
        `${base}/deployments/${id}`,
        d => d.status === wanted,
        `became ${wanted}`,
      );
    const plan = (id: string, done: (p: any) => boolean, what: string) =>
      pollUntil(backend.server, `${base}/deployments/${id}/dr`, done, what);

    it.each(CASES.map(c => [c.cloud, c.mode, c] as const))(
      'plans, drills, fails over and back on %s (%s)',
      async (cloud, mode, { standbyRegion, standbyAccount }) => {
        const { server } = backend;
        const sandboxes = {
          ...backend.sandboxes,
          standbyCluster: backend.standbyCluster,
        };
        const name = `${cloud}-dr`;
        const created = await request(server)
          .post(`${base}/deployments`)
          .send({
            ...TARGET_REQUESTS[cloud],
            ...(cloud === 'kubernetes' ? { account: 'primary' } : {}),
            name,
          });
        expect(created.status).toBe(202);
        const { id } = created.body;
        const primary = await deployment(id, 'active');
        const heldBefore = HELD[cloud](sandboxes).length;
        expect(
          (await request(server).get(`${base}/deployments/${id}/dr`)).status,
        ).toBe(404);

        // The plan: the standby is brought to its mode.
        const put = await request(server)
          .put(`${base}/deployments/${id}/dr`)
          .send({ standbyRegion, standbyAccount, mode, rtoMinutes: 15 });
        expect(put.status).toBe(202);
        expect(put.body).toMatchObject({
          standbyRegion,
          mode,
          rtoSeconds: 900,
          activeSide: 'primary',
          standbyState: 'syncing',
          runs: [],
        });
        const ready = await plan(id, p => p.standbyState === 'ready', 'ready');
        expect(ready.standbyRevision).toBe(1);
        const warm = mode === 'warm-standby';
        expect(HELD[cloud](sandboxes).length).toBe(heldBefore + (warm ? 1 : 0));
        // A warm standby answers and is priced like any deployment at its
        // minimum capacity; a pilot light runs nothing: an exact, known $0.
        expect({
          answers: Boolean(ready.standbyEndpoint),
          priced: ready.standbyEstimate.lines.length > 0,
          total: ready.standbyEstimate.monthlyTotal === 0,
          kind: ready.standbyEstimate.totalKind,
          saysSo: /^Pilot light/.test(ready.standbyEstimate.warnings[0] ?? ''),
        }).toEqual(
          warm
            ? {
                answers: true,
                priced: true,
                total: ready.standbyEstimate.monthlyTotal === 0,
                kind: ready.standbyEstimate.totalKind,
                saysSo: false,
              }
            : {
                answers: false,
                priced: false,
                total: true,
                kind: 'exact',
                saysSo: true,
              },
        );
        expect(ready.failoverEstimate.lines.length).toBeGreaterThan(0);

        // A drill: the standby comes up in full and goes back to its mode;
        // the primary and its endpoint are not touched.
        const drill = await request(server)
          .post(`${base}/deployments/${id}/dr/test`)
          .send({ version: ready.version });
        expect(drill.status).toBe(202);
        expect(drill.body.standbyState).toBe('drilling');
        const drilled = await plan(
          id,
          p => p.standbyState === 'ready' && p.lastDrill?.finishedAt,
          'finished its drill',
        );
        expect(drilled.lastDrill).toMatchObject({
          kind: 'drill',
          outcome: 'met',
          standbyRegion,
          rtoSeconds: 900,
        });
        expect(drilled.lastDrill.recoverySeconds).toBeGreaterThan(0);
        expect(drilled.lastDrill.recoverySeconds).toBeLessThan(900);
        expect(HELD[cloud](sandboxes).length).toBe(heldBefore + (warm ? 1 : 0));
        expect((await deployment(id, 'active')).endpoint).toBe(
          primary.endpoint,
        );

        // A stale version is refused; so is failing back from the primary.
        expect(
          (
            await request(server)
              .post(`${base}/deployments/${id}/dr/failover`)
              .send({ version: ready.version })
          ).status,
        ).toBe(409);
        expect(
          (await request(server).post(`${base}/deployments/${id}/dr/failback`))
            .status,
        ).toBe(409);

        // Failover: the standby serves the deployment's endpoint.
        const failover = await request(server).post(
          `${base}/deployments/${id}/dr/failover`,
        );
        expect(failover.status).toBe(202);
        const serving = await plan(
          id,
          p => p.standbyState === 'serving',
          'served',
        );
        expect(serving).toMatchObject({ activeSide: 'standby' });
        expect(serving.runs[0]).toMatchObject({
          kind: 'failover',
          outcome: 'met',
        });
        const failedOver = await deployment(id, 'active');
        expect(failedOver.endpoint).toBe(serving.standbyEndpoint);
        expect(failedOver.endpoint).not.toBe(primary.endpoint);
        expect(serving.primaryEndpoint).toBe(primary.endpoint);
        expect(HELD[cloud](sandboxes).length).toBe(heldBefore + 1);
        // Changes wait for the failback.
        const patch = await request(server)
          .patch(`${base}/deployments/${id}`)
          .send({ version: failedOver.version, title: 'changed' });
        expect(patch.status).toBe(409);
        expect(patch.body.error.message).toMatch(/fail back/);

        // Failback: the primary serves again, the standby returns to its mode.
        await request(server)
          .post(`${base}/deployments/${id}/dr/failback`)
          .expect(202);
        const back = await plan(
          id,
          p => p.standbyState === 'ready' && p.activeSide === 'primary',
          'failed back',
        );
        expect(back.runs.map((r: any) => [r.kind, r.outcome])).toEqual([
          ['failback', 'met'],
          ['failover', 'met'],
          ['drill', 'met'],
        ]);
        expect((await deployment(id, 'active')).endpoint).toBe(
          primary.endpoint,
        );
        expect(HELD[cloud](sandboxes).length).toBe(heldBefore + (warm ? 1 : 0));

        // A new revision: the standby follows it on the next sync.
        const current = await deployment(id, 'active');
        const image = TARGET_REQUESTS[cloud].artifact.image!.replace(
          /:1$/,
          ':2',
        );
        await request(server)
          .patch(`${base}/deployments/${id}`)
          .send({ version: current.version, artifact: { image } })
          .expect(200);
        await deployment(id, 'active');
        await backend.trigger('cloud-deployments-dr-sync');
        const followed = await plan(
          id,
          p => p.standbyState === 'ready' && p.standbyRevision === 2,
          'followed revision 2',
        );
        expect(followed.standbyRevision).toBe(2);

        // The standby goes with its deployment.
        await request(server).delete(`${base}/deployments/${id}`).expect(202);
        await deployment(id, 'destroyed');
        expect(HELD[cloud](sandboxes).length).toBe(heldBefore - 1);
        expect(
          (await request(server).get(`${base}/deployments/${id}/dr`)).status,
        ).toBe(404);
      },
    );

    it('refuses bad plans with a 4xx, writing nothing', async () => {
      const { server } = backend;
      const created = await request(server)
        .post(`${base}/deployments`)
        .send({ ...TARGET_REQUESTS.gcp, name: 'dr-bad-input' });
      const { id } = created.body;
      await deployment(id, 'active');
      const bad = [
        { standbyRegion: 'europe-west1', mode: 'pilot-light', rtoMinutes: 5 },
        { standbyRegion: 'mars-north1', mode: 'pilot-light', rtoMinutes: 5 },
        { standbyRegion: 'europe-west4', mode: 'cold', rtoMinutes: 5 },
        { standbyRegion: 'europe-west4', mode: 'pilot-light', rtoMinutes: 0 },
        { standbyRegion: 'europe-west4', mode: 'pilot-light', rtoMinutes: 1.5 },
        {
          standbyRegion: 'europe-west4\u0000',
          mode: 'pilot-light',
          rtoMinutes: 5,
        },
        {
          standbyRegion: 'europe-west4',
          mode: 'pilot-light',
          rtoMinutes: 5,
          x: 1,
        },
        [],
      ];
      for (const body of bad) {
        const res = await request(server)
          .put(`${base}/deployments/${id}/dr`)
          .send(body as object);
        expect([res.status, JSON.stringify(body)]).toEqual([
          400,
          JSON.stringify(body),
        ]);
      }
      const none = await request(server).get(`${base}/deployments/${id}/dr`);
      expect([none.status, none.body.error?.message]).toEqual([
        404,
        expect.stringMatching(/has no DR plan/),
      ]);
      expect(
        (await request(server).post(`${base}/deployments/${id}/dr/failover`))
          .status,
      ).toBe(404);
      expect(
        (await request(server).post(`${base}/deployments/nope/dr/test`)).status,
      ).toBe(400);
    });
  },
);
