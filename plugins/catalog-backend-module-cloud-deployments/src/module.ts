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
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { assertWellFormedConfig } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CloudDeploymentEntitiesProcessor } from './processor/CloudDeploymentEntitiesProcessor';
import { WellFormedTextProcessor } from './processor/WellFormedTextProcessor';
import { CloudDeploymentEntityProvider } from './provider/CloudDeploymentEntityProvider';
import { repairStitchQueue } from './repair/repairStitchQueue';

/**
 * The `CloudDeployment` kind in the catalog: its validation and relations, and
 * an entity provider that publishes every deployment the backend stores.
 *
 * @public
 */
export const catalogModuleCloudDeployments = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'cloud-deployments',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        database: coreServices.database,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        database,
        events,
      }) {
        assertWellFormedConfig(config, 'catalog.providers.cloudDeployments');
        // Before the catalog starts: a queue poisoned by an earlier version
        // would keep it from ever answering again.
        await repairStitchQueue(await database.getClient(), logger);
        const scheduleConfig = config.getOptionalConfig(
          'catalog.providers.cloudDeployments.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : {
              frequency: { minutes: 30 },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 15 },
            };
        catalog.addProcessor(
          new WellFormedTextProcessor(),
          new CloudDeploymentEntitiesProcessor(),
        );
        catalog.addEntityProvider(
          new CloudDeploymentEntityProvider({
            discovery,
            auth,
            logger,
            events,
            appBaseUrl: config.getString('app.baseUrl'),
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
