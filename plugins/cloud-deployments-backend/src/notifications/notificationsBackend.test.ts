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
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { CloudRunSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest as terraformRequest } from '../__testUtils__/fixtures';
import { cloudRunSandboxModule } from '../__testUtils__/sandboxProviders';
import { productionNeedsApproval } from '../__testUtils__/testPolicies';
import { cloudDeploymentsPlugin } from '../plugin';

/*
 * Notifications as their recipients get them: the cloud-deployments plugin
 * next to the real notifications and signals backends, the real Cloud Run
 * provider against its sandbox, and a catalog in which alice is a member of
 * the owning group and bob is not. Each plugin has its own database, on
 * SQLite and on PostgreSQL.
 */

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';
const OWNER = 'group:default/web-team';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const cloudRunRequest = { ...terraformRequest, engine: 'sdk' };
// One warm instance, so that it costs something against a budget.
const warmRequest = {
  ...cloudRunRequest,
  compute: { ...cloudRunRequest.compute, minInstances: 1 },
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'web-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: ALICE }],
  },
  ...['alice', 'bob'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: name === 'alice' ? [OWNER] : [] },
  })),
];

describe.each(databases.eachSupportedId())(
  'notifications received on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let sandbox: CloudRunSandbox;
    let reconcile: () => Promise<void>;
    let scheduler: SchedulerService;
    let stop: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      // One database per plugin, as in a real backend: both run Knex
      // migrations under the default table name.
      const knexes = new Map<string, Knex>();
      for (const pluginId of ['cloud-deployments', 'notifications']) {
        knexes.set(pluginId, await databases.init(databaseId));
      }
      const cloudRun = await cloudRunSandboxModule();
      sandbox = cloudRun.sandbox;
      reconcile = cloudRun.reconcile;
      const backend = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          cloudRun.module,
          notificationsPlugin,
          signalsPlugin,
          catalogServiceMock.factory({ entities }),
          // The test backend's scheduler runs tasks only when triggered.
          createBackendModule({
            pluginId: 'cloud-deployments',
            moduleId: 'test-scheduler',
            register(reg) {
              reg.registerInit({
                deps: { pluginScheduler: coreServices.scheduler },
                async init({ pluginScheduler }) {
                  scheduler = pluginScheduler;
                },
              });
            },
          }),
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) =>
              mockServices.database({
                knex: knexes.get(plugin.getId())!,
                migrations: { skip: false },
              }),
          }),
          mockServices.rootConfig.factory({
            data: {
              // The notifications backend links its emails to the app.
              app: { baseUrl: 'http://localhost:3000' },
              cloudDeployments: {
                jobs: {
                  maxAttempts: 2,
                  pollInterval: { milliseconds: 50 },
                  idlePollInterval: { milliseconds: 50 },
                  backoff: { milliseconds: 20 },
                  maxBackoff: { milliseconds: 100 },
                },
                policies: [productionNeedsApproval],
                // Runs when the test triggers it.
                reconciliation: {
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 1 },
                    initialDelay: { hours: 1 },
                  },
                },
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = async () => {
        await backend.stop();
        await sandbox.close();
      };
    });

    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    async function create(body: object = cloudRunRequest) {
      const res = await request(server).post(`${base}/deployments`).send(body);
      expect(res.status).toBe(202);
      return res.body;
    }

    const payloads = (notifications: any[]) =>
      notifications
        .map(n => n.payload)
        .sort((a, b) => a.title.localeCompare(b.title));

    async function until(id: string, status: string) {
      for (;;) {
        const res = await request(server).get(`${base}/deployments/${id}`);
        if (res.body.status === status) return res.body;
        await new Promise(r => setTimeout(r, 25));
      }
    }

    /** The notifications a user reads in the portal's bell. */
    async function inbox(user: string): Promise<any[]> {
      const res = await request(server)
        .get('/api/notifications/notifications')
        .set('Authorization', mockCredentials.user.header(user));
      expect(res.status).toBe(200);
      return res.body.notifications;
    }

    async function untilNotified(user: string, count: number) {
      for (;;) {
        const notifications = await inbox(user);
        if (notifications.length >= count) return notifications;
        await new Promise(r => setTimeout(r, 25));
      }
    }

    it('tells the members of the owning group that a deployment failed', async () => {
      sandbox.failNextCreate(
        'web-api',
        'The user-provided container failed to start and listen on the port defined by PORT=8080.',
      );
      const created = await create();
      const failed = await until(created.id, 'failed');

      const [received] = await untilNotified(ALICE, 1);
      expect(received).toMatchObject({
        user: ALICE,
        origin: 'plugin:cloud-deployments',
        payload: {
          title: 'Deployment web-api failed',
          description:
            'Cloud Run service web-api failed (REVISION_FAILED): The user-provided container failed to start and listen on the port defined by PORT=8080.',
          link: `/cloud-deployments/deployments/${created.id}`,
          severity: 'high',
          topic: 'web-api (staging)',
        },
      });
      expect(received.payload.description).toBe(failed.statusReason);
      expect(await inbox(BOB)).toEqual([]);
    });

    it('tells the members of the owning group when a task gives up', async () => {
      sandbox.throttleNext(10);
      const created = await create();
      const failed = await until(created.id, 'failed');

      const [received] = await untilNotified(ALICE, 1);
      expect(received.payload).toMatchObject({
        title: 'Deployment web-api failed',
        description: expect.stringMatching(
          /^Provisioning failed after 2 attempts: .*RESOURCE_EXHAUSTED/,
        ),
        link: `/cloud-deployments/deployments/${created.id}`,
        severity: 'high',
      });
      expect(received.payload.description).toBe(failed.statusReason);
    });

    it('tells the members of the owning group that drift was found', async () => {
      const created = await create();
      await until(created.id, 'active');
      sandbox.deleteOutOfBand(
        'projects/cloud-deployments-sandbox/locations/europe-west1/services/web-api',
      );
      await reconcile();
      await until(created.id, 'failed');

      const [received] = await untilNotified(ALICE, 1);
      expect(received.payload).toMatchObject({
        title: 'Drift found in deployment web-api',
        description:
          'Drift: the Google Cloud Run resources were deleted outside the portal',
        link: `/cloud-deployments/deployments/${created.id}`,
        severity: 'high',
      });
      // A second pass finds it failed already: no second notice.
      await reconcile();
      expect(await inbox(ALICE)).toHaveLength(1);
      expect(await inbox(BOB)).toEqual([]);
    });

    it('tells the members of the owning group once that a TTL runs out within 2 hours', async () => {
      const created = await create({ ...cloudRunRequest, ttl: 'PT90M' });
      await until(created.id, 'active');
      await scheduler.triggerTask('cloud-deployments-ttl-notices');
      await scheduler.triggerTask('cloud-deployments-ttl-notices');

      const received = await untilNotified(ALICE, 1);
      expect(received).toHaveLength(1);
      expect(received[0].payload).toMatchObject({
        title: 'Deployment web-api expires within 2 hours',
        link: `/cloud-deployments/deployments/${created.id}`,
        severity: 'normal',
      });
      expect(await inbox(BOB)).toEqual([]);
    });

    it('asks the owning group to approve a production request, and tells group and requester the decision', async () => {
      // Requested by the mock user, who is not in the group; alice approves.
      const requester = mockCredentials.user().principal.userEntityRef;
      const created = await create({
        ...cloudRunRequest,
        environment: 'production',
      });
      expect(created.status).toBe('awaiting_approval');

      const [asked] = await untilNotified(ALICE, 1);
      expect(asked.payload).toMatchObject({
        title: 'Approval needed: create of web-api',
        description: `${requester} asked to create deployment web-api; it waits for an approver: production-needs-approval: Production deployments need an approval`,
        link: `/cloud-deployments/deployments/${created.id}`,
        severity: 'normal',
        topic: 'web-api (production)',
      });
      // The requester is told the decision, not asked to approve.
      expect(await inbox(requester)).toEqual([]);

      const approved = await request(server)
        .post(
          `${base}/deployments/${created.id}/approvals/${created.approval.id}/approve`,
        )
        .set('Authorization', mockCredentials.user.header(ALICE))
        .send({ comment: 'Release 2.3.1 was reviewed' });
      expect(approved.status).toBe(202);
      await until(created.id, 'active');

      const decided = {
        title: 'Request approved for web-api',
        description: `${ALICE} approved the request of ${requester}: Release 2.3.1 was reviewed`,
        link: `/cloud-deployments/deployments/${created.id}`,
      };
      expect(payloads(await untilNotified(ALICE, 2))).toEqual([
        expect.objectContaining({ title: asked.payload.title }),
        expect.objectContaining(decided),
      ]);
      expect(payloads(await untilNotified(requester, 1))).toEqual([
        expect.objectContaining(decided),
      ]);
      expect(await inbox(BOB)).toEqual([]);
    });

    it('tells the owning group once a month each budget threshold its deployments pass', async () => {
      const first = await create(warmRequest);
      const cost = first.estimate.monthlyTotal;
      expect(cost).toBeGreaterThan(0);
      // The first uses a third of the budget; the second takes it past half.
      const amount = Math.floor(cost * 300) / 100;
      const budget = await request(server)
        .post(`${base}/budgets`)
        .send({ owner: OWNER, amount, thresholds: [50, 100] });
      expect(budget.status).toBe(201);
      const second = await create({ ...warmRequest, name: 'web-api-2' });

      const [received] = await untilNotified(ALICE, 1);
      expect(received.payload).toMatchObject({
        title: `Budget of ${OWNER} passed 50%`,
        description: expect.stringMatching(
          /^Deployments use \$[\d,]+\.\d{2} a month of \$[\d,]+\.\d{2} \(67%\)$/,
        ),
        link: '/cloud-deployments/budgets',
        severity: 'normal',
      });
      // Still past 50 % after another change: announced once, not again.
      await until(second.id, 'active');
      await request(server)
        .patch(`${base}/deployments/${second.id}`)
        .send({
          version: (await until(second.id, 'active')).version,
          title: 'Renamed',
        })
        .expect(200);
      expect(await inbox(ALICE)).toHaveLength(1);

      // Scaling up is spend too: three warm instances take it past 100 %.
      const current = await until(second.id, 'active');
      const scaled = await request(server)
        .patch(`${base}/deployments/${second.id}`)
        .send({
          version: current.version,
          compute: { ...warmRequest.compute, minInstances: 3 },
        });
      expect(scaled.status).toBe(200);
      const notices = payloads(await untilNotified(ALICE, 2));
      expect(notices.map(n => n.title)).toEqual([
        `Budget of ${OWNER} passed 100%`,
        `Budget of ${OWNER} passed 50%`,
      ]);
      expect(await inbox(BOB)).toEqual([]);
    });
  },
);
