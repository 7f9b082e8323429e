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
import { DescribeEndpointCommandOutput } from '@aws-sdk/client-sagemaker';
import {
  ObservedConfig,
  ObservedState,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { SageMakerTarget } from './sageMakerTarget';

/**
 * What an endpoint runs, in the spec's terms: the instances of its variant
 * now (scaled outside the portal, they differ from the configuration), and
 * the image and instance type of the configuration it serves. A
 * configuration named after the current spec's revision holds that spec's
 * image and type (the name is a hash of them, and SageMaker configurations
 * and models cannot be changed): only another configuration is read.
 */
export async function observeEndpointConfig(
  endpoint: DescribeEndpointCommandOutput,
  target: SageMakerTarget,
  deployment: Deployment,
): Promise<ObservedConfig> {
  const config: ObservedConfig = {};
  const variant = endpoint.ProductionVariants?.[0];
  const count = variant?.CurrentInstanceCount ?? variant?.DesiredInstanceCount;
  if (typeof count === 'number') config.instanceCount = count;
  const configName = endpoint.EndpointConfigName;
  if (!configName) return config;
  if (configName === target.revision) {
    const { artifact, compute } = deployment.spec;
    if (artifact.image) config.image = artifact.image;
    if (compute.instanceType) config.instanceType = compute.instanceType;
    return config;
  }
  const served = await target.calls.describeEndpointConfig(configName);
  const servedVariant = served?.ProductionVariants?.[0];
  if (servedVariant?.InstanceType) {
    config.instanceType = servedVariant.InstanceType;
  }
  if (servedVariant?.ModelName) {
    const model = await target.calls.describeModel(servedVariant.ModelName);
    const image =
      model?.PrimaryContainer?.Image ?? model?.Containers?.[0]?.Image;
    if (image) config.image = image;
  }
  return config;
}

/** A state with the configuration the endpoint runs, unless it is gone. */
export async function withEndpointConfig(
  state: ObservedState,
  endpoint: DescribeEndpointCommandOutput | undefined,
  target: SageMakerTarget,
  deployment: Deployment,
): Promise<ObservedState> {
  if (!endpoint || state.state === 'absent') return state;
  if (endpoint.EndpointStatus === 'Deleting') return state;
  return {
    ...state,
    config: await observeEndpointConfig(endpoint, target, deployment),
  };
}
