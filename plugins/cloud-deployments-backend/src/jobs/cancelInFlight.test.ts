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
import {
  CANCELLABLE_STATUSES,
  DeploymentEvent,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ObservedState,
  ProviderContext,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { sagemakerRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { recordingNotifier } from '../__testUtils__/recordingNotifier';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { cancelReason } from '../service/cancelReason';
import { DeploymentTaskHandler } from './DeploymentTaskHandler';
import { ProviderRegistry } from './ProviderRegistry';
import { tasks } from './tables';
import { TaskQueue } from './TaskQueue';
import { TaskWorker } from './TaskWorker';

/*
 * A cancel of work in flight, through the real job engine and store: the step
 * stops within an idle poll even when its lease is long (its call is aborted
 * through the signal), and a cancel wins over a step that completes after it,
 * in every status that has work in flight. A cancel is the user's doing, not
 * a failure: nobody is notified of one.
 */

jest.setTimeout(60_000);

const databases = createTestDatabases();
const alice = { ref: 'user:default/alice' };
const logger = mockServices.logger.mock();
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await sleep(10);
  }
}

type Call = 'provision' | 'update' | 'destroy' | 'describe';

/**
 * A provider whose calls answer at once, except those a test holds: a held
 * call waits until the test releases it (ignoring the abort signal, as a
 * call that completes anyway) or until it is aborted.
 */
class ScriptedProvider implements CloudDeploymentProvider {
  readonly id = 'aws-sagemaker';
  readonly title = 'Scripted cloud';
  readonly sandbox = true;
  exists = false;
  readonly aborted: Call[] = [];
  #hold?: {
    call: Call;
    honourSignal: boolean;
    started: Promise<void>;
    markStarted: () => void;
    release: () => void;
  };

  /** Holds the next call of this kind; resolves once it started. */
  hold(call: Call, options: { honourSignal: boolean }) {
    let markStarted = () => {};
    const started = new Promise<void>(r => (markStarted = r));
    this.#hold = {
      call,
      honourSignal: options.honourSignal,
      started,
      markStarted,
      release: () => {},
    };
    return {
      started,
      release: () => this.#hold?.release(),
    };
  }

  async #call(call: Call, ctx: ProviderContext, answer: () => ObservedState) {
    const hold = this.#hold;
    if (hold?.call === call) {
      await new Promise<void>((resolve, reject) => {
        hold.release = () => {
          this.#hold = undefined;
          resolve();
        };
        if (hold.honourSignal) {
          ctx.signal.addEventListener('abort', () => {
            this.#hold = undefined;
            this.aborted.push(call);
            reject(ctx.signal.reason);
          });
        }
        hold.markStarted();
      });
    }
    return answer();
  }

  provision(_d: unknown, ctx: ProviderContext) {
    return this.#call('provision', ctx, () => {
      this.exists = true;
      return { state: 'ready', outputs: {} } as const;
    });
  }

  update(_d: unknown, ctx: ProviderContext) {
    return this.#call(
      'update',
      ctx,
      () => ({ state: 'ready', outputs: {} } as const),
    );
  }

  describe(_d: unknown, ctx: ProviderContext) {
    return this.#call('describe', ctx, () =>
      this.exists
        ? ({ state: 'ready', outputs: {} } as const)
        : ({ state: 'absent' } as const),
    );
  }

  destroy(_d: unknown, ctx: ProviderContext) {
    return this.#call('destroy', ctx, () => {
      this.exists = false;
      return { state: 'absent' } as const;
    });
  }
}

