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
import { AzureRetailPricesSource } from './AzureRetailPricesSource';
import { convertRetailPrice } from './retailPrices/convertRetailPrice';
import {
  aci,
  aciItems,
  API_VERSION,
  FakeRetailPricesApi,
  Item,
  sampleAci,
  sampleVm,
  vm,
} from './__testUtils__/FakeRetailPricesApi';

const cpuOnly = (region: string) => aciItems(region).slice(0, 1);

describe('convertRetailPrice', () => {
  it.each([
    [0.0405, '1 Hour', 'vcpu', 'vcpu-hour', 0.0405],
    [0.00445, '1 GB Hour', 'memory', 'gib-hour', 0.00445],
    [0.000012, '1 Second', 'vcpu', 'vcpu-second', 0.000012],
    [0.00125, '100 Seconds', 'vcpu', 'vcpu-hour', 0.045],
    [0.00125, '100 Seconds', 'vcpu', 'vcpu-second', 0.0000125],
    [0.000125, '100 GB Seconds', 'memory', 'gib-hour', 0.0045],
    [0.000125, '100 GB Seconds', 'memory', 'gib-second', 0.00000125],
    [0.0432, '1 Hour', 'vcpu', 'vcpu-second', 0.000012],
    [0.025, '100 Seconds', 'gpu', 'gpu-hour', 0.9],
    [3.06, '1 Hour', 'gpu', 'gpu-hour', 3.06],
  ] as const)(
    '%p per "%s" (%s) is, per %s, %p',
    (price, unit, measure, target, expected) => {
      expect(convertRetailPrice(price, unit, measure, target)).toBe(expected);
    },
  );

  it('refuses units that do not measure the target', () => {
    expect(
      convertRetailPrice(1, '1/Month', 'vcpu', 'vcpu-hour'),
    ).toBeUndefined();
    expect(
      convertRetailPrice(1, '1 GB Hour', 'vcpu', 'vcpu-hour'),
    ).toBeUndefined();
    expect(
      convertRetailPrice(1, '1 Hour', 'memory', 'gib-hour'),
    ).toBeUndefined();
  });
});

