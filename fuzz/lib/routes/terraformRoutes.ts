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
import { oneOf, workspaceBodies } from '../realisticBodies';
import { stateProtocolRequest } from '../stateProtocol';
import { path, route, RouteEntry, workspace } from './requestParts';

/** terraform/workspaceRoutes.ts and terraform/stateRoutes.ts. */
/** Confirmation ids: one that may exist, and ones that never can. */
const confirmation = fc.constantFrom(
  '00000000-0000-4000-8000-000000000001',
  'not-a-uuid',
  '%00',
);

export const terraformRoutes: RouteEntry[] = [
  {
    label: 'POST /terraform/workspaces',
    weight: 3,
    arbitrary: route('POST /terraform/workspaces', {
      method: 'POST',
      path: path('terraform', 'workspaces'),
      bodies: oneOf(workspaceBodies),
    }),
  },
  {
    label: 'GET /terraform/workspaces/:workspace',
    weight: 2,
    arbitrary: route('GET /terraform/workspaces/:workspace', {
      method: 'GET',
      path: path('terraform', 'workspaces', workspace),
    }),
  },
  {
    label: 'POST /terraform/workspaces/:workspace/token',
    weight: 1,
    arbitrary: route('POST /terraform/workspaces/:workspace/token', {
      method: 'POST',
      path: path('terraform', 'workspaces', workspace, 'token'),
      bodies: fc.constant(undefined),
    }),
  },
  {
    label: 'GET /terraform/workspaces/:workspace/versions',
    weight: 2,
    arbitrary: route('GET /terraform/workspaces/:workspace/versions', {
      method: 'GET',
      path: path('terraform', 'workspaces', workspace, 'versions'),
      query: {
        limit: fc.constantFrom('1', '500', '501', '0', 'x'),
        before: fc.constantFrom('1', '2', '2147483648', '9007199254740991'),
      },
    }),
  },
  {
    label: 'POST /terraform/workspaces/:workspace/rollback',
    weight: 2,
    arbitrary: route('POST /terraform/workspaces/:workspace/rollback', {
      method: 'POST',
      path: path('terraform', 'workspaces', workspace, 'rollback'),
      bodies: fc.constantFrom(
        { version: '$state-version' },
        { version: 2 ** 31 },
        { version: Number.MAX_SAFE_INTEGER },
      ),
    }),
  },
  {
    label: 'POST /terraform/workspaces/:workspace/confirmations',
    weight: 1,
    arbitrary: route('POST /terraform/workspaces/:workspace/confirmations', {
      method: 'POST',
      path: path('terraform', 'workspaces', workspace, 'confirmations'),
      bodies: fc.constantFrom(
        {
          planSha256: 'a'.repeat(64),
          add: 3,
          change: 0,
          destroy: 0,
          monthlyBefore: 0,
          monthlyAfter: 120.5,
          description: 'SageMaker endpoint',
        },
        { planSha256: 'not-a-hash', add: -1 },
        { planSha256: 'a'.repeat(64), add: 2 ** 53, change: 0, destroy: 0 },
        {},
        undefined,
      ),
    }),
  },
  {
    label: 'GET /terraform/workspaces/:workspace/confirmations/:confirmation',
    weight: 1,
    arbitrary: route(
      'GET /terraform/workspaces/:workspace/confirmations/:confirmation',
      {
        method: 'GET',
        path: path(
          'terraform',
          'workspaces',
          workspace,
          'confirmations',
          confirmation,
        ),
      },
    ),
  },
  {
    label:
      'POST /terraform/workspaces/:workspace/confirmations/:confirmation/decision',
    weight: 1,
    arbitrary: route(
      'POST /terraform/workspaces/:workspace/confirmations/:confirmation/decision',
      {
        method: 'POST',
        path: path(
          'terraform',
          'workspaces',
          workspace,
          'confirmations',
          confirmation,
          'decision',
        ),
        bodies: fc.constantFrom(
          { confirm: true, comment: 'looks right' },
          { confirm: false },
          { confirm: 'yes' },
          {},
        ),
      },
    ),
  },
  {
    label: 'POST /terraform/workspaces/:workspace/force-unlock',
    weight: 2,
    arbitrary: route('POST /terraform/workspaces/:workspace/force-unlock', {
      method: 'POST',
      path: path('terraform', 'workspaces', workspace, 'force-unlock'),
      bodies: fc.constantFrom({ lockId: '$lock-id' }, {}),
    }),
  },
  {
    label: 'ALL /terraform/state/:workspace',
    weight: 14,
    arbitrary: stateProtocolRequest,
  },
];
