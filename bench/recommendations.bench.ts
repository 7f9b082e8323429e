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
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CloudDeploymentProvider,
  TaggedCloudResource,
  UsageMetricsSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { ProviderRegistry } from '../plugins/cloud-deployments-backend/src/jobs/ProviderRegistry';
import { EstimationService } from '../plugins/cloud-deployments-backend/src/pricing/EstimationService';
import { PriceCatalog } from '../plugins/cloud-deployments-backend/src/pricing/PriceCatalog';
import { loadSnapshot } from '../plugins/cloud-deployments-backend/src/pricing/snapshot/loadSnapshot';
import { RecommendationEngine } from '../plugins/cloud-deployments-backend/src/recommendations/RecommendationEngine';
import { benchDatabases, seedDeployments } from './lib/databases';

/*
 * The recommendations job over a fleet of N active SageMaker deployments
 * (BENCH_DEPLOYMENTS, default 1,000), 40 days old: a third in production
 * (commitments), a quarter on a GPU type under a declared CPU need
 * (rightsizing), half without traffic (idle), and the cloud listing one
 * tagged endpoint per deployment plus 10 % orphans. The metrics source and
 * the listing answer from memory, so the figures are the job's own: pricing
 * every finding from the catalogue and keeping the table in step. The first
 * run writes every finding; the second finds the same and writes little;
 * the third follows a change to a tenth of the fleet. On SQLite (file) and
 * PostgreSQL when its URL is set (`yarn bench:recommendations` starts one).
 */

const N = Number(process.env.BENCH_DEPLOYMENTS ?? 1_000);
const logger = {
  info() {},
  warn: console.warn,
  error: console.error,
  debug() {},
  child() {
    return logger;
  },
};

const estimates = new EstimationService({
  catalog: PriceCatalog.fromSnapshot(
    loadSnapshot(
      path.resolve(
        __dirname,
        '../plugins/cloud-deployments-backend/snapshot/prices.json',
      ),
    ),
  ),
});

async function main() {
  console.log(`Recommendations over ${N} active SageMaker deployments\n`);
  const rows: string[][] = [];
  for (const make of await benchDatabases()) {
    const db = await make();
    try {
      const ids = await seedDeployments(db.knex, N, {
        status: 'active',
        spec: i => ({
          owner: `group:default/team-${i % 20}`,
          component: 'component:default/bench',
          environment: i % 3 === 0 ? 'production' : 'development',
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          engine: 'sdk',
          artifact: { image: 'example.com/bench:1' },
          compute:
            i % 4 === 0
              ? { instanceType: 'ml.g5.xlarge', instanceCount: 1, cpu: 2 }
              : { instanceType: 'ml.m5.large', instanceCount: 1 },
        }),
      });
      await db.knex('deployments').update({
        created_at: new Date(Date.now() - 40 * 86_400_000).toISOString(),
      });
      const busy = new Set(ids.filter((_, i) => i % 2 === 0));
      const metrics: UsageMetricsSource = {
        id: 'bench',
        title: 'Bench metrics',
        providers: ['aws-sagemaker'],
        metric: { name: 'Invocations', unit: 'requests', idleAtOrBelow: 0 },
        async dailyTraffic({ deployments, from }) {
          return deployments
            .filter(d => busy.has(d.id))
            .map(d => ({ deploymentId: d.id, day: from, amount: 100 }));
        },
      };
      let cloud: TaggedCloudResource[] = [
        ...ids,
        ...ids.slice(0, N / 10).map((_, i) => `gone-${i}`),
      ].map((id, i) => ({
        deploymentId: id,
        kind: 'SageMaker endpoint',
        resourceId: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/e-${i}`,
        name: `e-${i}`,
        region: 'us-east-1',
        config: { instanceType: 'ml.m5.large', instanceCount: 1 },
      }));
      const providers = new ProviderRegistry();
      providers.add({
        id: 'aws-sagemaker',
        title: 'AWS SageMaker',
        sandbox: true,
        listTaggedResources: async () => cloud,
      } as unknown as CloudDeploymentProvider);
      const engine = new RecommendationEngine({
        knex: db.knex,
        estimates,
        providers,
        metrics: [metrics],
        logger,
      });
      const timed = async (what: string) => {
        const start = performance.now();
        const summary = await engine.compute();
        const ms = performance.now() - start;
        rows.push([
          db.name,
          what,
          String(summary.found),
          String(summary.opened),
          String(summary.resolved),
          `${ms.toFixed(0)} ms`,
        ]);
        return ms;
      };
      const first = await timed('first run: every finding new');
      const again = await timed('second run: the same findings');
      // A tenth of the fleet gets traffic and its orphans are deleted.
      ids.slice(0, N / 10).forEach(id => busy.add(id));
      cloud = cloud.filter(r => !r.deploymentId.startsWith('gone-1'));
      const changed = await timed('third run: a tenth changed');
      rows.push([
        db.name,
        'second run / first run',
        '',
        '',
        '',
        (again / first).toFixed(2),
      ]);
      rows.push([
        db.name,
        'third run / first run',
        '',
        '',
        '',
        (changed / first).toFixed(2),
      ]);
    } finally {
      await db.close();
    }
  }
  const head = ['Database', 'Run', 'Found', 'Opened', 'Resolved', 'Time'];
  const widths = head.map((h, c) =>
    Math.max(h.length, ...rows.map(r => r[c].length)),
  );
  const line = (r: string[]) =>
    `| ${r.map((v, c) => v.padEnd(widths[c])).join(' | ')} |`;
  console.log(line(head));
  console.log(`| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`);
  rows.forEach(r => console.log(line(r)));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
