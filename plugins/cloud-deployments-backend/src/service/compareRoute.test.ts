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
import azureModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import kubernetesModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CompareResult } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudDeploymentsPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const path = '/api/cloud-deployments/estimates/compare';

const workload = { cpu: 1, memoryMiB: 2048 };
const regions = {
  'aws-sagemaker': ['us-east-1', 'eu-west-1'],
  'gcp-cloud-run': ['us-central1', 'europe-west1'],
  'azure-container-instances': ['eastus', 'westeurope'],
};

/** One line per option: target, region, total and its kind, and the mark. */
const summary = (body: CompareResult) =>
  body.options.map(o =>
    [
      o.provider,
      o.region,
      o.fits
        ? `${o.estimate!.totalKind} ${o.estimate!.monthlyTotal}`
        : `unfit: ${o.reason}`,
      o.cheapestExact ? 'cheapest exact' : '',
    ]
      .join(' ')
      .trim(),
  );

describe.each(databases.eachSupportedId())(
  'POST /estimates/compare on %p',
  databaseId => {
    /** The plugin with all four targets installed (in sandbox mode), and pricing config. */
    async function start(pricing: object = {}, modules = true) {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          mockServices.rootConfig.factory({
            data: { cloudDeployments: { jobs: { enabled: false }, pricing } },
          }),
          ...(modules
            ? [awsModule, gcpModule, azureModule, kubernetesModule, sandboxes]
            : []),
        ],
      });
      return server;
    }

    let server: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      server = await start();
    });

    it('prices the workload on the four installed targets, cheapest first, with the cheapest exact one marked', async () => {
      const providers = await request(server).get(
        '/api/cloud-deployments/providers',
      );
      expect(providers.body.map((p: { id: string }) => p.id)).toEqual([
        'aws-sagemaker',
        'azure-container-instances',
        'gcp-cloud-run',
        'kubernetes',
      ]);
      const res = await request(server)
        .post(path)
        .send({
          compute: workload,
          usage: { requestsPerMonth: 10_000_000 },
          regions,
        });
      expect(res.status).toBe(200);
      // Cloud Run: 10M × 0.2 s ÷ 80 = 25,000 vCPU-s and 50,000 GiB-s, all
      // inside the free tier; 8M paid requests × $0.40/M = $3.20. Kubernetes:
      // half an m5.large (memory 2 of 8 GiB, CPU 1 of 2) × $0.096 × 730 h.
      // ACI: 730 h × (0.0405 + 2 × 0.00445). SageMaker: ml.m5.large × 730 h.
      // Outside their priced regions, SageMaker and ACI borrow us-east-1's
      // and eastus's prices: approximate, so never the cheapest exact.
      expect(summary(res.body)).toEqual([
        'gcp-cloud-run europe-west1 exact 3.2 cheapest exact',
        'gcp-cloud-run us-central1 exact 3.2',
        'kubernetes us-east-1 exact 35.04',
        'azure-container-instances eastus exact 36.06',
        'azure-container-instances westeurope approximate 36.06',
        'aws-sagemaker eu-west-1 approximate 83.95',
        'aws-sagemaker us-east-1 exact 83.95',
      ]);
      const sagemaker = res.body.options.find(
        (o: any) => o.provider === 'aws-sagemaker' && o.region === 'eu-west-1',
      );
      expect(sagemaker).toMatchObject({
        pricedAs: 'ml.m5.large (2 vCPU, 8 GiB)',
        reason: expect.stringMatching(
          /^smallest of \d+ priced ml\.\* type\(s\) that hold 1 vCPU, 2 GiB/,
        ),
        estimate: {
          approximateFrom: ['us-east-1'],
          lines: [
            {
              kind: 'approximate',
              sku: 'ml.m5.large',
              approximation: { requestedRegion: 'eu-west-1' },
            },
          ],
        },
      });
      expect(res.body.options[2].pricedAs).toBe(
        'pod share of a m5.large node (2 vCPU, 8 GiB)',
      );
    });

    it('sorts by emissions on request, lowest first, and marks the lower-carbon option at the cheapest price band', async () => {
      const body = {
        compute: workload,
        usage: { requestsPerMonth: 10_000_000 },
        regions,
      };
      const res = await request(server)
        .post(path)
        .send({ ...body, sort: 'emissions' });
      expect(res.status).toBe(200);
      expect(res.body.sort).toBe('emissions');
      const carbon = (r: CompareResult) =>
        r.options.map(o =>
          [
            o.provider,
            o.region,
            o.estimate!.emissions!.totalKind,
            o.estimate!.emissions!.monthlyTotalGrams,
            o.estimate!.monthlyTotal,
            o.lowerCarbon
              ? `lower carbon ${JSON.stringify(o.carbonSaving)}`
              : '',
          ]
            .join(' ')
            .trim(),
        );
      // Every option has emissions here (approximate: Cloud Run and ACI
      // count a convention for embodied emissions); Cloud Run in Belgium is
      // both the cheapest and the lowest, so nothing is marked.
      expect(carbon(res.body)).toEqual([
        'gcp-cloud-run europe-west1 approximate 10.3 3.2',
        'gcp-cloud-run us-central1 approximate 18.8 3.2',
        'azure-container-instances westeurope approximate 1313.3 36.06',
        'azure-container-instances eastus approximate 1441.5 36.06',
        'kubernetes us-east-1 exact 1508.8 35.04',
        'aws-sagemaker eu-west-1 exact 2402.9 83.95',
        'aws-sagemaker us-east-1 exact 3017.4 83.95',
      ]);
      expect(res.body.priceBand).toEqual({
        percent: 10,
        from: 3.2,
        upTo: 3.52,
      });
      // The same options as by cost, only in another order.
      const byCost = await request(server).post(path).send(body);
      expect(byCost.body.sort).toBe('cost');
      expect(carbon(byCost.body).sort()).toEqual(carbon(res.body).sort());

      // Without Cloud Run the cheapest is the Kubernetes pod share ($35.04);
      // ACI in westeurope is within 10 % ($36.06 ≤ $38.54) and lower.
      const withoutCloudRun = await request(server)
        .post(path)
        .send({
          ...body,
          providers: ['azure-container-instances', 'kubernetes'],
        });
      expect(carbon(withoutCloudRun.body)).toEqual([
        'kubernetes us-east-1 exact 1508.8 35.04',
        'azure-container-instances eastus approximate 1441.5 36.06',
        'azure-container-instances westeurope approximate 1313.3 36.06 lower carbon {"comparedWith":{"provider":"kubernetes","region":"us-east-1"},"grams":195.5,"percent":13,"extraMonthlyUsd":1.02}',
      ]);
      expect(withoutCloudRun.body.priceBand).toEqual({
        percent: 10,
        from: 35.04,
        upTo: 38.54,
      });
    });

    it('marks none when no option is exact, and prices each target in its reference region when no region is given', async () => {
      const none = await request(server)
        .post(path)
        .send({
          compute: workload,
          regions: {
            'aws-sagemaker': ['eu-west-1'],
            'azure-container-instances': ['westeurope', 'northeurope'],
          },
          providers: ['aws-sagemaker', 'azure-container-instances'],
        });
      expect(none.status).toBe(200);
      expect(summary(none.body)).toEqual([
        'azure-container-instances northeurope approximate 36.06',
        'azure-container-instances westeurope approximate 36.06',
        'aws-sagemaker eu-west-1 approximate 83.95',
      ]);

      const defaults = await request(server)
        .post(path)
        .send({
          compute: workload,
          providers: ['gcp-cloud-run', 'aws-sagemaker'],
        });
      expect(
        defaults.body.options.map((o: any) => `${o.provider} ${o.region}`),
      ).toEqual(['gcp-cloud-run us-central1', 'aws-sagemaker us-east-1']);
    });

    it('puts a target with missing prices last, with no total and never marked', async () => {
      // A node type the price data has no price for, in any region.
      const unknownNode = await start({
        kubernetesNode: {
          provider: 'aws',
          region: 'us-east-1',
          instanceType: 'x9.large',
          vcpu: 4,
          memoryGiB: 16,
        },
      });
      const res = await request(unknownNode)
        .post(path)
        .send({
          compute: workload,
          providers: ['kubernetes', 'azure-container-instances'],
        });
      expect(summary(res.body)).toEqual([
        'azure-container-instances eastus exact 36.06 cheapest exact',
        'kubernetes us-east-1 unknown null',
      ]);
      expect(res.body.options[1].estimate).toMatchObject({
        monthlyTotal: null,
        pricedSubtotal: 0,
        missingLines: 1,
        lines: [{ kind: 'missing', unitPrice: null, monthlyCost: null }],
      });
    });

    it('says a target does not offer GPUs instead of pricing it without them, and picks a GPU type on SageMaker', async () => {
      const res = await request(server)
        .post(path)
        .send({ compute: { cpu: 4, memoryMiB: 16384, gpu: 1 } });
      expect(res.status).toBe(200);
      expect(summary(res.body)).toEqual([
        'aws-sagemaker us-east-1 exact 537.57 cheapest exact',
        'azure-container-instances eastus unfit: does not offer this: the price data has no ACI GPU prices',
        'gcp-cloud-run us-central1 unfit: does not offer this: the price data has no Cloud Run GPU prices',
        'kubernetes us-east-1 unfit: does not offer this: the configured node type m5.large has no GPU',
      ]);
      // ml.g4dn.xlarge and ml.g5.xlarge are the same size; g4dn is cheaper.
      expect(res.body.options[0].pricedAs).toBe(
        'ml.g4dn.xlarge (4 vCPU, 16 GiB, 1 GPU)',
      );
      for (const option of res.body.options.slice(1)) {
        expect(option.estimate).toBeUndefined();
      }
    });

    it('chooses the smallest SageMaker type that holds the workload, and says when none does', async () => {
      const sized = await request(server)
        .post(path)
        .send({
          compute: { cpu: 3, memoryMiB: 12 * 1024 },
          providers: ['aws-sagemaker'],
        });
      // 4-vCPU types with 16 GiB and no GPU: ml.m5.xlarge ($0.23) before
      // ml.inf2.xlarge ($0.99); 8 GiB ones are too small.
      expect(sized.body.options[0]).toMatchObject({
        pricedAs: 'ml.m5.xlarge (4 vCPU, 16 GiB)',
        fits: true,
        estimate: { monthlyTotal: 167.9, complete: true },
      });

      const tooBig = await request(server)
        .post(path)
        .send({ compute: { cpu: 8, memoryMiB: 32768, gpu: 16 } });
      expect(summary(tooBig.body)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^aws-sagemaker us-east-1 unfit: no SageMaker instance type in the price data holds 8 vCPU, 32 GiB, 16 GPU/,
          ),
        ]),
      );
      const large = await request(server)
        .post(path)
        .send({ compute: { cpu: 16, memoryMiB: 65536 } });
      expect(summary(large.body)).toEqual(
        expect.arrayContaining([
          'gcp-cloud-run us-central1 unfit: compute.cpu: must be at most 8 on Cloud Run',
          'azure-container-instances eastus unfit: compute.cpu: must be at most 4 per container group',
          'kubernetes us-east-1 unfit: compute: a pod of 16 vCPU and 65536 MiB does not fit on a m5.large node (2 vCPU, 8 GiB)',
        ]),
      );
    });

    it('answers 400 naming the field to a compare it cannot do, never 500', async () => {
      const cases: Array<[unknown, string]> = [
        [{}, 'compute: Required'],
        [{ compute: { cpu: 1 } }, 'compute.memoryMiB: Required'],
        [
          { compute: { cpu: '1', memoryMiB: 512 } },
          'compute.cpu: Expected number, received string',
        ],
        [
          { compute: { ...workload, instanceType: 'ml.m5.large' } },
          'compute: unknown field(s) "instanceType"',
        ],
        [
          {
            compute: workload,
            regions: {
              'aws-sagemaker': Array.from({ length: 11 }, () => 'us-east-1'),
            },
          },
          'regions.aws-sagemaker: must list at most 10 regions',
        ],
        [
          { compute: workload, regions: { 'aws-sagemaker': [] } },
          'regions.aws-sagemaker: must list at least one region',
        ],
        [
          { compute: workload, regions: { 'aws-sagemaker': ['moon-1'] } },
          'regions.aws-sagemaker: "moon-1" is not a aws-sagemaker region',
        ],
        [
          { compute: workload, regions: { kubernetes: ['x'] } },
          'regions: unknown field(s) "kubernetes"',
        ],
        [
          { compute: workload, providers: ['nope'] },
          'providers.0: must be one of aws-sagemaker',
        ],
        [
          { compute: workload, providers: [] },
          'providers: must list at least one provider',
        ],
        [
          {
            compute: {
              cpu: 1,
              memoryMiB: 512,
              minInstances: 3,
              maxInstances: 2,
            },
          },
          'compute.minInstances: must not be greater than maxInstances',
        ],
        [
          { compute: workload, usage: { hoursPerMonth: 1000 } },
          'usage.hoursPerMonth: must be at most 744',
        ],
        [
          { compute: workload, sort: 'carbon' },
          'sort: must be one of cost, emissions',
        ],
        [[1, 2], 'body: Expected object, received array'],
      ];
      const answers = [];
      for (const [body] of cases) {
        const res = await request(server)
          .post(path)
          .send(body as object);
        answers.push({ status: res.status, message: res.body.error?.message });
      }
      expect(answers).toEqual(
        cases.map(([, message]) => ({
          status: 400,
          message: expect.stringContaining(message),
        })),
      );
    });

    it('refuses a provider that is not installed, and compares nothing when none is', async () => {
      const bare = await start({}, false);
      const refused = await request(bare)
        .post(path)
        .send({ compute: workload, providers: ['kubernetes'] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        'Invalid compare: providers: kubernetes is not installed in this portal',
      );
      const empty = await request(bare).post(path).send({ compute: workload });
      expect(empty.body.options).toEqual([]);
    });
  },
);
