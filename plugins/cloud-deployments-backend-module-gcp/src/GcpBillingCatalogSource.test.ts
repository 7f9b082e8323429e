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
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { GcpBillingCatalogSource } from './GcpBillingCatalogSource';
import sample from './__fixtures__/gcp-catalog-skus-response.cloudrun.json';
import {
  CLOUD_RUN,
  COMPUTE,
  FakeCatalogApi,
  Sku,
  sku,
} from './__testUtils__/fakeCatalogApi';

const API_KEY = 'AIzaSyTEST-key_0123456789abcdefghijklmno';
const [sampleSku] = sample.skus as Sku[];

const T1 = ['us-central1', 'europe-west1'];
const T2 = ['europe-west3'];

const cloudRunSkus: Sku[] = [
  sku('Services CPU (Request-based billing)', {
    regions: T1,
    usageUnit: 's',
    tiers: [
      [0, '0', 0],
      [180000, '0', 24000],
    ],
  }),
  sku('Services CPU Tier 2  (Request-based billing)', {
    regions: T2,
    usageUnit: 's',
    tiers: [[0, '0', 33600]],
  }),
  sku('Services Memory (Request-based billing)', {
    regions: T1,
    usageUnit: 'GiBy.s',
    tiers: [
      [0, '0', 0],
      [360000, '0', 2500],
    ],
  }),
  sku('Services Memory Tier 2 (Request-based billing)', {
    regions: T2,
    usageUnit: 'GiBy.s',
    tiers: [[0, '0', 3500]],
  }),
  sku('Services Min Instance CPU (Request-based billing)', {
    regions: T1,
    usageUnit: 's',
    tiers: [[0, '0', 2500]],
  }),
  sku('Services Min Instance CPU Tier 2 (Request-based billing)', {
    regions: T2,
    usageUnit: 's',
    tiers: [[0, '0', 3500]],
  }),
  sku('Services Min Instance Memory (Request-based billing)', {
    regions: T1,
    usageUnit: 'GiBy.s',
    tiers: [[0, '0', 2500]],
  }),
  sku('Services Min Instance Memory Tier 2 (Request-based billing)', {
    regions: T2,
    usageUnit: 'GiBy.s',
    tiers: [[0, '0', 3500]],
  }),
  sku('Requests', {
    regions: ['global'],
    usageUnit: 'count',
    tiers: [
      [0, '0', 0],
      [2000000, '0', 400],
    ],
  }),
  // Priced per hour, to be converted to per second.
  sku('Services CPU (Instance-based billing) in us-central1', {
    regions: ['us-central1'],
    usageUnit: 'h',
    tiers: [[0, '0', 64800000]],
  }),
  sku('Services Memory (Instance-based billing) in us-central1', {
    regions: ['us-central1'],
    usageUnit: 'GiBy.h',
    tiers: [[0, '0', 7200000]],
  }),
  sku('Services CPU (Instance-based billing) in in europe-west3', {
    regions: ['europe-west3'],
    usageUnit: 's',
    tiers: [[0, '0', 21600]],
  }),
  sku('Services Memory (Instance-based billing) in europe-west3', {
    regions: ['europe-west3'],
    usageUnit: 'GiBy.s',
    tiers: [[0, '0', 2400]],
  }),
  sku('Services CPU (Instance-based billing) in asia-east1', {
    regions: ['asia-east1'],
    usageUnit: 's',
    tiers: [[0, '0', 18000]],
  }),
  sku('Jobs CPU in us-central1', {
    regions: ['us-central1'],
    usageUnit: 's',
    tiers: [[0, '0', 18000]],
  }),
];

const CPU = {
  resourceFamily: 'Compute',
  resourceGroup: 'CPU',
  usageType: 'OnDemand',
};
const RAM = { ...CPU, resourceGroup: 'RAM' };
const N1 = { ...CPU, resourceGroup: 'N1Standard' };
const AMERICAS = ['us-central1', 'us-east1', 'us-west1'];

