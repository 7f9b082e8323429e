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
import {
  DEPLOYMENT_SORT_FIELDS,
  DeploymentSortField,
} from '../plugins/cloud-deployments-common/src';
import { benchDatabases, seedDeployments } from './lib/databases';

/*
 * The deployments list at fleet scale (issue 20): GET /deployments' store query,
 * the first page (50) and the page after it, by every sort in both orders, over
 * 10,000 deployments of 40 owners, on SQLite (a file) and PostgreSQL. Everyone's
 * (the "All" view), and one user's two owners (the default "Mine" view).
 * Run with `yarn bench:list`; prints p50 and slowest of RUNS per query.
 */

const N = Number(process.env.BENCH_DEPLOYMENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const STATUSES = [
  'active',
  'active',
  'active',
  'failed',
  'stopped',
  'destroyed',
];
const REGIONS = ['us-east-1', 'eu-west-1', 'europe-west1', 'eastus', 'local'];
const ENVIRONMENTS = ['production', 'staging', 'development'];

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  for (const make of await benchDatabases()) {
    const db = await make();
    try {
      await seedDeployments(db.knex, N, {
        name: i => `bench-${(i * 7919) % N}`,
        spec: i => ({
          owner: `group:default/team-${i % 40}`,
          component: 'component:default/bench',
          environment: ENVIRONMENTS[i % 3],
          provider: 'aws-sagemaker',
          region: REGIONS[i % 5],
          engine: 'sdk',
          artifact: { image: 'example.com/bench:1' },
          compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
        }),
      });
      // Statuses, costs (a tenth unknown) and update times, spread out.
      await db.knex.raw(
        `UPDATE deployments SET
           status = CASE seq % 6 ${STATUSES.map(
             (s, i) => `WHEN ${i} THEN '${s}'`,
           ).join(' ')} END,
           estimated_monthly_cost = CASE WHEN seq % 10 = 0 THEN NULL ELSE (seq * 37) % 5000 / 10.0 END,
           estimate_total_kind = CASE WHEN seq % 10 = 0 THEN NULL WHEN seq % 10 = 1 THEN 'unknown' ELSE 'exact' END`,
      );
      if (db.name === 'PostgreSQL') await db.knex.raw('ANALYZE deployments');
      else await db.knex.raw('ANALYZE');
      console.log(`\n${db.name}: ${N} deployments`);
      console.log(
        '| View | Sort | Order | First page p50 | slowest | Next page p50 |',
      );
      console.log(
        '| ---- | ---- | ----- | -------------- | ------- | ------------- |',
      );
      const views = {
        All: {},
        Mine: { owner: ['group:default/team-3', 'user:default/bench'] },
      };
      for (const [view, filter] of Object.entries(views)) {
        for (const sort of DEPLOYMENT_SORT_FIELDS as readonly DeploymentSortField[]) {
          for (const order of ['asc', 'desc'] as const) {
            const first: number[] = [];
            const next: number[] = [];
            for (let run = 0; run < RUNS; run++) {
              let t = performance.now();
              const page = await db.store.listDeployments(filter, {
                limit: 50,
                order: { sort, order },
              });
              first.push(performance.now() - t);
              t = performance.now();
              await db.store.listDeployments(filter, {
                limit: 50,
                cursor: page.nextCursor,
                order: { sort, order },
              });
              next.push(performance.now() - t);
            }
            const p50 = (xs: number[]) =>
              [...xs].sort((a, b) => a - b)[xs.length >> 1];
            console.log(
              `| ${view} | ${sort} | ${order} | ${ms(p50(first))} | ${ms(
                Math.max(...first),
              )} | ${ms(p50(next))} |`,
            );
          }
        }
      }
    } finally {
      await db.close();
    }
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
