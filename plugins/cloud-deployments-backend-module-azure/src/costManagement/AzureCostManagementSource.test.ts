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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CostQueryAnswer,
  FAKE_TOKEN,
  FakeCostManagementApi,
  fakeCredential,
} from '../__testUtils__/FakeCostManagementApi';
import { AciSubscription } from '../containerInstances/readAciConfig';
import {
  AzureCostManagementSource,
  AzureCostManagementSourceOptions,
} from './AzureCostManagementSource';

const SUB = '11111111-2222-3333-4444-555555555555';
const OTHER_SUB = '99999999-2222-3333-4444-555555555555';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const NOT_ASKED = '00000000-0000-4000-8000-0000000000ff';
const QUERY_PATH = `/subscriptions/${SUB}/resourceGroups/ml-prod/providers/Microsoft.CostManagement/query`;

function deployment(id: string, account?: string): Deployment {
  return {
    id,
    name: `model-${id.slice(-2)}`,
    spec: {
      provider: 'azure-container-instances',
      region: 'westeurope',
      ...(account ? { account } : {}),
    },
  } as unknown as Deployment;
}

/** A page in the API's shape; the columns in an order of its choosing. */
function page(rows: unknown[][], nextLink?: string | null) {
  return {
    id: 'query-id',
    name: 'query-name',
    type: 'Microsoft.CostManagement/query',
    properties: {
      nextLink: nextLink ?? null,
      columns: [
        { name: 'UsageDate', type: 'Number' },
        { name: 'TagKey', type: 'String' },
        { name: 'TagValue', type: 'String' },
        { name: 'Cost', type: 'Number' },
        { name: 'Currency', type: 'String' },
      ],
      rows,
    },
  };
}

const ok = (body: unknown): CostQueryAnswer => ({ status: 200, body });

