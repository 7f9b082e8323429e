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
  DeploymentCompute,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CarbonContext } from './lines';
import { machineLines, MachineSize } from './machine';
import { toEmissions } from './toEmissions';

/**
 * A SageMaker real-time endpoint: its instances as the EC2 type of the same
 * name without `ml.` (as CCF costs them), running all month.
 */
export function sagemakerEmissions(
  target: { region: string; compute: DeploymentCompute },
  ctx: CarbonContext,
  size?: MachineSize,
): EmissionsEstimate {
  const instanceType = target.compute.instanceType!;
  const ec2Type = instanceType.replace(/^ml\./, '');
  const count = target.compute.instanceCount ?? 1;
  return toEmissions(
    ctx,
    machineLines(ctx, {
      cloud: 'aws',
      instanceType: ec2Type,
      region: target.region,
      count,
      what: `${count} × ${ec2Type}`,
      size,
    }),
    { instanceCount: count, ec2InstanceType: ec2Type },
  );
}
