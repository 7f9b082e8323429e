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
  ProviderError,
  ProviderErrorKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/** The parts of an SDK `RestError` (or `@azure/identity` error) we read. */
type AzureError = Error & {
  code?: string;
  statusCode?: number;
  response?: { headers?: { get?(name: string): string | undefined } };
};

/** Codes of ARM 409 errors that a retry will not fix. */
const PERMANENT_CONFLICT =
  /quota|limit|InvalidResourceLocation|InvalidContainerGroupUpdate/i;

/** Whether ARM says the container group (or its resource group) is absent. */
export function isNotFound(error: unknown): boolean {
  return (error as AzureError)?.statusCode === 404;
}

function kindOf(status: number | undefined, code: string): ProviderErrorKind {
  if (status === 429) return 'throttled';
  if (status === undefined || status >= 500 || status === 408) {
    return 'transient';
  }
  if (status === 409 && !PERMANENT_CONFLICT.test(code)) return 'transient';
  return 'permanent';
}

function describe(error: AzureError): string {
  const code = error.code ? `${error.code}: ` : '';
  return `${code}${error.message}`.trim();
}

/**
 * Classifies an error of the Azure SDK for the job engine: 429 is
 * `throttled`; 5xx, 408, timeouts, network errors and 409 conflicts that
 * pass (e.g. `ContainerGroupTransitioning`) are `transient`; other 4xx
 * (validation, auth, permission, quota) and credential errors are
 * `permanent`. The message names Azure's code and message, never a
 * credential; the SDK error is not kept as `cause`, as its request carries
 * the bearer token.
 */
export function toProviderError(
  error: unknown,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = (
    error instanceof Error ? error : new Error(String(error))
  ) as AzureError;
  if (options.signal?.aborted) {
    return new ProviderError('The Azure request was cancelled', {
      kind: 'transient',
      code: 'Aborted',
    });
  }
  if (e.name === 'AbortError') {
    // Nothing else aborts our requests: the per-request timeout fired.
    return new ProviderError(
      `Azure Resource Manager did not answer within ${
        options.timeoutMs ?? 'the'
      } ms`,
      { kind: 'transient', code: 'RequestTimeout' },
    );
  }
  if (
    e.name === 'CredentialUnavailableError' ||
    e.name === 'AggregateAuthenticationError' ||
    e.name === 'AuthenticationRequiredError'
  ) {
    return new ProviderError(
      `No Azure credentials: ${e.message.split('\n')[0]}`,
      { kind: 'permanent', code: e.name },
    );
  }
  const status = e.statusCode;
  if (e.name === 'AuthenticationError') {
    return new ProviderError(
      `Microsoft Entra ID refused the credentials (HTTP ${status}): ${
        e.message.split('\n')[0]
      }`,
      { kind: kindOf(status, ''), code: 'AuthenticationError' },
    );
  }
  if (status === undefined) {
    // No response: connection refused or reset, DNS, TLS.
    return new ProviderError(`Azure request failed: ${describe(e)}`, {
      kind: 'transient',
      code: e.code,
    });
  }
  const code = e.code ?? `HTTP${status}`;
  const retryAfter =
    status === 429 ? e.response?.headers?.get?.('retry-after') : undefined;
  return new ProviderError(
    `Azure answered HTTP ${status} ${describe(e)}${
      retryAfter ? ` (retry after ${retryAfter} s)` : ''
    }`,
    { kind: kindOf(status, code), code },
  );
}
