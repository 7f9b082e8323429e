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
import { ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ObservedState,
  ProviderContext,
  ProviderError,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { deploymentTags } from '../deploymentTags';
import { observeEndpoint } from './observeEndpoint';
import { SageMakerAccount } from './readSageMakerConfig';
import { VARIANT_NAME } from './resourceNames';
import { SageMakerTarget } from './sageMakerTarget';

/**
 * Brings the endpoint to the deployment's spec: creates what is missing,
 * or rolls a new revision out to an endpoint in service. Looks before each
 * step, so that a repeated call creates nothing twice.
 */
export async function convergeEndpoint(
  deployment: Deployment,
  target: SageMakerTarget,
  account: SageMakerAccount,
  ctx: ProviderContext,
): Promise<ObservedState> {
  const { calls, endpointName, names } = target;
  const endpoint = await calls.describeEndpoint(endpointName);

  if (!endpoint) {
    await ensureRevision(deployment, target, account, ctx);
    if (
      !(await calls.createEndpoint(
        endpointName,
        names.revision,
        deploymentTags(deployment.id),
      ))
    ) {
      // A concurrent attempt created it first.
      return observeEndpoint(
        await calls.describeEndpoint(endpointName),
        target,
      );
    }
    await ctx.log(
      `Creating SageMaker endpoint ${endpointName} in ${target.region}`,
    );
    return { state: 'in-progress', detail: 'Endpoint Creating' };
  }

  const status = endpoint.EndpointStatus;
  if (status === 'Failed') {
    // A failed endpoint cannot be updated; it is made again once gone.
    await calls.deleteEndpoint(endpointName);
    await ctx.log(
      `Deleting failed SageMaker endpoint ${endpointName} to create it again`,
    );
    return { state: 'in-progress', detail: 'Endpoint Deleting' };
  }
  if (status === 'Deleting') {
    return { state: 'in-progress', detail: 'Endpoint Deleting' };
  }
  if (
    endpoint.EndpointConfigName === names.revision ||
    endpoint.PendingDeploymentSummary?.EndpointConfigName === names.revision
  ) {
    return observeEndpoint(endpoint, target);
  }
  if (status !== 'InService') {
    throw new ProviderError(
      `AWS SageMaker endpoint ${endpointName} is ${status}; the new spec can be applied once it is InService`,
      { kind: 'transient', code: 'EndpointNotInService' },
    );
  }
  await removeRevisions(target, ctx, [
    endpoint.EndpointConfigName,
    names.revision,
  ]);
  await ensureRevision(deployment, target, account, ctx);
  await calls.updateEndpoint(endpointName, names.revision);
  await ctx.log(
    `Updating SageMaker endpoint ${endpointName} from endpoint configuration ${endpoint.EndpointConfigName} to ${names.revision}`,
  );
  return { state: 'in-progress', detail: 'Endpoint Updating' };
}

/** Creates the model and endpoint configuration of the spec unless they exist. */
async function ensureRevision(
  deployment: Deployment,
  target: SageMakerTarget,
  account: SageMakerAccount,
  ctx: ProviderContext,
): Promise<void> {
  const { calls, names } = target;
  const { artifact, compute } = deployment.spec;
  if (!(await calls.modelExists(names.revision))) {
    await calls.createModel({
      ModelName: names.revision,
      ExecutionRoleArn: account.executionRoleArn,
      PrimaryContainer: {
        Image: artifact.image,
        ...(artifact.modelDataUrl
          ? { ModelDataUrl: artifact.modelDataUrl }
          : {}),
        ...(deployment.spec.env ? { Environment: deployment.spec.env } : {}),
      },
      Tags: deploymentTags(deployment.id),
    });
    await ctx.log(`Created SageMaker model ${names.revision}`);
  }
  if (!(await calls.endpointConfigExists(names.revision))) {
    const count = compute.instanceCount ?? 1;
    await calls.createEndpointConfig({
      EndpointConfigName: names.revision,
      ProductionVariants: [
        {
          VariantName: VARIANT_NAME,
          ModelName: names.revision,
          InstanceType: compute.instanceType as ProductionVariantInstanceType,
          InitialInstanceCount: count,
        },
      ],
      Tags: deploymentTags(deployment.id),
    });
    await ctx.log(
      `Created SageMaker endpoint configuration ${names.revision} (${count} × ${compute.instanceType})`,
    );
  }
}

/** Deletes the deployment's configurations and models, except `keep`. */
export async function removeRevisions(
  target: SageMakerTarget,
  ctx: ProviderContext,
  keep: Array<string | undefined>,
): Promise<void> {
  const { calls, names } = target;
  for (const name of await calls.listEndpointConfigNames(names.prefix)) {
    if (keep.includes(name)) continue;
    if (await calls.deleteEndpointConfig(name)) {
      await ctx.log(`Deleted SageMaker endpoint configuration ${name}`);
    }
  }
  for (const name of await calls.listModelNames(names.prefix)) {
    if (keep.includes(name)) continue;
    if (await calls.deleteModel(name)) {
      await ctx.log(`Deleted SageMaker model ${name}`);
    }
  }
}
