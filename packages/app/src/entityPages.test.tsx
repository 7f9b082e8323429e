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
import { fetchApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments/alpha';
import { screen } from '@testing-library/react';

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-model',
    namespace: 'default',
    uid: 'c1',
    etag: 'e1',
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'ml-team' },
  relations: [],
};

const cloudDeployment = {
  apiVersion: 'cloud-deployments.backstage.io/v1alpha1',
  kind: 'CloudDeployment',
  metadata: {
    name: 'fraud-model-cloud-run',
    namespace: 'default',
    uid: 'd1',
    etag: 'e2',
  },
  spec: {
    owner: 'group:default/ml-team',
    component: 'component:default/fraud-model',
    environment: 'staging',
    provider: 'gcp-cloud-run',
    region: 'europe-west1',
    engine: 'sdk',
    artifact: { image: 'europe-docker.pkg.dev/acme/fraud/api:1.4.0' },
    compute: { cpu: 1, memoryMiB: 512 },
  },
  relations: [],
};

const estimate = {
  currency: 'USD',
  monthlyTotal: 12.5,
  pricedSubtotal: 12.5,
  totalKind: 'exact',
  complete: true,
  missingLines: 0,
  approximateFrom: [],
  lines: [
    {
      description: 'Requests',
      quantity: 1000000,
      unit: 'request',
      unitPrice: 0.0000125,
      monthlyCost: 12.5,
      sku: 'requests',
      region: 'europe-west1',
      kind: 'exact',
      source: 'live',
      origin: 'Cloud Billing Catalog API',
      effectiveDate: '2026-05-01',
    },
  ],
  assumptions: {},
  warnings: [],
  estimatedAt: '2026-06-01T00:00:00.000Z',
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** A backend with the two entities, no deployments yet, and prices. */
async function backend(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const path = url.pathname;
  const byName = path.match(
    /^\/api\/catalog\/entities\/by-name\/([^/]+)\/[^/]+\/([^/]+)$/,
  );
  if (byName) {
    const [, kind, name] = byName;
    const entity = [component, cloudDeployment].find(
      e =>
        e.kind.toLocaleLowerCase('en-US') === kind && e.metadata.name === name,
    );
    return entity
      ? json(entity)
      : json({ error: { name: 'NotFoundError' } }, 404);
  }
  if (path === '/api/cloud-deployments/deployments') {
    return json({ items: [], totalCount: 0 });
  }
  if (path === '/api/cloud-deployments/estimates') {
    return json(estimate);
  }
  if (path === '/api/cloud-deployments/providers') {
    return json([]);
  }
  return json({ items: [], facets: {} });
}

// The catalog's entity page loads its cards lazily, which is slow in jsdom.
jest.setTimeout(30_000);
const slow = { timeout: 20_000 };

describe('entity pages', () => {
  function renderEntityPage(path: string) {
    return renderTestApp({
      features: [catalogPlugin, cloudDeploymentsPlugin],
      initialRouteEntries: [path],
      apis: [
        [fetchApiRef, { fetch: jest.fn(backend) }],
        mockApis.permission(),
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      ],
    });
  }

  it('shows the deployments and cost cards on a Component page', async () => {
    renderEntityPage('/catalog/default/component/fraud-model');

    expect(
      await screen.findByText(
        'This component is not deployed anywhere yet.',
        undefined,
        slow,
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /This component has no deployments/,
        undefined,
        slow,
      ),
    ).toBeInTheDocument();
  });

  it('shows the cost card on a CloudDeployment page', async () => {
    renderEntityPage('/catalog/default/clouddeployment/fraud-model-cloud-run');

    expect(
      await screen.findByText('$12.50', { selector: 'p' }, slow),
    ).toBeInTheDocument();
    expect(screen.getByText('Monthly cost estimate')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Cost breakdown' }),
    ).toHaveTextContent('Requests');
    // The deployments card is for components only.
    expect(
      screen.queryByText('This component is not deployed anywhere yet.'),
    ).not.toBeInTheDocument();
  });
});
