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
import { CapacityAdvice } from './capacityAdvice';
import {
  LifecycleService,
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentNotifier } from '../notifications/DeploymentNotifier';
import { TtlNoticeScan } from '../notifications/TtlNoticeScan';
import { Reconciler } from '../reconcile/Reconciler';
import { TerraformEngine } from '../terraform/TerraformEngine';
import { DeploymentTaskHandler } from './DeploymentTaskHandler';
import { ProviderRegistry } from './ProviderRegistry';
import { JobsConfig, readJobsConfig } from './readJobsConfig';
import { TaskQueue } from './TaskQueue';
import { TaskWorker } from './TaskWorker';
import { DrStore } from '../dr/DrStore';
import { DrTaskHandler } from '../dr/DrTaskHandler';
import { routeTasks } from './routeTasks';
import { syncStandbys } from '../dr/syncStandbys';

// Every 60 s: drift is found, and an expired TTL acts, within a minute. A
// pass over 1,000 deployments takes well under a second (bench:reconcile);
// the price is provider calls, twelve times an hour more than every 5 min.
const DEFAULT_RECONCILE_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 60 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 60 },
};

// The nearest TTL notice comes 30 minutes ahead: a scan every 5 minutes
// sends it at least 25 minutes before the deployment is destroyed.
const TTL_NOTICE_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 5 },
  initialDelay: { minutes: 1 },
};

/**
 * Starts this replica's worker on the job queue (unless disabled) and
 * schedules reconciliation and the TTL notices; the worker stops, giving its running tasks back,
 * when the backend shuts down.
 */
export async function startJobs(options: {
  config: Config;
  store: DeploymentStore;
  knex: Knex;
  providers: ProviderRegistry;
  logger: LoggerService;
  lifecycle: LifecycleService;
  scheduler: SchedulerService;
  terraform?: TerraformEngine;
  notifier: DeploymentNotifier;
  /** Names an equivalent type in the reason of a failure for want of capacity. */
  capacityAdvice?: CapacityAdvice;
}): Promise<{ config: JobsConfig; notify: () => void; worker?: TaskWorker }> {
  const {
    config,
    store,
    knex,
    providers,
    logger,
    lifecycle,
    scheduler,
    notifier,
  } = options;
  const jobs = readJobsConfig(config);
  const drStore = new DrStore({ db: knex, tasks: TaskQueue });
  const dr = new DrTaskHandler({
    store,
    dr: drStore,
    providers,
    logger: logger.child({ component: 'dr' }),
    pollIntervalMs: jobs.pollIntervalMs,
    timeoutMs: jobs.provisionTimeoutMs,
  });
  const deploymentHandler = new DeploymentTaskHandler({
    store,
    providers,
    logger,
    pollIntervalMs: jobs.pollIntervalMs,
    provisionTimeoutMs: jobs.provisionTimeoutMs,
    destroyTimeoutMs: jobs.destroyTimeoutMs,
    terraform: options.terraform,
    notifier,
    standbys: dr,
    capacityAdvice: options.capacityAdvice,
  });
  const handler = routeTasks({ deployment: deploymentHandler, dr });

  let worker: TaskWorker | undefined;
  if (jobs.enabled) {
    worker = new TaskWorker({
      queue: new TaskQueue(knex),
      handler: handler.handle,
      errors: handler.errors,
      logger: logger.child({ component: 'task-worker' }),
      concurrency: jobs.concurrency,
      providerConcurrency: jobs.providerConcurrency,
      leaseMs: jobs.leaseMs,
      idlePollMs: jobs.idlePollMs,
      backoffMs: jobs.backoffMs,
      maxBackoffMs: jobs.maxBackoffMs,
    });
    lifecycle.addStartupHook(() => worker!.start());
    lifecycle.addShutdownHook(() => worker!.stop());
    const list = providers.list();
    logger.info(
      `Worker ${worker.id} provisions through ${
        list.length
          ? list.map(p => `${p.id}${p.sandbox ? ' (sandbox)' : ''}`).join(', ')
          : 'no providers (install a provider module)'
      }`,
    );
  }
  const notify = () => worker?.notify();

  const reconcileConfig = config.getOptionalConfig(
    'cloudDeployments.reconciliation',
  );
  const reconciler = new Reconciler({
    store,
    providers,
    logger: logger.child({ component: 'reconciler' }),
    concurrency: reconcileConfig?.getOptionalNumber('concurrency') ?? 32,
    maxAttempts: jobs.maxAttempts,
    onTaskQueued: notify,
    notifier,
  });
  await scheduler.scheduleTask({
    id: 'cloud-deployments-reconcile',
    scope: 'global',
    ...(reconcileConfig?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          reconcileConfig.getConfig('schedule'),
        )
      : DEFAULT_RECONCILE_SCHEDULE),
    fn: async signal => {
      await reconciler.reconcile(signal as AbortSignal | undefined);
    },
  });

  const ttlNotices = new TtlNoticeScan({
    store,
    knex,
    notifier,
    logger: logger.child({ component: 'ttl-notices' }),
  });
  await scheduler.scheduleTask({
    id: 'cloud-deployments-ttl-notices',
    scope: 'global',
    ...TTL_NOTICE_SCHEDULE,
    fn: async signal => {
      await ttlNotices.scan(new Date(), signal as AbortSignal | undefined);
    },
  });

  // Standbys follow their primary's revisions: on the reconciliation's
  // schedule, so a new revision reaches the standby within a pass.
  await scheduler.scheduleTask({
    id: 'cloud-deployments-dr-sync',
    scope: 'global',
    ...(reconcileConfig?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          reconcileConfig.getConfig('schedule'),
        )
      : DEFAULT_RECONCILE_SCHEDULE),
    fn: async () => {
      if (
        await syncStandbys({
          dr: drStore,
          maxAttempts: jobs.maxAttempts,
          logger: logger.child({ component: 'dr' }),
        })
      ) {
        notify();
      }
    },
  });

  return { config: jobs, notify, worker };
}