describe('AzureCostManagementSource', () => {
  let api: FakeCostManagementApi;
  let scopes: string[];
  let clock: number;

  beforeEach(async () => {
    api = await new FakeCostManagementApi().start();
    scopes = [];
    clock = Date.UTC(2026, 11, 6);
  });
  afterEach(() => api.stop());

  function source(options: Partial<AzureCostManagementSourceOptions> = {}) {
    const subscriptions: AciSubscription[] = [
      {
        id: 'prod',
        subscriptionId: SUB,
        resourceGroup: 'ml-prod',
        endpoint: api.url,
      },
      {
        id: 'other',
        subscriptionId: OTHER_SUB,
        resourceGroup: 'ml-other',
        endpoint: api.url,
      },
    ];
    return new AzureCostManagementSource({
      subscriptions,
      credential: () => fakeCredential(scopes),
      agent: api.agent,
      maxRetries: 2,
      now: () => clock,
      ...options,
    });
  }

  const ask = (
    s: AzureCostManagementSource,
    deployments = [deployment(A), deployment(B)],
    from = '2026-12-01',
    to = '2026-12-04',
  ) => s.dailyCosts({ deployments, from, to });

  const sorted = <T extends { deploymentId: string; day: string }>(xs: T[]) =>
    [...xs].sort((x, y) =>
      `${x.deploymentId}${x.day}`.localeCompare(`${y.deploymentId}${y.day}`),
    );

  it('queries the resource group by the deployment tag, through the SDK with a bearer token, and reads the columns by name', async () => {
    api.answer = () =>
      ok(
        page([
          [20261201, 'cloud-deployments-id', A, 1.25, 'EUR'],
          [20261202, 'cloud-deployments-id', A, 0.5, 'EUR'],
          [20261202, 'cloud-deployments-id', B, 3, 'EUR'],
          // Not asked for, and untagged: ignored.
          [20261202, 'cloud-deployments-id', NOT_ASKED, 99, 'EUR'],
          [20261202, 'cloud-deployments-id', '', 42, 'EUR'],
        ]),
      );
    const s = source();

    expect(s).toMatchObject({
      id: 'azure-cost-management',
      title: 'Azure Cost Management',
      providers: ['azure-container-instances'],
      kind: 'billed',
    });
    expect(sorted(await ask(s))).toEqual([
      { deploymentId: A, day: '2026-12-01', amount: 1.25, currency: 'EUR' },
      { deploymentId: A, day: '2026-12-02', amount: 0.5, currency: 'EUR' },
      { deploymentId: B, day: '2026-12-02', amount: 3, currency: 'EUR' },
    ]);

    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: QUERY_PATH,
      query: { 'api-version': expect.stringMatching(/^\d{4}-\d{2}-\d{2}/) },
      authorization: `Bearer ${FAKE_TOKEN}`,
    });
    expect(request.body).toEqual({
      type: 'ActualCost',
      timeframe: 'Custom',
      // The API's end is inclusive: the last day asked for, to its end.
      timePeriod: {
        from: '2026-12-01T00:00:00.000Z',
        to: '2026-12-03T23:59:59.000Z',
      },
      dataset: {
        granularity: 'Daily',
        aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
        grouping: [{ type: 'TagKey', name: 'cloud-deployments-id' }],
        filter: {
          tags: {
            name: 'cloud-deployments-id',
            operator: 'In',
            values: [A, B],
          },
        },
      },
    });
    expect(scopes).toEqual([`${api.url}/.default`]);
  });

  it('queries the subscription with amortized costs when configured, one query per subscription', async () => {
    api.answer = request =>
      ok(
        page(
          request.path.includes(OTHER_SUB)
            ? [[20261203, 'cloud-deployments-id', B, 2, 'USD']]
            : [[20261203, 'cloud-deployments-id', A, 1, 'USD']],
        ),
      );
    const s = source({ scope: 'subscription', costType: 'AmortizedCost' });

    expect(
      sorted(await ask(s, [deployment(A), deployment(B, 'other')])),
    ).toEqual([
      { deploymentId: A, day: '2026-12-03', amount: 1, currency: 'USD' },
      { deploymentId: B, day: '2026-12-03', amount: 2, currency: 'USD' },
    ]);
    expect(api.requests.map(r => r.path)).toEqual([
      `/subscriptions/${SUB}/providers/Microsoft.CostManagement/query`,
      `/subscriptions/${OTHER_SUB}/providers/Microsoft.CostManagement/query`,
    ]);
    expect(api.requests.map(r => r.body.type)).toEqual([
      'AmortizedCost',
      'AmortizedCost',
    ]);
    expect(api.requests[1].body.dataset.filter.tags.values).toEqual([B]);
  });

  it('follows nextLink over three pages, POSTing the same query with the bearer token, and sums a day split over pages', async () => {
    const link = (token: string) =>
      `${api.url}${QUERY_PATH}?api-version=2022-10-01&$skiptoken=${token}`;
    api.answer = (_, n) =>
      ok(
        [
          page([[20261201, 'cloud-deployments-id', A, 1, 'EUR']], link('p2')),
          page(
            [[20261201, 'cloud-deployments-id', A, 0.25, 'EUR']],
            link('p3'),
          ),
          page([[20261202, 'cloud-deployments-id', B, 4, 'EUR']]),
        ][n],
      );

    expect(sorted(await ask(source()))).toEqual([
      { deploymentId: A, day: '2026-12-01', amount: 1.25, currency: 'EUR' },
      { deploymentId: B, day: '2026-12-02', amount: 4, currency: 'EUR' },
    ]);
    expect(api.requests).toHaveLength(3);
    expect(api.requests.map(r => r.query.$skiptoken)).toEqual([
      undefined,
      'p2',
      'p3',
    ]);
    for (const request of api.requests) {
      expect(request).toMatchObject({
        method: 'POST',
        path: QUERY_PATH,
        authorization: `Bearer ${FAKE_TOKEN}`,
      });
      expect(request.body).toEqual(api.requests[0].body);
    }
  });

  it('refuses a nextLink to another origin, so the token goes nowhere else', async () => {
    api.answer = () =>
      ok(
        page(
          [[20261201, 'cloud-deployments-id', A, 1, 'EUR']],
          'https://elsewhere.example/query?$skiptoken=x',
        ),
      );

    await expect(ask(source())).rejects.toThrow(
      `Azure Cost Management query of /subscriptions/${SUB}/resourceGroups/ml-prod failed: the answer's nextLink leaves ${api.url}`,
    );
    expect(api.requests).toHaveLength(1);
  });

  it('retries a throttled query after Retry-After through the SDK pipeline, and recovers', async () => {
    api.answer = (_, n) =>
      n === 0
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: { error: { code: '429', message: 'Too many requests' } },
          }
        : ok(page([[20261201, 'cloud-deployments-id', A, 1, 'EUR']]));

    const started = Date.now();
    expect(await ask(source())).toEqual([
      { deploymentId: A, day: '2026-12-01', amount: 1, currency: 'EUR' },
    ]);
    expect(api.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('fails clearly when throttling outlasts the retries, also on a later page', async () => {
    const throttled: CostQueryAnswer = {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { error: { code: '429', message: 'Too many requests' } },
    };
    api.answer = () => throttled;

    await expect(ask(source({ maxRetries: 1 }))).rejects.toThrow(
      /^Azure Cost Management query of \/subscriptions\/.+ failed: HTTP 429: throttled, and the retries ran out: /,
    );
    expect(api.requests).toHaveLength(2);

    api.requests.length = 0;
    api.answer = (_, n) =>
      n === 0
        ? ok(
            page(
              [[20261201, 'cloud-deployments-id', A, 1, 'EUR']],
              `${api.url}${QUERY_PATH}?$skiptoken=p2`,
            ),
          )
        : throttled;
    await expect(ask(source({ maxRetries: 1 }))).rejects.toThrow(
      'failed: HTTP 429: throttled, and the retries ran out: Too many requests',
    );
    expect(api.requests).toHaveLength(3);
  });

  it('names the API error of a refused query', async () => {
    api.answer = () => ({
      status: 403,
      body: {
        error: {
          code: 'AuthorizationFailed',
          message: 'The client does not have authorization',
        },
      },
    });

    await expect(ask(source({ maxRetries: 0 }))).rejects.toThrow(
      'failed: HTTP 403: The client does not have authorization',
    );
  });

  const malformed: Array<[string, unknown, RegExp]> = [
    [
      'a missing column',
      {
        properties: {
          columns: [
            { name: 'UsageDate' },
            { name: 'TagValue' },
            { name: 'Currency' },
          ],
          rows: [[20261201, A, 'EUR']],
        },
      },
      /page 1 has no Cost or PreTaxCost column \(it has usagedate, tagvalue, currency\)/,
    ],
    [
      'no rows',
      { properties: { columns: page([]).properties.columns } },
      /page 1 has no columns or no rows/,
    ],
    [
      'a cost that is not a number',
      page([[20261201, 'cloud-deployments-id', A, 'lots', 'EUR']]),
      /page 1 row 1 has cost "lots"/,
    ],
    [
      'a date that is not a day',
      page([[20261341, 'cloud-deployments-id', A, 1, 'EUR']]),
      /page 1 row 1 has usage date 20261341, not a day/,
    ],
    [
      'a missing currency',
      page([[20261201, 'cloud-deployments-id', A, 1, null]]),
      /page 1 row 1 has currency null/,
    ],
  ];

  it.each(malformed)(
    'throws on %s, returning nothing',
    async (_, body, message) => {
      api.answer = () => ok(body);
      await expect(ask(source())).rejects.toThrow(message);
    },
  );

  it('throws on a malformed later page rather than return the first', async () => {
    api.answer = (_, n) =>
      ok(
        n === 0
          ? page(
              [[20261201, 'cloud-deployments-id', A, 1, 'EUR']],
              `${api.url}${QUERY_PATH}?$skiptoken=p2`,
            )
          : page([[20261201, 'cloud-deployments-id', A, NaN, 'EUR']]),
      );
    await expect(ask(source())).rejects.toThrow(
      /gave a malformed answer: page 2 row 1 has cost null/,
    );
  });

  it('caches an answer per days and set of deployments for the configured time, and not failures', async () => {
    api.answer = () =>
      ok(page([[20261201, 'cloud-deployments-id', A, 1, 'EUR']]));
    const s = source({ cacheTtlMs: 3600_000, maxRetries: 0 });

    const first = await ask(s);
    expect(await ask(s, [deployment(B), deployment(A)])).toEqual(first);
    expect(api.requests).toHaveLength(1);

    await ask(s, [deployment(A)]);
    await ask(s, undefined, '2026-12-02');
    expect(api.requests).toHaveLength(3);

    clock += 3600_000;
    await ask(s);
    expect(api.requests).toHaveLength(4);

    api.answer = () => ({ status: 500, body: {} });
    await expect(ask(s, [deployment(B)])).rejects.toThrow('HTTP 500');
    api.answer = () => ok(page([]));
    expect(await ask(s, [deployment(B)])).toEqual([]);
  });

  it('reads nothing for no deployments or no days, and refuses a deployment of an unknown account', async () => {
    const s = source();
    expect(await ask(s, [])).toEqual([]);
    expect(await ask(s, undefined, '2026-12-01', '2026-12-01')).toEqual([]);
    expect(api.requests).toHaveLength(0);

    await expect(ask(s, [deployment(A, 'gone')])).rejects.toThrow(
      `Cannot read the Azure costs of deployment ${A}: its account 'gone' is not among the configured subscriptions`,
    );
  });
});
