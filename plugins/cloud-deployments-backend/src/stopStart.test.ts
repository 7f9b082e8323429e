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
      expect(res.body.error.message).toMatch(
        /is active, not stopped: there is nothing to start/,
      );
    });
  },
);

// Starting bills again, so it is asked of the policies like a redeploy.
const startsNeedApproval = {
  name: 'starts',
  cedar: `@id("start-needs-approval")
@message("Starting a stopped deployment needs an approval")
forbid (principal, action == CloudDeployments::Action::"deployWithoutApproval", resource)
when { context.operation == "start" };
@id("no-start-of-gpu")
@message("Stopped GPU deployments stay stopped")
forbid (principal, action == CloudDeployments::Action::"deploy", resource)
when { context.operation == "start" && resource.gpuCount > 0 };`,
};

describe.each(databases.eachSupportedId())(
  'starting through the policies on %p',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startFourTargetBackend>>;
    const bob = mockCredentials.user.header('user:default/bob');

    beforeAll(async () => {
      backend = await startFourTargetBackend(await databases.init(databaseId), {
        cloudDeployments: { policies: [startsNeedApproval] },
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    const stoppedDeployment = async (body: object) => {
      const { server } = backend;
      const created = await request(server)
        .post(`${base}/deployments`)
        .send(body);
      expect(created.status).toBe(202);
      const { id } = created.body;
      const active = await pollUntil(
        server,
        `${base}/deployments/${id}`,
        d => d.status === 'active',
        'active',
      );
      await request(server).post(`${base}/deployments/${id}/stop`).expect(202);
      const stopped = await pollUntil(
        server,
        `${base}/deployments/${id}`,
        d => d.status === 'stopped',
        'stopped',
      );
      return { ...stopped, running: active.estimate };
    };

    it('holds a start for approval, leaving it stopped, and starts it once approved', async () => {
      const { server, sandboxes } = backend;
      const stopped = await stoppedDeployment({
        ...TARGET_REQUESTS.gcp,
        name: 'held-start',
      });
      const id = stopped.id;
      const runningBefore = RUNNING.gcp(sandboxes);

      const held = await request(server).post(
        `${base}/deployments/${id}/start`,
      );
      expect(held.status).toBe(202);
      expect(held.body.status).toBe('stopped');
      expect(held.body.approval).toMatchObject({
        operation: 'start',
        status: 'awaiting_approval',
      });
      // What the approver is shown: the spec's running price, not the
      // stopped nothing.
      expect(held.body.approval.estimate).toMatchObject({
        monthlyTotal: stopped.running.monthlyTotal,
        totalKind: stopped.running.totalKind,
      });
      expect(held.body.approval.estimate.stopped).toBeUndefined();
      expect(held.body.approval.decision.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            policy: 'start-needs-approval',
            effect: 'approval',
          }),
        ]),
      );
      expect(RUNNING.gcp(sandboxes)).toBe(runningBefore);
      // Asked again while it waits: the new request replaces the first,
      // which can no longer be approved; nothing is queued twice.
      const again = await request(server).post(
        `${base}/deployments/${id}/start`,
      );
      expect(again.status).toBe(202);
      expect(again.body.approval.id).not.toBe(held.body.approval.id);
      const stale = await request(server)
        .post(
          `${base}/deployments/${id}/approvals/${held.body.approval.id}/approve`,
        )
        .set('Authorization', bob)
        .send({ comment: 'too late' });
      expect(stale.status).toBe(409);

      const approved = await request(server)
        .post(
          `${base}/deployments/${id}/approvals/${again.body.approval.id}/approve`,
        )
        .set('Authorization', bob)
        .send({ comment: 'back to work' });
      expect(approved.status).toBe(202);
      const started = await pollUntil(
        server,
        `${base}/deployments/${id}`,
        d => d.status === 'active',
        'active',
      );
      expect(started.estimate.monthlyTotal).toBe(
        held.body.approval.estimate.monthlyTotal,
      );
      expect(RUNNING.gcp(sandboxes)).toBe(runningBefore + 1);
      const events = (
        await request(server).get(`${base}/deployments/${id}/events`)
      ).body.items.map((e: any) => e.message);
      expect(events).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^stopped → starting: Start\. Approved by user:default\/bob/,
          ),
        ]),
      );
    });

    it('refuses a start a policy forbids with a 403, leaving it stopped', async () => {
      const { server } = backend;
      const stopped = await stoppedDeployment({
        ...TARGET_REQUESTS.kubernetes,
        name: 'gpu-start',
        compute: { ...TARGET_REQUESTS.kubernetes.compute, gpu: 1 },
      });
      const res = await request(server).post(
        `${base}/deployments/${stopped.id}/start`,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /Stopped GPU deployments stay stopped/,
      );
      const after = (
        await request(server).get(`${base}/deployments/${stopped.id}`)
      ).body;
      expect(after.status).toBe('stopped');
      expect(after.version).toBe(stopped.version);
      expect(after.approval).toBeUndefined();
    });
  },
);
