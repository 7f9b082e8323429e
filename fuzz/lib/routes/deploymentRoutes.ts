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
import {
  createBodies,
  oneOf,
  renderBodies,
  updateBodies,
} from '../realisticBodies';
import { deployment, path, route, RouteEntry } from './requestParts';

const approvalId = fc.constantFrom(
  '00000000-0000-4000-8000-000000000000',
  'not-an-id',
  '%E2%80%AE',
);

const listFilters = {
  owner: fc.constantFrom('group:default/web-team', 'web-team', 'user:guest'),
  component: fc.constantFrom('component:default/shop', 'shop'),
  provider: fc.constantFrom('kubernetes', 'aws-sagemaker', 'gcp-cloud-run'),
  status: fc.constantFrom('pending', 'failed', 'destroyed', 'active'),
  environment: fc.constantFrom('staging', 'production'),
  q: fc.constantFrom('shop', 'fz', ' ', '%', '_'),
  limit: fc.constantFrom('1', '50', '200', '201', '0', '-1', '1.5', '1e3'),
  sort: fc.constantFrom(
    'name',
    'status',
    'owner',
    'monthlyCost',
    'updatedAt',
    'createdAt',
    'expiresAt',
    'cost',
    'name;drop',
    '',
  ),
  order: fc.constantFrom('asc', 'desc', 'ASC', 'up'),
  // TTL windows: valid, zero-length, too long, not durations.
  expiresWithin: fc.constantFrom(
    'P7D',
    'PT1H',
    'P0D',
    'P99999Y',
    'PT',
    '7d',
    '',
  ),
  // A real one, and base64url of the wrong JSON: seq -1, 1e400, "1"; v 2; [1]; null;
  // sorted ones: a cost key that is text, a time that is none, an object key,
  // and a well-formed one by name.
  cursor: fc.constantFrom(
    '$cursor',
    'eyJ2IjoyLCJzb3J0IjoibW9udGhseUNvc3QiLCJvcmRlciI6ImRlc2MiLCJrZXkiOiJhYmMiLCJzZXEiOjF9',
    'eyJ2IjoyLCJzb3J0IjoidXBkYXRlZEF0Iiwib3JkZXIiOiJkZXNjIiwia2V5IjoieWVzdGVyZGF5Iiwic2VxIjoxfQ',
    'eyJ2IjoyLCJzb3J0IjoibmFtZSIsIm9yZGVyIjoiYXNjIiwia2V5Ijp7ImEiOjF9LCJzZXEiOjF9',
    'eyJ2IjoyLCJzb3J0IjoibmFtZSIsIm9yZGVyIjoiYXNjIiwia2V5IjoibSIsInNlcSI6MX0',
    'eyJ2IjoxLCJzZXEiOjF9',
    'eyJ2IjoxLCJzZXEiOi0xfQ',
    'eyJ2IjoxLCJzZXEiOjFlNDAwfQ',
    'eyJ2IjoxLCJzZXEiOiIxIn0',
    'eyJ2IjoyLCJzZXEiOjF9',
    'WzFd',
    'bnVsbA',
    'abc',
    '!!',
  ),
};

const eventQuery = {
  after: fc.constantFrom(
    '0',
    '1',
    '9007199254740991',
    '9007199254740992',
    '-1',
    'x',
  ),
  limit: fc.constantFrom('1', '200', '1000', '1001', '0'),
};

const revisionQuery = {
  before: fc.constantFrom('1', '2', '2147483648', '0', '-1', 'x'),
  limit: fc.constantFrom('1', '200', '201', '0', '1.5'),
};

const revisionNumber = fc.constantFrom(
  '1',
  '2',
  '0',
  '-1',
  '1.5',
  '2147483648',
  '99999999999',
  'abc',
);

