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
import { toProviderError } from './toProviderError';

function googleError(code: number, message: string, extra: object = {}) {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('toProviderError', () => {
  it.each([
    [
      googleError(8, 'Rate exceeded.', { reason: 'RATE_LIMIT_EXCEEDED' }),
      'throttled',
    ],
    [
      googleError(8, "Quota exceeded for 'Write requests per minute'"),
      'throttled',
    ],
    [googleError(8, 'Resource has been exhausted'), 'throttled'],
    [
      googleError(8, "Quota exceeded for quota metric 'Services per region'"),
      'permanent',
    ],
    [googleError(8, 'Too bad', { reason: 'QUOTA_EXCEEDED' }), 'permanent'],
    [googleError(3, 'bad'), 'permanent'],
    [googleError(9, 'precondition'), 'permanent'],
    [googleError(7, 'denied'), 'permanent'],
    [googleError(16, 'unauthenticated'), 'permanent'],
    [googleError(5, 'gone'), 'permanent'],
    [googleError(14, 'unavailable'), 'transient'],
    [googleError(4, 'deadline'), 'transient'],
    [googleError(13, 'internal'), 'transient'],
    [googleError(10, 'aborted'), 'transient'],
    [googleError(1, 'cancelled'), 'transient'],
    [
      Object.assign(new Error('Too Many Requests'), { status: 429 }),
      'throttled',
    ],
    [
      Object.assign(new Error('Bad Gateway'), { response: { status: 502 } }),
      'transient',
    ],
    [
      Object.assign(new Error('invalid_grant: Invalid JWT Signature.'), {
        response: { status: 400 },
      }),
      'permanent',
    ],
    [
      new Error(
        'Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.',
      ),
      'permanent',
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
        code: 'ECONNREFUSED',
      }),
      'transient',
    ],
  ])('classifies %s as %s', (error, kind) => {
    expect(toProviderError(error, 'get of service x').kind).toBe(kind);
  });

  it('names the status and keeps the API’s message on one line', () => {
    const error = toProviderError(
      googleError(3, 'first line\n  second line', { httpStatusCode: 400 }),
      'create of service x',
    );
    expect(error.message).toBe(
      'Cloud Run create of service x failed with INVALID_ARGUMENT: first line second line',
    );
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  it('reads a message left as the JSON error body', () => {
    const error = toProviderError(
      googleError(
        404,
        '{"error":{"code":404,"message":"Resource \'x\' does not exist.","status":"NOT_FOUND"}}',
        { httpStatusCode: 404 },
      ),
      'get of service x',
    );
    expect(error.message).toBe(
      "Cloud Run get of service x failed with HTTP 404: Resource 'x' does not exist.",
    );
    expect(error.kind).toBe('permanent');
  });

  it('redacts secrets, keys and tokens', () => {
    const error = toProviderError(
      googleError(
        16,
        'token ya29.abc-DEF_123 Bearer eyJhbGciOi.x.y key -----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY----- id 0123456789abcdef0123',
      ),
      'get',
      ['0123456789abcdef0123'],
    );
    expect(error.message).toBe(
      'Cloud Run get failed with UNAUTHENTICATED: token [redacted] [redacted] key [redacted] id [redacted]',
    );
  });
});