describe('AzureRetailPricesSource', () => {
  let api: FakeRetailPricesApi;

  beforeEach(async () => {
    api = await new FakeRetailPricesApi().start();
  });

  afterEach(async () => {
    await api.stop();
    // Fails the test that sent a request the real API would refuse.
    if (api.problems.length > 0) {
      throw new Error(`The fake API got ${api.problems.join('; ')}`);
    }
  });

  const source = (options: { timeoutMs?: number; attempts?: number } = {}) =>
    new AzureRetailPricesSource({
      baseUrl: api.baseUrl,
      backoffMs: 5,
      ...options,
    });

  it('normalises the sample response items', async () => {
    // The sample's ACI item carries placeholders where a real item has values.
    api.serve([
      sampleVm,
      { ...sampleAci, effectiveStartDate: '2025-02-01T00:00:00Z' },
    ]);

    const points = await source().fetchPrices({
      regions: ['eastus', 'westeurope'],
    });

    expect(points).toEqual([
      {
        provider: 'azure',
        service: 'ContainerInstances',
        region: 'eastus',
        sku: 'vcpu',
        unit: 'vcpu-hour',
        usd: 0.0405,
        effectiveDate: '2025-02-01',
        source: 'live',
        origin: 'Azure Retail Prices API',
      },
      {
        provider: 'azure',
        service: 'VirtualMachines',
        region: 'westeurope',
        sku: 'Standard_D2s_v5',
        unit: 'hour',
        usd: 0.115,
        effectiveDate: '2021-11-01',
        source: 'live',
        origin: 'Azure Retail Prices API',
      },
    ]);
    expect(api.received.map(r => r.filter)).toEqual([
      "serviceName eq 'Container Instances' and armRegionName eq 'eastus' and priceType eq 'Consumption'",
      "serviceName eq 'Virtual Machines' and armRegionName eq 'eastus' and priceType eq 'Consumption'",
      "serviceName eq 'Container Instances' and armRegionName eq 'westeurope' and priceType eq 'Consumption'",
      "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and priceType eq 'Consumption'",
    ]);
    expect(api.received.every(r => r.apiVersion === API_VERSION)).toBe(true);
  });

  it('prices the Standard ACI meters and GPU hours, not Spot or Confidential', async () => {
    api.serve([
      ...aciItems('eastus'),
      // Another region lists the same meters in other units.
      aci({
        armRegionName: 'westus',
        meterName: 'Standard vCPU Duration',
        unitOfMeasure: '100 Seconds',
        retailPrice: 0.001125,
      }),
      aci({
        armRegionName: 'westus',
        meterName: 'Standard Memory Duration',
        unitOfMeasure: '100 GB Seconds',
        retailPrice: 0.000125,
      }),
      aci({
        armRegionName: 'westus',
        meterName: 'Standard Windows Software Duration',
        unitOfMeasure: '1 Hour',
        retailPrice: 0.0432,
      }),
    ]);

    const points = await source().fetchPrices({
      regions: ['eastus', 'westus'],
    });

    expect(points.map(p => [p.region, p.sku, p.unit, p.usd])).toEqual([
      ['eastus', 'vcpu', 'vcpu-hour', 0.0405],
      ['eastus', 'memory', 'gib-hour', 0.00445],
      ['eastus', 'windows-software', 'vcpu-second', 0.000012],
      ['eastus', 'gpu-v100', 'gpu-hour', 3.06],
      ['eastus', 'gpu-k80', 'gpu-hour', 0.9],
      ['westus', 'vcpu', 'vcpu-hour', 0.0405],
      ['westus', 'memory', 'gib-hour', 0.0045],
      ['westus', 'windows-software', 'vcpu-second', 0.000012],
    ]);
    expect(points.every(p => p.service === 'ContainerInstances')).toBe(true);
    expect(points.every(p => p.effectiveDate === '2024-06-01')).toBe(true);
  });

  it('prices Linux and Windows VMs, skipping Spot, Low Priority and non-hourly items', async () => {
    api.serve([
      vm({ retailPrice: 0.096 }),
      vm({
        productName: 'Virtual Machines Dsv5 Series Windows',
        retailPrice: 0.188,
      }),
      vm({ skuName: 'D2s v5 Spot', meterName: 'D2s v5 Spot', retailPrice: 1 }),
      vm({
        skuName: 'D2s v5 Low Priority',
        meterName: 'D2s v5 Low Priority',
        retailPrice: 1,
      }),
      vm({
        productName: 'Virtual Machines Dsv5 Series Windows',
        skuName: 'D2s v5 Spot',
        meterName: 'D2s v5 Spot',
        retailPrice: 1,
      }),
      // Filtered out by the API already (priceType), and skipped if not.
      vm({ type: 'Reservation', reservationTerm: '1 Year', retailPrice: 1 }),
      vm({
        armSkuName: 'Standard_D4s_v5',
        skuName: 'D4s v5',
        unitOfMeasure: '1/Month',
        retailPrice: 1,
      }),
      vm({ armSkuName: '', skuName: 'Something', retailPrice: 1 }),
      // A $0 placeholder.
      vm({ armSkuName: 'Standard_B1ls', skuName: 'B1ls', retailPrice: 0 }),
      // A non-primary meter region item loses to the primary one.
      vm({ isPrimaryMeterRegion: false, retailPrice: 0.5 }),
      vm({
        armSkuName: 'Standard_E2s_v5',
        skuName: 'E2s v5',
        isPrimaryMeterRegion: false,
        retailPrice: 0.126,
      }),
    ]);

    const points = await source().fetchPrices({ regions: ['eastus'] });

    expect(points.map(p => [p.service, p.sku, p.unit, p.usd])).toEqual([
      ['VirtualMachines', 'Standard_D2s_v5', 'hour', 0.096],
      ['VirtualMachines', 'Standard_D2s_v5:windows', 'hour', 0.188],
      ['VirtualMachines', 'Standard_E2s_v5', 'hour', 0.126],
    ]);
  });

  it('rejects two prices for one SKU that nothing tells apart', async () => {
    api.serve([vm({ retailPrice: 0.096 }), vm({ retailPrice: 0.1 })]);

    await expect(source().fetchPrices({ regions: ['eastus'] })).rejects.toThrow(
      'Ambiguous Virtual Machines prices in eastus: Standard_D2s_v5 costs both 0.096 and 0.1',
    );
  });

  it('follows NextPageLink over three pages', async () => {
    api.pageSize = 2;
    api.serve(aciItems('eastus').slice(0, 6));

    const points = await source().fetchPrices({ regions: ['eastus'] });

    expect(points.map(p => p.sku)).toEqual([
      'vcpu',
      'memory',
      'windows-software',
      'gpu-v100',
    ]);
    const aciRequests = api.received.filter(r =>
      r.filter?.startsWith("serviceName eq 'Container Instances'"),
    );
    expect(aciRequests.map(r => r.skip)).toEqual([0, 2, 4]);
    expect(new Set(aciRequests.map(r => r.filter)).size).toBe(1);
    expect(aciRequests.every(r => r.apiVersion === API_VERSION)).toBe(true);
  });

  it('refuses a NextPageLink to another origin', async () => {
    const other = await new FakeRetailPricesApi().start();
    try {
      api.serve(cpuOnly('eastus'));
      api.rewrite = body => ({
        ...body,
        NextPageLink: `${other.baseUrl}/api/retail/prices?$skip=100`,
      });

      await expect(
        source().fetchPrices({ regions: ['eastus'] }),
      ).rejects.toThrow(
        `Refusing to follow the NextPageLink of the Container Instances prices in eastus, page 1: it points at ${other.baseUrl}, not at ${api.baseUrl}`,
      );
      expect(other.received).toEqual([]);
    } finally {
      await other.stop();
    }
  });

  it('retries after 429 without Retry-After', async () => {
    api.serve(cpuOnly('eastus'));
    api.overrides.push({ status: 429, body: '{}' });

    const points = await source().fetchPrices({ regions: ['eastus'] });

    expect(points).toHaveLength(1);
    expect(api.received).toHaveLength(3); // 429, then ACI, then VMs
    expect(api.received[0].filter).toBe(api.received[1].filter);
  });

  it('waits as long as Retry-After says after 429', async () => {
    api.serve(cpuOnly('eastus'));
    api.overrides.push({
      status: 429,
      headers: { 'retry-after': '1' },
      body: '{}',
    });

    // Without Retry-After, the backoff would be up to a minute.
    const points = await new AzureRetailPricesSource({
      baseUrl: api.baseUrl,
      backoffMs: 60_000,
    }).fetchPrices({ regions: ['eastus'] });

    expect(points).toHaveLength(1);
    const [first, second] = api.received;
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(second.at - first.at).toBeLessThan(3000);
  });

  it('retries after a 5xx', async () => {
    api.serve(cpuOnly('eastus'));
    api.overrides.push({ status: 503, body: 'Service Unavailable' });

    const points = await source().fetchPrices({ regions: ['eastus'] });

    expect(points).toHaveLength(1);
    expect(api.received).toHaveLength(3);
  });

  it('gives up after the last attempt', async () => {
    api.overrides.push({ status: 500 }, { status: 502 });

    await expect(
      source({ attempts: 2 }).fetchPrices({ regions: ['eastus'] }),
    ).rejects.toThrow(
      /^Azure Retail Prices API request for the Container Instances prices in eastus, page 1 failed: 502 Bad Gateway from 127\.0\.0\.1:\d+$/,
    );
    expect(api.received).toHaveLength(2);
  });

  it('rejects a page that is not JSON, without retrying', async () => {
    api.overrides.push({ body: '<html>Service Unavailable</html>' });

    await expect(source().fetchPrices({ regions: ['eastus'] })).rejects.toThrow(
      /page 1 failed: Malformed JSON from 127\.0\.0\.1:\d+: <html>Service Unavailable<\/html>$/,
    );
    expect(api.received).toHaveLength(1);
  });

  it('rejects a page without an Items array', async () => {
    api.overrides.push({ body: JSON.stringify({ Count: 0 }) });

    await expect(source().fetchPrices({ regions: ['eastus'] })).rejects.toThrow(
      'Malformed Azure Retail Prices API response for the Container Instances prices in eastus, page 1: no Items array',
    );
  });

  it('rejects an item whose retailPrice is not a number', async () => {
    api.serve([aci({ meterName: 'Standard vCPU Duration' })]);
    api.rewrite = body => ({
      ...body,
      Items: [...(body.Items as Item[]), { ...sampleAci, retailPrice: '0.1' }],
    });

    await expect(source().fetchPrices({ regions: ['eastus'] })).rejects.toThrow(
      'Malformed item 2 of the Container Instances prices in eastus, page 1: retailPrice "0.1" is not a price',
    );
  });

  it('rejects an item of another region', async () => {
    api.serve(cpuOnly('eastus'));
    api.rewrite = body => ({
      ...body,
      Items: (body.Items as Item[]).map(i => ({
        ...i,
        armRegionName: 'westus',
      })),
    });

    await expect(source().fetchPrices({ regions: ['eastus'] })).rejects.toThrow(
      "priced for region 'westus'",
    );
  });

  it('rejects a meter in a unit it cannot convert', async () => {
    api.serve([
      aci({ meterName: 'Standard Memory Duration', unitOfMeasure: '1 Hour' }),
    ]);

    await expect(source().fetchPrices({ regions: ['eastus'] })).rejects.toThrow(
      "meter 'Standard Memory Duration' is measured in '1 Hour', which cannot be priced per gib-hour",
    );
  });

  it('rejects after a short timeout when the API never answers', async () => {
    api.overrides.push({ hang: true }, { hang: true });
    const started = Date.now();

    await expect(
      source({ timeoutMs: 200, attempts: 2 }).fetchPrices({
        regions: ['eastus'],
      }),
    ).rejects.toThrow(
      `Azure Retail Prices API at ${api.baseUrl} cannot be reached (no answer within 200 ms, 2 attempts)`,
    );
    expect(api.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops when aborted', async () => {
    api.overrides.push({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 50);

    await expect(
      source().fetchPrices({ regions: ['eastus'], signal: controller.signal }),
    ).rejects.toThrow('shutting down');
  });

  it.each(["east'us", "eastus' or '1' eq '1", 'East US', 'us-east-1', ''])(
    'rejects the region %j without calling the API',
    async region => {
      await expect(source().fetchPrices({ regions: [region] })).rejects.toThrow(
        `Invalid Azure region ${JSON.stringify(region)}`,
      );
      expect(api.received).toEqual([]);
      expect(
        () =>
          new AzureRetailPricesSource({
            baseUrl: api.baseUrl,
            regions: [region],
          }),
      ).toThrow('Invalid Azure region');
    },
  );

  it('rejects a base URL that is not http(s)', () => {
    expect(
      () => new AzureRetailPricesSource({ baseUrl: 'ftp://prices.azure.com' }),
    ).toThrow('not http(s)');
    expect(() => new AzureRetailPricesSource({ baseUrl: 'nope' })).toThrow(
      "Invalid Azure Retail Prices API base URL 'nope'",
    );
  });

  it('asks for nothing when given no regions', async () => {
    await expect(source().fetchPrices({ regions: [] })).resolves.toEqual([]);
    expect(api.received).toEqual([]);
  });
});
