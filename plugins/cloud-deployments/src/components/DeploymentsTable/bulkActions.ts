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
  Deployment,
  DeploymentStatus,
  ISO_DURATION_PATTERN,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentsApi } from '../../api';
import { DEPLOYMENT_ACTIONS } from '../DeploymentActions';

/**
 * An action on many deployments at once: each one goes through the
 * deployment's own route, authorised against its owner like a click on its row.
 *
 * @internal
 */
export type BulkAction = {
  id: 'destroy' | 'redeploy' | 'extendTtl';
  /** The toolbar button and the confirm button's verb. */
  label: string;
  /** What confirming does to each deployment it touches. */
  consequence: string;
  /** Why a deployment is left out, or undefined when the action runs on it. */
  skipReason(deployment: Deployment): string | undefined;
  run(api: CloudDeploymentsApi, deployment: Deployment): Promise<unknown>;
};

const single = (id: 'destroy' | 'redeploy') =>
  DEPLOYMENT_ACTIONS.find(action => action.id === id)!;

function notFrom(allowed: readonly DeploymentStatus[]) {
  return (d: Deployment) =>
    allowed.includes(d.status) ? undefined : `it is ${d.status}`;
}

/** How much longer "Extend TTL" lets each deployment live. */
export const TTL_EXTENSION = { iso: 'P7D', words: '7 days' };

const MS = { s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The length of an ISO 8601 duration in milliseconds, as the backend counts
 * it (years 365 days, months 30); undefined when it is not one.
 */
export function durationMs(iso: string): number | undefined {
  const match = ISO_DURATION_PATTERN.exec(iso);
  if (!match) return undefined;
  const [y, mo, w, d, h, min, s] = match.slice(1).map(p => Number(p ?? 0));
  const days = y * 365 + mo * 30 + w * 7 + d;
  return days * MS.d + h * MS.h + min * MS.min + s * MS.s;
}

/** Milliseconds as the shortest ISO 8601 duration of days, hours, minutes and seconds. */
export function isoDuration(ms: number): string {
  const d = Math.floor(ms / MS.d);
  const h = Math.floor((ms % MS.d) / MS.h);
  const min = Math.floor((ms % MS.h) / MS.min);
  const s = Math.floor((ms % MS.min) / MS.s);
  const time = `${h ? `${h}H` : ''}${min ? `${min}M` : ''}${s ? `${s}S` : ''}`;
  if (!d && !time) return 'PT0S';
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

/** The TTL that lets a deployment live {@link TTL_EXTENSION} longer. */
export function extendedTtl(ttl: string): string {
  return isoDuration(durationMs(ttl)! + durationMs(TTL_EXTENSION.iso)!);
}

/**
 * The bulk actions, in the order of their buttons.
 *
 * @internal
 */
export const BULK_ACTIONS: readonly BulkAction[] = [
  {
    id: 'extendTtl',
    label: 'Extend TTL',
    consequence: `Each one lives ${TTL_EXTENSION.words} longer before it is destroyed.`,
    skipReason: d => {
      if (d.status === 'destroying' || d.status === 'destroyed') {
        return `it is ${d.status}`;
      }
      if (!d.spec.ttl || durationMs(d.spec.ttl) === undefined) {
        return 'it has no time to live';
      }
      return undefined;
    },
    run: (api, d) =>
      api.updateDeployment(d.id, {
        version: d.version,
        ttl: extendedTtl(d.spec.ttl!),
      }),
  },
  {
    id: 'redeploy',
    label: 'Redeploy',
    consequence:
      'The current spec of each one is applied again to its cloud and region.',
    skipReason: notFrom(single('redeploy').allowedFrom),
    run: (api, d) => single('redeploy').run(api, d.id),
  },
  {
    id: 'destroy',
    label: 'Destroy',
    consequence:
      'The cloud resources of each one are deleted and its endpoint stops answering. This cannot be undone.',
    skipReason: notFrom(single('destroy').allowedFrom),
    run: (api, d) => single('destroy').run(api, d.id),
  },
];
