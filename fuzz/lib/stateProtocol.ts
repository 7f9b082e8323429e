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
import fc from 'fast-check';
import { Auth, FuzzRequest, QueryPart, target } from './fuzzRequest';
import { deepJson, hostileString, toJsonText } from './hostileValues';
import { mutations, mutate } from './mutations';

/*
 * Terraform's HTTP state protocol (terraform/stateRoutes.ts) as Terraform
 * speaks it, and as it should not: states and LockInfo with mutations, bad
 * JSON, wrong Content-MD5, lock ids as arrays, wrong credentials, methods
 * that are not part of the protocol.
 */

/** A state as Terraform writes it; `$` words are filled in when sent. */
const state = {
  version: 4,
  terraform_version: '1.11.4',
  serial: '$next-serial',
  lineage: '$lineage',
  outputs: { url: { value: 'https://shop.example.com', type: 'string' } },
  resources: [
    {
      mode: 'managed',
      type: 'google_cloud_run_v2_service',
      name: 'service',
      provider: 'provider["registry.terraform.io/hashicorp/google"]',
      instances: [{ schema_version: 0, attributes: { name: 'shop' } }],
    },
  ],
  check_results: null,
};

const lockInfo = {
  ID: '$new-lock-id',
  Operation: 'OperationTypeApply',
  Info: '',
  Who: 'runner@ci',
  Version: '1.11.4',
  Created: '2026-12-01T10:00:00Z',
  Path: '',
};

const auth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('workspace' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'workspaceWrongToken' as const,
      'workspaceWrongUser' as const,
      'workspaceGarbage' as const,
      'none' as const,
      'user' as const,
    ),
  },
);

/** A body as text: the value (mutated or not), or text that is no JSON. */
function text(value: object): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: mutations.map(m => toJsonText(mutate(value, m))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '"state"',
        '{',
        '{"version":4,"serial":1,"lineage":"a"',
        deepJson(10_000, 'array'),
        deepJson(5_000, 'object'),
        '\ufeff{"version":4,"serial":1,"lineage":"x"}',
      ),
    },
    { weight: 1, arbitrary: hostileString },
  );
}

const lockIdQuery: fc.Arbitrary<QueryPart[] | undefined> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constant<QueryPart[]>([
      { key: 'ID', value: '$lock-id', form: 'plain' },
    ]),
  },
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        hostileString,
        fc.constantFrom(
          'plain' as const,
          'array' as const,
          'object' as const,
          'repeated' as const,
        ),
      )
      .map(([value, form]): QueryPart[] => [{ key: 'ID', value, form }]),
  },
);

const request = (
  method: string,
  body: fc.Arbitrary<string | undefined>,
  queryParts: fc.Arbitrary<QueryPart[] | undefined> = fc.constant(undefined),
): fc.Arbitrary<FuzzRequest> =>
  fc.record({
    route: fc.constant(
      `${method} /terraform/state/:workspace${
        ['POST', 'PUT', 'GET', 'HEAD', 'LOCK', 'UNLOCK'].includes(method)
          ? ''
          : ' (not in the protocol)'
      }`,
    ),
    method: fc.constant(method),
    path: target.map(t => [
      'terraform',
      'state',
      { ref: 'workspace' as const, target: t },
    ]),
    query: queryParts,
    auth,
    rawBody: body,
    headers: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Record<string, string>>({}) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Record<string, string>>(
          { 'Content-Type': 'text/plain' },
          { 'Content-Type': 'application/x-www-form-urlencoded' },
          { 'Content-Encoding': 'gzip' },
        ),
      },
    ),
    contentMd5: fc.option(fc.constantFrom('right', 'wrong', 'junk'), {
      nil: undefined,
      freq: 2,
    }),
  });

export const stateProtocolRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 3, arbitrary: request('GET', fc.constant(undefined)) },
  { weight: 1, arbitrary: request('HEAD', fc.constant(undefined)) },
  { weight: 6, arbitrary: request('POST', text(state), lockIdQuery) },
  { weight: 1, arbitrary: request('PUT', text(state), lockIdQuery) },
  { weight: 4, arbitrary: request('LOCK', text(lockInfo)) },
  {
    weight: 4,
    arbitrary: request(
      'UNLOCK',
      fc.oneof(text({ ...lockInfo, ID: '$lock-id' }), fc.constant(undefined)),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('DELETE', 'PATCH', 'OPTIONS', 'PROPFIND')
      .chain(method => request(method, text(state))),
  },
);