const computeSkus: Sku[] = [
  sku('E2 Instance Core running in Americas', {
    regions: AMERICAS,
    usageUnit: 'h',
    tiers: [[0, '0', 21811590]],
    category: CPU,
  }),
  sku('E2 Instance Ram running in Americas', {
    regions: AMERICAS,
    usageUnit: 'GiBy.h',
    tiers: [[0, '0', 2923530]],
    category: RAM,
  }),
  sku('Spot Preemptible E2 Instance Core running in Americas', {
    regions: AMERICAS,
    usageUnit: 'h',
    tiers: [[0, '0', 6543000]],
    category: { ...CPU, usageType: 'Preemptible' },
  }),
  sku('Commitment v1: E2 Cpu in Americas for 1 Year', {
    regions: AMERICAS,
    usageUnit: 'h',
    tiers: [[0, '0', 13741000]],
    category: { ...CPU, usageType: 'Commit1Yr' },
  }),
  sku('E2 Custom Instance Core running in Americas', {
    regions: AMERICAS,
    usageUnit: 'h',
    tiers: [[0, '0', 22900000]],
    category: CPU,
  }),
  sku('N1 Predefined Instance Core running in Americas', {
    regions: AMERICAS,
    usageUnit: 'h',
    tiers: [[0, '0', 31611000]],
    category: N1,
  }),
  sku('N1 Predefined Instance Ram running in Americas', {
    regions: AMERICAS,
    usageUnit: 'GiBy.h',
    tiers: [[0, '0', 4237000]],
    category: N1,
  }),
  sku('N2 Instance Core running in Belgium', {
    regions: ['europe-west1'],
    usageUnit: 'h',
    tiers: [[0, '0', 34802000]],
    category: CPU,
  }),
  sku('N2D AMD Instance Core running in Frankfurt', {
    regions: ['europe-west3'],
    usageUnit: 'h',
    tiers: [[0, '0', 35438000]],
    category: CPU,
  }),
  sku('Compute optimized Core running in Americas', {
    regions: ['us-central1'],
    usageUnit: 'h',
    tiers: [[0, '0', 33982000]],
    category: CPU,
  }),
  // Whole units and nanos together.
  sku('C3 Instance Core running in Frankfurt', {
    regions: ['europe-west3'],
    usageUnit: 'h',
    tiers: [[0, '1', 250000000]],
    category: CPU,
  }),
  sku('T2D AMD Instance Ram running in Americas', {
    regions: ['us-central1'],
    usageUnit: 'GiBy.h',
    tiers: [[0, '0', 3686000]],
    category: RAM,
  }),
];

/** The points as `sku region → [unit, usd]`, for order-free comparison. */
function table(points: PricePoint[]) {
  return Object.fromEntries(
    points.map(p => [`${p.service} ${p.sku} ${p.region}`, [p.unit, p.usd]]),
  );
}

