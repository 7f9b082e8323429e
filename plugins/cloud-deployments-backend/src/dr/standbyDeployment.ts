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
  DeploymentCompute,
  DeploymentSpec,
  DrPlan,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/** How much of the spec a standby runs. */
export type StandbyCapacity = 'minimum' | 'full';

/** The suffix that keeps a standby's cloud names apart from the primary's. */
const SUFFIX = '-dr';

/**
 * The spec's compute at its minimum capacity: one instance or replica that
 * serves (a warm standby), autoscaling bounds kept where they allow it.
 */
export function minimumCompute(spec: DeploymentSpec): DeploymentCompute {
  const { compute } = spec;
  return {
    ...compute,
    ...(compute.instanceCount !== undefined ? { instanceCount: 1 } : {}),
    // Cloud Run runs nothing at minInstances 0: a warm standby keeps one.
    ...(compute.minInstances !== undefined || spec.provider === 'gcp-cloud-run'
      ? { minInstances: 1 }
      : {}),
  };
}

/**
 * The spec of the standby: the primary's current spec (so it follows every
 * revision), in the standby's region and account, at full or minimum
 * capacity.
 */
export function standbySpec(
  primary: DeploymentSpec,
  plan: Pick<DrPlan, 'standbyRegion' | 'standbyAccount'>,
  capacity: StandbyCapacity,
): DeploymentSpec {
  const spec: DeploymentSpec = {
    ...primary,
    region: plan.standbyRegion,
    ...(plan.standbyAccount ? { account: plan.standbyAccount } : {}),
  };
  return capacity === 'full'
    ? spec
    : { ...spec, compute: minimumCompute(spec) };
}

/**
 * The standby's cloud name: the primary's with `-dr`, shortened until the
 * provider accepts it (a standby in the same account and region as the
 * primary, as a Kubernetes cluster or an Azure resource group may be, must
 * not take the primary's name). Undefined when no such name is valid.
 */
export function standbyResourceName(
  provider: CloudDeploymentProvider,
  spec: DeploymentSpec,
  primaryName: string,
): string | undefined {
  for (let length = primaryName.length; length > 0; length--) {
    const base = primaryName.slice(0, length).replace(/-+$/, '');
    if (!base) break;
    const candidate = `${base}${SUFFIX}`;
    if ((provider.validate?.(spec, candidate) ?? []).length === 0) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * The deployment as the provider is asked to make the standby: the same id
 * (its resources carry the deployment's tag), the standby's name and spec.
 */
export function standbyDeployment(
  primary: Deployment,
  plan: Pick<DrPlan, 'standbyRegion' | 'standbyAccount'>,
  capacity: StandbyCapacity,
  resourceName: string,
): Deployment {
  return {
    ...primary,
    resourceName,
    spec: standbySpec(primary.spec, plan, capacity),
    endpoint: undefined,
    outputs: {},
  };
}
