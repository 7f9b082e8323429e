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
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

const THROTTLING = new Set([
  'ThrottlingException',
  'ThrottledException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);

const AUTH = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
  'CredentialsProviderError',
]);

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

type SdkError = {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
};

/** Whether SageMaker said the named resource does not exist. */
export function isNotFound(error: unknown): boolean {
  const { name, message } = (error ?? {}) as SdkError;
  return (
    name === 'ResourceNotFound' ||
    (name === 'ValidationException' && /could not find/i.test(message ?? ''))
  );
}

/** Whether SageMaker refused a create because the resource exists. */
export function isAlreadyExisting(error: unknown): boolean {
  const { name, message } = (error ?? {}) as SdkError;
  return (
    name === 'ValidationException' &&
    /cannot create already existing/i.test(message ?? '')
  );
}

/**
 * Classifies an error of a SageMaker call for the job engine, with a message
 * naming the operation and SageMaker's error code. `redact` removes values
 * that must never be shown (credentials) from the message.
 */
export function toProviderError(
  error: unknown,
  operation: string,
  redact: (text: string) => string = text => text,
): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = (error ?? {}) as SdkError;
  const code = e.name && e.name !== 'Error' ? e.name : e.code;
  const status = e.$metadata?.httpStatusCode;
  const what = `AWS SageMaker ${operation}`;
  // The SDK's hint about its hidden $response field means nothing to a
  // person reading the deployment's log.
  const detail = redact(String(e.message ?? error))
    .replace(/\s*Deserialization error: to see the raw response.*$/s, '')
    .trim();
  const fail = (
    kind: ProviderError['kind'],
    message: string,
    withCode = code,
  ) => new ProviderError(redact(message), { kind, code: withCode });

  if (code === 'AbortError') {
    return fail('transient', `${what} was interrupted: ${detail}`);
  }
  // The HTTP handler names a reset connection a TimeoutError too; say what it was.
  if (e.code && e.code !== 'ETIMEDOUT' && NETWORK.has(e.code)) {
    return fail(
      'transient',
      `${what} could not reach SageMaker: ${e.code}: ${detail}`,
      e.code,
    );
  }
  if (code === 'TimeoutError' || code === 'RequestTimeout') {
    return fail('transient', `${what} timed out: ${detail}`);
  }
  if ((code && THROTTLING.has(code)) || status === 429) {
    return fail(
      'throttled',
      `${what} was throttled: ${code ?? status}: ${detail}`,
    );
  }
  if (code === 'InsufficientCapacityError') {
    return fail(
      'permanent',
      `${what} found no capacity of the instance type: ${code}: ${detail}`,
    );
  }
  if (code === 'ResourceLimitExceeded') {
    return fail(
      'permanent',
      `${what} exceeds an account quota: ${code}: ${detail} (request an increase in AWS Service Quotas)`,
    );
  }
  if (code && AUTH.has(code)) {
    return fail(
      'permanent',
      `${what} was denied: ${code}: ${detail} (check the account's credentials and IAM permissions)`,
    );
  }
  if ((e.code && NETWORK.has(e.code)) || (code && NETWORK.has(code))) {
    return fail(
      'transient',
      `${what} could not reach SageMaker: ${e.code ?? code}: ${detail}`,
      e.code ?? code,
    );
  }
  if (status !== undefined && status >= 500) {
    // An error page without an AWS error code (a proxy's 502, an HTML page
    // the SDK could not parse) is named by its status.
    const name =
      code && code !== 'Unknown' && code !== 'SyntaxError'
        ? code
        : `HTTP ${status}`;
    return fail('transient', `${what} failed: ${name}: ${detail}`);
  }
  if (code === 'ResourceInUse') {
    return fail('transient', `${what} failed: ${code}: ${detail}`);
  }
  if (e.$fault === 'client' || (status !== undefined && status >= 400)) {
    return fail(
      'permanent',
      `${what} was refused: ${code ?? status}: ${detail}`,
    );
  }
  if (code === 'SyntaxError') {
    return fail(
      'transient',
      `${what} answered with a malformed response: ${detail}`,
      'MalformedResponse',
    );
  }
  // Below the SDK (a bug, a broken connection): let the engine retry.
  return fail('transient', `${what} failed: ${code ?? 'Error'}: ${detail}`);
}

/**
 * An answer without what SageMaker always sends (a proxy's or a service's
 * bad day): retried, never taken for "not there" or "failed".
 */
export function malformedResponse(
  operation: string,
  what: string,
): ProviderError {
  return new ProviderError(
    `AWS SageMaker ${operation} answered with a malformed response: ${what}`,
    { kind: 'transient', code: 'MalformedResponse' },
  );
}
