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
import { DrPlan } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { makeDeployment, makeEstimate, makeLine } from './fixtures';

/** An active SageMaker deployment in us-east-1, at version 4. */
export const deployment = makeDeployment(1, { version: 4 });

/** A conflict as the backend answers it. */
export const conflict = (message: string) => ({
  error: { name: 'ConflictError', message },
  request: { method: 'POST', url: '/' },
  response: { statusCode: 409 },
});

/**
 * A ready warm standby in eu-west-3, priced from eu-west-1 (no prices of
 * its own), with a drill that met its 15-minute objective.
 */
export function makeDrPlan(overrides: Partial<DrPlan> = {}): DrPlan {
  const approximate = makeLine({
    region: 'eu-west-1',
    kind: 'approximate',
    monthlyCost: 90.5,
  });
  const drill = {
    id: 7,
    kind: 'drill' as const,
    outcome: 'met' as const,
    standbyRegion: 'eu-west-3',
    rtoSeconds: 900,
    startedAt: '2026-12-06T10:00:00.000Z',
    recoveredAt: '2026-12-06T10:00:42.300Z',
    recoverySeconds: 42.3,
    finishedAt: '2026-12-06T10:02:00.000Z',
    requestedBy: 'user:default/jane',
  };
  return {
    deploymentId: deployment.id,
    standbyRegion: 'eu-west-3',
    mode: 'warm-standby',
    rtoSeconds: 900,
    activeSide: 'primary',
    standbyState: 'ready',
    standbyEndpoint: 'https://model-1-standby.example',
    standbyEstimate: makeEstimate({ lines: [approximate] }),
    failoverEstimate: makeEstimate({
      lines: [makeLine({ region: 'eu-west-1', kind: 'approximate' })],
    }),
    lastDrill: drill,
    runs: [drill],
    version: 3,
    createdBy: 'user:default/jane',
    createdAt: '2026-12-06T09:00:00.000Z',
    updatedBy: 'user:default/jane',
    updatedAt: '2026-12-06T09:00:00.000Z',
    ...overrides,
  };
}

/** A pilot light's standby estimate, as the backend makes it: an exact $0. */
export const pilotLightEstimate = makeEstimate({
  lines: [],
  warnings: [
    'Pilot light: nothing runs in eu-west-3 until a failover or a drill, so nothing bills there; the failover estimate is what it costs while it serves',
  ],
});
