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
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { AWS_REGION_PATTERN } from '../config';
import { SageMakerAccount } from './readSageMakerConfig';

/** SageMaker's pattern of endpoint names. */
export const ENDPOINT_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const INSTANCE_TYPE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;
const MODEL_DATA_URL = /^(https|s3):\/\/([^/]+)\/?(.*)$/;

/**
 * Fields of container targets that SageMaker instances have no use for.
 * `cpu`, `memoryMiB` and `gpu` are not among them: on SageMaker they declare
 * what the model needs of an instance (not billed; the rightsizing
 * recommendation compares the instance type with them).
 */
const NOT_FOR_SAGEMAKER = [
  'concurrency',
  'minInstances',
  'maxInstances',
] as const;

/** The configured account a spec deploys into, undefined when unknown. */
export function accountOf(
  spec: Pick<DeploymentSpec, 'account'>,
  accounts: readonly SageMakerAccount[],
): SageMakerAccount | undefined {
  return spec.account === undefined
    ? accounts[0]
    : accounts.find(a => a.id === spec.account);
}

/**
 * What SageMaker (or the configured accounts) would refuse in a spec, as
 * `field: message`: the account and region, the endpoint name (when the
 * deployment name is known), the image, model data URL and instances.
 */
export function validateSageMakerSpec(
  spec: DeploymentSpec,
  accounts: readonly SageMakerAccount[],
  name?: string,
): string[] {
  const problems: string[] = [];
  const problem = (field: string, message: string) =>
    problems.push(`${field}: ${message}`);

  const account = accountOf(spec, accounts);
  if (!account) {
    problem(
      'account',
      `no AWS account '${
        spec.account
      }' is configured for AWS SageMaker (configured: ${accounts
        .map(a => a.id)
        .join(', ')})`,
    );
  }
  if (!AWS_REGION_PATTERN.test(spec.region)) {
    problem(
      'region',
      `'${spec.region}' is not an AWS region such as us-east-1`,
    );
  } else if (account?.regions && !account.regions.includes(spec.region)) {
    problem(
      'region',
      `account '${account.id}' allows ${account.regions.join(', ')}, not ${
        spec.region
      }`,
    );
  }
  if (name !== undefined && !ENDPOINT_NAME_PATTERN.test(name)) {
    problem(
      'name',
      'must be at most 63 letters, digits and dashes, starting and ending with a letter or digit (the SageMaker endpoint name)',
    );
  }

  const { image, modelDataUrl } = spec.artifact;
  if (!image?.trim()) {
    problem(
      'artifact.image',
      'is required: SageMaker serves a container image, e.g. an ECR image of a framework or your own',
    );
  } else if (image.length > 255 || /\s/.test(image)) {
    problem(
      'artifact.image',
      'must be at most 255 characters without spaces (SageMaker)',
    );
  }
  if (modelDataUrl !== undefined) {
    if (!MODEL_DATA_URL.test(modelDataUrl)) {
      problem(
        'artifact.modelDataUrl',
        'SageMaker reads model data from an s3:// or https:// URL',
      );
    }
  }

  // SageMaker's own limit on a container's environment values.
  for (const [variable, value] of Object.entries(spec.env ?? {})) {
    if (value.length > 1024) {
      problem(`env.${variable}`, 'must be at most 1024 characters (SageMaker)');
    }
  }

  const { instanceType, instanceCount } = spec.compute;
  if (!instanceType) {
    problem(
      'compute.instanceType',
      'is required: a SageMaker hosting instance type such as ml.m5.large',
    );
  } else if (!INSTANCE_TYPE.test(instanceType)) {
    problem(
      'compute.instanceType',
      `'${instanceType}' is not a SageMaker hosting instance type such as ml.m5.large`,
    );
  }
  if (
    instanceCount !== undefined &&
    (!Number.isInteger(instanceCount) || instanceCount < 1)
  ) {
    problem('compute.instanceCount', 'must be a whole number of at least 1');
  }
  for (const field of NOT_FOR_SAGEMAKER) {
    if (spec.compute[field] !== undefined) {
      problem(
        `compute.${field}`,
        'SageMaker endpoints are sized by compute.instanceType and compute.instanceCount; leave it out',
      );
    }
  }
  return problems;
}
