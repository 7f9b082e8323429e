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
import { ConflictError } from '@backstage/errors';
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  cloudRunRequest,
  sagemakerRequest,
  toNewDeployment,
} from '../__testUtils__/fixtures';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { Task, tasks } from './tables';
import { TaskQueue } from './TaskQueue';
import { StepResult, TaskHandler } from './TaskHandler';
import { TaskWorker, TaskWorkerOptions } from './TaskWorker';

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
    await sleep(20);
  }
}

describe.each(databases.eachSupportedId())('job queue on %p', databaseId => {
  let knex: Knex;
  let store: DatabaseDeploymentStore;
  let queue: TaskQueue;
  const workers: TaskWorker[] = [];

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      tasks: TaskQueue,
    });
    queue = new TaskQueue(knex);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map(w => w.stop()));
  });

  function worker(
    handler: TaskHandler,
    options: Partial<TaskWorkerOptions> = {},
  ): TaskWorker {
    const w = new TaskWorker({
      queue,
      handler,
      errors: { retryable: () => true, onGiveUp: async () => {} },
      logger,
      concurrency: 4,
      leaseMs: 2_000,
      idlePollMs: 20,
      backoffMs: 10,
      maxBackoffMs: 50,
      ...options,
    });
    workers.push(w);
    w.start();
    return w;
  }

  /** Creates `n` deployments, each with a queued provisioning task. */
  async function seed(n: number, maxAttempts = 5): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const request = i % 2 ? cloudRunRequest : sagemakerRequest;
      const d = await store.createDeployment(
        toNewDeployment({ ...request, name: `d-${i}` }),
        alice,
        { task: { kind: 'provision', maxAttempts } },
      );
      ids.push(d.id);
    }
    return ids;
  }

  const taskRows = () => tasks(knex).orderBy('id');

  it('queues the task in the same transaction as the deployment', async () => {
    const [id] = await seed(1);
    expect(await taskRows()).toEqual([
      expect.objectContaining({
        kind: 'provision',
        deployment_id: id,
        provider: 'aws-sagemaker',
        state: 'queued',
        attempts: 0,
        requested_by: 'user:default/alice',
      }),
    ]);
    // A name clash rolls back the task with the deployment.
    await expect(
      store.createDeployment(
        toNewDeployment({ ...sagemakerRequest, name: 'd-0' }),
        alice,
        { task: { kind: 'provision', maxAttempts: 3 } },
      ),
    ).rejects.toThrow(ConflictError);
    expect(await taskRows()).toHaveLength(1);
  });

  it('never runs a task in two workers at once', async () => {
    await seed(60);
    const runs: Array<{ task: number; worker: string }> = [];
    const handler =
      (name: string): TaskHandler =>
      async task => {
        runs.push({ task: task.id, worker: name });
        await sleep(5);
        return { done: true };
      };
    worker(handler('a'), { workerId: 'a' });
    worker(handler('b'), { workerId: 'b' });
    await waitFor(async () => {
      const done = await tasks(knex).where({ state: 'succeeded' });
      return done.length === 60;
    });
    expect(runs).toHaveLength(60);
    expect(new Set(runs.map(r => r.task)).size).toBe(60);
    // Both workers took part.
    expect(new Set(runs.map(r => r.worker))).toEqual(new Set(['a', 'b']));
  });

  it('gives a task whose worker died to another once its lease expires', async () => {
    const [id] = await seed(1);
    // A worker claims the task, then dies: no heartbeat, no result.
    const [claimed] = await queue.claim({
      owner: 'dead-worker',
      limit: 1,
      leaseMs: 300,
    });
    expect(claimed.deploymentId).toBe(id);

    const seen: Task[] = [];
    worker(
      async task => {
        seen.push(task);
        return { done: true };
      },
      { workerId: 'survivor', leaseMs: 300 },
    );
    await waitFor(async () => seen.length === 1);
    await waitFor(async () => {
      const [row] = await taskRows();
      return row.state === 'succeeded' && row;
    });
    const [row] = await taskRows();
    expect(row).toMatchObject({ state: 'succeeded', lease_owner: null });
    // The expired claim counts as an attempt.
    expect(seen[0].attempts).toBe(1);
    // The dead worker's late answer changes nothing.
    expect(
      await queue.finish(claimed.id, 'dead-worker', {
        state: 'failed',
        error: 'late',
      }),
    ).toBe(false);
    expect((await taskRows())[0].state).toBe('succeeded');
  });

  it('renews the lease while a long step runs, so nobody takes it over', async () => {
    await seed(1);
    let runs = 0;
    const handler: TaskHandler = async () => {
      runs += 1;
      await sleep(900);
      return { done: true };
    };
    worker(handler, { workerId: 'a', leaseMs: 300 });
    worker(handler, { workerId: 'b', leaseMs: 300 });
    await waitFor(async () => (await taskRows())[0].state === 'succeeded');
    expect(runs).toBe(1);
  });

  it('retries with backoff, then succeeds', async () => {
    await seed(1);
    const attempts: number[] = [];
    worker(async task => {
      attempts.push(task.attempts);
      if (attempts.length < 3) {
        throw new ProviderError('ThrottlingException: Rate exceeded', {
          kind: 'throttled',
        });
      }
      return { done: true };
    });
    await waitFor(async () => (await taskRows())[0].state === 'succeeded');
    expect(attempts).toEqual([0, 1, 2]);
    expect((await taskRows())[0]).toMatchObject({
      attempts: 2,
      last_error: 'ThrottlingException: Rate exceeded',
    });
  });

  it('gives up after the last attempt and tells the error policy', async () => {
    await seed(1, 3);
    const gaveUp: Array<{ task: Task; error: unknown }> = [];
    worker(
      async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      },
      {
        errors: {
          retryable: () => true,
          onGiveUp: async (task, error) => {
            gaveUp.push({ task, error });
          },
        },
      },
    );
    await waitFor(async () => (await taskRows())[0].state === 'failed');
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0].task.attempts).toBe(3);
    expect((await taskRows())[0]).toMatchObject({
      attempts: 2,
      last_error: 'connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  it('gives up at once on an error that is not retryable', async () => {
    await seed(1);
    let calls = 0;
    worker(
      async () => {
        calls += 1;
        throw new ProviderError('ValidationException: bad image', {
          kind: 'permanent',
        });
      },
      {
        errors: {
          retryable: e => (e as ProviderError).retryable,
          onGiveUp: async () => {},
        },
      },
    );
    await waitFor(async () => (await taskRows())[0].state === 'failed');
    expect(calls).toBe(1);
  });

  it('polls: a step that is not done runs again after its pause', async () => {
    await seed(1);
    const phases: Array<string | undefined> = [];
    worker(async task => {
      phases.push(task.payload.phase);
      if (phases.length < 3) {
        return { done: false, pollAfterMs: 20, payload: { phase: 'wait' } };
      }
      return { done: true };
    });
    await waitFor(async () => (await taskRows())[0].state === 'succeeded');
    expect(phases).toEqual([undefined, 'wait', 'wait']);
    // Polling is not an attempt.
    expect((await taskRows())[0].attempts).toBe(0);
  });

  it('stops a running task that is cancelled, and holds the next task of the deployment until it stopped', async () => {
    const [id] = await seed(1);
    let aborted = false;
    const started: string[] = [];
    worker(
      async (task, signal) => {
        started.push(task.kind);
        if (task.kind === 'destroy') return { done: true };
        await new Promise<void>(resolve =>
          signal.addEventListener('abort', () => {
            aborted = true;
            // A slow provider call still finishing after the abort.
            setTimeout(resolve, 200);
          }),
        );
        throw signal.reason;
      },
      { leaseMs: 300 },
    );
    await waitFor(async () => started.length === 1);
    // Destroy supersedes the provisioning in flight.
    await store.transitionDeployment(id, 'destroying', {
      actor: alice,
      task: { kind: 'destroy', maxAttempts: 3 },
    });
    await waitFor(async () => started.length === 2);
    expect(aborted).toBe(true);
    expect(started).toEqual(['provision', 'destroy']);
    await waitFor(async () => (await taskRows())[1]?.state === 'succeeded');
    expect((await taskRows()).map(r => [r.kind, r.state])).toEqual([
      ['provision', 'cancelled'],
      ['destroy', 'succeeded'],
    ]);
  });

  it('records a cancel, not the outcome, of a step that ends after it', async () => {
    const [id] = await seed(1);
    // Each step ends (success, failure, an error) only when released, which
    // is after the cancel and before any heartbeat could notice it.
    const endings: Array<() => StepResult> = [
      () => ({ done: true }),
      () => ({ done: true, failed: 'the cloud refused' }),
      () => {
        throw new Error('the cloud went away');
      },
    ];
    let step = 0;
    let release = () => {};
    worker(
      async () => {
        const ending = endings[step];
        await new Promise<void>(r => (release = r));
        return ending();
      },
      { leaseMs: 60_000 },
    );
    for (const i of endings.keys()) {
      step = i;
      await waitFor(async () => (await taskRows())[i]?.state === 'running');
      await store.transitionDeployment(id, 'failed', {
        actor: alice,
        from: ['pending', 'provisioning'],
        reason: 'Cancelled',
        cancelTask: true,
      });
      release();
      await waitFor(async () => (await taskRows())[i].state === 'cancelled');
      if (i === endings.length - 1) break;
      // Provisioning again (a redeploy) queues the next task.
      await store.transitionDeployment(id, 'provisioning', {
        actor: alice,
        from: ['failed'],
        task: { kind: 'update', maxAttempts: 3 },
      });
    }
    expect((await taskRows()).map(r => r.state)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
  });

  it('tells the error policy about each retry, and about a cancel it acknowledged', async () => {
    const [id] = await seed(1);
    const retries: Array<{ attempt: number; delayMs: number }> = [];
    const cancelled: number[] = [];
    let calls = 0;
    worker(
      async (_task, signal) => {
        calls += 1;
        if (calls <= 2) {
          throw new ProviderError('ThrottlingException: Rate exceeded', {
            kind: 'throttled',
          });
        }
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        );
      },
      {
        // Heartbeats are rare: the idle poll notices the cancel.
        leaseMs: 60_000,
        errors: {
          retryable: () => true,
          onGiveUp: async () => {},
          onRetry: async (_task, _error, retry) => {
            retries.push(retry);
          },
          onCancelled: async task => {
            cancelled.push(task.id);
          },
        },
      },
    );
    await waitFor(async () => calls === 3);
    expect(retries.map(r => r.attempt)).toEqual([1, 2]);
    // Backoff 10 ms doubling, with jitter down to half.
    expect(retries[0].delayMs).toBeGreaterThanOrEqual(5);
    expect(retries[0].delayMs).toBeLessThanOrEqual(10);
    expect(retries[1].delayMs).toBeGreaterThanOrEqual(10);
    expect(retries[1].delayMs).toBeLessThanOrEqual(20);

    await store.transitionDeployment(id, 'failed', {
      actor: alice,
      reason: 'Cancelled',
      cancelTask: true,
    });
    await waitFor(
      async () => (await taskRows())[0].state === 'cancelled',
      5000,
    );
    await waitFor(async () => cancelled.length === 1);
    expect(cancelled).toEqual([Number((await taskRows())[0].id)]);
  });

  it('leaves a step whose outcome it could not record to its lease, and runs it again', async () => {
    await seed(1);
    // The database goes away as the step ends: neither its outcome nor the
    // retry of that failure can be written.
    const lost = new Error('Connection terminated unexpectedly');
    const finish = jest.spyOn(queue, 'finish').mockRejectedValueOnce(lost);
    const reschedule = jest
      .spyOn(queue, 'reschedule')
      .mockRejectedValueOnce(lost);
    let runs = 0;
    worker(
      async () => {
        runs += 1;
        return { done: true };
      },
      { leaseMs: 300 },
    );
    await waitFor(async () => (await taskRows())[0].state === 'succeeded');
    expect(runs).toBe(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /could not record the outcome of its step, it runs again once its lease expires: Error: Connection terminated unexpectedly$/,
      ),
    );
    finish.mockRestore();
    reschedule.mockRestore();
  });

  it('gives running tasks back on shutdown, without counting an attempt', async () => {
    await seed(2);
    const w = worker(
      (_task, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
    );
    await waitFor(async () => w.busy === 2);
    await w.stop();
    expect(
      (await taskRows()).map(r => [r.state, r.attempts, r.lease_owner]),
    ).toEqual([
      ['queued', 0, null],
      ['queued', 0, null],
    ]);
  });

  it('runs at most the configured number of tasks of one provider at once', async () => {
    await seed(8);
    let running = 0;
    let peak = 0;
    const peakByProvider = new Map<string, number>();
    const runningByProvider = new Map<string, number>();
    worker(
      async task => {
        running += 1;
        const n = (runningByProvider.get(task.provider) ?? 0) + 1;
        runningByProvider.set(task.provider, n);
        peak = Math.max(peak, running);
        peakByProvider.set(
          task.provider,
          Math.max(peakByProvider.get(task.provider) ?? 0, n),
        );
        await sleep(50);
        running -= 1;
        runningByProvider.set(task.provider, n - 1);
        return { done: true };
      },
      { concurrency: 3, providerConcurrency: { 'aws-sagemaker': 1 } },
    );
    await waitFor(async () => {
      const done = await tasks(knex).where({ state: 'succeeded' });
      return done.length === 8;
    });
    expect(peak).toBeLessThanOrEqual(3);
    expect(peakByProvider.get('aws-sagemaker')).toBe(1);
  });
});
