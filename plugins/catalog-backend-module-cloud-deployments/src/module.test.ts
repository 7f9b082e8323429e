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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleCloudDeployments } from './module';
import { CloudDeploymentEntitiesProcessor } from './processor/CloudDeploymentEntitiesProcessor';
import { WellFormedTextProcessor } from './processor/WellFormedTextProcessor';
import { CloudDeploymentEntityProvider } from './provider/CloudDeploymentEntityProvider';

async function start(config: object) {
  const extensionPoint = {
    addProcessor: jest.fn(),
    addEntityProvider: jest.fn(),
    addPlaceholderResolver: jest.fn(),
    setOnProcessingErrorHandler: jest.fn(),
  };
  const scheduler = mockServices.scheduler.mock({
    createScheduledTaskRunner: jest.fn(() => ({ run: jest.fn() })),
  });
  await startTestBackend({
    extensionPoints: [[catalogProcessingExtensionPoint, extensionPoint]],
    features: [
      catalogModuleCloudDeployments,
      scheduler.factory,
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, ...config },
      }),
    ],
  });
  return { extensionPoint, scheduler };
}

describe('catalogModuleCloudDeployments', () => {
  it('registers the text guard, the kind processor and one entity provider', async () => {
    const { extensionPoint } = await start({});
    expect(extensionPoint.addProcessor).toHaveBeenCalledTimes(1);
    const processors = extensionPoint.addProcessor.mock.calls[0];
    expect(processors).toHaveLength(2);
    expect(processors[0]).toBeInstanceOf(WellFormedTextProcessor);
    expect(processors[1]).toBeInstanceOf(CloudDeploymentEntitiesProcessor);
    expect(extensionPoint.addEntityProvider).toHaveBeenCalledTimes(1);
    const [provider] = extensionPoint.addEntityProvider.mock.calls[0];
    expect(provider).toBeInstanceOf(CloudDeploymentEntityProvider);
    expect(provider.getProviderName()).toBe('cloud-deployments');
  });

  it('refreshes every 30 minutes unless configured otherwise', async () => {
    const { scheduler } = await start({});
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 15 },
    });
  });

  it('reads the refresh schedule from config', async () => {
    const { scheduler } = await start({
      catalog: {
        providers: {
          cloudDeployments: {
            schedule: {
              frequency: { minutes: 5 },
              timeout: { minutes: 2 },
              initialDelay: { seconds: 5 },
            },
          },
        },
      },
    });
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 5 },
    });
  });

  it('refuses an invalid schedule', async () => {
    await expect(
      start({
        catalog: {
          providers: { cloudDeployments: { schedule: { frequency: 'often' } } },
        },
      }),
    ).rejects.toThrow(/frequency/);
  });
});

describe('catalogModuleCloudDeployments config', () => {
  it('refuses to start on config with ill-formed text, naming the key', async () => {
    await expect(
      start({
        catalog: {
          providers: {
            cloudDeployments: { schedule: { frequency: { cron: '* \ud800' } } },
          },
        },
      }),
    ).rejects.toThrow(
      'Invalid config catalog.providers.cloudDeployments.schedule.frequency.cron: must be well-formed Unicode',
    );
  });
});
