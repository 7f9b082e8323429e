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
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import policyModule from '@cloud-deployments-for-backstage/plugin-permission-backend-module-cloud-deployments-policy';
import { Knex } from 'knex';
import request from 'supertest';
import { cloudDeploymentsPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest } from '../__testUtils__/fixtures';
import { oboAuthServiceFactory } from '../__testUtils__/oboAuth';

jest.setTimeout(180_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

/** Who signs in, and the groups the catalog would say they are in. */
const roles = {
  owner: { ref: 'user:default/alice', groups: ['group:default/team-a'] },
  'other team': { ref: 'user:default/bob', groups: ['group:default/team-b'] },
  admin: {
    ref: 'user:default/root',
    groups: ['group:default/platform-admins'],
  },
  'no team': { ref: 'user:default/guest', groups: [] },
} as const;
type Role = keyof typeof roles;

const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      const role = Object.values(roles).find(r => r.ref === ref);
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(role?.groups ?? [])],
      };
    },
  }),
});

const teamA = {
  ...cloudRunRequest,
  engine: 'sdk',
  owner: 'group:default/team-a',
};

describe.each(databases.eachSupportedId())(
  'permission matrix on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let knex: Knex;
    const as = (role: Role) => mockCredentials.user.header(roles[role].ref);
    let names = 0;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          gcpModule,
          sandboxes,
          permissionBackendPlugin,
          policyModule,
          permissionsServiceFactory,
          oboAuthServiceFactory,
          userInfo,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              cloudDeployments: {
                jobs: { enabled: false },
                permissionPolicy: { admins: ['group:default/platform-admins'] },
                policies: [
                  {
                    name: 'held',
                    cedar: `@id("held-for-approval")
@message("Held so that the matrix can decide on it")
forbid (principal, action == CloudDeployments::Action::"deployWithoutApproval", resource)
when { resource.environment == "held" };`,
                  },
                ],
              },
            },
          }),
        ],
      }));
    });

    /** A deployment of team A, made by an admin, as the status needs it. */
    async function teamADeployment(status?: 'active' | 'updating' | 'drifted') {
      const res = await request(server)
        .post(`${base}/deployments`)
        .set('Authorization', as('admin'))
        .send({ ...teamA, name: `team-a-${databaseId.length}-${++names}` });
      expect(res.status).toBe(202);
      if (status) {
        // A drifted one runs another image, which a spec can take.
        const drift =
          status === 'drifted'
            ? JSON.stringify({
                detectedAt: new Date().toISOString(),
                fields: [
                  {
                    field: 'artifact.image',
                    desired: teamA.artifact.image,
                    observed: 'ghcr.io/acme/other:2',
                  },
                ],
              })
            : null;
        await knex('deployments')
          .where({ id: res.body.id })
          .update({
            status,
            last_good_spec: JSON.stringify(res.body.spec),
            drift,
          });
      }
      return res.body as { id: string; version: number };
    }

    /** A team A create waiting for approval, requested by its owner. */
    async function teamARequest() {
      const res = await request(server)
        .post(`${base}/deployments`)
        .set('Authorization', as('owner'))
        .send({
          ...teamA,
          environment: 'held',
          name: `team-a-${databaseId.length}-${++names}`,
        });
      expect(res.body.status).toBe('awaiting_approval');
      const read = await request(server)
        .get(`${base}/deployments/${res.body.id}`)
        .set('Authorization', as('owner'));
      return { id: res.body.id as string, approval: read.body.approval.id };
    }

    /** A Terraform workspace of a team A deployment, and its token. */
    async function teamAWorkspace(locked: boolean) {
      const { id } = await teamADeployment();
      const res = await request(server)
        .post(`${base}/terraform/workspaces`)
        .set('Authorization', as('admin'))
        .send({ deploymentId: id });
      expect(res.status).toBe(201);
      if (locked) {
        const lock = await request(server)
          .lock(`${base}/terraform/state/${res.body.name}`)
          .auth(res.body.name, res.body.token)
          .send({ ID: 'lock-1', Operation: 'OperationTypeApply', Who: 'ci' });
        expect(lock.status).toBe(200);
      }
      return res.body.name as string;
    }

    /**
     * A settled team A deployment (no task in flight) with a DR plan whose
     * standby is in `state`, serving on `side`.
     */
    async function teamADrPlan(
      state: 'ready' | 'serving' = 'ready',
      side: 'primary' | 'standby' = 'primary',
    ) {
      const { id } = await teamADeployment('active');
      await knex('tasks').where({ deployment_id: id }).delete();
      const put = await request(server)
        .put(`${base}/deployments/${id}/dr`)
        .set('Authorization', as('admin'))
        .send({
          standbyRegion: 'europe-west4',
          mode: 'pilot-light',
          rtoMinutes: 15,
        });
      expect(put.status).toBe(202);
      await knex('tasks').where({ deployment_id: id }).delete();
      await knex('deployment_dr_plans')
        .where({ deployment_id: id })
        .update({ standby_state: state, active_side: side });
      return id as string;
    }

    /** A budget of team A (for a scope of its own), set by an admin. */
    async function teamABudget() {
      const res = await request(server)
        .post(`${base}/budgets`)
        .set('Authorization', as('admin'))
        .send({
          owner: 'group:default/team-a',
          environment: `env-${++names}`,
          amount: 100,
        });
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number };
    }

    /** Each operation: what it does as a role, and the status that means done. */
    const operations: Record<string, (role: Role) => Promise<number>> = {
      list: async role =>
        (
          await request(server)
            .get(`${base}/deployments`)
            .set('Authorization', as(role))
        ).status,
      summary: async role =>
        (
          await request(server)
            .get(`${base}/deployments/summary`)
            .set('Authorization', as(role))
        ).status,
      read: async role => {
        const { id } = await teamADeployment();
        return (
          await request(server)
            .get(`${base}/deployments/${id}`)
            .set('Authorization', as(role))
        ).status;
      },
      events: async role => {
        const { id } = await teamADeployment();
        return (
          await request(server)
            .get(`${base}/deployments/${id}/events`)
            .set('Authorization', as(role))
        ).status;
      },
      create: async role =>
        (
          await request(server)
            .post(`${base}/deployments`)
            .set('Authorization', as(role))
            .send({ ...teamA, name: `new-${databaseId.length}-${++names}` })
        ).status,
      update: async role => {
        const { id } = await teamADeployment('active');
        const current = await request(server)
          .get(`${base}/deployments/${id}`)
          .set('Authorization', as('admin'));
        return (
          await request(server)
            .patch(`${base}/deployments/${id}`)
            .set('Authorization', as(role))
            .send({ version: current.body.version, title: 'Changed' })
        ).status;
      },
      preview: async role => {
        const { id } = await teamADeployment('active');
        const current = await request(server)
          .get(`${base}/deployments/${id}`)
          .set('Authorization', as('admin'));
        return (
          await request(server)
            .post(`${base}/deployments/${id}/preview`)
            .set('Authorization', as(role))
            .send({ version: current.body.version, title: 'Changed' })
        ).status;
      },
      'give away': async role => {
        // Handing a deployment to a team the caller is not in.
        const { id } = await teamADeployment('active');
        const current = await request(server)
          .get(`${base}/deployments/${id}`)
          .set('Authorization', as('admin'));
        return (
          await request(server)
            .patch(`${base}/deployments/${id}`)
            .set('Authorization', as(role))
            .send({
              version: current.body.version,
              owner: 'group:default/team-b',
            })
        ).status;
      },
      redeploy: async role => {
        const { id } = await teamADeployment('active');
        return (
          await request(server)
            .post(`${base}/deployments/${id}/redeploy`)
            .set('Authorization', as(role))
        ).status;
      },
      'drift reapply': async role => {
        const { id } = await teamADeployment('drifted');
        return (
          await request(server)
            .post(`${base}/deployments/${id}/drift/reapply`)
            .set('Authorization', as(role))
        ).status;
      },
      'drift accept': async role => {
        const { id } = await teamADeployment('drifted');
        const current = await request(server)
          .get(`${base}/deployments/${id}`)
          .set('Authorization', as('admin'));
        return (
          await request(server)
            .post(`${base}/deployments/${id}/drift/accept`)
            .set('Authorization', as(role))
            .send({ version: current.body.version })
        ).status;
      },
      rollback: async role => {
        // A second revision, so that there is an earlier one to restore.
        const { id, version } = await teamADeployment('active');
        await request(server)
          .patch(`${base}/deployments/${id}`)
          .set('Authorization', as('admin'))
          .send({ version, artifact: { image: 'acme/web:2' } })
          .expect(200);
        // The change applies at once; here it has settled.
        await knex('deployments').where({ id }).update({ status: 'active' });
        return (
          await request(server)
            .post(`${base}/deployments/${id}/rollback`)
            .set('Authorization', as(role))
            .send({ revision: 1 })
        ).status;
      },
      revisions: async role => {
        const { id } = await teamADeployment('active');
        const list = await request(server)
          .get(`${base}/deployments/${id}/revisions`)
          .set('Authorization', as(role));
        const one = await request(server)
          .get(`${base}/deployments/${id}/revisions/1`)
          .set('Authorization', as(role));
        return list.status === one.status ? list.status : -1;
      },
      cancel: async role => {
        const { id } = await teamADeployment('updating');
        return (
          await request(server)
            .post(`${base}/deployments/${id}/cancel`)
            .set('Authorization', as(role))
        ).status;
      },
      destroy: async role => {
        const { id } = await teamADeployment('active');
        return (
          await request(server)
            .delete(`${base}/deployments/${id}`)
            .set('Authorization', as(role))
        ).status;
      },
      'workspace create': async role => {
        const { id } = await teamADeployment();
        return (
          await request(server)
            .post(`${base}/terraform/workspaces`)
            .set('Authorization', as(role))
            .send({ deploymentId: id })
        ).status;
      },
      'workspace token': async role => {
        const name = await teamAWorkspace(false);
        return (
          await request(server)
            .post(`${base}/terraform/workspaces/${name}/token`)
            .set('Authorization', as(role))
        ).status;
      },
      'force-unlock': async role => {
        const name = await teamAWorkspace(true);
        return (
          await request(server)
            .post(`${base}/terraform/workspaces/${name}/force-unlock`)
            .set('Authorization', as(role))
            .send({})
        ).status;
      },
      approve: async role => {
        const { id, approval } = await teamARequest();
        return (
          await request(server)
            .post(`${base}/deployments/${id}/approvals/${approval}/approve`)
            .set('Authorization', as(role))
            .send({ comment: 'ok' })
        ).status;
      },
      reject: async role => {
        const { id, approval } = await teamARequest();
        return (
          await request(server)
            .post(`${base}/deployments/${id}/approvals/${approval}/reject`)
            .set('Authorization', as(role))
            .send({ comment: 'no' })
        ).status;
      },
      approvals: async role => {
        const { id } = await teamARequest();
        return (
          await request(server)
            .get(`${base}/deployments/${id}/approvals`)
            .set('Authorization', as(role))
        ).status;
      },
      'budget list': async role =>
        (
          await request(server)
            .get(`${base}/budgets`)
            .set('Authorization', as(role))
        ).status,
      'budget read': async role => {
        const { id } = await teamABudget();
        return (
          await request(server)
            .get(`${base}/budgets/${id}`)
            .set('Authorization', as(role))
        ).status;
      },
      'budget create': async role =>
        (
          await request(server)
            .post(`${base}/budgets`)
            .set('Authorization', as(role))
            .send({
              owner: 'group:default/team-a',
              environment: `env-${++names}`,
              amount: 100,
            })
        ).status,
      'budget update': async role => {
        const { id, version } = await teamABudget();
        return (
          await request(server)
            .patch(`${base}/budgets/${id}`)
            .set('Authorization', as(role))
            .send({ version, amount: 200 })
        ).status;
      },
      'budget delete': async role => {
        const { id } = await teamABudget();
        return (
          await request(server)
            .delete(`${base}/budgets/${id}`)
            .set('Authorization', as(role))
        ).status;
      },
      stop: async role => {
        const { id } = await teamADeployment('active');
        await knex('tasks').where({ deployment_id: id }).delete();
        return (
          await request(server)
            .post(`${base}/deployments/${id}/stop`)
            .set('Authorization', as(role))
        ).status;
      },
      start: async role => {
        const { id } = await teamADeployment('active');
        await knex('tasks').where({ deployment_id: id }).delete();
        await knex('deployments').where({ id }).update({ status: 'stopped' });
        return (
          await request(server)
            .post(`${base}/deployments/${id}/start`)
            .set('Authorization', as(role))
        ).status;
      },
      'dr read': async role => {
        const id = await teamADrPlan();
        return (
          await request(server)
            .get(`${base}/deployments/${id}/dr`)
            .set('Authorization', as(role))
        ).status;
      },
      'dr plan': async role => {
        const { id } = await teamADeployment('active');
        await knex('tasks').where({ deployment_id: id }).delete();
        return (
          await request(server)
            .put(`${base}/deployments/${id}/dr`)
            .set('Authorization', as(role))
            .send({
              standbyRegion: 'europe-west4',
              mode: 'warm-standby',
              rtoMinutes: 30,
            })
        ).status;
      },
      'dr remove': async role => {
        const id = await teamADrPlan();
        return (
          await request(server)
            .delete(`${base}/deployments/${id}/dr`)
            .set('Authorization', as(role))
        ).status;
      },
      'dr failover': async role => {
        const id = await teamADrPlan();
        return (
          await request(server)
            .post(`${base}/deployments/${id}/dr/failover`)
            .set('Authorization', as(role))
            .send({})
        ).status;
      },
      'dr failback': async role => {
        const id = await teamADrPlan('serving', 'standby');
        return (
          await request(server)
            .post(`${base}/deployments/${id}/dr/failback`)
            .set('Authorization', as(role))
        ).status;
      },
      'dr test': async role => {
        const id = await teamADrPlan();
        return (
          await request(server)
            .post(`${base}/deployments/${id}/dr/test`)
            .set('Authorization', as(role))
            .send({})
        ).status;
      },
      // What the frontend asks (usePermission with the deployment as resourceRef):
      // the permission backend loads it from this plugin and applies the conditions.
      'ui: may update': async role => {
        const { id } = await teamADeployment();
        const res = await request(server)
          .post('/api/permission/authorize')
          .set('Authorization', as(role))
          .send({
            items: [
              {
                id: '1',
                permission: {
                  type: 'resource',
                  name: 'cloud.deployment.update',
                  attributes: { action: 'update' },
                  resourceType: 'cloud-deployment',
                },
                resourceRef: id,
              },
            ],
          });
        return res.body.items?.[0]?.result === 'ALLOW' ? 200 : 403;
      },
    };

    const done: Record<string, number> = {
      list: 200,
      summary: 200,
      read: 200,
      events: 200,
      create: 202,
      update: 200,
      preview: 200,
      'give away': 200,
      redeploy: 202,
      'drift reapply': 202,
      'drift accept': 200,
      rollback: 202,
      cancel: 202,
      destroy: 202,
      'workspace create': 201,
      'workspace token': 201,
      'force-unlock': 200,
      'ui: may update': 200,
      approve: 202,
      reject: 200,
      approvals: 200,
      revisions: 200,
      'budget list': 200,
      'budget read': 200,
      'budget create': 201,
      'budget update': 200,
      'budget delete': 204,
      stop: 202,
      start: 202,
      'dr read': 200,
      'dr plan': 202,
      'dr remove': 202,
      'dr failover': 202,
      'dr failback': 202,
      'dr test': 202,
    };
    const reads = [
      'list',
      'summary',
      'read',
      'events',
      'approvals',
      'revisions',
      'budget list',
      'budget read',
      'dr read',
    ];
    // Budgets are set by the admins alone, whoever they are for; approvals
    // are decided by admins (and approvers), never by the requester.
    const adminOnly = [
      'give away',
      'approve',
      'reject',
      'budget create',
      'budget update',
      'budget delete',
    ];

    it('lets everyone read, owners change their own, admins change all, set budgets and decide approvals, and refuses the rest with 403', async () => {
      const actual: Record<string, Record<Role, number>> = {};
      const expected: Record<string, Record<Role, number>> = {};
      for (const [operation, run] of Object.entries(operations)) {
        actual[operation] = {} as Record<Role, number>;
        expected[operation] = {} as Record<Role, number>;
        for (const role of Object.keys(roles) as Role[]) {
          actual[operation][role] = await run(role);
          const allowed =
            reads.includes(operation) ||
            role === 'admin' ||
            (role === 'owner' && !adminOnly.includes(operation));
          expected[operation][role] = allowed ? done[operation] : 403;
        }
      }
      const header = ['operation', ...Object.keys(roles)];
      const lines = [
        header,
        ...Object.entries(actual).map(([op, byRole]) => [
          op,
          ...Object.values(byRole).map(String),
        ]),
      ];
      process.stdout.write(
        `permission matrix on ${databaseId}:\n${lines
          .map(l => l.map(c => c.padEnd(17)).join(''))
          .join('\n')}\n`,
      );
      expect(actual).toEqual(expected);
    });
  },
);