/** createRouter.ts: the deployments, rendering and the providers. */
export const deploymentRoutes: RouteEntry[] = [
  {
    label: 'POST /deployments',
    weight: 10,
    arbitrary: route('POST /deployments', {
      method: 'POST',
      path: path('deployments'),
      bodies: oneOf(createBodies),
    }),
  },
  {
    label: 'POST /render',
    weight: 4,
    arbitrary: route('POST /render', {
      method: 'POST',
      path: path('render'),
      query: {
        format: fc.constantFrom(
          'engine',
          'compose',
          'terraform',
          'COMPOSE',
          '',
        ),
      },
      bodies: oneOf(renderBodies),
    }),
  },
  {
    label: 'GET /providers',
    weight: 1,
    arbitrary: route('GET /providers', {
      method: 'GET',
      path: path('providers'),
    }),
  },
  {
    label: 'GET /deployments/summary',
    weight: 3,
    arbitrary: route('GET /deployments/summary', {
      method: 'GET',
      path: path('deployments', 'summary'),
      query: listFilters,
    }),
  },
  {
    label: 'GET /deployments',
    weight: 5,
    arbitrary: route('GET /deployments', {
      method: 'GET',
      path: path('deployments'),
      query: listFilters,
    }),
  },
  {
    label: 'GET /deployments/:id',
    weight: 3,
    arbitrary: route('GET /deployments/:id', {
      method: 'GET',
      path: path('deployments', deployment),
    }),
  },
  {
    label: 'GET /deployments/:id/events',
    weight: 3,
    arbitrary: route('GET /deployments/:id/events', {
      method: 'GET',
      path: path('deployments', deployment, 'events'),
      query: eventQuery,
    }),
  },
  {
    label: 'GET /deployments/:id/events/stream',
    weight: 3,
    arbitrary: fc
      .tuple(
        route('GET /deployments/:id/events/stream', {
          method: 'GET',
          path: path('deployments', deployment, 'events', 'stream'),
          query: { after: eventQuery.after },
        }),
        fc.option(
          fc.oneof(
            fc.constantFrom(
              '0',
              '3',
              '',
              ' ',
              '-1',
              '1e3',
              '0x10',
              '1.5',
              'abc',
            ),
            fc.constantFrom('9007199254740992', '99999999999999999999'),
          ),
        ),
      )
      .map(([request, lastEventId]) =>
        lastEventId === null
          ? request
          : { ...request, headers: { 'Last-Event-ID': lastEventId } },
      ),
  },
  {
    label: 'PATCH /deployments/:id',
    weight: 6,
    arbitrary: route('PATCH /deployments/:id', {
      method: 'PATCH',
      path: path('deployments', deployment),
      bodies: oneOf(updateBodies),
    }),
  },
  {
    label: 'POST /deployments/:id/preview',
    weight: 3,
    arbitrary: route('POST /deployments/:id/preview', {
      method: 'POST',
      path: path('deployments', deployment, 'preview'),
      bodies: oneOf(updateBodies),
    }),
  },
  ...(['reapply', 'accept'] as const).map(action => ({
    label: `POST /deployments/:id/drift/${action}`,
    weight: 1,
    arbitrary: route(`POST /deployments/:id/drift/${action}`, {
      method: 'POST',
      path: path('deployments', deployment, 'drift', action),
      bodies: oneOf([
        undefined,
        {},
        { version: 1 },
        { version: 2 ** 31 },
        { version: '1' },
        { version: 1, extra: true },
      ]),
    }),
  })),
  {
    label: 'GET /deployments/:id/approvals',
    weight: 1,
    arbitrary: route('GET /deployments/:id/approvals', {
      method: 'GET',
      path: path('deployments', deployment, 'approvals'),
    }),
  },
  ...(['approve', 'reject'] as const).map(decision => ({
    label: `POST /deployments/:id/approvals/:approvalId/${decision}`,
    weight: 1,
    arbitrary: route(
      `POST /deployments/:id/approvals/:approvalId/${decision}`,
      {
        method: 'POST',
        // Approval ids the world does not track: unknown or malformed ones,
        // with realistic bodies and not.
        path: path(
          'deployments',
          deployment,
          'approvals',
          approvalId,
          decision,
        ),
        bodies: oneOf([{ comment: 'ok' }, { comment: '' }, {}]),
      },
    ),
  })),
  {
    label: 'POST /deployments/:id/rollback',
    weight: 2,
    arbitrary: route('POST /deployments/:id/rollback', {
      method: 'POST',
      path: path('deployments', deployment, 'rollback'),
      bodies: oneOf([
        undefined,
        {},
        { revision: 1 },
        { revision: 2, reason: 'the new image answers 500' },
        { revision: 0 },
        { revision: 2 ** 31 },
        { revision: 1.5 },
        { revision: '1' },
        { reason: '' },
        { extra: true },
      ]),
    }),
  },
  {
    label: 'GET /deployments/:id/revisions',
    weight: 1,
    arbitrary: route('GET /deployments/:id/revisions', {
      method: 'GET',
      path: path('deployments', deployment, 'revisions'),
      query: revisionQuery,
    }),
  },
  {
    label: 'GET /deployments/:id/revisions/:number',
    weight: 1,
    arbitrary: route('GET /deployments/:id/revisions/:number', {
      method: 'GET',
      path: path('deployments', deployment, 'revisions', revisionNumber),
    }),
  },
  ...(['redeploy', 'cancel'] as const).map(action => ({
    label: `POST /deployments/:id/${action}`,
    weight: 2,
    arbitrary: route(`POST /deployments/:id/${action}`, {
      method: 'POST',
      path: path('deployments', deployment, action),
      bodies: fc.constant(undefined),
    }),
  })),
  {
    label: 'DELETE /deployments/:id',
    weight: 2,
    arbitrary: route('DELETE /deployments/:id', {
      method: 'DELETE',
      path: path('deployments', deployment),
    }),
  },
];
