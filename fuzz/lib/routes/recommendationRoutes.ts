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
import { oneOf } from '../realisticBodies';
import { path, route, RouteEntry } from './requestParts';

// No recommendation exists in a fuzz run (the job runs hours after start):
// ids that are well-formed and unknown, ill-formed, and hostile.
const recommendation = fc.constantFrom(
  '11111111-1111-4111-8111-111111111111',
  'FFFFFFFF-FFFF-4FFF-8FFF-FFFFFFFFFFFF',
  '------------------------------------',
  'nope',
  'x'.repeat(300),
  '%00',
  '%F0%9F%92%A9',
);

const statuses = fc.constantFrom(
  'open',
  'accepted',
  'dismissed',
  'done',
  'closed',
  'OPEN',
  '',
);

const kinds = fc.constantFrom(
  'idle',
  'rightsizing',
  'commitment',
  'orphaned',
  'Idle',
  'cheap',
);

const updateBodies = [
  { status: 'accepted', version: 1 },
  { status: 'dismissed', version: 2, reason: 'we need the GPU' },
  { status: 'open', version: 1 },
  { status: 'done', version: 1 },
];

/** routes/recommendationRoutes.ts: the savings recommendations. */
export const recommendationRoutes: RouteEntry[] = [
  {
    label: 'GET /recommendations',
    weight: 2,
    arbitrary: route('GET /recommendations', {
      method: 'GET',
      path: path('recommendations'),
      query: {
        status: statuses,
        kind: kinds,
        deploymentId: fc.constantFrom(
          '11111111-1111-4111-8111-111111111111',
          '------------------------------------',
          'not-a-uuid',
          'x'.repeat(150),
        ),
      },
    }),
  },
  {
    label: 'PATCH /recommendations/:id',
    weight: 2,
    arbitrary: route('PATCH /recommendations/:id', {
      method: 'PATCH',
      path: path('recommendations', recommendation),
      bodies: oneOf(updateBodies),
    }),
  },
];
