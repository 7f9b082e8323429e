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
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import sample from '../__fixtures__/gcp-catalog-skus-response.cloudrun.json';

// A local stand-in for the Cloud Billing Catalog API, for tests that run the
// real source against it. Not part of the package's API.

/** The service ids of the catalogs the source reads. */
export const CLOUD_RUN = '152E-C115-5142';
export const COMPUTE = '6F81-5844-456A';

export type Sku = Record<string, unknown>;

/** What the fake API received, decoded. */
export type Received = {
  serviceId?: string;
  key: string | null;
  /** The `Authorization` header. */
  authorization: string | null;
  /** The `x-goog-user-project` header (the credentials' quota project). */
  userProject: string | null;
  currencyCode: string | null;
  pageSize: string | null;
  pageToken: string | null;
  at: number;
};

/** One response to send instead of the API's, for a request. */
export type Override = {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer. */
  hang?: boolean;
};

/**
 * A local stand-in for the Cloud Billing Catalog API: `GET
 * /v1/services/{serviceId}/skus?key=…&currencyCode=USD&pageSize=…&pageToken=…`
 * answers with the service's SKUs, at most `pageSize` at a time (the smaller
 * of the client's and its own), with opaque `nextPageToken`s. It takes the
 * API key `apiKey` or the bearer token `accessToken`, refuses others the way
 * Google does, checks every request and records it; `overrides` answer the
 * next requests instead.
 */
export class FakeCatalogApi {
  readonly received: Received[] = [];
  readonly problems: string[] = [];
  readonly overrides: Override[] = [];
  pageSize = 5000;
  readonly #apiKey?: string;
  readonly #accessToken?: string;
  #server?: Server;
  #catalogs = new Map<string, Sku[]>();
  #tokens = new Map<string, { serviceId: string; offset: number }>();

  constructor(credentials: { apiKey?: string; accessToken?: string }) {
    this.#apiKey = credentials.apiKey;
    this.#accessToken = credentials.accessToken;
  }

  get baseUrl(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  serve(serviceId: string, skus: Sku[]): this {
    this.#catalogs.set(serviceId, skus);
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

  #send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
    });
    res.end(JSON.stringify(body));
  }

  /** Google's answer to a request without valid credentials, if it lacks them. */
  #refusal(received: Received): [number, unknown] | undefined {
    if (received.key !== null) {
      return received.key === this.#apiKey
        ? undefined
        : [
            400,
            {
              error: {
                code: 400,
                message: 'API key not valid. Please pass a valid API key.',
                status: 'INVALID_ARGUMENT',
              },
            },
          ];
    }
    if (received.authorization !== null) {
      return this.#accessToken !== undefined &&
        received.authorization === `Bearer ${this.#accessToken}`
        ? undefined
        : [
            401,
            {
              error: {
                code: 401,
                message:
                  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
                status: 'UNAUTHENTICATED',
              },
            },
          ];
    }
    return [
      403,
      {
        error: {
          code: 403,
          message: 'The request is missing a valid API key or credentials.',
          status: 'PERMISSION_DENIED',
        },
      },
    ];
  }

  #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, this.baseUrl);
    const match = /^\/v1\/services\/([^/]+)\/skus$/.exec(url.pathname);
    const received: Received = {
      serviceId: match?.[1],
      key: url.searchParams.get('key'),
      authorization: req.headers.authorization ?? null,
      userProject: (req.headers['x-goog-user-project'] as string) ?? null,
      currencyCode: url.searchParams.get('currencyCode'),
      pageSize: url.searchParams.get('pageSize'),
      pageToken: url.searchParams.get('pageToken'),
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
    const refusal = this.#refusal(received);
    if (refusal) {
      this.#send(res, ...refusal);
      return;
    }
    const skus = match ? this.#catalogs.get(match[1]) : undefined;
    const size = Number(received.pageSize);
    const token = received.pageToken
      ? this.#tokens.get(received.pageToken)
      : { serviceId: match?.[1], offset: 0 };
    if (
      req.method !== 'GET' ||
      !skus ||
      received.currencyCode !== 'USD' ||
      !Number.isInteger(size) ||
      size < 1 ||
      size > 5000 ||
      token?.serviceId !== match?.[1]
    ) {
      this.problems.push(`unexpected request ${req.method} ${url.pathname}`);
      this.#send(res, 400, {
        error: { code: 400, status: 'INVALID_ARGUMENT' },
      });
      return;
    }
    const offset = token!.offset;
    const end = offset + Math.min(size, this.pageSize);
    let nextPageToken = '';
    if (end < skus.length) {
      // Opaque to the client, as Google's are; a counter keeps runs repeatable.
      nextPageToken = `tok${this.#tokens.size + 1}-${end.toString(36)}`;
      this.#tokens.set(nextPageToken, { serviceId: match![1], offset: end });
    }
    this.#send(res, 200, { skus: skus.slice(offset, end), nextPageToken });
  }
}

const [sampleSku] = sample.skus as Sku[];

/** A SKU shaped like the sample's. */
export function sku(
  description: string,
  options: {
    regions: string[];
    usageUnit: string;
    /** [startUsageAmount, units, nanos] per tier. */
    tiers: Array<[number, string, number]>;
    category?: Record<string, string>;
  },
): Sku {
  const [info] = sampleSku.pricingInfo as Array<Record<string, any>>;
  return {
    ...sampleSku,
    description,
    category: { ...(sampleSku.category as object), ...options.category },
    serviceRegions: options.regions,
    pricingInfo: [
      {
        ...info,
        pricingExpression: {
          ...info.pricingExpression,
          usageUnit: options.usageUnit,
          tieredRates: options.tiers.map(([start, units, nanos]) => ({
            startUsageAmount: start,
            unitPrice: { currencyCode: 'USD', units, nanos },
          })),
        },
        effectiveTime: '2026-04-23T07:13:42.190Z',
      },
    ],
  };
}
