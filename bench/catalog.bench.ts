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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { Knex } from 'knex';
import catalogModuleCloudDeployments from '../plugins/catalog-backend-module-cloud-deployments/src';
import cloudDeploymentsPlugin from '../plugins/cloud-deployments-backend/src';
import { countEntities } from './lib/catalog/countEntities';
import {
  connectedProvider,
  heap,
  instrumentRefresh,
  marks,
  sampleHeap,
} from './lib/catalog/refreshProbe';
import { checkSamples, specOf } from './lib/catalog/samples';
import { seedDeployments } from './lib/databases';

/*
 * The catalog entity provider at scale (issue 6). In one process, as
 * plugins/catalog-backend-module-cloud-deployments/src/e2e.test.ts does it with
 * `startTestBackend` (which works outside Jest): the real catalog backend with
 * the real cloud-deployments module, and the real cloud-deployments backend,
 * each on its own better-sqlite3 database (in memory; BENCH_SQLITE=file for
 * files) through Backstage's database service.
 * 10,000 active deployments are written straight into the cloud-deployments
 * database (batched rows, not timed). Then the provider's full refresh — the
 * body of its scheduled task — runs once, and we measure:
 *  1. the full mutation, total and per stage: reading every deployment through
 *     the paged REST API (200 a page, service token), building the entities,
 *     and `connection.applyMutation({ type: 'full' })` into the catalog;
 *  2. the time until the catalog has processed and stitched every entity, so
 *     that it is visible (counted in the catalog's database, confirmed through
 *     its by-query API), capped at BENCH_CATALOG_CAP_S seconds (default 240);
 *  3. the peak heap during the mutation (sampled every 5 ms and at each stage
 *     boundary; the process also serves the REST pages, as one backend would).
 * Run with `yarn bench:catalog` (Node with --expose-gc). Prints its figures.
 */

const N = Number(process.env.BENCH_DEPLOYMENTS ?? 10_000);
const CAP_MS = Number(process.env.BENCH_CATALOG_CAP_S ?? 240) * 1000;
/** In memory (Backstage's default for local development) unless BENCH_SQLITE=file. */
const FILE = process.env.BENCH_SQLITE === 'file';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const ms = (n: number) => `${n.toFixed(0)} ms`;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

