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
  CostEstimate,
  DeploymentCompute,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PRICE_KEYS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { priceLine, toEstimate } from './lines';
import { EstimatorContext } from './types';

/** A SageMaker real-time endpoint: instances × hours × the instance type's hourly price. */
export function estimateSageMaker(
  target: { region: string; compute: DeploymentCompute },
  ctx: EstimatorContext,
): CostEstimate {
  const instanceType = target.compute.instanceType!;
  const count = target.compute.instanceCount ?? 1;
  const hours = ctx.usage.hoursPerMonth;
  return toEstimate(
    [
      priceLine(ctx.catalog, {
        provider: 'aws',
        service: PRICE_KEYS.aws.sagemaker,
        region: target.region,
        sku: instanceType,
        unit: 'hour',
        quantity: count * hours,
        description: `Real-time endpoint instance hours (${count} × ${instanceType} × ${hours} h)`,
      }),
    ],
    { endpointType: 'real-time', instanceCount: count, hoursPerMonth: hours },
  );
}
