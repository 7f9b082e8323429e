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
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// An end-to-end test of the two plugins together.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  keptPerPluginDatabaseFactory,
} from './__testUtils__/databases';
import {
  cloudRunRequest,
  entityPath,
  pollUntil,
  portalConfig,
} from './__testUtils__/portal';
import catalogModuleCloudDeployments from './index';

/*
 * The request that used to stop the whole portal: an owner (or system) with
 * an unpaired UTF-16 surrogate, answered 202, published to the catalog, whose
 * stitcher (on SQLite) could then never finish the ref and spun without
 * pause, so no route answered again, not even after a restart. Here with the
 * real catalog backend, this module and the real cloud-deployments backend,
 * on both databases: the request gets a 400 and the portal goes on; and a
 * portal whose databases an earlier version poisoned recovers on start.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();

const config = portalConfig({
  providers: {
    cloudDeployments: {
      schedule: {
        frequency: { seconds: 2 },
        timeout: { seconds: 30 },
        initialDelay: { seconds: 1 },
      },
    },
  },
});

type Server = Parameters<typeof request>[0];

/** The portal answers and its catalog still stitches: a new deployment shows up with its relations. */
async function expectPortalAnswers(server: Server, name: string) {
  const created = await request(server)
    .post('/api/cloud-deployments/deployments')
    .send({ ...cloudRunRequest, name });
  expect(created.status).toBe(202);
  const found = await pollUntil(
    server,
    entityPath(name),
    res => res.status === 200 && res.body.relations?.length === 3,
  );
  expect(found?.body.relations).toHaveLength(3);
  expect(
    (await request(server).get('/api/catalog/entities?limit=1')).status,
  ).toBe(200);
}

function features(
  databaseId: Parameters<typeof databases.init>[0],
  kept: Map<string, Knex>,
) {
  return [
    catalogPlugin,
    catalogModuleCloudDeployments,
    cloudDeploymentsPlugin,
    gcpModule,
    sandboxes,
    eventsServiceFactory,
    keptPerPluginDatabaseFactory(databases, databaseId, kept),
    mockServices.rootConfig.factory({ data: config }),
  ];
}

describe.each(databases.eachSupportedId())('on %s', databaseId => {
  it('refuses an owner or system with ill-formed Unicode with a 400 naming it, and the portal goes on', async () => {
    const kept = new Map<string, Knex>();
    const backend = await startTestBackend({
      features: features(databaseId, kept),
    });
    const { server } = backend;

    const hostile = await request(server)
      .post('/api/cloud-deployments/deployments')
      .set('Content-Type', 'application/json')
      // The JSON text escapes the surrogate, as an attacker's client sends it.
      .send(
        JSON.stringify({ ...cloudRunRequest, name: 'evil' }).replace(
          'web-team',
          'a\\ud800b',
        ),
      );
    expect(hostile.status).toBe(400);
    expect(hostile.body.error.message).toBe(
      'body.owner: must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
    );

    const created = await request(server)
      .post('/api/cloud-deployments/deployments')
      .send(cloudRunRequest)
      .expect(202);
    const path = `/api/cloud-deployments/deployments/${created.body.id}`;
    for (const field of ['owner', 'system']) {
      const patch = await request(server)
        .patch(path)
        .set('Content-Type', 'application/json')
        .send(`{"version":1,"${field}":"group:default/a\\udfffb"}`);
      expect(patch.status).toBe(400);
      expect(patch.body.error.message).toBe(
        `body.${field}: must be well-formed Unicode (it has an unpaired UTF-16 surrogate)`,
      );
    }
    // A NUL, and an owner that is not a user or group, are refused by the schema.
    const nul = await request(server)
      .post('/api/cloud-deployments/deployments')
      .send({
        ...cloudRunRequest,
        name: 'evil',
        owner: 'group:default/a\u0000b',
      });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toContain(
      'body.owner: must not contain NUL',
    );
    const component = await request(server)
      .post('/api/cloud-deployments/deployments')
      .send({
        ...cloudRunRequest,
        name: 'evil',
        owner: 'component:default/web',
      });
    expect(component.body.error.message).toBe(
      'Invalid deployment: owner: must refer to a group or user, like "group:default/name"',
    );

    const list = await request(server).get(
      '/api/cloud-deployments/deployments',
    );
    expect(list.body.items.map((d: any) => d.name)).toEqual(['web-api']);
    await expectPortalAnswers(server, 'web-api-2');
    await backend.stop();
  });

  it('recovers on start from rows an earlier version let in', async () => {
    const kept = new Map<string, Knex>();
    // A first start makes both databases; then what the old version left:
    const first = await startTestBackend({
      features: features(databaseId, kept),
    });
    await first.stop();
    const now = new Date().toISOString();
    // ...a deployment owned by a ref with a lone surrogate,
    const { name: _name, ...spec } = cloudRunRequest;
    const evilId = '6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f70';
    await kept.get('cloud-deployments')!('deployments').insert({
      id: evilId,
      name: 'evil',
      owner: 'group:default/a\ud800b',
      component: spec.component,
      system: spec.system,
      environment: spec.environment,
      provider: spec.provider,
      region: spec.region,
      engine: spec.engine,
      spec: JSON.stringify({ ...spec, owner: 'group:default/a\ud800b' }),
      status: 'active',
      outputs: '{}',
      created_by: 'user:default/mallory',
      created_at: now,
      updated_by: 'user:default/mallory',
      updated_at: now,
      version: 1,
    });
    // ...and that ref waiting in the catalog's stitch queue, where on SQLite
    // it kept the stitcher busy for good.
    await kept.get('catalog')!('stitch_queue').insert({
      entity_ref: 'group:default/a\ud800b',
      stitch_ticket: 'poisoned',
      next_stitch_at: kept.get('catalog')!.fn.now(),
    });

    const second = await startTestBackend({
      features: features(databaseId, kept),
    });
    const { server } = second;
    await expectPortalAnswers(server, 'web-api');

    // The deployment was repaired, its log says so, and it is not published:
    // its owner no longer names an entity that can exist.
    const evil = await request(server).get(
      `/api/cloud-deployments/deployments/${evilId}`,
    );
    expect(evil.body.spec.owner).toMatch(/^group:default\/a\ufffd+b$/);
    const events = await request(server).get(
      `/api/cloud-deployments/deployments/${evilId}/events`,
    );
    expect(events.body.items.map((e: any) => e.message)).toEqual([
      expect.stringMatching(/^Repaired ill-formed text/),
    ]);
    expect((await request(server).get(entityPath('evil'))).status).toBe(404);
    await second.stop();
  });
});
