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
  isAlreadyExisting,
  isNotFound,
  toProviderError,
} from './toProviderError';

function sdkError(name: string, message: string, status?: number) {
  return Object.assign(new Error(message), {
    name,
    $fault: status && status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

describe('toProviderError', () => {
  it.each([
    ['ThrottlingException', 400, 'throttled'],
    ['ThrottledException', 400, 'throttled'],
    ['SomethingElse', 429, 'throttled'],
    ['ResourceLimitExceeded', 400, 'permanent'],
    ['InsufficientCapacityError', 400, 'permanent'],
    ['ValidationException', 400, 'permanent'],
    ['AccessDeniedException', 400, 'permanent'],
    ['UnrecognizedClientException', 400, 'permanent'],
    ['ExpiredTokenException', 400, 'permanent'],
    ['InternalFailure', 500, 'transient'],
    ['ServiceUnavailable', 503, 'transient'],
    ['ResourceInUse', 400, 'transient'],
  ])('classifies %s (HTTP %s) as %s', (name, status, kind) => {
    const error = toProviderError(
      sdkError(name, 'what AWS said', status),
      'CreateEndpoint',
    );
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(name);
    expect(error.message).toContain(`${name}: what AWS said`);
    expect(error.message).toMatch(/^AWS SageMaker CreateEndpoint /);
  });

  it('says an InsufficientCapacityError is a want of capacity', () => {
    const error = toProviderError(
      sdkError(
        'InsufficientCapacityError',
        'There is not enough capacity for ml.g5.xlarge',
        400,
      ),
      'CreateEndpoint',
    );
    expect(error.message).toBe(
      'AWS SageMaker CreateEndpoint found no capacity of the instance type: InsufficientCapacityError: There is not enough capacity for ml.g5.xlarge',
    );
  });

  it.each([
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    [
      Object.assign(new Error('connect ECONNREFUSED'), {
        code: 'ECONNREFUSED',
      }),
    ],
    [Object.assign(new Error('took too long'), { name: 'TimeoutError' })],
    [Object.assign(new Error('aborted'), { name: 'AbortError' })],
    [new Error('something below the SDK')],
  ])('classifies %s as transient', error => {
    expect(toProviderError(error, 'ListEndpoints').kind).toBe('transient');
  });

  it('names a reset connection as such, though the SDK calls it a TimeoutError', () => {
    const error = toProviderError(
      Object.assign(new Error('read ECONNRESET'), {
        name: 'TimeoutError',
        code: 'ECONNRESET',
      }),
      'DescribeEndpoint',
    );
    expect(error).toMatchObject({ kind: 'transient', code: 'ECONNRESET' });
    expect(error.message).toBe(
      'AWS SageMaker DescribeEndpoint could not reach SageMaker: ECONNRESET: read ECONNRESET',
    );
  });

  it('treats an answer that is not JSON as transient, without the SDK’s hint about hidden fields', () => {
    const error = toProviderError(
      Object.assign(
        new SyntaxError(
          `Unexpected token '<', "<html>not "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
        ),
        { $metadata: { httpStatusCode: 200 } },
      ),
      'ListEndpoints',
    );
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'MalformedResponse',
    });
    expect(error.message).toBe(
      `AWS SageMaker ListEndpoints answered with a malformed response: Unexpected token '<', "<html>not "... is not valid JSON`,
    );
  });

  it('names an HTML error page by its HTTP status', () => {
    const error = toProviderError(
      Object.assign(
        new SyntaxError(
          `Unexpected token '<', "<html>500<"... is not valid JSON`,
        ),
        { $metadata: { httpStatusCode: 500 } },
      ),
      'DescribeEndpoint',
    );
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(
      `AWS SageMaker DescribeEndpoint failed: HTTP 500: Unexpected token '<', "<html>500<"... is not valid JSON`,
    );
  });

  it('names an error page without an AWS code by its HTTP status', () => {
    const error = toProviderError(
      sdkError('Unknown', 'UnknownError', 502),
      'DescribeEndpoint',
    );
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(
      'AWS SageMaker DescribeEndpoint failed: HTTP 502: UnknownError',
    );
  });

  it('treats missing credentials as permanent', () => {
    const error = toProviderError(
      Object.assign(
        new Error('Could not load credentials from any providers'),
        {
          name: 'CredentialsProviderError',
        },
      ),
      'DescribeEndpoint',
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(
      "AWS SageMaker DescribeEndpoint was denied: CredentialsProviderError: Could not load credentials from any providers (check the account's credentials and IAM permissions)",
    );
  });

  it('redacts the message', () => {
    const error = toProviderError(
      sdkError('InvalidSignatureException', 'key AKIASECRET rejected', 400),
      'DescribeEndpoint',
      text => text.replace('AKIASECRET', '***'),
    );
    expect(error.message).not.toContain('AKIASECRET');
  });

  it('recognizes not found and already existing', () => {
    expect(
      isNotFound(
        sdkError('ValidationException', 'Could not find endpoint "x".'),
      ),
    ).toBe(true);
    expect(isNotFound(sdkError('ValidationException', 'Bad value'))).toBe(
      false,
    );
    expect(
      isAlreadyExisting(
        sdkError(
          'ValidationException',
          'Cannot create already existing model "x".',
        ),
      ),
    ).toBe(true);
  });
});
