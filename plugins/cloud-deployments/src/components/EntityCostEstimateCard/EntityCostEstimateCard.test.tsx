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
import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  CLOUD_DEPLOYMENT_ID_ANNOTATION,
  Deployment,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  baseUrl,
  makeDeployment,
  makeEstimate,
  makeLine,
} from '../../__testUtils__/fixtures';
import { makeEmissions } from '../../__testUtils__/emissions';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { EntityCostEstimateCard } from './EntityCostEstimateCard';

const deploymentId = '00000000-0000-4000-8000-000000000001';

const deploymentEntity = (
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'cloud-deployments.backstage.io/v1alpha1',
  kind: 'CloudDeployment',
  metadata: { name: 'model-1', annotations },
  spec: {
    owner: 'group:default/ml-team',
    component: 'component:default/service-1',
    environment: 'production',
    provider: 'gcp-cloud-run',
    region: 'europe-west1',
    account: 'prod',
    engine: 'sdk',
    artifact: { image: 'europe-docker.pkg.dev/acme/api:1.0.0' },
    compute: { cpu: 1, memoryMiB: 512, maxInstances: 3 },
  },
});

const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'Fraud-Model', namespace: 'default' },
  spec: { type: 'service', owner: 'ml-team', lifecycle: 'production' },
};

type Received = {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: unknown;
};

