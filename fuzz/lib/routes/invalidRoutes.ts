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
import { FuzzRequest } from '../fuzzRequest';
import { RouteEntry, userAuth } from './requestParts';

/** Routes that do not exist, and methods a route does not take. */
export const invalidRoutes: RouteEntry[] = [
  {
    label: '(no such route)',
    weight: 2,
    arbitrary: fc
      .record({
        route: fc.constant('(no such route)'),
        method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        path: fc.oneof(
          fc.constantFrom(
            ['deployments', 'x', 'y', 'z'],
            ['providers', 'x'],
            ['nope'],
            ['terraform'],
            ['terraform', 'workspaces', 'a', 'b'],
            ['estimates', 'plan', 'x'],
          ),
          fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        ),
        auth: userAuth,
      })
      .map((r): FuzzRequest => ({ ...r, path: [...r.path] })),
  },
  {
    label: '(method the route does not take)',
    weight: 2,
    arbitrary: fc
      .record({
        route: fc.constant('(method the route does not take)'),
        method: fc.constantFrom('PUT', 'DELETE', 'PATCH'),
        path: fc.constantFrom(
          ['providers'],
          ['deployments', 'summary'],
          ['prices'],
          ['estimates'],
          ['render'],
          ['kubernetes', 'apply'],
          ['terraform', 'workspaces'],
        ),
        auth: userAuth,
      })
      .map((r): FuzzRequest => ({ ...r, path: [...r.path] })),
  },
];