async function main() {
  instrumentRefresh();
  await checkSamples();
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-catalog-'));
  let catalogDb!: Knex;
  let deploymentsDb!: Knex;
  const probe = (pluginId: string, set: (knex: Knex) => void) =>
    createBackendModule({
      pluginId,
      moduleId: 'bench-probe',
      register(reg) {
        reg.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            set(await database.getClient());
          },
        });
      },
    });

  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleCloudDeployments,
      cloudDeploymentsPlugin,
      probe('catalog', knex => (catalogDb = knex)),
      probe('cloud-deployments', knex => (deploymentsDb = knex)),
      // Backstage's own database service: a better-sqlite3 file per plugin.
      mockServices.database.factory(),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            database: {
              client: 'better-sqlite3',
              connection: FILE ? { directory: dir } : ':memory:',
            },
          },
          // No worker: the seeded deployments are active and nothing is queued.
          cloudDeployments: { jobs: { enabled: false } },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Group',
                  'CloudDeployment',
                  'Location',
                ],
              },
            ],
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}`;

  try {
    const seedStart = performance.now();
    await seedDeployments(deploymentsDb, N, {
      provider: 'gcp-cloud-run',
      status: 'active',
      spec: specOf,
    });
    console.log(
      `setup: ${N} active deployments inserted in ${ms(
        performance.now() - seedStart,
      )} (batched rows, not measured)`,
    );
    const provider = connectedProvider();
    if (!provider) throw new Error('the entity provider was not connected');

    // 1 and 3: one full mutation, as the scheduled task runs it.
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    heap.peak = heapBefore;
    const sampler = setInterval(sampleHeap, 5);
    const start = performance.now();
    const published = await provider.refresh();
    const end = performance.now();
    clearInterval(sampler);
    sampleHeap();
    if (published !== N || marks.entities !== N) {
      throw new Error(
        `published ${published} (${marks.entities} entities), not ${N}`,
      );
    }
    const { readEnd, applyStart, applyEnd } = marks as Required<typeof marks>;
    console.log(`full mutation of ${N} deployments`);
    console.log(
      `  read (REST, ${marks.pages} pages of 200): ${ms(readEnd - start)}`,
    );
    console.log(`  build ${N} entities:           ${ms(applyStart - readEnd)}`);
    console.log(
      `  applyMutation (full):          ${ms(applyEnd - applyStart)}`,
    );
    console.log(`  total:                         ${ms(end - start)}`);
    console.log(
      `  heap: ${mib(heapBefore)} before, peak ${mib(heap.peak)} (+${mib(
        heap.peak - heapBefore,
      )}); max RSS of the process ${mib(
        process.resourceUsage().maxRSS * 1024,
      )}`,
    );

    // 2: until the catalog has processed and stitched every entity.
    const catalogStart = performance.now();
    const cpuBefore = process.cpuUsage();
    let counts = await countEntities(catalogDb);
    let firstVisible: number | undefined;
    let allProcessed: number | undefined;
    let lastReport = catalogStart;
    while (counts.visible < N && performance.now() - catalogStart < CAP_MS) {
      await new Promise(r => setTimeout(r, 1000));
      counts = await countEntities(catalogDb);
      const now = performance.now();
      if (firstVisible === undefined && counts.visible > 0) firstVisible = now;
      if (allProcessed === undefined && counts.processed >= N) {
        allProcessed = now;
      }
      if (now - lastReport >= 15_000) {
        lastReport = now;
        console.log(
          `  … ${((now - catalogStart) / 1000).toFixed(0)} s: ${
            counts.processed
          } processed, ${counts.visible} visible`,
        );
      }
    }
    const waited = performance.now() - catalogStart;
    const cpu = process.cpuUsage(cpuBefore);
    const byQuery = await (
      await fetch(
        `${baseUrl}/api/catalog/entities/by-query?filter=kind=clouddeployment&limit=1`,
      )
    ).json();
    console.log(`catalog processing after the mutation`);
    console.log(
      `  in refresh_state: ${counts.stored}; processed: ${counts.processed}; with errors: ${counts.failed}`,
    );
    if (firstVisible !== undefined) {
      console.log(
        `  first entity visible after: ${ms(firstVisible - catalogStart)}`,
      );
    }
    if (allProcessed !== undefined) {
      console.log(
        `  all ${N} processed after:    ${(
          (allProcessed - catalogStart) /
          1000
        ).toFixed(1)} s`,
      );
    }
    if (counts.visible >= N) {
      console.log(
        `  all ${N} visible after:      ${(waited / 1000).toFixed(1)} s (${(
          N /
          (waited / 1000)
        ).toFixed(0)} entities/s)`,
      );
    } else {
      console.log(
        `  stopped at the cap of ${CAP_MS / 1000} s with ${
          counts.visible
        } of ${N} visible`,
      );
    }
    console.log(
      `  catalog API (by-query, kind=clouddeployment): totalItems ${byQuery.totalItems}`,
    );
    console.log(
      `  CPU of the process meanwhile: ${(
        (cpu.user + cpu.system) /
        1e6
      ).toFixed(0)} s in ${(waited / 1000).toFixed(0)} s`,
    );
    if (counts.failed > 0) {
      const [row] = await catalogDb('refresh_state')
        .where('entity_ref', 'like', 'clouddeployment:%')
        .whereNotIn('errors', ['', '[]'])
        .select('entity_ref', 'errors')
        .limit(1);
      console.log(`  first error: ${row.entity_ref}: ${row.errors}`);
    }
  } finally {
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  // Knex pools and the catalog's timers would keep the process alive.
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
