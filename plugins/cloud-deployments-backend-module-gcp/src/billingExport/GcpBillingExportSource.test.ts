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
  errorAnswer,
  FAKE_BIGQUERY_TOKEN,
  fakeAuthClient,
  FakeBigQueryApi,
  resultPage,
  useNodeHttpForTeenyRequest,
} from '../__testUtils__/FakeBigQueryApi';
import { deploymentIdLabel } from '../cloudRun/cloudRunService';
import {
  billingExportSql,
  GcpBillingExportSource,
  GcpBillingExportSourceOptions,
} from './GcpBillingExportSource';

const TABLE = 'acme-billing.billing.gcp_billing_export_v1_012345_6789AB_CDEF01';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
// Not a label value (uppercase, a dot): labelled with its hash.
const ODD = 'Model.Deployment-7';
const NOT_ASKED = '00000000-0000-4000-8000-0000000000ff';
const QUERIES = '/bigquery/v2/projects/acme-billing/queries';

const deployment = (id: string) =>
  ({ id, spec: { provider: 'gcp-cloud-run' } } as unknown as Deployment);

describe('GcpBillingExportSource', () => {
  let api: FakeBigQueryApi;
  let restore: () => void;
  let clock: number;

  beforeAll(() => {
    restore = useNodeHttpForTeenyRequest();
  });
  afterAll(() => restore());
  beforeEach(async () => {
    api = await new FakeBigQueryApi().start();
    clock = Date.UTC(2026, 11, 6);
  });
  afterEach(() => api.stop());

  function source(options: Partial<GcpBillingExportSourceOptions> = {}) {
    return new GcpBillingExportSource({
      table: TABLE,
      location: 'EU',
      apiEndpoint: api.url,
      authClient: fakeAuthClient(),
      maxRetries: 0,
      now: () => clock,
      ...options,
    });
  }

  const ask = (
    s: GcpBillingExportSource,
    deployments = [deployment(A), deployment(B)],
    from = '2026-12-01',
    to = '2026-12-04',
  ) => s.dailyCosts({ deployments, from, to });

  it('runs a parameterised query through jobs.query, with the ids, from and to as parameters', async () => {
    api.answer = () => ({
      body: resultPage([
        [A, '2026-12-01', 1.25, 'EUR'],
        [B, '2026-12-02', 0.5, 'EUR'],
        // Not asked for: ignored.
        [NOT_ASKED, '2026-12-02', 99, 'EUR'],
      ]),
    });
    const s = source();

    expect(s).toMatchObject({
      id: 'gcp-billing-export',
      title: 'Google Cloud billing export (BigQuery)',
      providers: ['gcp-cloud-run'],
      kind: 'billed',
    });
    expect(await ask(s)).toEqual([
      { deploymentId: A, day: '2026-12-01', amount: 1.25, currency: 'EUR' },
      { deploymentId: B, day: '2026-12-02', amount: 0.5, currency: 'EUR' },
    ]);

    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: QUERIES,
      authorization: `Bearer ${FAKE_BIGQUERY_TOKEN}`,
    });
    expect(request.body).toMatchObject({
      query: billingExportSql(TABLE),
      useLegacySql: false,
      location: 'EU',
      maxResults: 10000,
      parameterMode: 'named',
    });
    // Values only as parameters; the table backquoted.
    expect(request.body.query).toContain(`FROM \`${TABLE}\`, UNNEST(labels)`);
    expect(request.body.query).toContain('l.value IN UNNEST(@ids)');
    expect(request.body.query).toContain('usage_start_time >= @from');
    expect(request.body.query).toContain('usage_start_time < @to');
    expect(request.body.query).not.toContain(A);
    expect(request.body.query).not.toContain('2026-12');
    const params = Object.fromEntries(
      request.body.queryParameters.map((p: any) => [p.name, p]),
    );
    expect(params.ids).toEqual({
      name: 'ids',
      parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
      parameterValue: { arrayValues: [{ value: A }, { value: B }] },
    });
    expect(params.from.parameterType).toEqual({ type: 'TIMESTAMP' });
    expect(params.to.parameterType).toEqual({ type: 'TIMESTAMP' });
    expect(new Date(params.from.parameterValue.value).toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    // Up to, not including, the day `to`.
    expect(new Date(params.to.parameterValue.value).toISOString()).toBe(
      '2026-12-04T00:00:00.000Z',
    );
  });

  it('pages through three pages with getQueryResults and the page token', async () => {
    api.answer = (_, n) => ({
      body: [
        resultPage([[A, '2026-12-01', 1, 'USD']], { pageToken: 'p2' }),
        resultPage([[A, '2026-12-02', 2, 'USD']], { pageToken: 'p3' }),
        resultPage([[B, '2026-12-03', 3, 'USD']]),
      ][n],
    });

    expect(await ask(source({ pageSize: 1 }))).toEqual([
      { deploymentId: A, day: '2026-12-01', amount: 1, currency: 'USD' },
      { deploymentId: A, day: '2026-12-02', amount: 2, currency: 'USD' },
      { deploymentId: B, day: '2026-12-03', amount: 3, currency: 'USD' },
    ]);
    expect(api.requests.map(r => [r.method, r.path])).toEqual([
      ['POST', QUERIES],
      ['GET', `${QUERIES}/job_cost_1`],
      ['GET', `${QUERIES}/job_cost_1`],
    ]);
    expect(api.requests[0].body.maxResults).toBe(1);
    expect(api.requests.slice(1).map(r => r.query)).toEqual([
      expect.objectContaining({
        pageToken: 'p2',
        maxResults: '1',
        location: 'EU',
      }),
      expect.objectContaining({
        pageToken: 'p3',
        maxResults: '1',
        location: 'EU',
      }),
    ]);
    for (const request of api.requests) {
      expect(request.authorization).toBe(`Bearer ${FAKE_BIGQUERY_TOKEN}`);
    }
  });

  it('maps label values back to deployment ids, hashed ones too', async () => {
    const label = deploymentIdLabel(ODD);
    expect(label).toMatch(/^h-[0-9a-f]{40}$/);
    api.answer = () => ({
      body: resultPage([[label, '2026-12-01', 4, 'EUR']]),
    });

    expect(await ask(source(), [deployment(ODD), deployment(A)])).toEqual([
      { deploymentId: ODD, day: '2026-12-01', amount: 4, currency: 'EUR' },
    ]);
    expect(
      api.requests[0].body.queryParameters.find((p: any) => p.name === 'ids')
        .parameterValue.arrayValues,
    ).toEqual([{ value: label }, { value: A }]);
  });

  it.each([
    [
      403,
      'rateLimitExceeded',
      'Exceeded rate limits: too many concurrent queries',
    ],
    [400, 'invalidQuery', 'Unrecognized name: usage_start_time at [3:33]'],
  ])(
    'fails clearly on a BigQuery error answer (%s %s)',
    async (status, reason, message) => {
      api.answer = () => errorAnswer(status, reason, message);
      await expect(ask(source())).rejects.toThrow(
        `BigQuery billing export query of ${TABLE} failed: HTTP ${status}: ${reason}: ${message}`,
      );
    },
  );

  it('retries throttling through the client, and fails on an error of a later page', async () => {
    api.answer = (_, n) =>
      [
        errorAnswer(429, 'rateLimitExceeded', 'Quota exceeded'),
        {
          body: resultPage([[A, '2026-12-01', 1, 'EUR']], { pageToken: 'p2' }),
        },
      ][n] ?? errorAnswer(500, 'backendError', 'no answer set');
    const s = source({ maxRetries: 1 });
    const answer = ask(s);
    await expect(answer).rejects.toThrow(
      `failed: HTTP 500: backendError: no answer set`,
    );
    expect(api.requests.map(r => r.method)).toEqual([
      'POST',
      'POST',
      'GET',
      'GET',
    ]);
  }, 15_000);

  it.each([
    [
      'a cost that is not a number',
      [A, '2026-12-01', 'lots', 'EUR'],
      /row 2: cost null/,
    ],
    ['a missing cost', [A, '2026-12-01', null, 'EUR'], /row 2: cost null/],
    [
      'a day that is not one',
      [A, '2026-13-01', 1, 'EUR'],
      /row 2: day "2026-13-01"/,
    ],
    [
      'a day outside the range',
      [A, '2026-12-04', 1, 'EUR'],
      /row 2: day "2026-12-04"/,
    ],
    ['a missing currency', [A, '2026-12-01', 1, null], /row 2: currency null/],
    [
      'a missing deployment',
      [null, '2026-12-01', 1, 'EUR'],
      /row 2: deployment null/,
    ],
  ])(
    'refuses a malformed row (%s), returning nothing',
    async (_, row, message) => {
      api.answer = () => ({
        body: resultPage([
          [A, '2026-12-01', 1, 'EUR'],
          row as Array<string | number | null>,
        ]),
      });
      await expect(ask(source())).rejects.toThrow(message);
    },
  );

  it('caches an answer per days and set of deployments for the configured time, and not failures', async () => {
    api.answer = () => ({ body: resultPage([[A, '2026-12-03', 1, 'EUR']]) });
    const s = source({ cacheTtlMs: 3600_000 });

    const first = await ask(s);
    expect(await ask(s, [deployment(B), deployment(A)])).toEqual(first);
    expect(api.requests).toHaveLength(1);

    await ask(s, [deployment(A)]);
    await ask(s, undefined, '2026-12-02');
    expect(api.requests).toHaveLength(3);

    clock += 3600_000;
    await ask(s);
    expect(api.requests).toHaveLength(4);

    api.answer = () => errorAnswer(400, 'invalidQuery', 'bad');
    await expect(ask(s, [deployment(B)])).rejects.toThrow('invalidQuery');
    api.answer = () => ({ body: resultPage([]) });
    expect(await ask(s, [deployment(B)])).toEqual([]);
  });

  it('reads nothing for no deployments or no days', async () => {
    const s = source();
    expect(await ask(s, [])).toEqual([]);
    expect(await ask(s, undefined, '2026-12-01', '2026-12-01')).toEqual([]);
    expect(api.requests).toHaveLength(0);
  });

  it('accepts only project.dataset.table as the table', () => {
    for (const table of [
      'acme-billing.billing.export',
      'example.com:acme-billing.billing.gcp_billing_export_v1_0A',
    ]) {
      expect(() => billingExportSql(table)).not.toThrow();
    }
    for (const table of [
      'billing.export',
      'acme-billing.billing.export`; DROP TABLE x; --',
      'acme-billing.billing.ex port',
      'Acme.billing.export',
      'acme-billing.billing.export.extra',
    ]) {
      expect(() => source({ table })).toThrow(
        'is not a BigQuery table as project.dataset.table',
      );
    }
  });
});
