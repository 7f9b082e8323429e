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
import { readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  PRICE_KEYS,
  PriceSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { DatabasePriceCache } from './DatabasePriceCache';
import { EstimationService } from './EstimationService';
import { KubernetesNodeType } from './estimators/types';
import { PriceCatalog } from './PriceCatalog';
import { PriceRefresher } from './PriceRefresher';
import { loadSnapshot } from './snapshot/loadSnapshot';

const HOUR = 3_600_000;
const nodeServices = {
  aws: PRICE_KEYS.aws.ec2,
  gcp: PRICE_KEYS.gcp.computeEngine,
  azure: PRICE_KEYS.azure.virtualMachines,
} as const;

/**
 * Builds the pricing of the plugin from config: the catalogue (snapshot, then
 * the database cache), the estimator, and — when live sources are installed —
 * the scheduled refresh, once across replicas, and a reload of the cache on
 * every replica.
 */
export async function createPricing(options: {
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  knex: Knex;
  sources: PriceSource[];
}): Promise<{ estimates: EstimationService; refresher: PriceRefresher }> {
  const { config, logger, scheduler, knex, sources } = options;
  const pricingConfig = config.getOptionalConfig('cloudDeployments.pricing');

  const ttlMs = pricingConfig?.has('cacheTtl')
    ? durationToMilliseconds(
        readDurationFromConfig(pricingConfig, { key: 'cacheTtl' }),
      )
    : 24 * HOUR;
  if (ttlMs < HOUR || ttlMs > 7 * 24 * HOUR) {
    throw new InputError(
      'cloudDeployments.pricing.cacheTtl must be between 1 hour and 7 days',
    );
  }

  const nodeConfig = pricingConfig?.getOptionalConfig('kubernetesNode');
  let kubernetesNode: Partial<KubernetesNodeType> | undefined;
  if (nodeConfig) {
    const provider = nodeConfig.getString(
      'provider',
    ) as keyof typeof nodeServices;
    if (!(provider in nodeServices)) {
      throw new InputError(
        'cloudDeployments.pricing.kubernetesNode.provider must be one of aws, gcp, azure',
      );
    }
    kubernetesNode = {
      provider,
      service: nodeServices[provider],
      region: nodeConfig.getString('region'),
      instanceType: nodeConfig.getString('instanceType'),
      vcpu: nodeConfig.getOptionalNumber('vcpu'),
      memoryGiB: nodeConfig.getOptionalNumber('memoryGiB'),
    };
  }

  const catalog = PriceCatalog.fromSnapshot(loadSnapshot());
  const estimates = new EstimationService({
    catalog,
    usage: {
      hoursPerMonth: pricingConfig?.getOptionalNumber('hoursPerMonth') ?? 730,
    },
    kubernetesNode,
  });
  const cache = new DatabasePriceCache(knex);
  const refresher = new PriceRefresher({
    sources,
    cache,
    catalog,
    logger,
    ttlMs,
  });
  // Another replica, or an earlier run, may have fetched prices already.
  await refresher.reload();

  if (sources.length > 0) {
    const schedule = pricingConfig?.has('refresh')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          pricingConfig.getConfig('refresh'),
        )
      : {
          frequency: { hours: 12 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 1 },
        };
    await scheduler.scheduleTask({
      id: 'cloud-deployments-price-refresh',
      ...schedule,
      scope: 'global',
      fn: async signal => {
        await refresher.refresh(signal as AbortSignal | undefined);
      },
    });
    await scheduler.scheduleTask({
      id: 'cloud-deployments-price-reload',
      frequency: { minutes: 15 },
      timeout: { minutes: 2 },
      initialDelay: { minutes: 15 },
      scope: 'local',
      fn: () => refresher.reload(),
    });
    logger.info(
      `Live prices from ${sources.map(s => s.id).join(', ')}, cached for ${
        ttlMs / HOUR
      } h`,
    );
  } else {
    logger.info(
      `No live price source configured: estimates use the embedded snapshot built ${catalog.snapshotBuiltAt}`,
    );
  }
  return { estimates, refresher };
}
