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
import { mockServices } from '@backstage/backend-test-utils';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ObservedState,
  ProviderContext,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

// Deployments and provider contexts for the SageMaker provider's tests. Not
// part of the package's API.

/** An aws-sagemaker deployment, with overrides of the spec's parts. */
export function sageMakerDeployment(
  overrides: Partial<Deployment> & {
    artifact?: Partial<Deployment['spec']['artifact']>;
    compute?: Partial<Deployment['spec']['compute']>;
    account?: string;
    region?: string;
  } = {},
): Deployment {
  const { artifact, compute, account, region, ...rest } = overrides;
  return {
    id: '5b0c1f7e-3f7a-4d7e-9a51-2f1f4c2b9d10',
    name: 'fraud-model',
    spec: {
      owner: 'group:default/ml-team',
      component: 'component:default/fraud-model',
      environment: 'production',
      provider: 'aws-sagemaker',
      region: region ?? 'us-east-1',
      ...(account ? { account } : {}),
      engine: 'sdk',
      artifact: {
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.0',
        modelDataUrl: 's3://models/fraud/model.tar.gz',
        ...artifact,
      },
      compute: { instanceType: 'ml.m5.large', instanceCount: 1, ...compute },
    },
    status: 'provisioning',
    outputs: {},
    createdBy: 'user:default/ada',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedBy: 'user:default/ada',
    updatedAt: '2026-11-01T10:00:00.000Z',
    version: 1,
    ...rest,
  };
}

/** A provider context whose log lines are kept, with an optional signal. */
export function providerContext(signal = new AbortController().signal) {
  const lines: string[] = [];
  const logger = mockServices.logger.mock();
  const ctx: ProviderContext = {
    signal,
    logger,
    log: async (message, data) => {
      lines.push(data ? `${message} ${JSON.stringify(data)}` : message);
    },
  };
  return { ctx, lines, logger };
}

/** Calls `describe` until `done` holds, for at most `timeoutMs`. */
export async function describeUntil(
  provider: CloudDeploymentProvider,
  deployment: Deployment,
  ctx: ProviderContext,
  done: (state: ObservedState) => boolean,
  timeoutMs = 3000,
): Promise<ObservedState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await provider.describe(deployment, ctx);
    if (done(state)) return state;
    if (Date.now() > deadline) {
      throw new Error(`Still ${JSON.stringify(state)} after ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
