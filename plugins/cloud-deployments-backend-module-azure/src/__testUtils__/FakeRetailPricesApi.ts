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
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import sample from '../__fixtures__/azure-retail-prices-response.json';

export const API_VERSION = '2023-01-01-preview';
const FILTER =
  /^serviceName eq '([^']+)' and armRegionName eq '([a-z0-9]+)' and priceType eq 'Consumption'$/;

export type Item = Record<string, unknown>;

/** What the fake API received, decoded. */
type Received = {
  path: string;
  apiVersion: string | null;
  filter: string | null;
  skip: number;
  at: number;
};

/** One response to send instead of the API's, for a request. */
type Override = {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer. */
  hang?: boolean;
};

/**
 * A local stand-in for the Azure Retail Prices API: `GET
 * /api/retail/prices?api-version=…&$filter=…` answers with the items of the
 * filter's service and region, `pageSize` at a time, paginated through
 * `NextPageLink` with `$skip` the way the real API does. Every request is
 * checked and recorded; `overrides` answer the next requests instead.
 */
export class FakeRetailPricesApi {
  readonly received: Received[] = [];
  readonly problems: string[] = [];
  readonly overrides: Override[] = [];
  pageSize = 100;
  /** Rewrites the body of a page before it is sent. */
  rewrite?: (body: Item) => Item;
  #server?: Server;
  #items: Item[] = [];

  get baseUrl(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  serve(items: Item[]): this {
    this.#items = items;
    return this;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => this.#handle(req, res));
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise(resolve => this.#server?.close(resolve));
  }

  #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, this.baseUrl);
    const received: Received = {
      path: url.pathname,
      apiVersion: url.searchParams.get('api-version'),
      filter: url.searchParams.get('$filter'),
      skip: Number(url.searchParams.get('$skip') ?? 0),
      at: Date.now(),
    };
    this.received.push(received);
    const override = this.overrides.shift();
    if (override?.hang) return;
    if (override) {
      res.writeHead(override.status ?? 200, {
        'content-type': 'application/json',
        ...override.headers,
      });
      res.end(override.body ?? '');
      return;
    }
    const match = received.filter ? FILTER.exec(received.filter) : null;
    if (
      req.method !== 'GET' ||
      received.path !== '/api/retail/prices' ||
      received.apiVersion !== API_VERSION ||
      !match
    ) {
      this.problems.push(`unexpected request ${req.method} ${req.url}`);
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Error: { Code: 'BadRequest' } }));
      return;
    }
    const [, serviceName, region] = match;
    const all = this.#items.filter(
      i =>
        i.serviceName === serviceName &&
        i.armRegionName === region &&
        i.type === 'Consumption',
    );
    const items = all.slice(received.skip, received.skip + this.pageSize);
    const nextSkip = received.skip + this.pageSize;
    const next = new URL('/api/retail/prices', this.baseUrl);
    next.searchParams.set('api-version', API_VERSION);
    next.searchParams.set('$filter', received.filter!);
    next.searchParams.set('$skip', String(nextSkip));
    let body: Item = {
      BillingCurrency: 'USD',
      CustomerEntityId: 'Default',
      CustomerEntityType: 'Retail',
      Items: items,
      NextPageLink: nextSkip < all.length ? next.href : null,
      Count: items.length,
    };
    if (this.rewrite) body = this.rewrite(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}

export const [sampleVm, sampleAci] = sample.Items as Item[];

/** An item shaped like the sample's, with the given fields. */
export function aci(fields: Item): Item {
  return {
    ...sampleAci,
    effectiveStartDate: '2024-06-01T00:00:00Z',
    ...fields,
  };
}

export function vm(fields: Item): Item {
  return { ...sampleVm, armRegionName: 'eastus', ...fields };
}

/** The Container Instances items of a region as the API lists them. */
export function aciItems(region: string): Item[] {
  return [
    aci({
      armRegionName: region,
      meterName: 'Standard vCPU Duration',
      unitOfMeasure: '1 Hour',
      retailPrice: 0.0405,
    }),
    aci({
      armRegionName: region,
      meterName: 'Standard Memory Duration',
      unitOfMeasure: '1 GB Hour',
      retailPrice: 0.00445,
    }),
    aci({
      armRegionName: region,
      meterName: 'Standard Windows Software Duration',
      unitOfMeasure: '1 Second',
      retailPrice: 0.000012,
    }),
    aci({
      armRegionName: region,
      skuName: 'Standard Spot',
      meterName: 'Standard Spot vCPU Duration',
      unitOfMeasure: '1 Hour',
      retailPrice: 0.00405,
    }),
    aci({
      armRegionName: region,
      skuName: 'Confidential containers ACI',
      meterName: 'Confidential containers ACI vCPU Duration',
      unitOfMeasure: '1 Hour',
      retailPrice: 0.0486,
    }),
    aci({
      armRegionName: region,
      productName: 'Container Instances with GPU',
      skuName: 'V100',
      meterName: 'V100 GPU Duration',
      unitOfMeasure: '1 Hour',
      retailPrice: 3.06,
    }),
    aci({
      armRegionName: region,
      productName: 'Container Instances with GPU',
      skuName: 'V100',
      meterName: 'V100 vCPU Duration',
      unitOfMeasure: '100 Seconds',
      retailPrice: 0.00125,
    }),
    aci({
      armRegionName: region,
      productName: 'Container Instances with GPU',
      skuName: 'K80',
      meterName: 'K80 GPU Duration',
      unitOfMeasure: '100 Seconds',
      retailPrice: 0.025,
    }),
  ];
}