describe('EntityCostEstimateCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Serves the backend from a table of `METHOD /path` to responses. */
  function serve(
    routes: Record<string, (query: URLSearchParams) => unknown>,
  ): Received[] {
    const received: Received[] = [];
    server.use(
      http.all(`${baseUrl}/*`, async ({ request }) => {
        const url = new URL(request.url);
        const path = url.pathname.slice('/api/cloud-deployments'.length);
        const text = await request.text();
        received.push({
          method: request.method,
          path,
          query: url.searchParams,
          body: text ? JSON.parse(text) : undefined,
        });
        const route = routes[`${request.method} ${path}`];
        if (!route) {
          return HttpResponse.json(
            {
              error: { name: 'NotFoundError', message: `No ${path}` },
              response: { statusCode: 404 },
            },
            { status: 404 },
          );
        }
        const result = route(url.searchParams);
        return result instanceof Response
          ? result
          : HttpResponse.json(result as Record<string, unknown>);
      }),
    );
    return received;
  }

  function renderCard(entity: Entity) {
    return renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityCostEstimateCard />
      </EntityProvider>,
      {
        mountedRoutes: { '/cloud-deployments': rootRouteRef },
        apis: [
          [
            cloudDeploymentsApiRef,
            new CloudDeploymentsClient({
              discoveryApi: mockApis.discovery({
                baseUrl: 'http://localhost:7007',
              }),
              fetchApi: mockApis.fetch(),
            }),
          ],
        ],
      },
    );
  }

  describe('for a CloudDeployment', () => {
    it("shows the stored estimate of the annotated deployment, line by line, with its prices' source and date", async () => {
      const received = serve({
        [`GET /deployments/${deploymentId}`]: () =>
          makeDeployment(1, {
            spec: {
              ...makeDeployment(1).spec,
              provider: 'gcp-cloud-run',
              region: 'europe-west1',
            },
            estimate: makeEstimate({
              lines: [
                makeLine({
                  description: 'vCPU time',
                  quantity: 2628000,
                  unit: 'vcpu-second',
                  unitPrice: 0.000024,
                  monthlyCost: 63.07,
                  region: 'europe-west1',
                  origin: 'Cloud Billing Catalog API',
                  effectiveDate: '2026-05-20',
                }),
                makeLine({
                  description: 'Memory time',
                  quantity: 1314000,
                  unit: 'gib-second',
                  unitPrice: 0.0000025,
                  monthlyCost: 3.29,
                  region: 'europe-west1',
                  origin: 'Cloud Billing Catalog API',
                  effectiveDate: '2026-05-20',
                }),
              ],
            }),
          }),
        'GET /providers': () => [],
      });

      renderCard(
        deploymentEntity({ [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deploymentId }),
      );

      expect(await screen.findByText(/^\$66\.36/)).toHaveTextContent(
        '$66.36 per month',
      );
      const table = screen.getByRole('table', { name: 'Cost breakdown' });
      const rows = within(table).getAllByRole('row');
      expect(rows.map(r => r.textContent)).toEqual([
        'DescriptionQuantityUnit priceMonthly',
        'vCPU time2,628,000 vCPU-seconds$0.000024 / vCPU-second$63.07',
        'Memory time1,314,000 GiB-seconds$0.0000025 / GiB-second$3.29',
      ]);
      const chart = screen.getByRole('list', { name: 'Monthly cost by line' });
      expect(within(chart).getAllByRole('listitem')).toHaveLength(2);
      expect(
        screen.getByText(
          /Prices from Cloud Billing Catalog API \(live\), as of 2026-05-20\. Estimated 2026-06-01/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.queryByText(/missing|another region|not current/),
      ).not.toBeInTheDocument();
      expect(received.map(r => `${r.method} ${r.path}`)).not.toContain(
        'POST /estimates',
      );
    });

    it('shows the estimated emissions under the price, as a section of the card', async () => {
      serve({
        [`GET /deployments/${deploymentId}`]: () =>
          makeDeployment(1, {
            estimate: makeEstimate({ emissions: makeEmissions() }),
          }),
        'GET /providers': () => [],
      });
      renderCard(
        deploymentEntity({ [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deploymentId }),
      );
      const section = await screen.findByRole('region', {
        name: 'Estimated emissions',
      });
      expect(
        within(section).getByRole('heading', { level: 3 }),
      ).toHaveTextContent('Estimated emissions');
      expect(within(section).getByText('3.0 kgCO2e')).toBeInTheDocument();
      expect(
        within(section).getByRole('table', { name: 'Emissions breakdown' }),
      ).toBeInTheDocument();
      expect(
        within(section).getByText(/^Coefficients built 2026-12-07/),
      ).toBeInTheDocument();
    });

    it('says an estimate stored before emissions were estimated has none, rather than 0', async () => {
      serve({
        [`GET /deployments/${deploymentId}`]: () =>
          makeDeployment(1, { estimate: makeEstimate({}) }),
        'GET /providers': () => [],
      });
      renderCard(
        deploymentEntity({ [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deploymentId }),
      );
      const section = await screen.findByRole('region', {
        name: 'Estimated emissions',
      });
      expect(section).toHaveTextContent(
        'Not estimated: this estimate was made before emissions were estimated.',
      );
      expect(within(section).queryByText(/CO2e/)).not.toBeInTheDocument();
    });

    it('says how the actual cost compared with the estimate over the last 7 full days', async () => {
      const received = serve({
        [`GET /deployments/${deploymentId}`]: () =>
          makeDeployment(1, { estimate: makeEstimate({}) }),
        [`GET /deployments/${deploymentId}/costs`]: () => ({
          deploymentId,
          currency: 'USD',
          from: '2026-11-29',
          to: '2026-12-07',
          days: [],
          comparison: {
            from: '2026-11-29',
            to: '2026-12-06',
            daysCompared: 7,
            daysWithoutActual: 0,
            daysWithoutEstimate: 0,
            daysInOtherCurrency: 0,
            estimated: 19.32,
            actual: 12.6,
            ratio: 0.652,
            flagged: true,
            estimateKind: 'exact',
            actualKinds: ['billed'],
          },
          actualSource: {
            id: 'aws-cost-explorer',
            title: 'AWS Cost Explorer',
            kind: 'billed',
          },
          actualNote: 'Read from AWS Cost Explorer.',
        }),
        'GET /providers': () => [],
      });
      renderCard(
        deploymentEntity({ [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deploymentId }),
      );
      expect(
        await screen.findByText(
          '7 days: actual $12.60 against $19.32 estimated, 35 % below the estimate (beyond ±20 %).',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText('AWS Cost Explorer, last 7 full days.'),
      ).toBeInTheDocument();
      expect(
        received.find(r => r.path.endsWith('/costs'))?.query.toString(),
      ).toBe('days=7');
    });

    it('titles the card as a heading, keeps the provenance one click away, and says a destroyed deployment costs nothing now', async () => {
      serve({
        [`GET /deployments/${deploymentId}`]: () =>
          makeDeployment(1, {
            status: 'destroyed',
            updatedAt: '2026-11-20T09:00:00.000Z',
            estimate: makeEstimate({
              lines: [
                makeLine({
                  origin:
                    'Google Cloud Run price list, hand-assembled from public sources (tier-1 rates): S1 https://cloud.google.com/run/pricing',
                  source: 'snapshot',
                }),
                makeLine({
                  description: 'Requests',
                  origin:
                    'Google Cloud Run price list, hand-assembled from public sources (request-based free tier): S2 firebase-tools',
                  source: 'snapshot',
                }),
              ],
            }),
          }),
        'GET /providers': () => [],
      });

      renderCard(
        deploymentEntity({ [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deploymentId }),
      );

      expect(
        await screen.findByText(
          'Destroyed on 2026-11-20: nothing runs, so nothing is billed any more. The estimate is what it cost each month while it ran.',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('heading', {
          level: 2,
          name: 'Monthly cost estimate',
        }),
      ).toBeInTheDocument();
      // One dataset named once; its lines' full provenance in a disclosure.
      expect(
        screen.getByText(
          /^Prices from Google Cloud Run price list \(snapshot\), as of/,
        ),
      ).toBeInTheDocument();
      // Priced from the snapshot alone: nothing to warn about.
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(
        screen.queryByText(/fallback|not current/),
      ).not.toBeInTheDocument();
      const provenance = screen
        .getByText('Price provenance')
        .closest('details')!;
      expect(provenance).not.toHaveAttribute('open');
      expect(
        within(provenance).getAllByRole('listitem', { hidden: true }),
      ).toHaveLength(2);
    });

    it('warns when a price is missing, from another region, or from the snapshot', async () => {
      serve({
        [`GET /deployments/${deploymentId}`]: () =>
          makeDeployment(1, {
            spec: { ...makeDeployment(1).spec, region: 'eu-north-1' },
            estimate: makeEstimate({
              monthlyTotal: 83.95,
              complete: false,
              lines: [
                makeLine({
                  region: 'us-east-1',
                  note: 'us-east-1 price used: no price for eu-north-1 in the live prices',
                }),
                makeLine({
                  description: 'Storage',
                  region: 'eu-north-1',
                  source: 'snapshot',
                  origin: 'bundled snapshot',
                  effectiveDate: '2026-01-15',
                  unitPrice: 0.0001,
                  monthlyCost: 0,
                }),
                makeLine({
                  description: 'GPU hours',
                  unitPrice: null,
                  monthlyCost: null,
                  source: undefined,
                  origin: undefined,
                  effectiveDate: undefined,
                  note: 'no price for ml.g5 in eu-north-1',
                }),
              ],
              warnings: [
                'Instance hours (ml.m5.large × 1): us-east-1 price used: no price for eu-north-1 in the live prices',
                'GPU hours: no price for ml.g5 in eu-north-1',
                'Incomplete: 1 line(s) have no price and are not in the total',
                'Free tier not applied',
              ],
            }),
          }),
        'GET /providers': () => [],
      });

      renderCard(
        deploymentEntity({ [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deploymentId }),
      );

      expect(await screen.findByText('≥ $83.95')).toHaveTextContent(
        '≥ $83.95 per month',
      );
      expect(
        screen.getByText(
          "Warning: A price is missing; another region's prices used; some prices are not current",
        ),
      ).toBeInTheDocument();
      const warnings = screen
        .getAllByRole('listitem')
        .map(li => li.textContent);
      expect(warnings).toEqual(
        expect.arrayContaining([
          'No price is known for GPU hours; the total leaves it out and is a lower bound.',
          'Instance hours (ml.m5.large × 1) priced with us-east-1 prices, as none are known for eu-north-1.',
          'Storage priced from the price snapshot of 2026-01-15 shipped with the backend, as no current price was fetched for it; it may be out of date.',
          'Free tier not applied',
        ]),
      );
      // The estimator's per-line notes are not repeated.
      expect(
        warnings.filter(w => w?.startsWith('GPU hours: no price')),
      ).toEqual([]);
      // In the chart and in the table.
      expect(screen.getAllByText('no price')).toHaveLength(2);
    });

    it('estimates from the entity spec when the deployment has no stored estimate, finding it by name', async () => {
      const received = serve({
        'GET /deployments': () => ({
          items: [
            makeDeployment(2, { name: 'model-10' }),
            makeDeployment(1, { estimate: undefined }),
          ],
          totalCount: 2,
        }),
        'POST /estimates': () =>
          makeEstimate({
            lines: [
              makeLine({
                description: 'Requests',
                monthlyCost: 12.5,
                region: 'europe-west1',
              }),
            ],
          }),
        'GET /providers': () => [],
      });

      renderCard(deploymentEntity());

      expect(
        await screen.findByText('$12.50', { selector: 'p' }),
      ).toHaveTextContent('$12.50 per month');
      expect(
        screen.getByText(/Estimated from this entity's spec/),
      ).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'model-1' })).toBeInTheDocument();
      const search = received.find(r => r.path === '/deployments')!;
      expect(search.query.get('q')).toBe('model-1');
      expect(search.query.getAll('component')).toEqual([
        'component:default/service-1',
      ]);
      // The found deployment's spec, and only what pricing needs.
      expect(received.find(r => r.path === '/estimates')).toMatchObject({
        method: 'POST',
        body: {
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
        },
      });
    });

    it('falls back to the name, then the spec, when the annotated id is unknown', async () => {
      const received = serve({
        'GET /deployments': () => ({ items: [], totalCount: 0 }),
        'POST /estimates': () => makeEstimate(),
        'GET /providers': () => [],
      });

      renderCard(
        deploymentEntity({ [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deploymentId }),
      );

      expect(
        await screen.findByText('$83.95', { selector: 'p' }),
      ).toBeInTheDocument();
      expect(received.map(r => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining([
          `GET /deployments/${deploymentId}`,
          'GET /deployments',
          'POST /estimates',
        ]),
      );
      expect(received.find(r => r.path === '/estimates')!.body).toEqual({
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        compute: { cpu: 1, memoryMiB: 512, maxInstances: 3 },
      });
    });

    it('shows the error when the estimate fails', async () => {
      serve({
        'GET /deployments': () => ({ items: [], totalCount: 0 }),
        'POST /estimates': () =>
          HttpResponse.json(
            {
              error: { name: 'InputError', message: 'compute.cpu: too large' },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
      });

      renderCard(deploymentEntity());

      expect(
        await screen.findByText(/compute.cpu: too large/),
      ).toBeInTheDocument();
    });
  });

  describe('for a Component', () => {
    it('sums the estimates of its deployments, by deployment, and says how many more there are', async () => {
      const items = [
        makeDeployment(1, {
          estimate: makeEstimate({
            monthlyTotal: 100,
            emissions: makeEmissions(),
          }),
        }),
        makeDeployment(2, {
          sandbox: true,
          estimate: makeEstimate({ monthlyTotal: 20.5 }),
        }),
        makeDeployment(3, { estimate: undefined }),
      ];
      const received = serve({
        'GET /deployments': (): Page<Deployment> => ({
          items,
          totalCount: 250,
          nextCursor: 'next',
        }),
        'GET /providers': () => [],
      });

      renderCard(componentEntity);

      expect(await screen.findByText('≥ $120.50')).toBeInTheDocument();
      expect(
        screen.getByText('Sum over 3 deployments and 247 more'),
      ).toBeInTheDocument();
      const chart = screen.getByRole('list', {
        name: 'Monthly cost by deployment',
      });
      expect(
        within(chart)
          .getAllByRole('listitem')
          .map(li => li.textContent),
      ).toEqual(['model-1$100.00', 'model-2$20.50', 'model-3no price']);
      expect(screen.getByText('Sandbox')).toBeInTheDocument();
      // Emissions: one known figure, two deployments with none, 247 not listed.
      expect(
        screen.getByText(
          'Estimated emissions: ≥ 3.0 kgCO2e/month (2 deployments not estimated; 247 more not included)',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('columnheader', { name: 'Emissions (CO2e/month)' }),
      ).toBeInTheDocument();
      expect(screen.getByText('3.0 kgCO2e')).toBeInTheDocument();
      expect(screen.getAllByText('not estimated')).toHaveLength(2);
      expect(
        screen.getByText(
          '1 deployment without an estimate is not in the total.',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          'The total covers the first 3 deployments, and 247 more are not included.',
        ),
      ).toBeInTheDocument();

      const list = received.filter(r => r.path === '/deployments');
      expect(list).toHaveLength(1);
      expect(list[0].query.getAll('component')).toEqual([
        'component:default/fraud-model',
      ]);
      expect(list[0].query.get('limit')).toBe('200');
      expect(list[0].query.getAll('status')).not.toContain('destroyed');
      expect(list[0].query.has('cursor')).toBe(false);
    });

    it('says so when the component has no deployments', async () => {
      serve({
        'GET /deployments': () => ({ items: [], totalCount: 0 }),
        'GET /providers': () => [],
      });

      renderCard(componentEntity);

      expect(
        await screen.findByText(/This component has no deployments/),
      ).toBeInTheDocument();
    });

    it('shows the error when the deployments cannot be listed', async () => {
      serve({
        'GET /deployments': () =>
          HttpResponse.json(
            {
              error: { name: 'NotAllowedError', message: 'not allowed' },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
      });

      renderCard(componentEntity);

      expect(
        (await screen.findAllByText(/not allowed/)).length,
      ).toBeGreaterThan(0);
    });
  });
});
