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
import { oneOf } from '../realisticBodies';
import { deployment, path, route, RouteEntry } from './requestParts';

/*
 * drRoutes.ts and the stop/start of deploymentRoutes.ts: a deployment's DR
 * plan, its failover, failback and drill, and stopping and starting it.
 * `$dr-version` is the plan's version as last seen (world.ts), `$version`
 * the deployment's, which a plan does not take: a stale version by design.
 */

/** Standbys the sandbox accepts for the fuzz world's deployments, and not. */
const planBodies = [
  // Valid for the deployments createBodies makes (SageMaker in us-east-1,
  // Cloud Run in europe-west1, ACI in westeurope, Kubernetes).
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: 15 },
  { standbyRegion: 'us-west-2', mode: 'warm-standby', rtoMinutes: 5 },
  { standbyRegion: 'europe-west4', mode: 'pilot-light', rtoMinutes: 60 },
  { standbyRegion: 'northeurope', mode: 'warm-standby', rtoMinutes: 30 },
  {
    standbyRegion: 'eu-west-1',
    standbyAccount: '123456789012',
    mode: 'pilot-light',
    rtoMinutes: 10080,
  },
  // Replacing the plan: the current version, a stale one, the deployment's.
  {
    standbyRegion: 'us-west-2',
    mode: 'warm-standby',
    rtoMinutes: 20,
    version: '$dr-version',
  },
  {
    standbyRegion: 'us-west-2',
    mode: 'pilot-light',
    rtoMinutes: 15,
    version: 1,
  },
  {
    standbyRegion: 'us-west-2',
    mode: 'pilot-light',
    rtoMinutes: 15,
    version: '$version',
  },
  // The primary's own region and account: refused.
  { standbyRegion: 'us-east-1', mode: 'pilot-light', rtoMinutes: 15 },
  { standbyRegion: 'europe-west1', mode: 'pilot-light', rtoMinutes: 15 },
  // Wrong modes.
  { standbyRegion: 'us-west-2', mode: 'hot-standby', rtoMinutes: 15 },
  { standbyRegion: 'us-west-2', mode: 'PILOT-LIGHT', rtoMinutes: 15 },
  { standbyRegion: 'us-west-2', mode: '', rtoMinutes: 15 },
  { standbyRegion: 'us-west-2', mode: ['pilot-light'], rtoMinutes: 15 },
  // rtoMinutes out of range, fractional, huge, not a number.
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: 0 },
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: -15 },
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: 1.5 },
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: 10081 },
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: 2 ** 53 },
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: 1e308 },
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: '15' },
  { standbyRegion: 'us-west-2', mode: 'pilot-light', rtoMinutes: null },
  // Hostile regions and accounts.
  { standbyRegion: '../us-west-2', mode: 'pilot-light', rtoMinutes: 15 },
  { standbyRegion: 'us-west-2\n', mode: 'pilot-light', rtoMinutes: 15 },
  { standbyRegion: 'US-WEST-2', mode: 'pilot-light', rtoMinutes: 15 },
  { standbyRegion: 'x'.repeat(5000), mode: 'pilot-light', rtoMinutes: 15 },
  { standbyRegion: 'mars-north-1', mode: 'pilot-light', rtoMinutes: 15 },
  { standbyRegion: '', mode: 'pilot-light', rtoMinutes: 15 },
  {
    standbyRegion: 'us-west-2',
    standbyAccount: '12345',
    mode: 'pilot-light',
    rtoMinutes: 15,
  },
  {
    standbyRegion: 'us-west-2',
    standbyAccount: "1'; DROP TABLE deployment_dr_plans; --",
    mode: 'pilot-light',
    rtoMinutes: 15,
  },
  {
    standbyRegion: 'us-west-2',
    standbyAccount: null,
    mode: 'pilot-light',
    rtoMinutes: 15,
  },
  // Extra keys, and what only the server sets.
  {
    standbyRegion: 'us-west-2',
    mode: 'pilot-light',
    rtoMinutes: 15,
    activeSide: 'standby',
  },
  {
    standbyRegion: 'us-west-2',
    mode: 'pilot-light',
    rtoMinutes: 15,
    standbyState: 'serving',
    ['__proto__']: { admin: true },
  },
  // Versions that are not one.
  {
    standbyRegion: 'us-west-2',
    mode: 'pilot-light',
    rtoMinutes: 15,
    version: 0,
  },
  {
    standbyRegion: 'us-west-2',
    mode: 'pilot-light',
    rtoMinutes: 15,
    version: 2 ** 53,
  },
  {
    standbyRegion: 'us-west-2',
    mode: 'pilot-light',
    rtoMinutes: 15,
    version: '1',
  },
  {},
];

/** The body of a failover, failback, drill or removal. */
const actionBodies = [
  undefined,
  {},
  { version: '$dr-version' },
  { version: 1 },
  { version: '$version' },
  { version: 0 },
  { version: -1 },
  { version: 1.5 },
  { version: 2 ** 53 },
  { version: '1' },
  { version: null },
  { version: 1, extra: true },
  { force: true },
  [],
];

/** drRoutes.ts, and stopping and starting a deployment. */
export const drRoutes: RouteEntry[] = [
  {
    label: 'GET /deployments/:id/dr',
    weight: 2,
    arbitrary: route('GET /deployments/:id/dr', {
      method: 'GET',
      path: path('deployments', deployment, 'dr'),
    }),
  },
  {
    label: 'PUT /deployments/:id/dr',
    weight: 4,
    arbitrary: route('PUT /deployments/:id/dr', {
      method: 'PUT',
      path: path('deployments', deployment, 'dr'),
      bodies: oneOf(planBodies),
    }),
  },
  {
    label: 'DELETE /deployments/:id/dr',
    weight: 1,
    arbitrary: route('DELETE /deployments/:id/dr', {
      method: 'DELETE',
      path: path('deployments', deployment, 'dr'),
      bodies: oneOf(actionBodies),
    }),
  },
  ...(['failover', 'failback', 'test'] as const).map(action => ({
    label: `POST /deployments/:id/dr/${action}`,
    weight: 2,
    arbitrary: route(`POST /deployments/:id/dr/${action}`, {
      method: 'POST',
      path: path('deployments', deployment, 'dr', action),
      bodies: oneOf(actionBodies),
    }),
  })),
  ...(['stop', 'start'] as const).map(action => ({
    label: `POST /deployments/:id/${action}`,
    weight: 2,
    arbitrary: route(`POST /deployments/:id/${action}`, {
      method: 'POST',
      path: path('deployments', deployment, action),
      bodies: oneOf([undefined, {}, { version: '$version' }, { extra: true }]),
    }),
  })),
];
