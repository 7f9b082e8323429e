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
import { CreateDeploymentRequest } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** A valid SageMaker deployment request. */
export const sagemakerRequest: CreateDeploymentRequest = {
  name: 'fraud-model',
  title: 'Fraud model',
  owner: 'group:default/ml-team',
  component: 'component:default/fraud-model',
  environment: 'production',
  provider: 'aws-sagemaker',
  region: 'us-east-1',
  engine: 'sdk',
  artifact: {
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.0',
    modelDataUrl: 's3://models/fraud/model.tar.gz',
  },
  compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
};

/** A valid Cloud Run deployment request. */
export const cloudRunRequest: CreateDeploymentRequest = {
  name: 'web-api',
  owner: 'group:default/web-team',
  component: 'component:default/web-api',
  system: 'system:default/storefront',
  environment: 'staging',
  provider: 'gcp-cloud-run',
  region: 'europe-west1',
  engine: 'terraform',
  artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
  compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 10 },
};

/** Splits a request into what the store takes. */
export function toNewDeployment(request: CreateDeploymentRequest) {
  const { name, title, description, ...spec } = request;
  return { name, title, description, spec };
}
