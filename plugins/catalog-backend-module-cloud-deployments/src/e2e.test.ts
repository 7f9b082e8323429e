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
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// An end-to-end test of the two plugins together.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import request from 'supertest';
import {
  createTestDatabases,
  perPluginDatabaseFactory,
} from './__testUtils__/databases';
import {
  cloudRunRequest,
  entityPath,
  pollUntil,
  portalConfig,
} from './__testUtils__/portal';
import catalogModuleCloudDeployments from './index';

/*
 * End to end: the real catalog backend with this module, and the real
 * cloud-deployments backend, each on its own database. A deployment created
 * through the API appears in the catalog with its relations, through the
 * change event or through the full refresh.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();

const config = portalConfig();

const relationsOf = (entity: any) =>
  entity.relations.map((r: any) => [r.type, r.targetRef]).sort();

describe.each(databases.eachSupportedId())('on %s', databaseId => {
  it('publishes a deployment created through the API within seconds, with its relations, and withdraws it once destroyed', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleCloudDeployments,
        cloudDeploymentsPlugin,
        gcpModule,
        sandboxes,
        // The real events service: one bus shared by every plugin (the test
        // backend's default mock gives each plugin a bus of its own).
        eventsServiceFactory,
        perPluginDatabaseFactory(databases, databaseId),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });

    const started = Date.now();
    const created = await request(server)
      .post('/api/cloud-deployments/deployments')
      .send(cloudRunRequest);
    expect(created.status).toBe(202);

    const found = await pollUntil(
      server,
      entityPath('web-api'),
      res => res.status === 200 && res.body.relations?.length === 3,
    );
    const visibleAfterMs = Date.now() - started;
    expect(found).toBeDefined();
    // The full refresh waits 15 s before its first run: only the event is this fast.
    expect(visibleAfterMs).toBeLessThan(10_000);

    const entity = found!.body;
    expect(entity).toMatchObject({
      apiVersion: 'cloud-deployments.backstage.io/v1alpha1',
      kind: 'CloudDeployment',
      metadata: {
        name: 'web-api',
        namespace: 'staging',
        title: 'Web API',
        annotations: {
          'backstage.io/managed-by-location': `cloud-deployments:${created.body.id}`,
          'backstage.io/managed-by-origin-location': `cloud-deployments:${created.body.id}`,
          'cloud-deployments.backstage.io/deployment-id': created.body.id,
        },
        tags: ['gcp-cloud-run', 'staging'],
        links: [
          {
            url: `http://localhost:3000/cloud-deployments/deployments/${created.body.id}`,
            title: 'Deployment page',
          },
        ],
      },
    });
    expect(entity.spec).toEqual(created.body.spec);
    expect(relationsOf(entity)).toEqual([
      ['dependsOn', 'component:default/web-api'],
      ['ownedBy', 'group:default/web-team'],
      ['partOf', 'system:default/storefront'],
    ]);

    // Provisioned in the sandbox, it stays; so it does while destroying.
    const deploymentPath = `/api/cloud-deployments/deployments/${created.body.id}`;
    const active = await pollUntil(
      server,
      deploymentPath,
      res => res.body.status === 'active',
    );
    expect(active?.body.endpoint).toBeDefined();
    const destroying = await request(server).delete(deploymentPath).expect(202);
    expect(destroying.body.status).toBe('destroying');
    expect((await request(server).get(entityPath('web-api'))).status).toBe(200);

    // Destroyed by the worker, it leaves the catalog.
    expect(
      await pollUntil(
        server,
        deploymentPath,
        res => res.body.status === 'destroyed',
      ),
    ).toBeDefined();
    expect(
      await pollUntil(
        server,
        entityPath('web-api'),
        res => res.status === 404,
        10_000,
      ),
    ).toBeDefined();
  });

  it('publishes every deployment on the full refresh, without events', async () => {
    let scheduler: SchedulerService | undefined;
    const probe = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'e2e-probe',
      register(reg) {
        reg.registerInit({
          deps: { scheduler: coreServices.scheduler },
          async init(deps) {
            scheduler = deps.scheduler;
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleCloudDeployments,
        cloudDeploymentsPlugin,
        gcpModule,
        sandboxes,
        probe,
        // The test backend's default events service gives each plugin a bus of
        // its own: no change event reaches the catalog, only the refresh can.
        perPluginDatabaseFactory(databases, databaseId),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });

    const names = ['web-api', 'web-worker', 'web-batch'];
    for (const name of names) {
      await request(server)
        .post('/api/cloud-deployments/deployments')
        .send({ ...cloudRunRequest, name })
        .expect(202);
    }
    // The same name in another environment: another entity, in its namespace.
    await request(server)
      .post('/api/cloud-deployments/deployments')
      .send({ ...cloudRunRequest, environment: 'production' })
      .expect(202);
    expect((await request(server).get(entityPath('web-api'))).status).toBe(404);

    // Through the REST API of the real backend, with a service token.
    // (The test backend's scheduler runs the task to its end.)
    await scheduler!.triggerTask('cloud-deployments:refresh');

    for (const name of names) {
      const found = await pollUntil(
        server,
        entityPath(name),
        res => res.status === 200 && res.body.relations?.length === 3,
      );
      expect(found?.body.metadata.name).toBe(name);
    }
    const production = await pollUntil(
      server,
      entityPath('web-api', 'production'),
      res => res.status === 200 && res.body.relations?.length === 3,
    );
    expect(production?.body.metadata).toMatchObject({
      name: 'web-api',
      namespace: 'production',
      tags: ['gcp-cloud-run', 'production'],
    });
  });
});
