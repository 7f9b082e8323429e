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
} from '@backstage/backend-plugin-api';
import { UsageMetricsSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { EstimationService } from '../pricing/EstimationService';
import { RecommendationEngine } from './RecommendationEngine';

const BASE = 'cloudDeployments.costs.recommendations';

function wholeDays(config: RootConfigService, key: string, fallback: number) {
  const value = config.getOptionalNumber(`${BASE}.${key}`) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > 90) {
    throw new Error(
      `${BASE}.${key} must be a whole number of days from 1 to 90`,
    );
  }
  return value;
}

/**
 * The recommendations job, once across replicas: every 6 hours by default
 * (metrics APIs charge per request too), from 3 minutes after start.
 */
export async function scheduleRecommendations(options: {
  config: RootConfigService;
  knex: Knex;
  estimates: EstimationService;
  providers: ProviderRegistry;
  metrics: readonly UsageMetricsSource[];
  scheduler: SchedulerService;
  logger: LoggerService;
}): Promise<RecommendationEngine> {
  const { config, scheduler } = options;
  const logger = options.logger.child({ component: 'recommendations' });
  const engine = new RecommendationEngine({
    ...options,
    logger,
    idleDays: wholeDays(config, 'idleDays', 7),
    steadyDays: wholeDays(config, 'steadyDays', 30),
  });
  await scheduler.scheduleTask({
    id: 'cloud-deployments-recommendations',
    ...(config.has(`${BASE}.schedule`)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig(`${BASE}.schedule`),
        )
      : {
          frequency: { hours: 6 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 3 },
        }),
    scope: 'global',
    fn: async signal => {
      await engine.compute(signal as AbortSignal | undefined);
    },
  });
  logger.info(
    `Recommendations: traffic from ${
      options.metrics.length
        ? options.metrics
            .map(m => `${m.title} (${m.providers.join(', ')})`)
            .join('; ')
        : 'no metrics source, so no idle recommendations'
    }`,
  );
  return engine;
}
