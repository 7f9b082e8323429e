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
/* eslint-disable no-console */
import { performance } from 'node:perf_hooks';
import { TaskQueue } from '../plugins/cloud-deployments-backend/src/jobs/TaskQueue';
import { TaskWorker } from '../plugins/cloud-deployments-backend/src/jobs/TaskWorker';
import { benchDatabases, seedDeployments } from './lib/databases';

/*
 * Job queue throughput (issue 4): how many no-op tasks per second the queue
 * moves through claim → run → finish, with two workers sharing it as two
 * replicas would, on SQLite (file) and PostgreSQL (when its URL is set; `yarn
 * bench:jobs` starts one). Each task is a real row claimed under a lease and
 * finished under the lease guard; the handler does nothing, so the figure is
 * the queue's own overhead. Run with `yarn bench:jobs`.
 */

const TASKS = Number(process.env.BENCH_TASKS ?? 5000);
const logger = {
  info() {},
  warn: console.warn,
  error: console.error,
  debug() {},
  child() {
    return logger;
  },
};

async function main() {
  for (const make of await benchDatabases()) {
    const db = await make();
    try {
      await seedDeployments(db.knex, TASKS, { withTask: true });
      const queue = new TaskQueue(db.knex);
      let done = 0;
      let resolveAll!: () => void;
      const all = new Promise<void>(r => {
        resolveAll = r;
      });
      const workers = ['a', 'b'].map(
        id =>
          new TaskWorker({
            workerId: id,
            queue,
            handler: async () => {
              done += 1;
              if (done === TASKS) setImmediate(resolveAll);
              return { done: true };
            },
            errors: { retryable: () => false, onGiveUp: async () => {} },
            logger: logger as any,
            concurrency: 32,
            leaseMs: 30_000,
            idlePollMs: 5,
            backoffMs: 10,
            maxBackoffMs: 10,
          }),
      );
      const start = performance.now();
      workers.forEach(w => w.start());
      await all;
      // Wait for the last finishes to be written.
      await Promise.all(workers.map(w => w.stop()));
      const seconds = (performance.now() - start) / 1000;
      const succeeded = Number(
        (
          await db.knex('tasks').where({ state: 'succeeded' }).count({ n: '*' })
        )[0].n,
      );
      console.log(`${db.name}: ${TASKS} no-op tasks, 2 workers × 32 slots`);
      console.log(
        `  ${seconds.toFixed(2)} s → ${(TASKS / seconds).toFixed(
          0,
        )} tasks/s (${succeeded} succeeded)`,
      );
    } finally {
      await db.close();
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
