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
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  CostEstimate,
  DeploymentSpec,
  deploymentSpecSchema,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { Actor, DeploymentStore } from '../database/DeploymentStore';
import { estimateColumns, specColumns } from '../database/deploymentRows';
import { eventRow } from '../database/eventLog';
import {
  deploymentEvents,
  deployments,
  isUniqueViolation,
} from '../database/tables';
import { ENGINE_ACTOR } from '../jobs/deploymentTaskTerms';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { EstimationService } from '../pricing/EstimationService';
import { ttlExpiryReason } from '../reconcile/ttl';
import { costColumns, RevisionRow, revisions } from '../revisions/revisionRows';
import { ActualCostCollector } from './ActualCostCollector';
import { utcDay } from './billingTimeline';

/** Who the seeded history says made and changed the demo deployments. */
export const DEMO_ACTOR: Actor = {
  ref: 'plugin:cloud-deployments/demo-history',
};

/** The shortest and longest history a demo may seed (movers compare two weeks). */
export const DEMO_HISTORY_DAYS = { min: 14, max: 90 } as const;

/**
 * `cloudDeployments.demo.seedHistoryDays`: the days of history to seed, or
 * undefined when off (the default). Anything but a whole number of days in
 * range stops the backend at start.
 */
export function readSeedHistoryDays(
  config: RootConfigService,
): number | undefined {
  const key = 'cloudDeployments.demo.seedHistoryDays';
  const days = config.getOptionalNumber(key);
  if (days === undefined || days === 0) return undefined;
  if (
    !Number.isInteger(days) ||
    days < DEMO_HISTORY_DAYS.min ||
    days > DEMO_HISTORY_DAYS.max
  ) {
    throw new Error(
      `${key} must be 0 (off) or a whole number of days from ${DEMO_HISTORY_DAYS.min} to ${DEMO_HISTORY_DAYS.max}, not ${days}`,
    );
  }
  return days;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One step of a demo deployment's history: its spec changes, or its status does. */
type Step =
  | { at: number; spec: Omit<DeploymentSpec, 'ttl'> & { ttl?: string } }
  | { at: number; to: DeploymentStatus; actor?: Actor; reason?: string };

type DemoDeployment = {
  /** Fixed, so that a second start or replica finds it seeded. */
  id: string;
  name: string;
  /** The steps, oldest first; the first is the spec it was created with. */
  steps: Step[];
};

const common = {
  engine: 'sdk' as const,
};

/**
 * The demo portfolio, for a history starting at `start` and ending at the
 * hour `now`: two deployments that run throughout (one scaled up, one down,
 * late in the span: the top movers), one on a GPU type it declares no need
 * for (a rightsizing recommendation), and two that their TTL destroyed (the
 * TTL savings).
 */
export function demoPortfolio(start: number, now: number): DemoDeployment[] {
  const fraud: Omit<DeploymentSpec, 'ttl'> = {
    ...common,
    owner: 'group:default/ml-team',
    component: 'component:default/fraud-model',
    system: 'system:default/fraud-detection',
    environment: 'production',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    artifact: {
      image:
        '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310',
      modelDataUrl: 's3://acme-models/fraud/2026-11-01/model.tar.gz',
    },
    compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
  };
  const shop: Omit<DeploymentSpec, 'ttl'> = {
    ...common,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'staging',
    provider: 'gcp-cloud-run',
    region: 'europe-west1',
    artifact: { image: 'europe-docker.pkg.dev/acme/web/shop-api:3.2.0' },
    compute: { cpu: 2, memoryMiB: 2048, minInstances: 2, maxInstances: 10 },
  };
  const preview = (ttl: string): DeploymentSpec => ({
    ...common,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'development',
    provider: 'azure-container-instances',
    region: 'eastus',
    artifact: { image: 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' },
    compute: { cpu: 1, memoryMiB: 1536 },
    ttl,
  });
  const minutes = (n: number) => n * 60_000;
  const daysAgo = (n: number) => now - n * DAY_MS;
  const ttlDestroyed = (ttl: string, created: number, ttlDays: number) => [
    { at: created, spec: preview(ttl) },
    { at: created, to: 'provisioning' as const },
    { at: created + minutes(3), to: 'active' as const },
    {
      at: created + ttlDays * DAY_MS,
      to: 'destroying' as const,
      actor: ENGINE_ACTOR,
      reason: ttlExpiryReason(ttl),
    },
    {
      at: created + ttlDays * DAY_MS + minutes(2),
      to: 'destroyed' as const,
      actor: ENGINE_ACTOR,
    },
  ];
  return [
    {
      id: 'de300000-0000-4000-8000-000000000001',
      name: 'demo-fraud-scorer',
      steps: [
        { at: start, spec: fraud },
        { at: start, to: 'provisioning' },
        { at: start + minutes(15), to: 'active' },
        {
          at: daysAgo(5),
          spec: { ...fraud, compute: { ...fraud.compute, instanceCount: 2 } },
        },
        { at: daysAgo(5), to: 'updating' },
        { at: daysAgo(5) + minutes(10), to: 'active' },
      ],
    },
    {
      id: 'de300000-0000-4000-8000-000000000002',
      name: 'demo-shop-api',
      steps: [
        { at: start, spec: shop },
        { at: start, to: 'provisioning' },
        { at: start + minutes(2), to: 'active' },
        {
          at: daysAgo(6),
          spec: {
            ...shop,
            compute: {
              cpu: 1,
              memoryMiB: 1024,
              minInstances: 1,
              maxInstances: 5,
            },
          },
        },
        { at: daysAgo(6), to: 'updating' },
        { at: daysAgo(6) + minutes(2), to: 'active' },
      ],
    },
    {
      // On a GPU type, declaring a CPU need: the rightsizing recommendation.
      id: 'de300000-0000-4000-8000-000000000005',
      name: 'demo-embeddings',
      steps: [
        {
          at: start,
          spec: {
            ...fraud,
            component: 'component:default/example-website',
            owner: 'group:default/guests',
            system: undefined,
            environment: 'staging',
            compute: {
              instanceType: 'ml.g4dn.xlarge',
              instanceCount: 1,
              cpu: 4,
              memoryMiB: 8192,
            },
          },
        },
        { at: start, to: 'provisioning' },
        { at: start + minutes(12), to: 'active' },
      ],
    },
    {
      id: 'de300000-0000-4000-8000-000000000003',
      name: 'demo-preview-17',
      steps: ttlDestroyed('P3D', start + 2 * DAY_MS, 3),
    },
    {
      id: 'de300000-0000-4000-8000-000000000004',
      name: 'demo-preview-42',
      steps: ttlDestroyed('P7D', daysAgo(12), 7),
    },
  ];
}

/**
 * Seeds a demo portal with `days` days of history, for sandbox providers
 * only: a few deployments made back then, with the status events and
 * revisions they would have had, then their daily costs worked out by the
 * collector from those — so the estimate and the synthetic sandbox usage
 * come from the same timeline as any deployment's, labelled `sandbox`. The
 * ones still running are then redeployed for real, so that their sandbox
 * resources exist and reconciliation finds them. A deployment whose provider
 * is not installed in sandbox mode is never seeded. Each has a fixed id and
 * is written in one transaction: another start, or another replica at the
 * same moment, finds it there and leaves it.
 */
export async function seedDemoHistory(options: {
  knex: Knex;
  store: DeploymentStore;
  providers: ProviderRegistry;
  estimates: EstimationService;
  collector: ActualCostCollector;
  logger: LoggerService;
  days: number;
  maxAttempts: number;
  wakeWorker?: () => void;
  clock?: () => Date;
}): Promise<{ seeded: string[]; skipped: string[] }> {
  const { knex, store, providers, estimates, logger, days } = options;
  const nowMs = (options.clock?.() ?? new Date()).getTime();
  const now = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const start = now - days * DAY_MS;
  const seeded: string[] = [];
  const skipped: string[] = [];
  for (const demo of demoPortfolio(start, now)) {
    const first = demo.steps[0] as Extract<Step, { spec: unknown }>;
    const provider = providers.get(first.spec.provider);
    if (!provider?.sandbox) {
      skipped.push(
        `${demo.name} (${first.spec.provider} is not in sandbox mode)`,
      );
      continue;
    }
    try {
      if (await seedOne(knex, estimates, demo)) seeded.push(demo.id);
      else skipped.push(`${demo.name} (seeded before)`);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Seeded at the same moment by another replica, or the name is taken.
      skipped.push(`${demo.name} (already there, or its name is taken)`);
    }
  }
  // Only the seeded ones: what else is stored is left as it is.
  if (seeded.length) {
    await options.collector.collect(undefined, {
      billing: false,
      from: utcDay(start),
      deploymentIds: seeded,
    });
  }
  for (const id of seeded) {
    const row = await deployments(knex).where({ id }).first();
    if (!row || !['active', 'drifted', 'failed'].includes(row.status)) {
      continue;
    }
    await store.transitionDeployment(id, 'updating', {
      actor: DEMO_ACTOR,
      from: ['active', 'drifted', 'failed'],
      reason: 'Demo history: creating its sandbox resources',
      task: { kind: 'update', maxAttempts: options.maxAttempts },
    });
  }
  if (seeded.length) options.wakeWorker?.();
  logger.info(
    `Demo history: ${days} days seeded for ${
      seeded.length
    } sandbox deployments${
      skipped.length ? `; skipped ${skipped.join(', ')}` : ''
    }`,
  );
  return { seeded, skipped };
}

/** Writes one demo deployment and its history; false when it is there already. */
async function seedOne(
  knex: Knex,
  estimates: EstimationService,
  demo: DemoDeployment,
): Promise<boolean> {
  return knex.transaction(async tx => {
    if (await deployments(tx).where({ id: demo.id }).first()) return false;
    const iso = (ms: number) => new Date(ms).toISOString();
    let spec: DeploymentSpec | undefined;
    let estimate: CostEstimate | undefined;
    let status: DeploymentStatus = 'pending';
    let activeSince: number | undefined;
    let revision = 0;
    const created = demo.steps[0].at;
    const events: Array<ReturnType<typeof eventRow>> = [
      eventRow(demo.id, 'created', DEMO_ACTOR, iso(created), {
        message: `Created by ${DEMO_ACTOR.ref}`,
        data: { status: 'pending' },
      }),
    ];
    const revisionRows: RevisionRow[] = [];
    for (const step of demo.steps) {
      if ('spec' in step) {
        spec = deploymentSpecSchema.parse(step.spec) as DeploymentSpec;
        estimate = estimates.estimate(spec);
        revision += 1;
        revisionRows.push({
          deployment_id: demo.id,
          number: revision,
          spec: JSON.stringify(spec),
          ...costColumns(estimate),
          change: revision === 1 ? 'create' : 'update',
          rollback_to: null,
          approved_by: null,
          reason: 'Demo history',
          created_by: DEMO_ACTOR.ref,
          created_at: iso(step.at),
          outcome: 'pending',
          settled_at: null,
        });
        continue;
      }
      const actor = step.actor ?? DEMO_ACTOR;
      events.push(
        eventRow(demo.id, 'status', actor, iso(step.at), {
          message: `${status} → ${step.to}${
            step.reason ? `: ${step.reason}` : ''
          } (${actor.ref})`,
          data: {
            from: status,
            to: step.to,
            ...(step.reason ? { reason: step.reason } : {}),
          },
        }),
      );
      if (step.to === 'active') {
        const last = revisionRows[revisionRows.length - 1];
        last.outcome = 'active';
        last.settled_at = iso(step.at);
        activeSince = step.at;
      }
      status = step.to;
    }
    const last = demo.steps[demo.steps.length - 1].at;
    await deployments(tx).insert({
      id: demo.id,
      name: demo.name,
      resource_name: demo.name,
      title: null,
      description:
        'Demo history: seeded with its past by cloudDeployments.demo.seedHistoryDays',
      ...specColumns(spec!, iso(created)),
      ...estimateColumns(estimate),
      status,
      status_reason: null,
      endpoint: null,
      outputs: '{}',
      created_by: DEMO_ACTOR.ref,
      created_at: iso(created),
      updated_by: DEMO_ACTOR.ref,
      updated_at: iso(last),
      version: events.length,
      last_good_spec: activeSince !== undefined ? JSON.stringify(spec) : null,
      sandbox: true,
    });
    await deploymentEvents(tx).insert(events);
    await revisions(tx).insert(revisionRows);
    return true;
  });
}
