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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ObservedConfig,
  ObservedState,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { STOPPED_TAG } from '../deploymentTags';
import { baseOutputs } from './observeEndpoint';
import { SageMakerTarget } from './sageMakerTarget';

/** The ARNs of the current revision's endpoint configuration and model that exist. */
async function keptRevision(target: SageMakerTarget) {
  const { calls, names } = target;
  const [config, model] = await Promise.all([
    calls.describeEndpointConfig(names.revision),
    calls.describeModel(names.revision),
  ]);
  return { configArn: config?.EndpointConfigArn, modelArn: model?.ModelArn };
}

/**
 * Tags the current revision's endpoint configuration and model with
 * `STOPPED_TAG`, before `stop` deletes the endpoint.
 */
export async function markStopped(target: SageMakerTarget): Promise<void> {
  const { configArn, modelArn } = await keptRevision(target);
  for (const arn of [configArn, modelArn]) {
    if (arn) {
      await target.calls.addTags(arn, [{ Key: STOPPED_TAG, Value: 'true' }]);
    }
  }
}

/** Removes `STOPPED_TAG`, before `start` creates the endpoint again. */
export async function unmarkStopped(target: SageMakerTarget): Promise<void> {
  const { configArn, modelArn } = await keptRevision(target);
  for (const arn of [configArn, modelArn]) {
    if (arn) await target.calls.deleteTags(arn, [STOPPED_TAG]);
  }
}

/**
 * What is left of a deployment whose endpoint does not exist: `stopped`
 * when `stop` kept its current revision (the endpoint configuration, or
 * the model if the configuration was deleted since, carries `STOPPED_TAG`),
 * else `absent` — also when a configuration is left that `stop` did not
 * mark (a crash between provision's steps, an endpoint deleted outside the
 * portal): provision creates the endpoint again.
 *
 * The config reports what is kept, as its revision's name vouches for it
 * (see `observeEndpointConfig`): the instance type while the configuration
 * exists, the image while the model does. No `instanceCount`: nothing runs
 * on purpose, and the configuration keeps the spec's count for `start`.
 */
export async function observeStopped(
  target: SageMakerTarget,
  deployment: Deployment,
): Promise<ObservedState> {
  const { calls, names } = target;
  const { configArn, modelArn } = await keptRevision(target);
  const marked = configArn ?? modelArn;
  if (!marked) return { state: 'absent' };
  const tags = await calls.listTags(marked);
  if (!tags.some(t => t.Key === STOPPED_TAG)) return { state: 'absent' };
  const { artifact, compute } = deployment.spec;
  const config: ObservedConfig = {};
  if (modelArn && artifact.image) config.image = artifact.image;
  if (configArn && compute.instanceType) {
    config.instanceType = compute.instanceType;
  }
  return {
    state: 'stopped',
    outputs: {
      ...baseOutputs(target, undefined),
      ...(configArn ? { endpointConfigName: names.revision } : {}),
      ...(modelArn ? { modelName: names.revision } : {}),
    },
    config,
  };
}
