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
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { deploymentSpecSchema } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import type { Knex } from 'knex';
import catalogModuleCloudDeployments from '../plugins/catalog-backend-module-cloud-deployments/src';
import { CloudDeploymentEntitiesProcessor } from '../plugins/catalog-backend-module-cloud-deployments/src/processor/CloudDeploymentEntitiesProcessor';
import { CloudDeploymentEntityProvider } from '../plugins/catalog-backend-module-cloud-deployments/src/provider/CloudDeploymentEntityProvider';
import { deploymentToEntity } from '../plugins/catalog-backend-module-cloud-deployments/src/provider/deploymentToEntity';
import cloudDeploymentsPlugin from '../plugins/cloud-deployments-backend/src';
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

/** Varied, valid specs: Cloud Run and SageMaker, three environments, some systems. */
function specOf(i: number): Record<string, unknown> {
  const common = {
    owner: `group:default/team-${i % 50}`,
    component: `component:default/service-${i % 500}`,
    ...(i % 3 === 0 ? { system: `system:default/system-${i % 20}` } : {}),
    environment: ['production', 'staging', 'development'][i % 3],
    engine: 'sdk',
  };
  return i % 2 === 0
    ? {
        ...common,
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        artifact: { image: `europe-docker.pkg.dev/acme/bench/svc-${i}:1.0.0` },
        compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 10 },
      }
    : {
        ...common,
        provider: 'aws-sagemaker',
        region: 'us-east-1',
        artifact: {
          image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/bench:${i}`,
        },
        compute: { instanceType: 'ml.m5.large', instanceCount: 1 + (i % 3) },
      };
}

/** Fails early if the seeded rows would not be valid deployments and entities. */
async function checkSamples() {
  const processor = new CloudDeploymentEntitiesProcessor();
  for (let i = 0; i < 6; i++) {
    const spec = deploymentSpecSchema.parse(specOf(i)) as any;
    const entity = deploymentToEntity(
      {
        id: `00000000-0000-4000-8000-00000000000${i}`,
        name: `bench-${i}`,
        spec,
      } as any,
      { appBaseUrl: 'http://localhost:3000' },
    );
    if (!(await processor.validateEntityKind(entity))) {
      throw new Error(`sample entity ${i} is not a CloudDeployment`);
    }
  }
}

/** Marks taken inside the real provider's refresh, through its connection and fetch. */
const marks: {
  pages: number;
  readEnd?: number;
  applyStart?: number;
  applyEnd?: number;
  entities?: number;
} = { pages: 0 };
let heapPeak = 0;
const sampleHeap = () => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
};

let provider: CloudDeploymentEntityProvider | undefined;
const connect = CloudDeploymentEntityProvider.prototype.connect;
CloudDeploymentEntityProvider.prototype.connect = function instrumented(
  this: CloudDeploymentEntityProvider,
  connection: EntityProviderConnection,
) {
  provider = this;
  return connect.call(this, {
    async applyMutation(mutation: EntityProviderMutation) {
      sampleHeap();
      marks.applyStart = performance.now();
      marks.entities =
        mutation.type === 'full' ? mutation.entities.length : undefined;
      await connection.applyMutation(mutation);
      marks.applyEnd = performance.now();
      sampleHeap();
    },
    refresh: options => connection.refresh(options),
  });
};

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const res = await realFetch(input, init);
  if (String(input).includes('/api/cloud-deployments/deployments?')) {
    const json = res.json.bind(res);
    res.json = async () => {
      const body = await json();
      marks.pages += 1;
      marks.readEnd = performance.now();
      sampleHeap();
      return body;
    };
  }
  return res;
};

async function countEntities(catalogDb: Knex) {
  const cd = (q: Knex.QueryBuilder) =>
    q.where('refresh_state.entity_ref', 'like', 'clouddeployment:%');
  const [stored] = await cd(catalogDb('refresh_state')).count({ n: '*' });
  const [processed] = await cd(catalogDb('refresh_state'))
    .whereNotNull('processed_entity')
    .count({ n: '*' });
  const [failed] = await cd(catalogDb('refresh_state'))
    .whereNotNull('errors')
    .whereNotIn('errors', ['', '[]'])
    .count({ n: '*' });
  const [visible] = await cd(
    catalogDb('final_entities').join(
      'refresh_state',
      'refresh_state.entity_id',
      'final_entities.entity_id',
    ),
  )
    .whereNotNull('final_entities.final_entity')
    .count({ n: '*' });
  return {
    stored: Number(stored.n),
    processed: Number(processed.n),
    failed: Number(failed.n),
    visible: Number(visible.n),
  };
}

async function main() {
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
    if (!provider) throw new Error('the entity provider was not connected');

    // 1 and 3: one full mutation, as the scheduled task runs it.
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    heapPeak = heapBefore;
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
      `  heap: ${mib(heapBefore)} before, peak ${mib(heapPeak)} (+${mib(
        heapPeak - heapBefore,
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
