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
import { mockServices } from '@backstage/backend-test-utils';
import {
  CostEstimate,
  EstimateLine,
  totalOfLines,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const actor = { ref: 'user:default/admin' };

const line = (over: Partial<EstimateLine>): EstimateLine => ({
  description: 'CPU',
  quantity: 100,
  unit: 'hour',
  unitPrice: 0.1,
  monthlyCost: 10,
  sku: 'cpu',
  region: 'europe-west1',
  kind: 'exact',
  ...over,
});
const missing = line({ unitPrice: null, monthlyCost: null, kind: 'missing' });
const estimateOf = (lines: EstimateLine[]): CostEstimate => ({
  currency: 'USD',
  ...totalOfLines(lines),
  lines,
  assumptions: {},
  warnings: [],
  estimatedAt: '2026-12-05T00:00:00.000Z',
});

describe.each(databases.eachSupportedId())('summary on %p', databaseId => {
  it('adds up only what bills, and says what it leaves out', async () => {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      tasks: TaskQueue,
    });
    const make = async (
      name: string,
      status: string,
      estimate?: CostEstimate,
    ) => {
      const d = await store.createDeployment(
        { ...toNewDeployment({ ...cloudRunRequest, name }), estimate },
        actor,
      );
      await knex('deployments').where({ id: d.id }).update({ status });
    };
    await make('exact', 'active', estimateOf([line({})]));
    await make(
      'borrowed',
      'updating',
      estimateOf([
        line({
          kind: 'approximate',
          region: 'us-central1',
          approximation: { requestedRegion: 'europe-west1', reason: 'r' },
        }),
      ]),
    );
    await make('partly', 'active', estimateOf([line({}), missing]));
    await make('unpriced', 'active', estimateOf([missing]));
    await make('no-estimate', 'provisioning');
    await make('failed', 'failed', estimateOf([line({ monthlyCost: 1000 })]));
    await make('gone', 'destroyed', estimateOf([line({})]));
    await make('waiting', 'pending', estimateOf([line({})]));

    const summary = await store.summarizeDeployments({});
    // Destroyed deployments are not listed by default, so not counted.
    expect(summary).toEqual({
      count: 7,
      billingCount: 5,
      currency: 'USD',
      // exact 10 + borrowed 10 + the priced line of partly 10.
      monthlyCost: 30,
      totalKind: 'partial',
      leftOut: {
        notBilling: 2,
        withoutEstimate: 1,
        partlyPriced: 1,
        unpriced: 1,
        approximate: 1,
      },
      byProvider: [
        {
          provider: 'gcp-cloud-run',
          count: 7,
          billingCount: 5,
          monthlyCost: 30,
          totalKind: 'partial',
        },
      ],
    });

    // Exact and approximate only: approximate, and no figure passes for more.
    await knex('deployments')
      .whereIn('name', ['partly', 'unpriced', 'no-estimate'])
      .update({ status: 'failed' });
    const sure = await store.summarizeDeployments({});
    expect(sure).toMatchObject({
      billingCount: 2,
      monthlyCost: 20,
      totalKind: 'approximate',
    });
  });
});
