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
import { LoggerService } from '@backstage/backend-plugin-api';
import { ENGINE_ACTOR } from '../jobs/deploymentTaskTerms';
import { DrStore } from './DrStore';

/** How many standbys one pass queues at most; the next pass takes the rest. */
const BATCH = 200;

/**
 * Queues a sync for every standby behind its primary's latest revision (or
 * never synced) whose deployment is active with nothing in flight, so that
 * the standby follows each new revision within a pass of it being applied.
 * Returns how many it queued.
 */
export async function syncStandbys(options: {
  dr: DrStore;
  maxAttempts: number;
  logger: LoggerService;
}): Promise<number> {
  const { dr, maxAttempts, logger } = options;
  let queued = 0;
  for (const behind of await dr.behind(BATCH)) {
    try {
      const ok = await dr.queueSyncIfIdle(behind.deploymentId, {
        kind: 'dr-sync',
        provider: behind.provider,
        requestedBy: ENGINE_ACTOR.ref,
        maxAttempts,
      });
      if (ok) queued += 1;
    } catch (error) {
      logger.warn(
        `Could not queue the DR sync of deployment ${behind.deploymentId}: ${error}`,
      );
    }
  }
  if (queued) logger.info(`Queued ${queued} DR standby syncs`);
  return queued;
}
