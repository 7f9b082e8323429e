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
import { fetchWithRetry } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { isObject } from './retailItem';

// Requests to the Azure Retail Prices API: its base URL, its paginated
// queries, and the checks on the page links it hands out.

/** The API's name, in the prices' origin and in messages. */
export const ORIGIN = 'Azure Retail Prices API';
const DEFAULT_BASE_URL = 'https://prices.azure.com';
const API_VERSION = '2023-01-01-preview';
/** A guard against a server that keeps handing out new page links. */
const MAX_PAGES = 1000;

/** Where and how patiently to ask the API. */
export type RetailPricesApi = {
  /** The base URL without a trailing slash. */
  baseUrl: string;
  /** The only origin page links are followed within. */
  origin: string;
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
};

/** The API a source's options point at, its base URL checked. */
export function retailPricesApi(options: {
  baseUrl?: string;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}): RetailPricesApi {
  const base = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  return {
    baseUrl: base.href.replace(/\/+$/, ''),
    origin: base.origin,
    timeoutMs: options.timeoutMs ?? 20_000,
    attempts: options.attempts ?? 4,
    backoffMs: options.backoffMs ?? 500,
  };
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`Invalid Azure Retail Prices API base URL '${baseUrl}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(
      `Invalid Azure Retail Prices API base URL '${baseUrl}': not http(s)`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(
      `Invalid Azure Retail Prices API base URL '${baseUrl}': no query or fragment allowed`,
    );
  }
  return url;
}

/** Quotes a string as an OData literal. */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The pages of the consumption prices of one service in one region. */
export async function* retailPricePages(
  api: RetailPricesApi,
  serviceName: string,
  region: string,
  signal?: AbortSignal,
): AsyncGenerator<{ items: unknown[]; where: string }> {
  const filter = [
    `serviceName eq ${odataString(serviceName)}`,
    `armRegionName eq ${odataString(region)}`,
    `priceType eq 'Consumption'`,
  ].join(' and ');
  let url =
    `${api.baseUrl}/api/retail/prices?api-version=${API_VERSION}` +
    `&$filter=${encodeURIComponent(filter)}`;
  const seen = new Set<string>([url]);
  for (let page = 1; ; page++) {
    signal?.throwIfAborted();
    const where = `the ${serviceName} prices in ${region}, page ${page}`;
    const body = await getPage(api, url, where, signal);
    if (!isObject(body) || !Array.isArray(body.Items)) {
      throw new Error(
        `Malformed ${ORIGIN} response for ${where}: no Items array`,
      );
    }
    yield { items: body.Items, where };

    const next = body.NextPageLink;
    if (next === undefined || next === null || next === '') return;
    let nextUrl: URL | undefined;
    try {
      nextUrl = typeof next === 'string' ? new URL(next) : undefined;
    } catch {
      nextUrl = undefined;
    }
    if (!nextUrl) {
      throw new Error(
        `Malformed ${ORIGIN} response for ${where}: NextPageLink ${JSON.stringify(
          next,
        )} is not a URL`,
      );
    }
    if (nextUrl.origin !== api.origin) {
      throw new Error(
        `Refusing to follow the NextPageLink of ${where}: it points at ` +
          `${nextUrl.origin}, not at ${api.origin}`,
      );
    }
    if (seen.has(nextUrl.href)) {
      throw new Error(
        `The ${ORIGIN} returned a NextPageLink it had already given for ${where}`,
      );
    }
    if (page >= MAX_PAGES) {
      throw new Error(
        `The ${ORIGIN} returned more than ${MAX_PAGES} pages for ${where}`,
      );
    }
    seen.add(nextUrl.href);
    url = nextUrl.href;
  }
}

async function getPage(
  api: RetailPricesApi,
  url: string,
  where: string,
  signal?: AbortSignal,
) {
  try {
    return await fetchWithRetry<unknown>(
      url,
      { headers: { accept: 'application/json' } },
      {
        timeoutMs: api.timeoutMs,
        attempts: api.attempts,
        backoffMs: api.backoffMs,
        signal,
      },
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    const unreachable = unreachableReason(error, api.timeoutMs);
    if (unreachable) {
      // Offline or firewalled: one short line names the cause, since
      // undici's own message is only "fetch failed".
      throw new Error(
        `${ORIGIN} at ${api.baseUrl} cannot be reached (${unreachable}, ` +
          `${api.attempts} attempt${api.attempts === 1 ? '' : 's'})`,
        { cause: error },
      );
    }
    throw new Error(
      `${ORIGIN} request for ${where} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Why the API could not be reached (a DNS failure, a refused connection, a
 * timeout), or undefined when it answered and the answer was the problem:
 * fetchWithRetry marks those with a `retryable` flag.
 */
function unreachableReason(
  error: unknown,
  timeoutMs: number,
): string | undefined {
  const e = error as Error & {
    retryable?: boolean;
    cause?: { message?: string; code?: string };
  };
  // Not `instanceof Error`: undici's errors may come from another realm.
  if (typeof e !== 'object' || e === null || e.retryable !== undefined) {
    return undefined;
  }
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return e.cause?.message || e.cause?.code || e.message;
}
