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
import { encoding } from './bodyEncodings';
import { Auth, FuzzRequest, PathPart, query, target } from './fuzzRequest';
import { mutations, mutate } from './mutations';
import {
  createBodies,
  estimateBodies,
  kubernetesApplyBody,
  oneOf,
  planBody,
  renderBodies,
  updateBodies,
  workspaceBodies,
} from './realisticBodies';
import { stateProtocolRequest } from './stateProtocol';
import { manifests } from './yamlAttacks';

/*
 * Every route under /api/cloud-deployments (createRouter.ts,
 * kubernetesRoute.ts, pricingRoutes.ts, terraform/stateRoutes.ts and
 * terraform/workspaceRoutes.ts), each with the requests the fuzzer makes of
 * it. A route added there needs its line here.
 */

const deployment: fc.Arbitrary<PathPart> = target.map(t => ({
  ref: 'deployment' as const,
  target: t,
}));
const workspace: fc.Arbitrary<PathPart> = target.map(t => ({
  ref: 'workspace' as const,
  target: t,
}));

/** Mostly the signed-in user; sometimes nobody, or a token that is not one. */
const userAuth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 30, arbitrary: fc.constant('user' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('none' as const, 'garbageBearer' as const),
  },
);

/** A route's requests: method, path and query or body, all generated. */
function route(
  label: string,
  parts: {
    method: string;
    path: fc.Arbitrary<PathPart[]>;
    query?: Record<string, fc.Arbitrary<string>>;
    bodies?: fc.Arbitrary<unknown>;
  },
): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    route: fc.constant(label),
    method: fc.constant(parts.method),
    path: parts.path,
    query: parts.query ? query(parts.query) : fc.constant(undefined),
    auth: userAuth,
    body: parts.bodies
      ? fc.tuple(parts.bodies, mutations).map(([b, m]) => mutate(b, m))
      : fc.constant(undefined),
    encoding: parts.bodies ? encoding : fc.constant(undefined),
  });
}

const path = (...parts: Array<PathPart | fc.Arbitrary<PathPart>>) =>
  fc.tuple(
    ...parts.map(p =>
      typeof p === 'string' || 'ref' in p ? fc.constant(p) : p,
    ),
  ) as fc.Arbitrary<PathPart[]>;

const listFilters = {
  owner: fc.constantFrom('group:default/web-team', 'web-team', 'user:guest'),
  component: fc.constantFrom('component:default/shop', 'shop'),
  provider: fc.constantFrom('kubernetes', 'aws-sagemaker', 'gcp-cloud-run'),
  status: fc.constantFrom('pending', 'failed', 'destroyed', 'active'),
  environment: fc.constantFrom('staging', 'production'),
  q: fc.constantFrom('shop', 'fz', ' ', '%', '_'),
  limit: fc.constantFrom('1', '50', '200', '201', '0', '-1', '1.5', '1e3'),
  // A real one, and base64url of the wrong JSON: seq -1, 1e400, "1"; v 2; [1]; null.
  cursor: fc.constantFrom(
    '$cursor',
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

/** The routes the fuzzer aims at: `METHOD /path` as the routers declare them. */
export const apiRoutes: Array<{
  label: string;
  weight: number;
  arbitrary: fc.Arbitrary<FuzzRequest>;
}> = [
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
  ...(['rollback', 'redeploy', 'cancel'] as const).map(action => ({
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
  {
    label: 'POST /kubernetes/apply',
    weight: 6,
    arbitrary: route('POST /kubernetes/apply', {
      method: 'POST',
      path: path('kubernetes', 'apply'),
      bodies: manifests.map(m => ({ ...kubernetesApplyBody, manifests: m })),
    }),
  },
  {
    label: 'POST /estimates',
    weight: 5,
    arbitrary: route('POST /estimates', {
      method: 'POST',
      path: path('estimates'),
      bodies: oneOf(estimateBodies),
    }),
  },
  {
    label: 'POST /estimates/plan',
    weight: 5,
    arbitrary: route('POST /estimates/plan', {
      method: 'POST',
      path: path('estimates', 'plan'),
      bodies: fc.constant(planBody),
    }),
  },
  {
    label: 'GET /prices',
    weight: 2,
    arbitrary: route('GET /prices', {
      method: 'GET',
      path: path('prices'),
      query: {
        provider: fc.constantFrom('aws', 'gcp', 'azure', 'ibm'),
        service: fc.constantFrom('AmazonSageMaker', 'AmazonEC2', 'x'),
        region: fc.constantFrom('us-east-1', 'europe-west1', 'eastus'),
        sku: fc.constantFrom('ml.m5.large', 't3.micro'),
        limit: fc.constantFrom('1', '1000', '1001', 'x'),
      },
    }),
  },
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
  // Routes that do not exist, and methods a route does not take.
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

/** Any request the fuzzer makes, weighted towards the routes that write. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  ...apiRoutes.map(({ weight, arbitrary }) => ({ weight, arbitrary })),
);