describe.each(databases.eachSupportedId())(
  'cancelling work in flight on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseDeploymentStore;
    let provider: ScriptedProvider;
    let handler: DeploymentTaskHandler;
    let notices: ReturnType<typeof recordingNotifier>;
    let worker: TaskWorker | undefined;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseDeploymentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        tasks: TaskQueue,
      });
      provider = new ScriptedProvider();
      const providers = new ProviderRegistry();
      providers.add(provider);
      notices = recordingNotifier();
      handler = new DeploymentTaskHandler({
        store,
        providers,
        logger,
        pollIntervalMs: 20,
        provisionTimeoutMs: 60_000,
        destroyTimeoutMs: 60_000,
        notifier: notices.notifier,
      });
    });

    afterEach(async () => {
      await worker?.stop();
      worker = undefined;
    });

    function startWorker(options: { leaseMs?: number } = {}) {
      worker = new TaskWorker({
        queue: new TaskQueue(knex),
        handler: handler.handle,
        errors: handler.errors,
        logger,
        concurrency: 2,
        // Long: a heartbeat (every third of it) never notices a cancel here.
        leaseMs: options.leaseMs ?? 60_000,
        idlePollMs: 20,
        backoffMs: 10,
        maxBackoffMs: 50,
      });
      worker.start();
    }

    const status = async (id: string) => (await store.getDeployment(id))!;
    const taskStates = async (id: string) =>
      (await tasks(knex).where({ deployment_id: id }).orderBy('id')).map(
        t => t.state,
      );
    const log = async (id: string): Promise<DeploymentEvent[]> =>
      store.listEvents(id, { limit: 1000 });
    const cancel = (id: string) =>
      store.transitionDeployment(id, 'failed', {
        actor: alice,
        from: [...CANCELLABLE_STATUSES],
        reason: from => cancelReason(from, alice.ref),
        cancelTask: true,
      });

    async function activeDeployment(): Promise<string> {
      const { id } = await store.createDeployment(
        toNewDeployment(sagemakerRequest),
        alice,
        { task: { kind: 'provision', maxAttempts: 3 } },
      );
      await waitFor(async () => (await status(id)).status === 'active');
      await waitFor(async () =>
        (await taskStates(id)).every(s => s === 'succeeded'),
      );
      return id;
    }

    const update = (id: string) =>
      store.transitionDeployment(id, 'updating', {
        actor: alice,
        from: ['active', 'failed'],
        task: { kind: 'update', maxAttempts: 3 },
      });

    it('stops an update whose cloud call hangs within an idle poll, aborting the call', async () => {
      startWorker();
      const id = await activeDeployment();
      const held = provider.hold('update', { honourSignal: true });
      await update(id);
      await held.started;

      const cancelledAt = Date.now();
      const cancelled = await cancel(id);
      expect(cancelled).toMatchObject({
        status: 'failed',
        statusReason: expect.stringMatching(
          /^Update cancelled by user:default\/alice; the cloud may be part-way/,
        ),
      });
      await waitFor(
        async () => (await taskStates(id)).at(-1) === 'cancelled',
        5_000,
      );
      // Far sooner than the heartbeat (20 s) would have noticed.
      expect(Date.now() - cancelledAt).toBeLessThan(5_000);
      expect(provider.aborted).toEqual(['update']);
      const lines = (await log(id)).map(e => e.message);
      expect(lines.at(-1)).toBe(
        'Update in flight stopped: it was cancelled or superseded',
      );
      expect((await status(id)).status).toBe('failed');
      expect(notices.sent).toEqual([]);

      // Redeploy (or rollback) works at once afterwards.
      await update(id);
      await waitFor(async () => (await status(id)).status === 'active');
    });

    it.each([
      ['update', 'updating'],
      ['destroy', 'destroying'],
    ] as const)(
      'records the cancel, not the outcome, of a %s step that completes after it',
      async (call, working) => {
        startWorker();
        const id = await activeDeployment();
        const held = provider.hold(call, { honourSignal: false });
        if (call === 'update') {
          await update(id);
        } else {
          await store.transitionDeployment(id, 'destroying', {
            actor: alice,
            task: { kind: 'destroy', maxAttempts: 3 },
          });
        }
        await held.started;
        expect((await status(id)).status).toBe(working);

        // The cancel lands, then the cloud call completes before the worker
        // looked for cancels: the step tries to record its outcome.
        await cancel(id);
        held.release();
        await waitFor(
          async () => (await taskStates(id)).at(-1) === 'cancelled',
          5_000,
        );
        const after = await status(id);
        expect(after.status).toBe('failed');
        expect(after.statusReason).toBe(cancelReason(working, alice.ref));
        const trail = (await log(id))
          .filter(e => e.type === 'status')
          .map(e => `${e.data!.from}→${e.data!.to}`);
        expect(trail).toEqual([
          'pending→provisioning',
          'provisioning→active',
          `active→${working}`,
          `${working}→failed`,
        ]);
        expect(notices.sent).toEqual([]);

        // What the cloud did meanwhile is put right by asking again.
        if (call === 'update') {
          await update(id);
          await waitFor(async () => (await status(id)).status === 'active');
        } else {
          await store.transitionDeployment(id, 'destroying', {
            actor: alice,
            task: { kind: 'destroy', maxAttempts: 3 },
          });
          await waitFor(async () => (await status(id)).status === 'destroyed');
        }
      },
    );

    it('counts a task run again after its finish was lost as done, not failed, when its deployment already settled', async () => {
      startWorker();
      const id = await activeDeployment();
      const [row] = await tasks(knex).where({ deployment_id: id });
      // The database lost the task's finish after the deployment went active:
      // the same task is run again.
      const again = await handler.handle(
        {
          id: Number(row.id),
          kind: 'provision',
          deploymentId: id,
          provider: row.provider,
          payload: { phase: 'wait' },
          attempts: 2,
          maxAttempts: 3,
          requestedBy: alice.ref,
          createdAt: new Date(),
          reclaimed: true,
        },
        new AbortController().signal,
      );
      expect(again).toEqual({ done: true });
      expect((await status(id)).status).toBe('active');

      // One the deployment moved on from is still a failure, saying why.
      await cancel(await update(id).then(d => d.id));
      expect(
        await handler.handle(
          {
            id: Number(row.id),
            kind: 'update',
            deploymentId: id,
            provider: row.provider,
            payload: {},
            attempts: 1,
            maxAttempts: 3,
            requestedBy: alice.ref,
            createdAt: new Date(),
          },
          new AbortController().signal,
        ),
      ).toEqual({
        done: true,
        failed: 'The deployment is failed, no longer updating',
      });
    });

    it('says in the log when a task is taken over from a worker that stopped renewing its lease', async () => {
      const { id } = await store.createDeployment(
        toNewDeployment(sagemakerRequest),
        alice,
        { task: { kind: 'provision', maxAttempts: 3 } },
      );
      // A worker claims the task, then dies: no heartbeat, no result.
      const queue = new TaskQueue(knex);
      await queue.claim({ owner: 'dead-worker', limit: 1, leaseMs: 200 });
      startWorker({ leaseMs: 2_000 });
      await waitFor(async () => (await status(id)).status === 'active');
      const takeover = (await log(id)).find(e => e.data?.takeover);
      expect(takeover?.message).toBe(
        `Provisioning was interrupted: the worker running it stopped renewing its lease (its backend may have stopped); ${
          worker!.id
        } continues it, attempt 2 of 3`,
      );
    });
  },
);
