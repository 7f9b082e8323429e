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
  DrPlan,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentsApi } from '../../api';

/**
 * An action on a DR plan, with what its confirmation says will happen.
 *
 * @internal
 */
export type DrAction = {
  id: 'drill' | 'failover' | 'failback' | 'remove';
  label: string;
  /** Whether it applies to the plan as it stands. */
  shown(plan: DrPlan): boolean;
  consequence(plan: DrPlan, deployment: Deployment): string;
  destructive?: boolean;
  run(api: CloudDeploymentsApi, id: string, version: number): Promise<DrPlan>;
};

const bringsUp = (plan: DrPlan) =>
  plan.mode === 'pilot-light'
    ? `provisions the standby in ${plan.standbyRegion}`
    : `scales the standby in ${plan.standbyRegion} to the full spec`;

/** @internal */
export const DR_ACTIONS: DrAction[] = [
  {
    id: 'drill',
    label: 'Test failover',
    shown: plan => plan.activeSide === 'primary',
    consequence: plan =>
      `A drill ${bringsUp(
        plan,
      )} without touching the primary or the endpoint, measures how long it takes against the objective of ${Math.round(
        plan.rtoSeconds / 60,
      )} min, then returns the standby to its mode. It bills like a failover while it runs.`,
    run: (api, id, version) => api.testDrPlan(id, { version }),
  },
  {
    id: 'failover',
    label: 'Fail over',
    shown: plan => plan.activeSide === 'primary',
    consequence: (plan, deployment) =>
      `This ${bringsUp(plan)}, then moves the endpoint of ${
        deployment.name
      } to it; the primary in ${
        deployment.spec.region
      } is left as it is. Changes to ${
        deployment.name
      } are refused until you fail back.`,
    destructive: true,
    run: (api, id, version) => api.failoverDeployment(id, { version }),
  },
  {
    id: 'failback',
    label: 'Fail back',
    shown: plan => plan.activeSide === 'standby',
    consequence: (plan, deployment) =>
      `This brings the primary in ${deployment.spec.region} back to its spec, moves the endpoint back to it, and returns the standby in ${plan.standbyRegion} to its mode.`,
    run: (api, id, version) => api.failbackDeployment(id, { version }),
  },
  {
    id: 'remove',
    label: 'Remove plan',
    shown: plan => plan.activeSide === 'primary',
    consequence: plan =>
      `This takes the standby in ${plan.standbyRegion} down, then removes the plan; the deployment keeps running where it is, with no standby.`,
    destructive: true,
    run: (api, id, version) => api.deleteDrPlan(id, { version }),
  },
];
