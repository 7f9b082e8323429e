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
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CostEstimate,
  DeploymentSpec,
  PolicyDecision,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const alice = { ref: 'user:default/alice' };
const bob = { ref: 'user:default/bob' };
const engine = { ref: 'plugin:cloud-deployments' };
const update = { kind: 'update', maxAttempts: 3 } as const;

function estimate(
  pricedSubtotal: number,
  totalKind: CostEstimate['totalKind'] = 'exact',
): CostEstimate {
  return {
    currency: 'USD',
    monthlyTotal: totalKind === 'partial' ? null : pricedSubtotal,
    pricedSubtotal,
    totalKind,
    complete: totalKind === 'exact',
    missingLines: 0,
    approximateFrom: [],
    lines: [],
    assumptions: {},
    warnings: [],
    estimatedAt: '2026-12-06T00:00:00.000Z',
  };
}

const approvalDecision: PolicyDecision = {
  outcome: 'approval',
  reasons: [
    {
      policy: 'prod',
      message: 'needs a second pair of eyes',
      effect: 'approval',
    },
  ],
  values: {},
};

describe.each(databases.eachSupportedId())('revisions on %p', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    return DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      tasks: TaskQueue,
    });
  }
  type Store = Awaited<ReturnType<typeof createStore>>;

  const base = toNewDeployment(cloudRunRequest);
  const withImage = (image: string): DeploymentSpec => ({
    ...base.spec,
    artifact: { image },
  });

  /** A deployment that provisioned and reached active: revision 1. */
  async function activeDeployment(store: Store) {
    const created = await store.createDeployment(
      { ...base, estimate: estimate(12.5) },
      alice,
      { task: { kind: 'provision', maxAttempts: 3 } },
    );
    await settle(store, created.id, 'provisioning', 'active');
    return created;
  }

  /** Runs the deployment's task to an outcome, as the task handler does. */
  async function settle(
    store: Store,
    id: string,
    working: 'provisioning' | 'updating',
    to: 'active' | 'failed',
  ) {
    const current = (await store.getDeployment(id))!;
    if (current.status !== working) {
      await store.transitionDeployment(id, working, {
        actor: engine,
        ...(working === 'updating' ? { task: update } : {}),
      });
    }
    const moving = (await store.getDeployment(id))!;
    return store.transitionDeployment(id, to, {
      actor: engine,
      from: [working],
      ...(to === 'active'
        ? { result: { appliedSpec: moving.spec } }
        : { reason: 'container exited with code 1' }),
    });
  }

  async function changeImage(
    store: Store,
    id: string,
    image: string,
    cost = 20,
  ) {
    const current = (await store.getDeployment(id))!;
    return store.updateDeployment(
      id,
      { spec: withImage(image), estimate: estimate(cost) },
      { expectedVersion: current.version, actor: bob },
    );
  }

  const outcomes = async (store: Store, id: string) =>
    (await store.listRevisions(id, { limit: 50 })).items.map(r => [
      r.number,
      r.change,
      r.outcome,
    ]);

  it('numbers the specs a deployment is given and records what applying each came to', async () => {
    const store = await createStore();
    const created = await activeDeployment(store);
    const first = await store.getRevision(created.id, 1);
    expect(first).toEqual({
      deploymentId: created.id,
      number: 1,
      spec: base.spec,
      monthlyCost: 12.5,
      currency: 'USD',
      costKind: 'exact',
      change: 'create',
      createdBy: alice.ref,
      createdAt: created.createdAt,
      outcome: 'active',
      settledAt: expect.any(String),
    });

    // A change of title is no new spec; a change of image is.
    const titled = (await store.getDeployment(created.id))!;
    await store.updateDeployment(
      created.id,
      { title: 'Web API', spec: titled.spec },
      { expectedVersion: titled.version, actor: bob },
    );
    await changeImage(store, created.id, 'acme/web:2', 20);
    // Changed again before it was applied: the first change never ran.
    await changeImage(store, created.id, 'acme/web:3', 0);
    expect(await outcomes(store, created.id)).toEqual([
      [3, 'update', 'pending'],
      [2, 'update', 'superseded'],
      [1, 'create', 'active'],
    ]);
    await settle(store, created.id, 'updating', 'failed');
    const third = await store.getRevision(created.id, 3);
    expect(third).toMatchObject({
      outcome: 'failed',
      createdBy: bob.ref,
      monthlyCost: 0,
      costKind: 'exact',
      spec: withImage('acme/web:3'),
    });

    const page = await store.listRevisions(created.id, { limit: 2 });
    expect(page.items.map(r => r.number)).toEqual([3, 2]);
    expect(page).toMatchObject({ current: 3, nextBefore: 2 });
    const older = await store.listRevisions(created.id, {
      before: page.nextBefore,
      limit: 2,
    });
    expect(older.items.map(r => r.number)).toEqual([1]);
    expect(older.nextBefore).toBeUndefined();
    expect(await store.getRevision(created.id, 4)).toBeUndefined();
  });

  it('rolls back a bad update that reached active to the revision before it, by default', async () => {
    const store = await createStore();
    const created = await activeDeployment(store);
    await changeImage(store, created.id, 'acme/web:bad');
    await settle(store, created.id, 'updating', 'active');

    const rolling = await store.rollbackDeployment(created.id, {
      actor: alice,
      task: update,
      estimate: estimate(13),
      reason: 'the new image answers 500',
    });
    expect(rolling).toMatchObject({
      status: 'updating',
      statusReason: 'Rolling back to revision 1',
      spec: base.spec,
    });
    expect(await store.getRevision(created.id, 3)).toMatchObject({
      change: 'rollback',
      rollbackTo: 1,
      reason: 'the new image answers 500',
      createdBy: alice.ref,
      monthlyCost: 13,
      outcome: 'pending',
      spec: base.spec,
    });
    const events = await store.listEvents(created.id, { limit: 100 });
    expect(events.map(e => e.message)).toContain(
      'Rolled back artifact to revision 1 as revision 3 by user:default/alice: the new image answers 500',
    );
    await settle(store, created.id, 'updating', 'active');
    expect(await outcomes(store, created.id)).toEqual([
      [3, 'rollback', 'active'],
      [2, 'update', 'active'],
      [1, 'create', 'active'],
    ]);
  });

  it('rolls back a failed deployment to any earlier revision, and refuses what would change nothing', async () => {
    const store = await createStore();
    const created = await activeDeployment(store);
    await changeImage(store, created.id, 'acme/web:2');
    await settle(store, created.id, 'updating', 'active');
    await changeImage(store, created.id, 'acme/web:3');
    await settle(store, created.id, 'updating', 'failed');

    await expect(
      store.rollbackDeployment(created.id, {
        actor: alice,
        task: update,
        revision: 9,
      }),
    ).rejects.toThrow(
      new NotFoundError(
        'Deployment web-api has no revision 9 (its revisions are 1 to 3)',
      ),
    );
    await expect(
      store.rollbackDeployment(created.id, {
        actor: alice,
        task: update,
        revision: 3,
      }),
    ).rejects.toThrow(
      new ConflictError(
        'Revision 3 is the current revision of web-api; pick an earlier one to roll back to',
      ),
    );
    const rolled = await store.rollbackDeployment(created.id, {
      actor: alice,
      task: update,
      revision: 1,
    });
    expect(rolled.spec).toEqual(base.spec);
    await settle(store, created.id, 'updating', 'active');
    // Revision 1 now has the current spec (revision 4's).
    await expect(store.rollbackTarget(created.id, 1)).rejects.toThrow(
      new ConflictError(
        'Revision 1 has the spec web-api has now (revision 4); rolling back to it would change nothing',
      ),
    );
    // While it changes, it cannot be rolled back.
    await changeImage(store, created.id, 'acme/web:5');
    await store.transitionDeployment(created.id, 'updating', {
      actor: engine,
      task: update,
    });
    await expect(
      store.rollbackDeployment(created.id, { actor: alice, task: update }),
    ).rejects.toThrow(ConflictError);
  });

  it('has nothing to roll back to before a second revision', async () => {
    const store = await createStore();
    const created = await store.createDeployment(base, alice, {
      task: { kind: 'provision', maxAttempts: 3 },
    });
    await settle(store, created.id, 'provisioning', 'failed');
    await expect(store.rollbackTarget(created.id)).rejects.toThrow(
      new ConflictError(
        'Deployment web-api has only revision 1; there is no earlier revision to roll back to',
      ),
    );
    // No estimate is an unknown cost, never 0.
    expect(await store.getRevision(created.id, 1)).toMatchObject({
      costKind: 'unknown',
      outcome: 'failed',
    });
    expect(
      (await store.getRevision(created.id, 1))!.monthlyCost,
    ).toBeUndefined();
  });

  it('settles a cancelled create as failed, and supersedes what a destroy leaves pending', async () => {
    const store = await createStore();
    const cancelled = await store.createDeployment(
      { ...base, name: 'cancelled' },
      alice,
      {
        task: { kind: 'provision', maxAttempts: 3 },
      },
    );
    await store.transitionDeployment(cancelled.id, 'failed', {
      actor: alice,
      from: ['pending'],
      reason: 'Cancelled',
      cancelTask: true,
    });
    expect(await outcomes(store, cancelled.id)).toEqual([
      [1, 'create', 'failed'],
    ]);

    const destroyed = await activeDeployment(store);
    await changeImage(store, destroyed.id, 'acme/web:2');
    await store.transitionDeployment(destroyed.id, 'destroying', {
      actor: alice,
      task: { kind: 'destroy', maxAttempts: 3 },
    });
    expect(await outcomes(store, destroyed.id)).toEqual([
      [2, 'update', 'superseded'],
      [1, 'create', 'active'],
    ]);
  });

  it('makes the first revision of a create that waited for approval when it is approved', async () => {
    const store = await createStore();
    const created = await store.createAdmitted(
      { ...base, estimate: estimate(40, 'partial') },
      alice,
      {
        budgets: [],
        admit: () => ({
          outcome: 'approval',
          approval: {
            operation: 'create',
            spec: base.spec,
            estimate: estimate(40, 'partial'),
            decision: approvalDecision,
          },
        }),
      },
    );
    expect(
      (await store.listRevisions(created.id, { limit: 10 })).items,
    ).toEqual([]);
    const [approval] = await store.listApprovals(created.id);
    await store.decideApproval(approval.id, {
      status: 'approved',
      comment: 'fine',
      actor: bob,
      effect: { kind: 'start', task: { kind: 'provision', maxAttempts: 3 } },
    });
    expect(await store.listRevisions(created.id, { limit: 10 })).toEqual({
      current: 1,
      items: [
        expect.objectContaining({
          number: 1,
          change: 'create',
          createdBy: alice.ref,
          approvedBy: bob.ref,
          monthlyCost: 40,
          costKind: 'partial',
          outcome: 'pending',
        }),
      ],
    });
  });

  it('holds a rollback with the revision it restores, and makes the revision only when approved', async () => {
    const store = await createStore();
    const created = await activeDeployment(store);
    await changeImage(store, created.id, 'acme/web:2');
    await settle(store, created.id, 'updating', 'active');

    const approval = await store.requestApproval(
      created.id,
      {
        operation: 'rollback',
        spec: base.spec,
        revision: 1,
        estimate: estimate(12.5),
        decision: approvalDecision,
      },
      alice,
    );
    expect(approval).toMatchObject({ operation: 'rollback', revision: 1 });
    expect((await store.getApproval(approval.id))!.revision).toBe(1);
    expect((await store.listRevisions(created.id, { limit: 10 })).current).toBe(
      2,
    );

    const { deployment } = await store.decideApproval(approval.id, {
      status: 'approved',
      comment: 'go back',
      actor: bob,
      effect: { kind: 'rollback', task: update },
    });
    expect(deployment).toMatchObject({ status: 'updating', spec: base.spec });
    expect(await store.getRevision(created.id, 3)).toMatchObject({
      change: 'rollback',
      rollbackTo: 1,
      createdBy: alice.ref,
      approvedBy: bob.ref,
      monthlyCost: 12.5,
    });
  });
});
