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
import { EndpointSummary } from '@aws-sdk/client-sagemaker';
import {
  ObservedConfig,
  ProviderError,
  TaggedCloudResource,
  mapConcurrently,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DEPLOYMENT_ID_TAG } from '../deploymentTags';
import { SageMakerCalls } from './SageMakerCalls';

/** The `kind` of the endpoints `listTaggedResources` reports. */
export const SAGEMAKER_ENDPOINT_KIND = 'SageMaker endpoint';

// How many endpoints of a region are looked at (tags, description) at once.
const CONCURRENCY = 8;

/** Where a listing looks: a configured account's region. */
export type EndpointLocation = {
  /** The configured account's id (what `spec.account` names). */
  account: string;
  region: string;
  calls: SageMakerCalls;
};

/**
 * The endpoints of one account and region that carry the deployment-id tag:
 * one paginated ListEndpoints, ListTags of each endpoint (SageMaker's list
 * has no tags), and, for the tagged ones, DescribeEndpoint (the
 * configuration it serves and its instances now) and DescribeEndpointConfig
 * (the instance type). Endpoints being deleted are left out: they are going
 * already. An endpoint that disappears between the calls is left out too;
 * any other failure is thrown.
 */
export async function listTaggedEndpoints(
  location: EndpointLocation,
): Promise<TaggedCloudResource[]> {
  const { calls } = location;
  const endpoints = (await calls.listEndpoints()).filter(
    e => e.EndpointStatus !== 'Deleting',
  );
  const found = await mapConcurrently(endpoints, CONCURRENCY, endpoint =>
    taggedEndpoint(endpoint, location),
  );
  return found.filter((r): r is TaggedCloudResource => r !== undefined);
}

async function taggedEndpoint(
  summary: EndpointSummary,
  location: EndpointLocation,
): Promise<TaggedCloudResource | undefined> {
  const { calls } = location;
  const name = summary.EndpointName!;
  const arn = summary.EndpointArn;
  if (!arn) return undefined;
  let tags;
  try {
    tags = await calls.listTags(arn);
  } catch (error) {
    // SageMaker refuses ListTags of an ARN that no longer exists.
    if (!(await calls.describeEndpoint(name))) return undefined;
    throw error;
  }
  const deploymentId = tags.find(t => t.Key === DEPLOYMENT_ID_TAG)?.Value;
  // The portal never writes an empty id; an empty value names no deployment.
  if (deploymentId === undefined || deploymentId.trim() === '') {
    return undefined;
  }
  const endpoint = await calls.describeEndpoint(name);
  if (!endpoint || endpoint.EndpointStatus === 'Deleting') return undefined;

  const config: ObservedConfig = {};
  const configName = endpoint.EndpointConfigName;
  const served = configName
    ? await calls.describeEndpointConfig(configName)
    : undefined;
  const servedVariant = served?.ProductionVariants?.[0];
  if (servedVariant?.InstanceType) {
    config.instanceType = servedVariant.InstanceType;
  }
  const variant = endpoint.ProductionVariants?.[0];
  const count = variant?.CurrentInstanceCount ?? variant?.DesiredInstanceCount;
  if (typeof count === 'number') {
    config.instanceCount = count;
  } else if (endpoint.EndpointStatus === 'Failed') {
    // A failed endpoint runs no instances.
    config.instanceCount = 0;
  } else if (typeof servedVariant?.InitialInstanceCount === 'number') {
    // Still creating: what it starts with.
    config.instanceCount = servedVariant.InitialInstanceCount;
  }
  const createdAt = endpoint.CreationTime ?? summary.CreationTime;
  return {
    deploymentId,
    kind: SAGEMAKER_ENDPOINT_KIND,
    resourceId: arn,
    name,
    region: location.region,
    location: location.account,
    ...(createdAt instanceof Date && !isNaN(createdAt.getTime())
      ? { createdAt: createdAt.toISOString() }
      : {}),
    config,
  };
}

/**
 * The error of a location's listing, naming the account and region, with
 * the kind and code of the cloud's error (an unclassified one is retried).
 */
export function locationError(error: unknown, where: string): ProviderError {
  const inner =
    error instanceof ProviderError
      ? error
      : new ProviderError(String((error as Error)?.message ?? error), {
          kind: 'transient',
        });
  return new ProviderError(
    `Cannot list the tagged resources of ${where}: ${inner.message}`,
    { kind: inner.kind, code: inner.code },
  );
}
