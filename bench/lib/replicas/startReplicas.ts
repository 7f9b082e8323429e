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
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { postgresDatabase, startApiReplicas } from '../apiReplicas';
import { BenchBackend } from '../backendProcess';

/** How often each replica's reconciliation is scheduled to run. */
export const RECONCILE_EVERY_S = 3;

export type Replica = BenchBackend;

export function sagemakerBody(name: string) {
  return JSON.stringify({
    name,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'development',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    account: 'bench',
    engine: 'sdk',
    artifact: { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1' },
    compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
  });
}

export async function startReplicas(
  n: number,
  pgUrl: string,
  sandbox: SageMakerSandbox,
  dir: string,
): Promise<Replica[]> {
  return startApiReplicas({
    count: n,
    dir,
    database: postgresDatabase(pgUrl, `replicas_${n}`),
    cloudDeployments: {
      providers: {
        aws: {
          accounts: [
            {
              id: 'bench',
              executionRoleArn:
                'arn:aws:iam::000000000000:role/SageMakerExecution',
              endpoint: sandbox.url,
              accessKeyId: 'AKIDBENCH',
              secretAccessKey: 'bench-secret',
            },
          ],
        },
      },
      jobs: {
        lease: { seconds: 10 },
        pollInterval: { milliseconds: 250 },
        idlePollInterval: { milliseconds: 250 },
      },
      reconciliation: {
        schedule: {
          frequency: { seconds: RECONCILE_EVERY_S },
          initialDelay: { seconds: RECONCILE_EVERY_S },
          timeout: { seconds: 60 },
        },
      },
    },
  });
}
