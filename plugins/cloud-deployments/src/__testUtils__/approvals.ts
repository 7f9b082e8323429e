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
  Approval,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { makeEstimate } from './fixtures';

/**
 * Request number `n` of deployment 1: a create by jane that the production
 * policy holds, asked ten minutes ago.
 */
export function makeApproval(
  n: number,
  overrides: Partial<Approval> = {},
): Approval {
  return {
    id: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    deploymentId: '00000000-0000-4000-8000-000000000001',
    operation: 'create',
    status: 'awaiting_approval',
    spec: {
      owner: 'group:default/ml-team',
      component: 'component:default/service-1',
      environment: 'production',
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      artifact: { image: 'ghcr.io/acme/model:1.0.0' },
      compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
      engine: 'sdk',
    },
    estimate: makeEstimate(),
    decision: {
      outcome: 'approval',
      reasons: [
        {
          policy: 'production-needs-approval',
          message: 'Production deployments need an approval',
          effect: 'approval',
        },
      ],
      values: {
        environment: 'production',
        region: 'us-east-1',
        monthlyCost: 83.95,
        instanceTypes: ['ml.m5.large'],
        gpu: false,
      },
    },
    deploymentVersion: 1,
    requestedBy: 'user:default/jane',
    requestedAt: new Date(Date.now() - 10 * 60 * 1000).toISOString(),
    ...overrides,
  };
}

/** The spec of `deployment` with its image and instance count changed. */
export function changedSpec(deployment: Deployment): Approval['spec'] {
  return {
    ...deployment.spec,
    artifact: { image: 'ghcr.io/acme/model:2.0.0' },
    compute: { ...deployment.spec.compute, instanceCount: 3 },
  };
}
