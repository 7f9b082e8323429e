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
import fs from 'fs';
import path from 'path';
import { PolicyRequest } from '../policy/types';

/** The example policies shipped at the repository root. */
export const POLICIES_DIR = path.resolve(__dirname, '../../../../policies');

/** A shipped policy file as the engine reads it. */
export function shippedPolicy(file: string) {
  return {
    name: file.replace(/\.cedar$/, ''),
    text: fs.readFileSync(path.join(POLICIES_DIR, file), 'utf8'),
  };
}

/** Every shipped policy file. */
export function allShippedPolicies() {
  return fs
    .readdirSync(POLICIES_DIR)
    .filter(f => f.endsWith('.cedar'))
    .sort()
    .map(shippedPolicy);
}

export type Target = 'sagemaker' | 'cloudrun' | 'aci' | 'kubernetes';

export const TARGETS: Target[] = ['sagemaker', 'cloudrun', 'aci', 'kubernetes'];

const deployments: Record<Target, PolicyRequest['deployment']> = {
  sagemaker: {
    name: 'fraud-model',
    owner: 'group:default/ml-team',
    system: 'system:default/fraud-detection',
    environment: 'staging',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    engine: 'sdk',
    instanceType: 'ml.m5.large',
    gpuCount: 0,
    replicas: 1,
  },
  cloudrun: {
    name: 'web-api',
    owner: 'group:default/web-team',
    environment: 'staging',
    provider: 'gcp-cloud-run',
    region: 'europe-west1',
    engine: 'sdk',
    gpuCount: 0,
    replicas: 1,
  },
  aci: {
    name: 'fraud-batch',
    owner: 'group:default/ml-team',
    environment: 'staging',
    provider: 'azure-container-instances',
    region: 'westeurope',
    engine: 'terraform',
    gpuCount: 0,
    replicas: 1,
  },
  kubernetes: {
    name: 'web-shop',
    owner: 'group:default/guests',
    system: 'system:default/examples',
    environment: 'staging',
    provider: 'kubernetes',
    region: 'us-east-1',
    engine: 'kubernetes',
    gpuCount: 0,
    replicas: 2,
  },
};

/** Changes to a base request; `deployment` is merged into the target's. */
export type RequestChanges = Partial<Omit<PolicyRequest, 'deployment'>> & {
  deployment?: Partial<PolicyRequest['deployment']>;
};

/** A staging create of the target at $100 a month, with the changes. */
export function policyRequest(
  target: Target,
  changes: RequestChanges = {},
): PolicyRequest {
  const { deployment, ...rest } = changes;
  return {
    operation: 'create',
    principal: {
      ref: 'user:default/alice',
      groups: ['user:default/alice', deployments[target].owner],
    },
    cost: { monthly: 100, complete: true, increase: 0 },
    findings: [],
    ...rest,
    deployment: { ...deployments[target], ...deployment },
  };
}

/** A finding of one check, as the IaC checks report it. */
export function finding(check: PolicyRequest['findings'][number]['check']) {
  return { check, resource: 'the-resource', detail: `${check} found` };
}
