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
import { isNotFound, toProviderError } from './toProviderError';

function restError(
  statusCode: number | undefined,
  code: string,
  message: string,
) {
  return Object.assign(new Error(message), {
    name: 'RestError',
    statusCode,
    code,
  });
}

function namedError(name: string, message: string, statusCode?: number) {
  return Object.assign(new Error(message), { name, statusCode });
}

describe('toProviderError', () => {
  it.each([
    [429, 'SubscriptionRequestsThrottled', 'throttled'],
    [500, 'InternalServerError', 'transient'],
    [503, 'ServiceUnavailable', 'transient'],
    [408, 'RequestTimeout', 'transient'],
    [409, 'ContainerGroupTransitioning', 'transient'],
    [409, 'Conflict', 'transient'],
    [409, 'ContainerGroupQuotaReached', 'permanent'],
    [409, 'InvalidResourceLocation', 'permanent'],
    [400, 'InvalidRequestContent', 'permanent'],
    [400, 'InaccessibleImage', 'permanent'],
    [401, 'InvalidAuthenticationToken', 'permanent'],
    [403, 'AuthorizationFailed', 'permanent'],
    [404, 'ResourceGroupNotFound', 'permanent'],
  ])('classifies HTTP %s %s as %s', (status, code, kind) => {
    const error = toProviderError(restError(status, code, 'Details.'));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind,
      code,
      message: `Azure answered HTTP ${status} ${code}: Details.`,
    });
  });

  it('treats errors without a response as transient', () => {
    expect(
      toProviderError(
        restError(
          undefined,
          'ECONNREFUSED',
          'connect ECONNREFUSED 127.0.0.1:1',
        ),
      ),
    ).toMatchObject({
      kind: 'transient',
      code: 'ECONNREFUSED',
      message:
        'Azure request failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  it('tells a timeout from a cancellation', () => {
    const abort = namedError('AbortError', 'The operation was aborted.');
    expect(toProviderError(abort, { timeoutMs: 500 })).toMatchObject({
      kind: 'transient',
      code: 'RequestTimeout',
      message: 'Azure Resource Manager did not answer within 500 ms',
    });
    const controller = new AbortController();
    controller.abort();
    expect(toProviderError(abort, { signal: controller.signal })).toMatchObject(
      {
        kind: 'transient',
        code: 'Aborted',
      },
    );
  });

  it('classifies credential errors', () => {
    expect(
      toProviderError(
        namedError(
          'AggregateAuthenticationError',
          'DefaultAzureCredential failed to retrieve a token.\nmore',
        ),
      ),
    ).toMatchObject({
      kind: 'permanent',
      message:
        'No Azure credentials: DefaultAzureCredential failed to retrieve a token.',
    });
    expect(
      toProviderError(
        namedError(
          'AuthenticationError',
          'invalid_client Status code: 401',
          401,
        ),
      ),
    ).toMatchObject({ kind: 'permanent', code: 'AuthenticationError' });
    expect(
      toProviderError(namedError('AuthenticationError', 'unavailable', 503)),
    ).toMatchObject({ kind: 'transient' });
  });

  it('keeps provider errors and does not keep the SDK error', () => {
    const original = new ProviderError('x', { kind: 'throttled' });
    expect(toProviderError(original)).toBe(original);
    expect(toProviderError(restError(400, 'Bad', 'x')).cause).toBeUndefined();
  });

  it('recognises not found', () => {
    expect(isNotFound(restError(404, 'ResourceNotFound', 'x'))).toBe(true);
    expect(isNotFound(restError(403, 'AuthorizationFailed', 'x'))).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });
});
