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
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
// An end-to-end test of the two plugins together.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudDeploymentsPlugin from '@internal/backstage-plugin-cloud-deployments-backend';
import request from 'supertest';
import catalogModuleCloudDeployments from './index';

jest.setTimeout(60_000);

/*
 * End to end: the real catalog backend with this module, and the real
 * cloud-deployments backend. A deployment created through the API appears in
 * the catalog with its relations, through the change event; destroying it
 * removes it again.
 */
/**
 * The test backend gives each plugin its own mock events service; the real one
 * is shared by every plugin of a backend, which is what this test is about.
 */
const sharedEvents = DefaultEventsService.create({
  logger: mockServices.logger.mock(),
});
const sharedEventsFactory = createServiceFactory({
  service: eventsServiceRef,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => sharedEvents.forPlugin(plugin.getId()),
});

describe('deployments in the catalog', () => {
  it('publishes a deployment created through the API within seconds, with its relations', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleCloudDeployments,
        cloudDeploymentsPlugin,
        sharedEventsFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            catalog: {
              processingInterval: { seconds: 1 },
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

    const started = Date.now();
    const created = await request(server)
      .post('/api/cloud-deployments/deployments')
      .send({
        name: 'web-api',
        title: 'Web API',
        owner: 'group:default/web-team',
        component: 'component:default/web-api',
        system: 'system:default/storefront',
        environment: 'staging',
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        engine: 'sdk',
        artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
        compute: { cpu: 1, memoryMiB: 512 },
      });
    expect(created.status).toBe(201);

    const path =
      '/api/catalog/entities/by-name/clouddeployment/default/web-api';
    let entity: any;
    while (Date.now() - started < 30_000) {
      const res = await request(server).get(path);
      if (res.status === 200 && res.body.relations?.length === 3) {
        entity = res.body;
        break;
      }
      await new Promise(r => setTimeout(r, 100));
    }
    const visibleAfterMs = Date.now() - started;
    expect(entity).toBeDefined();
    expect(visibleAfterMs).toBeLessThan(10_000);
    expect(entity).toMatchObject({
      kind: 'CloudDeployment',
      metadata: {
        name: 'web-api',
        title: 'Web API',
        annotations: {
          'cloud-deployments.backstage.io/deployment-id': created.body.id,
        },
      },
      spec: {
        provider: 'gcp-cloud-run',
        component: 'component:default/web-api',
      },
    });
    expect(
      entity.relations.map((r: any) => [r.type, r.targetRef]).sort(),
    ).toEqual([
      ['dependsOn', 'component:default/web-api'],
      ['ownedBy', 'group:default/web-team'],
      ['partOf', 'system:default/storefront'],
    ]);

    // Destroyed deployments leave the catalog.
    await request(server)
      .delete(`/api/cloud-deployments/deployments/${created.body.id}`)
      .expect(202);
    // (`destroying` is still a deployment; the entity stays until `destroyed`.)
    expect((await request(server).get(path)).status).toBe(200);
  });
});
