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
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ActualCostSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { ActualCostCollector } from './ActualCostCollector';

function days(
  config: RootConfigService,
  key: string,
  fallback: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${key} must be a whole number of days from 1 to ${max}`);
  }
  return value;
}

/**
 * The daily cost collection, each run once across replicas: the portal's own
 * figures every 15 minutes (from a minute after start, so a new portal has its
 * history), the billing sources once a day (Cost Explorer charges per
 * request).
 */
export async function scheduleActualCosts(options: {
  config: RootConfigService;
  knex: Knex;
  sources: readonly ActualCostSource[];
  scheduler: SchedulerService;
  logger: LoggerService;
}): Promise<ActualCostCollector> {
  const { config, knex, sources, scheduler, logger } = options;
  const base = 'cloudDeployments.costs.actuals';
  const collector = new ActualCostCollector({
    knex,
    sources,
    logger: logger.child({ component: 'actual-costs' }),
    lookbackDays: days(config, `${base}.lookbackDays`, 7, 90),
    backfillDays: days(config, `${base}.backfillDays`, 30, 366),
    hoursPerMonth: config.getOptionalNumber(
      'cloudDeployments.pricing.hoursPerMonth',
    ),
  });
  const schedule = (
    key: string,
    fallback: SchedulerServiceTaskScheduleDefinition,
  ): SchedulerServiceTaskScheduleDefinition =>
    config.has(`${base}.${key}`)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig(`${base}.${key}`),
        )
      : fallback;
  // The portal's own figures (estimates, sandbox usage, allocations) cost
  // nothing to work out: every 15 minutes, so today's bar moves.
  await scheduler.scheduleTask({
    id: 'cloud-deployments-daily-costs',
    ...schedule('refreshSchedule', {
      frequency: { minutes: 15 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
    }),
    scope: 'global',
    fn: async signal => {
      await collector.collect(signal as AbortSignal | undefined, {
        billing: false,
      });
    },
  });
  // Billing APIs charge per request: once a day.
  if (sources.length > 0) {
    await scheduler.scheduleTask({
      id: 'cloud-deployments-actual-costs',
      ...schedule('schedule', {
        frequency: { hours: 24 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 2 },
      }),
      scope: 'global',
      fn: async signal => {
        await collector.collect(signal as AbortSignal | undefined);
      },
    });
  }
  logger.info(
    `Actual costs: ${
      sources.length
        ? sources.map(s => `${s.title} (${s.providers.join(', ')})`).join('; ')
        : 'no billing source configured'
    }; sandbox usage and Kubernetes allocation from running time`,
  );
  return collector;
}
