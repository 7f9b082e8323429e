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
import type { GcpRequestAuth } from '../gcpRequestAuth';
import { Catalog } from './catalogs';
import { isObject } from './skuPrice';

// Requests to the Cloud Billing Catalog API: its base URL and credentials
// (an API key, or the bearer token of Application Default Credentials), the
// pages of a service's SKUs, and keeping both out of every error message.

/** The API's name, in the prices' origin and in messages. */
export const ORIGIN = 'Google Cloud Billing Catalog API';
const DEFAULT_BASE_URL = 'https://cloudbilling.googleapis.com';
/** The largest page the API serves. */
const PAGE_SIZE = 5000;
/** A guard against a server that keeps handing out new page tokens. */
const MAX_PAGES = 1000;

/** Where, with which credentials and how patiently to ask the API. */
export type BillingCatalogApi = {
  /** Sent as the `key` query parameter; set when `auth` is not. */
  apiKey?: string;
  /** The headers of each request, e.g. `Authorization: Bearer …`; set when `apiKey` is not. */
  auth?: GcpRequestAuth;
  /** The base URL without a trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
};

/** The API a source's options point at, its credentials and base URL checked. */
export function billingCatalogApi(options: {
  apiKey?: string;
  auth?: GcpRequestAuth;
  baseUrl?: string;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}): BillingCatalogApi {
  const { apiKey, auth } = options;
  if (apiKey !== undefined && auth !== undefined) {
    throw new Error(
      'The Cloud Billing Catalog API takes an API key or auth, not both',
    );
  }
  if (
    auth === undefined &&
    (typeof apiKey !== 'string' || apiKey.trim() === '')
  ) {
    throw new Error(
      'The Cloud Billing Catalog API needs an API key or auth (such as Application Default Credentials)',
    );
  }
  return {
    ...(auth ? { auth } : { apiKey }),
    baseUrl: parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    timeoutMs: options.timeoutMs ?? 30_000,
    attempts: options.attempts ?? 4,
    backoffMs: options.backoffMs ?? 500,
  };
}

/** The base URL without a trailing slash; throws when it is not http(s). */
export function parseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`Invalid Cloud Billing Catalog API base URL '${baseUrl}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(
      `Invalid Cloud Billing Catalog API base URL '${baseUrl}': not http(s)`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(
      `Invalid Cloud Billing Catalog API base URL '${baseUrl}': no query or fragment allowed`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** The pages of a service's SKUs, all regions' (the API cannot filter by region). */
export async function* catalogSkuPages(
  api: BillingCatalogApi,
  catalog: Pick<Catalog, 'serviceId' | 'name'>,
  signal?: AbortSignal,
): AsyncGenerator<{ skus: unknown[]; where: string }> {
  const seen = new Set<string>();
  let pageToken = '';
  for (let page = 1; ; page++) {
    signal?.throwIfAborted();
    const where = `the ${catalog.name} catalog, page ${page}`;
    const url = new URL(`${api.baseUrl}/v1/services/${catalog.serviceId}/skus`);
    if (api.apiKey !== undefined) url.searchParams.set('key', api.apiKey);
    url.searchParams.set('currencyCode', 'USD');
    url.searchParams.set('pageSize', String(PAGE_SIZE));
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const body = await getPage(api, url.href, where, signal);
    if (!isObject(body)) {
      throw new Error(
        `Malformed ${ORIGIN} response for ${where}: not an object`,
      );
    }
    // Proto3 JSON leaves out an empty list.
    const skus = body.skus ?? [];
    if (!Array.isArray(skus)) {
      throw new Error(
        `Malformed ${ORIGIN} response for ${where}: skus is not a list`,
      );
    }
    yield { skus, where };

    const next = body.nextPageToken ?? '';
    if (typeof next !== 'string') {
      throw new Error(
        `Malformed ${ORIGIN} response for ${where}: nextPageToken is not a string`,
      );
    }
    if (next === '') return;
    if (seen.has(next)) {
      throw new Error(
        `The ${ORIGIN} returned a nextPageToken it had already given for ${where}`,
      );
    }
    if (page >= MAX_PAGES) {
      throw new Error(
        `The ${ORIGIN} returned more than ${MAX_PAGES} pages for ${where}`,
      );
    }
    seen.add(next);
    pageToken = next;
  }
}

async function getPage(
  api: BillingCatalogApi,
  url: string,
  where: string,
  signal?: AbortSignal,
) {
  const headers = await requestHeaders(api, where);
  // The secrets of this request: the key, or the bearer token.
  const secrets = [
    api.apiKey,
    /^bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1],
  ].filter((secret): secret is string => Boolean(secret));
  try {
    return await fetchWithRetry<unknown>(
      url,
      { headers },
      {
        timeoutMs: api.timeoutMs,
        attempts: api.attempts,
        backoffMs: api.backoffMs,
        signal,
      },
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    // No `cause`: the underlying error may carry the URL, and with it the
    // API key, into a log line.
    throw new Error(
      redact(
        secrets,
        `${ORIGIN} request for ${where} failed: ${(error as Error).message}`,
      ),
    );
  }
}

/** The request's headers, with those of `auth` (refreshing its token if due). */
async function requestHeaders(
  api: BillingCatalogApi,
  where: string,
): Promise<Headers> {
  let headers: Headers;
  try {
    headers = new Headers(await api.auth?.getRequestHeaders());
  } catch (error) {
    // No `cause`: google-auth-library's errors carry the token request,
    // refresh or subject token included.
    throw new Error(
      `${ORIGIN} request for ${where} failed: could not get an access token: ${
        (error as Error).message
      }`,
    );
  }
  headers.set('accept', 'application/json');
  return headers;
}

/**
 * Removes the API key or token from a text, however it was encoded,
 * including the start of one cut off at the end of the text (error messages
 * quote the first bytes of a response body).
 */
function redact(secrets: readonly string[], text: string): string {
  let redacted = text.replace(/([?&]key=)[^&#\s]*/g, '$1<redacted>');
  for (const form of new Set(
    secrets.flatMap(secret => [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ k: secret }).toString().slice(2),
    ]),
  )) {
    redacted = redacted.split(form).join('<redacted>');
    for (let length = form.length - 1; length >= 4; length--) {
      if (redacted.endsWith(form.slice(0, length))) {
        redacted = `${redacted.slice(0, -length)}<redacted>`;
        break;
      }
    }
  }
  return redacted;
}