describe('GcpBillingCatalogSource', () => {
  let api: FakeCatalogApi;

  beforeEach(async () => {
    api = await new FakeCatalogApi({ apiKey: API_KEY }).start();
    api.serve(CLOUD_RUN, cloudRunSkus.slice(0, 1));
    api.serve(COMPUTE, computeSkus.slice(0, 1));
  });

  afterEach(async () => {
    await api.stop();
    // Fails the test that sent a request the real API would refuse.
    if (api.problems.length > 0) {
      throw new Error(`The fake API got ${api.problems.join('; ')}`);
    }
  });

  const source = (
    options: { timeoutMs?: number; attempts?: number; apiKey?: string } = {},
  ) =>
    new GcpBillingCatalogSource({
      apiKey: API_KEY,
      baseUrl: api.baseUrl,
      backoffMs: 5,
      ...options,
    });

  it('normalises the sample response', async () => {
    // The sample carries placeholders where a real SKU has values.
    api.serve(CLOUD_RUN, [
      {
        ...sampleSku,
        serviceRegions: ['us-central1', 'europe-west1', 'asia-east1'],
        pricingInfo: (sampleSku.pricingInfo as Sku[]).map(info => ({
          ...info,
          effectiveTime: '2026-04-23T07:13:42.190Z',
        })),
      },
    ]);

    const points = await source().fetchPrices({
      regions: ['us-central1', 'europe-west1'],
    });

    expect(points.filter(p => p.service === 'CloudRun')).toEqual(
      ['us-central1', 'europe-west1'].map(region => ({
        provider: 'gcp',
        service: 'CloudRun',
        region,
        sku: 'request-cpu',
        unit: 'vcpu-second',
        usd: 0.000024,
        effectiveDate: '2026-04-23',
        source: 'live',
        origin: 'Google Cloud Billing Catalog API',
      })),
    );
  });

  it('rejects a catalog that lists none of the SKUs it prices', async () => {
    api.serve(COMPUTE, computeSkus.slice(2, 5));

    await expect(
      source().fetchPrices({ regions: ['us-central1'] }),
    ).rejects.toThrow(
      'The Compute Engine catalog (service 6F81-5844-456A) lists none of the SKUs this source prices among its 3 SKUs; their descriptions may have changed',
    );
  });

  it('prices every Cloud Run SKU per region, in our units', async () => {
    api.serve(CLOUD_RUN, cloudRunSkus);

    const points = await source().fetchPrices({
      regions: ['us-central1', 'europe-west3'],
    });

    expect(table(points.filter(p => p.service === 'CloudRun'))).toEqual({
      'CloudRun request-cpu us-central1': ['vcpu-second', 0.000024],
      'CloudRun request-cpu europe-west3': ['vcpu-second', 0.0000336],
      'CloudRun request-memory us-central1': ['gib-second', 0.0000025],
      'CloudRun request-memory europe-west3': ['gib-second', 0.0000035],
      'CloudRun request-idle-cpu us-central1': ['vcpu-second', 0.0000025],
      'CloudRun request-idle-cpu europe-west3': ['vcpu-second', 0.0000035],
      'CloudRun request-idle-memory us-central1': ['gib-second', 0.0000025],
      'CloudRun request-idle-memory europe-west3': ['gib-second', 0.0000035],
      'CloudRun requests us-central1': ['request', 0.0000004],
      'CloudRun requests europe-west3': ['request', 0.0000004],
      'CloudRun instance-cpu us-central1': ['vcpu-second', 0.000018],
      'CloudRun instance-memory us-central1': ['gib-second', 0.000002],
      'CloudRun instance-cpu europe-west3': ['vcpu-second', 0.0000216],
      'CloudRun instance-memory europe-west3': ['gib-second', 0.0000024],
    });
    expect(points.every(p => p.effectiveDate === '2026-04-23')).toBe(true);
  });

  it('prefers a Tier 2 SKU over a tier-1 one that also lists the region', async () => {
    api.serve(CLOUD_RUN, [
      sku('Services CPU Tier 2  (Request-based billing)', {
        regions: T2,
        usageUnit: 's',
        tiers: [[0, '0', 33600]],
      }),
      sku('Services CPU (Request-based billing)', {
        regions: [...T1, ...T2],
        usageUnit: 's',
        tiers: [[0, '0', 24000]],
      }),
    ]);

    const points = await source().fetchPrices({ regions: ['europe-west3'] });

    expect(table(points.filter(p => p.service === 'CloudRun'))).toEqual({
      'CloudRun request-cpu europe-west3': ['vcpu-second', 0.0000336],
    });
  });

  it('rejects two prices for one SKU and region that nothing tells apart', async () => {
    api.serve(CLOUD_RUN, [
      cloudRunSkus[0],
      sku('Services  CPU (Request-based billing)', {
        regions: ['us-central1'],
        usageUnit: 's',
        tiers: [[0, '0', 30000]],
      }),
    ]);

    await expect(
      source().fetchPrices({ regions: ['us-central1'] }),
    ).rejects.toThrow(
      'Ambiguous Cloud Run prices: request-cpu in us-central1 costs both 0.000024 and 0.00003',
    );
  });

  it('prices the on-demand core and RAM of predefined machine families', async () => {
    api.serve(COMPUTE, computeSkus);

    const points = await source().fetchPrices({
      regions: ['us-central1', 'europe-west3'],
    });

    expect(table(points.filter(p => p.service === 'ComputeEngine'))).toEqual({
      'ComputeEngine e2-core us-central1': ['vcpu-hour', 0.02181159],
      'ComputeEngine e2-ram us-central1': ['gib-hour', 0.00292353],
      'ComputeEngine n1-core us-central1': ['vcpu-hour', 0.031611],
      'ComputeEngine n1-ram us-central1': ['gib-hour', 0.004237],
      'ComputeEngine n2d-core europe-west3': ['vcpu-hour', 0.035438],
      'ComputeEngine c2-core us-central1': ['vcpu-hour', 0.033982],
      'ComputeEngine c3-core europe-west3': ['vcpu-hour', 1.25],
      'ComputeEngine t2d-ram us-central1': ['gib-hour', 0.003686],
    });
  });

  it('reads every page with the API key, USD and the largest page size', async () => {
    api.pageSize = 2;
    api.serve(CLOUD_RUN, cloudRunSkus.slice(0, 6));

    const points = await source().fetchPrices({ regions: ['us-central1'] });

    expect(points.filter(p => p.service === 'CloudRun')).toHaveLength(3);
    const cloudRun = api.received.filter(r => r.serviceId === CLOUD_RUN);
    expect(cloudRun).toHaveLength(3);
    expect(cloudRun[0].pageToken).toBeNull();
    expect(cloudRun[1].pageToken).toMatch(/^tok1-/);
    expect(cloudRun[2].pageToken).toMatch(/^tok2-/);
    expect(
      api.received.every(
        r =>
          r.key === API_KEY &&
          r.currencyCode === 'USD' &&
          r.pageSize === '5000',
      ),
    ).toBe(true);
    expect(api.received.map(r => r.serviceId)).toEqual([
      CLOUD_RUN,
      CLOUD_RUN,
      CLOUD_RUN,
      COMPUTE,
    ]);
  });

  it('retries after 429 without Retry-After', async () => {
    api.overrides.push({ status: 429, body: '{}' });

    const points = await source().fetchPrices({ regions: ['us-central1'] });

    expect(points).toHaveLength(2);
    expect(api.received).toHaveLength(3);
    expect(api.received[1].serviceId).toBe(CLOUD_RUN);
  });

  it('waits as long as Retry-After says after 429', async () => {
    api.overrides.push({
      status: 429,
      headers: { 'retry-after': '1' },
      body: '{}',
    });

    // Without Retry-After, the backoff would be up to a minute.
    const points = await new GcpBillingCatalogSource({
      apiKey: API_KEY,
      baseUrl: api.baseUrl,
      backoffMs: 60_000,
    }).fetchPrices({ regions: ['us-central1'] });

    expect(points).toHaveLength(2);
    const [first, second] = api.received;
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(second.at - first.at).toBeLessThan(3000);
  });

  it('retries after a 5xx', async () => {
    api.overrides.push({ status: 503, body: '{}' });

    const points = await source().fetchPrices({ regions: ['us-central1'] });

    expect(points).toHaveLength(2);
    expect(api.received).toHaveLength(3);
  });

  it('rejects a page that is not JSON, without retrying', async () => {
    api.overrides.push({ body: '<html>Bad gateway</html>' });

    await expect(
      source().fetchPrices({ regions: ['us-central1'] }),
    ).rejects.toThrow(
      /^Google Cloud Billing Catalog API request for the Cloud Run catalog, page 1 failed: Malformed JSON from 127\.0\.0\.1:\d+: <html>Bad gateway<\/html>$/,
    );
    expect(api.received).toHaveLength(1);
  });

  it.each([
    [
      'skus that are not a list',
      { skus: {} },
      'Malformed Google Cloud Billing Catalog API response for the Cloud Run catalog, page 1: skus is not a list',
    ],
    [
      'a body that is not an object',
      [],
      'Malformed Google Cloud Billing Catalog API response for the Cloud Run catalog, page 1: not an object',
    ],
    [
      'a numeric page token',
      { skus: [], nextPageToken: 7 },
      'nextPageToken is not a string',
    ],
    [
      'a SKU without description',
      { skus: [{ skuId: 'x' }] },
      'Malformed SKU 1 of the Cloud Run catalog, page 1: no description',
    ],
    [
      'a SKU without pricing',
      { skus: [{ ...cloudRunSkus[0], pricingInfo: [] }] },
      "Malformed SKU 1 of the Cloud Run catalog, page 1 ('Services CPU (Request-based billing)'): no pricingInfo",
    ],
    [
      'a SKU without a region list',
      { skus: [{ ...cloudRunSkus[0], serviceRegions: 'us-central1' }] },
      'no serviceRegions list',
    ],
    [
      'a non-numeric price',
      {
        skus: [
          sku('Requests', {
            regions: ['global'],
            usageUnit: 'count',
            tiers: [[0, 'lots', 0]],
          }),
        ],
      },
      `('Requests'): Invalid money value {"currencyCode":"USD","units":"lots","nanos":0}`,
    ],
    [
      'a usage unit it cannot convert',
      {
        skus: [
          sku('Requests', {
            regions: ['global'],
            usageUnit: 'GiBy.mo',
            tiers: [[0, '0', 400]],
          }),
        ],
      },
      `Unexpected SKU 1 of the Cloud Run catalog, page 1 ('Requests'): usageUnit "GiBy.mo" cannot be priced per request`,
    ],
  ])('rejects a page with %s', async (_label, body, message) => {
    api.overrides.push({ body: JSON.stringify(body) });

    await expect(
      source().fetchPrices({ regions: ['us-central1'] }),
    ).rejects.toThrow(message);
  });

  it('rejects after a short timeout when the API never answers', async () => {
    api.overrides.push({ hang: true }, { hang: true });
    const started = Date.now();

    const error = await source({ timeoutMs: 200, attempts: 2 })
      .fetchPrices({ regions: ['us-central1'] })
      .catch(e => e);

    expect(error.message).toMatch(
      /Cloud Run catalog, page 1 failed: .*timeout/i,
    );
    expect(error.message).not.toContain(API_KEY);
    expect(api.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  describe('keeps the API key out of errors and logs', () => {
    const expectNoKey = (error: Error) => {
      expect(error).toBeInstanceOf(Error);
      // Not even in part.
      expect(error.message).not.toContain(API_KEY.slice(0, 8));
      expect(error.message).not.toContain(API_KEY.slice(-8));
      expect(error.cause).toBeUndefined();
      expect(String(error.stack)).not.toContain(API_KEY);
    };

    it('when the key is refused', async () => {
      const error = await source({ apiKey: 'wrong-key' })
        .fetchPrices({ regions: ['us-central1'] })
        .catch(e => e);

      expect(error.message).toMatch(
        /page 1 failed: 400 Bad Request from 127\.0\.0\.1:\d+$/,
      );
      expect(error.message).not.toContain('wrong-key');
      expect(api.received[0].key).toBe('wrong-key');
    });

    it('when an error page echoes the request URL', async () => {
      api.overrides.push({
        body: `Error for GET /v1/services/${CLOUD_RUN}/skus?key=${API_KEY}&currencyCode=USD`,
      });

      const error = await source()
        .fetchPrices({ regions: ['us-central1'] })
        .catch(e => e);

      expect(error.message).toContain('Malformed JSON');
      expect(error.message).toContain('key=<redacted>');
      expectNoKey(error);
    });

    it('when the key appears anywhere in an error', async () => {
      api.overrides.push({ body: `{"oops": "${API_KEY}"` });

      const error = await source()
        .fetchPrices({ regions: ['us-central1'] })
        .catch(e => e);

      expect(error.message).toContain('<redacted>');
      expectNoKey(error);
    });

    it('when an error page quotes the start of the key', async () => {
      // The error quotes the first 80 characters of the body.
      api.overrides.push({ body: `${'x'.repeat(70)}${API_KEY}` });

      const error = await source()
        .fetchPrices({ regions: ['us-central1'] })
        .catch(e => e);

      expect(error.message).toMatch(/: x{70}<redacted>$/);
      expectNoKey(error);
    });

    it('when the API cannot be reached', async () => {
      const closed = await new FakeCatalogApi({ apiKey: API_KEY }).start();
      const baseUrl = closed.baseUrl;
      await closed.stop();

      const error = await new GcpBillingCatalogSource({
        apiKey: API_KEY,
        baseUrl,
        attempts: 1,
      })
        .fetchPrices({ regions: ['us-central1'] })
        .catch(e => e);

      expect(error.message).toContain('page 1 failed: fetch failed');
      expectNoKey(error);
    });

    it('in debug logs', async () => {
      const logger = mockServices.logger.mock();
      api.serve(CLOUD_RUN, cloudRunSkus);

      await new GcpBillingCatalogSource({
        apiKey: API_KEY,
        baseUrl: api.baseUrl,
        logger,
      }).fetchPrices({ regions: ['us-central1'] });

      expect(logger.debug).toHaveBeenCalledTimes(2);
      const logged = JSON.stringify(
        Object.values(logger).map(fn => (fn as jest.Mock).mock?.calls),
      );
      expect(logged).toContain('Cloud Run prices in us-central1');
      expect(logged).not.toContain(API_KEY);
    });
  });

  it('stops when aborted', async () => {
    api.overrides.push({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 50);

    await expect(
      source().fetchPrices({
        regions: ['us-central1'],
        signal: controller.signal,
      }),
    ).rejects.toThrow('shutting down');
  });

  it.each(['us-central-1', 'global', 'US-CENTRAL1', "us-central1'", ''])(
    'rejects the region %j without calling the API',
    async region => {
      await expect(source().fetchPrices({ regions: [region] })).rejects.toThrow(
        `Invalid Google Cloud region ${JSON.stringify(region)}`,
      );
      expect(api.received).toEqual([]);
    },
  );

  it('refuses to be built without credentials, with both, or with a bad base URL', () => {
    expect(() => new GcpBillingCatalogSource({ apiKey: ' ' })).toThrow(
      'The Cloud Billing Catalog API needs an API key or auth',
    );
    expect(() => new GcpBillingCatalogSource({})).toThrow(
      'The Cloud Billing Catalog API needs an API key or auth',
    );
    expect(
      () =>
        new GcpBillingCatalogSource({
          apiKey: API_KEY,
          auth: { getRequestHeaders: async () => new Headers() },
        }),
    ).toThrow('takes an API key or auth, not both');
    expect(
      () =>
        new GcpBillingCatalogSource({ apiKey: API_KEY, baseUrl: 'file:///x' }),
    ).toThrow('not http(s)');
  });

  describe('with auth instead of an API key', () => {
    const TOKEN = 'ya29.a0Af-TEST-access-token_0123456789';
    let tokenApi: FakeCatalogApi;

    beforeEach(async () => {
      tokenApi = await new FakeCatalogApi({ accessToken: TOKEN }).start();
      tokenApi.serve(CLOUD_RUN, cloudRunSkus.slice(0, 1));
      tokenApi.serve(COMPUTE, computeSkus.slice(0, 1));
    });

    afterEach(async () => {
      await tokenApi.stop();
      if (tokenApi.problems.length > 0) {
        throw new Error(`The fake API got ${tokenApi.problems.join('; ')}`);
      }
    });

    /** Counts its calls, as a token that is refreshed when due. */
    function bearer(token = TOKEN) {
      const auth = {
        calls: 0,
        async getRequestHeaders() {
          auth.calls += 1;
          return new Headers({
            authorization: `Bearer ${token}`,
            'x-goog-user-project': 'acme-quota',
          });
        },
      };
      return auth;
    }

    const tokenSource = (
      auth: ReturnType<typeof bearer>,
      options: { attempts?: number } = {},
    ) =>
      new GcpBillingCatalogSource({
        auth,
        baseUrl: tokenApi.baseUrl,
        backoffMs: 5,
        ...options,
      });

    it('sends the headers of auth with every page, and no key', async () => {
      tokenApi.pageSize = 1;
      tokenApi.serve(CLOUD_RUN, [cloudRunSkus[0], cloudRunSkus[2]]);
      const auth = bearer();

      const points = await tokenSource(auth).fetchPrices({
        regions: ['us-central1'],
      });

      expect(points).toHaveLength(3);
      expect(tokenApi.received).toHaveLength(3);
      expect(
        tokenApi.received.every(
          r =>
            r.authorization === `Bearer ${TOKEN}` &&
            r.userProject === 'acme-quota' &&
            r.key === null,
        ),
      ).toBe(true);
      // Asked per request, so that a token due for refresh is refreshed.
      expect(auth.calls).toBe(3);
    });

    it('rejects a refused token, without it in the message', async () => {
      const error = await tokenSource(bearer('ya29.expired-token-xyz'), {
        attempts: 1,
      })
        .fetchPrices({ regions: ['us-central1'] })
        .catch(e => e);

      expect(error.message).toMatch(
        /page 1 failed: 401 Unauthorized from 127\.0\.0\.1:\d+$/,
      );
      expect(tokenApi.received[0].authorization).toBe(
        'Bearer ya29.expired-token-xyz',
      );
    });

    it('keeps the token out of an error that quotes it', async () => {
      tokenApi.overrides.push({ body: `{"echo": "Bearer ${TOKEN}"` });

      const error = await tokenSource(bearer())
        .fetchPrices({ regions: ['us-central1'] })
        .catch(e => e);

      expect(error.message).toContain('Malformed JSON');
      expect(error.message).toContain('Bearer <redacted>');
      expect(error.message).not.toContain(TOKEN.slice(-8));
      expect(error.cause).toBeUndefined();
    });

    it('says when no token could be had, without the failure itself', async () => {
      const failure = Object.assign(
        new Error('invalid_grant: Token has been expired or revoked.'),
        { config: { data: 'refresh_token=never-show-this' } },
      );
      const unauthenticated = new GcpBillingCatalogSource({
        auth: { getRequestHeaders: () => Promise.reject(failure) },
        baseUrl: tokenApi.baseUrl,
      });

      const error = await unauthenticated
        .fetchPrices({ regions: ['us-central1'] })
        .catch(e => e);

      expect(error.message).toBe(
        'Google Cloud Billing Catalog API request for the Cloud Run catalog, page 1 failed: ' +
          'could not get an access token: invalid_grant: Token has been expired or revoked.',
      );
      expect(error.cause).toBeUndefined();
      expect(tokenApi.received).toEqual([]);
    });

    it('keeps auth private', () => {
      const authenticated = tokenSource(bearer());

      expect(JSON.stringify(authenticated)).not.toContain(TOKEN);
      expect(Object.keys(authenticated)).not.toContain('auth');
    });
  });
});
