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
import { deploymentSpecSchema } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentEntitiesProcessor } from '../../../plugins/catalog-backend-module-cloud-deployments/src/processor/CloudDeploymentEntitiesProcessor';
import { deploymentToEntity } from '../../../plugins/catalog-backend-module-cloud-deployments/src/provider/deploymentToEntity';

/** Varied, valid specs: Cloud Run and SageMaker, three environments, some systems. */
export function specOf(i: number): Record<string, unknown> {
  const common = {
    owner: `group:default/team-${i % 50}`,
    component: `component:default/service-${i % 500}`,
    ...(i % 3 === 0 ? { system: `system:default/system-${i % 20}` } : {}),
    environment: ['production', 'staging', 'development'][i % 3],
    engine: 'sdk',
  };
  return i % 2 === 0
    ? {
        ...common,
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        artifact: { image: `europe-docker.pkg.dev/acme/bench/svc-${i}:1.0.0` },
        compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 10 },
      }
    : {
        ...common,
        provider: 'aws-sagemaker',
        region: 'us-east-1',
        artifact: {
          image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/bench:${i}`,
        },
        compute: { instanceType: 'ml.m5.large', instanceCount: 1 + (i % 3) },
      };
}

/** Fails early if the seeded rows would not be valid deployments and entities. */
export async function checkSamples() {
  const processor = new CloudDeploymentEntitiesProcessor();
  for (let i = 0; i < 6; i++) {
    const spec = deploymentSpecSchema.parse(specOf(i)) as any;
    const entity = deploymentToEntity(
      {
        id: `00000000-0000-4000-8000-00000000000${i}`,
        name: `bench-${i}`,
        spec,
      } as any,
      { appBaseUrl: 'http://localhost:3000' },
    );
    if (!(await processor.validateEntityKind(entity))) {
      throw new Error(`sample entity ${i} is not a CloudDeployment`);
    }
  }
}
