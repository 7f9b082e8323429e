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
import awsModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsPricingExtensionPoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, sagemakerRequest } from '../__testUtils__/fixtures';
import { cloudDeploymentsPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

const livePoint: PricePoint = {
  provider: 'aws',
  service: 'AmazonSageMaker',
  region: 'eu-west-1',
  sku: 'ml.m5.large',
  unit: 'hour',
  usd: 0.129,
  effectiveDate: '2026-11-20',
  source: 'live',
  origin: 'AWS Pricing API',
};

/** A module adding a price source that answers with one fixed price. */
const fixedPriceSourceModule = createBackendModule({
  pluginId: 'cloud-deployments',
  moduleId: 'fixed-prices',
  register(reg) {
    reg.registerInit({
      deps: { pricing: cloudDeploymentsPricingExtensionPoint },
      async init({ pricing }) {
        pricing.addPriceSource({
          id: 'fixed',
          provider: 'aws',
          regions: ['eu-west-1'],
          async fetchPrices() {
            return [livePoint];
          },
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())('pricing API on %p', databaseId => {
  async function start(features: any[] = []) {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        ...features,
      ],
    });
    return { server, knex };
  }

  it('estimates a spec from the snapshot, with its lines and sources', async () => {
    const { server } = await start();
    const res = await request(server)
      .post(`${base}/estimates`)
      .send({
        provider: 'aws-sagemaker',
        region: 'us-east-1',
        compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      currency: 'USD',
      monthlyTotal: 167.9,
      complete: true,
      lines: [
        {
          unitPrice: 0.115,
          quantity: 1460,
          source: 'snapshot',
          effectiveDate: '2026-07-30',
        },
      ],
    });
  });

  it('takes the usage to assume from the request and labels the defaults', async () => {
    const { server } = await start();
    const run = await request(server)
      .post(`${base}/estimates`)
      .send({
        provider: 'gcp-cloud-run',
        region: 'us-central1',
        compute: { cpu: 1, memoryMiB: 512, concurrency: 20 },
        usage: { requestsPerMonth: 3_000_000, avgRequestDurationMs: 400 },
      });
    expect(run.status).toBe(200);
    expect(run.body.assumptions).toMatchObject({
      requestsPerMonth: 3_000_000,
      avgRequestDurationMs: 400,
      concurrency: 20,
      defaults:
        'billing, minInstances, maxInstances, hoursPerMonth, freeTierApplied',
    });
    const aci = await request(server)
      .post(`${base}/estimates`)
      .send({
        provider: 'azure-container-instances',
        region: 'eastus',
        compute: { cpu: 1, memoryMiB: 1536 },
        usage: { hoursPerMonth: 100 },
      });
    expect(aci.status).toBe(200);
    // 100 h × (0.0405 + 1.5 × 0.00445) = 4.72
    expect(aci.body.monthlyTotal).toBe(4.72);
    expect(aci.body.assumptions).toMatchObject({
      hoursPerMonth: 100,
      defaults: 'containerGroups, os',
    });
  });

  it('answers 400 to a spec it cannot price, naming the field', async () => {
    const { server } = await start();
    for (const [body, message] of [
      [
        {
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          compute: { instanceType: 'ml.nope.large' },
        },
        'compute.instanceType: "ml.nope.large" is not a SageMaker hosting instance type',
      ],
      [
        {
          provider: 'gcp-cloud-run',
          region: 'europe-west1',
          compute: { cpu: -1, memoryMiB: 512 },
        },
        'compute.cpu: must be greater than 0',
      ],
      [
        {
          provider: 'gcp-cloud-run',
          region: 'europe-west1',
          compute: { cpu: 1, memoryMiB: 512 },
          usage: { billing: 'free' },
        },
        'usage.billing: must be one of request, instance',
      ],
      [
        {
          provider: 'azure-container-instances',
          region: 'moon',
          compute: { cpu: 1, memoryMiB: 512 },
        },
        'region: "moon" is not a azure-container-instances region',
      ],
      [
        {
          provider: 'gcp-cloud-run',
          region: 'mars-west1',
          compute: { cpu: 1, memoryMiB: 512 },
        },
        'region: "mars-west1" is not a Cloud Run region',
      ],
      [
        // Compute Engine has prices there; Google's Cloud Run list (as
        // shipped) does not have the region: refused, whatever the prices.
        {
          provider: 'gcp-cloud-run',
          region: 'europe-north2',
          compute: { cpu: 1, memoryMiB: 512 },
        },
        'region: "europe-north2" is not a Cloud Run region',
      ],
    ] as const) {
      const res = await request(server).post(`${base}/estimates`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });

  it('accepts a real region the price data lacks, saying whose price it used', async () => {
    const { server } = await start();
    // The snapshot has Container Instances prices for eastus, not japaneast.
    const res = await request(server)
      .post(`${base}/estimates`)
      .send({
        provider: 'azure-container-instances',
        region: 'japaneast',
        compute: { cpu: 1, memoryMiB: 1536 },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      totalKind: 'approximate',
      complete: false,
      approximateFrom: ['eastus'],
    });
    for (const line of res.body.lines) {
      expect(line).toMatchObject({
        kind: 'approximate',
        approximation: { requestedRegion: 'japaneast' },
      });
    }
  });

  it('prices a plan and refuses what is not one', async () => {
    const { server } = await start();
    const plan = {
      resource_changes: [
        {
          address: 'aws_instance.a',
          type: 'aws_instance',
          change: {
            actions: ['create'],
            before: null,
            after: { instance_type: 'm5.large' },
          },
        },
      ],
    };
    const res = await request(server)
      .post(`${base}/estimates/plan`)
      .send({ plan, awsRegion: 'us-east-1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      monthlyBefore: 0,
      monthlyAfter: 70.08,
      monthlyDelta: 70.08,
    });

    const bad = await request(server)
      .post(`${base}/estimates/plan`)
      .send({ plan: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('plan: must be the JSON of');
  });

  it('answers 400 naming the field to a plan of the wrong shape, never 500', async () => {
    const { server } = await start();
    const cases: Array<[unknown[], string]> = [
      [[null], 'plan.resource_changes[0]: must be an object'],
      [[1], 'plan.resource_changes[0]: must be an object'],
      [
        [{}],
        'plan.resource_changes[0].address: is required; plan.resource_changes[0].type: is required',
      ],
      [
        [{ type: 1, address: 'a' }],
        'plan.resource_changes[0].type: must be a string',
      ],
    ];
    for (const [resourceChanges, message] of cases) {
      const res = await request(server)
        .post(`${base}/estimates/plan`)
        .send({ plan: { resource_changes: resourceChanges } });
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message: `Invalid plan: ${message}`,
      });
    }
  });

  it('keeps the estimate of each deployment, and refuses one it cannot price', async () => {
    // The providers in sandbox mode; no worker moves deployments on.
    const { server, knex } = await start([
      awsModule,
      gcpModule,
      sandboxes,
      mockServices.rootConfig.factory({
        data: { cloudDeployments: { jobs: { enabled: false } } },
      }),
    ]);
    const created = await request(server)
      .post(`${base}/deployments`)
      .send(sagemakerRequest);
    expect(created.status).toBe(202);
    expect(created.body.estimate).toMatchObject({
      monthlyTotal: 83.95,
      complete: true,
    });
    const patched = await request(server)
      .patch(`${base}/deployments/${created.body.id}`)
      .send({
        version: 1,
        compute: { instanceType: 'ml.m5.large', instanceCount: 3 },
      });
    expect(patched.body.estimate.monthlyTotal).toBe(251.85);
    expect(
      (await knex('deployments').where({ id: created.body.id }).first())
        .estimated_monthly_cost,
    ).toBe(251.85);

    // The usage it assumes is kept with the spec and priced with it.
    const halfTime = await request(server)
      .patch(`${base}/deployments/${created.body.id}`)
      .send({ version: 2, usage: { hoursPerMonth: 365 } });
    expect(halfTime.body.spec.usage).toEqual({ hoursPerMonth: 365 });
    expect(halfTime.body.estimate.assumptions.hoursPerMonth).toBe(365);
    expect(halfTime.body.estimate.monthlyTotal).toBeCloseTo(125.93, 1);
    const defaults = await request(server)
      .patch(`${base}/deployments/${created.body.id}`)
      .send({ version: 3, usage: {} });
    expect(defaults.body.estimate.monthlyTotal).toBe(251.85);
    const badUsage = await request(server)
      .patch(`${base}/deployments/${created.body.id}`)
      .send({ version: 4, usage: { hoursPerMonth: 'all' } });
    expect(badUsage.status).toBe(400);
    expect(badUsage.body.error.message).toMatch(/usage\.hoursPerMonth/);

    const refused = await request(server)
      .post(`${base}/deployments`)
      .send({
        ...cloudRunRequest,
        engine: 'sdk',
        name: 'too-big',
        compute: { cpu: 64, memoryMiB: 512 },
      });
    // The estimator knows Cloud Run has no 64-vCPU instances.
    expect(refused.body.error.message).toMatch(/cpu/);
    expect(refused.status).toBe(400);
    const nowhere = await request(server)
      .post(`${base}/deployments`)
      .send({ ...cloudRunRequest, engine: 'sdk', region: 'mars-west1' });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.message).toContain(
      'region: "mars-west1" is not a Cloud Run region',
    );
    expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(1);
  });

  it('refreshes live prices through the scheduler into the cache and the estimates', async () => {
    const { server, knex } = await start([
      fixedPriceSourceModule,
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ]);
    // The mock scheduler runs the refresh task on start-up; wait for its result.
    for (let i = 0; i < 50; i++) {
      if (Number((await knex('prices').count({ n: '*' }))[0].n) > 0) break;
      await new Promise(r => setTimeout(r, 100));
    }
    const prices = await request(server).get(
      `${base}/prices?provider=aws&region=eu-west-1&sku=ml.m5.large`,
    );
    expect(prices.body.items).toEqual([livePoint]);

    const estimate = await request(server)
      .post(`${base}/estimates`)
      .send({
        provider: 'aws-sagemaker',
        region: 'eu-west-1',
        compute: { instanceType: 'ml.m5.large' },
      });
    expect(estimate.body.lines[0]).toMatchObject({
      unitPrice: 0.129,
      source: 'live',
      region: 'eu-west-1',
    });
    expect(estimate.body.lines[0].note).toBeUndefined();
  });
});
