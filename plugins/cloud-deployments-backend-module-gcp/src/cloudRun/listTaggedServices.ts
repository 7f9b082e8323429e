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
import { protos, ServicesClient } from '@google-cloud/run';
import {
  ObservedConfig,
  ProviderError,
  TaggedCloudResource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CloudRunCalls } from './CloudRunCalls';
import { DEPLOYMENT_ID_LABEL } from './cloudRunService';
import { observedConfig } from './observeService';
import { isScaledToZero } from './stoppedService';

type IService = protos.google.cloud.run.v2.IService;

/** The `kind` of the services `listTaggedResources` reports. */
export const CLOUD_RUN_SERVICE_KIND = 'Cloud Run service';

/** Where a listing looks: a configured project's region. */
export type ServiceListLocation = {
  /** The configured account's id (what `spec.account` names). */
  account: string;
  projectId: string;
  region: string;
  client: ServicesClient;
};

/**
 * The services of one project and region that carry the deployment-id
 * label, from one paginated list (the list has the labels and the revision
 * template). Services being deleted are left out: they are going already.
 */
export async function listTaggedServices(
  calls: CloudRunCalls,
  location: ServiceListLocation,
  ctx: { signal: AbortSignal },
): Promise<TaggedCloudResource[]> {
  const parent = `projects/${location.projectId}/locations/${location.region}`;
  const services = await calls.list(location.client, parent, ctx);
  const found: TaggedCloudResource[] = [];
  for (const service of services) {
    const resource = taggedService(service, location);
    if (resource) found.push(resource);
  }
  return found;
}

function taggedService(
  service: IService,
  location: ServiceListLocation,
): TaggedCloudResource | undefined {
  const deploymentId = service.labels?.[DEPLOYMENT_ID_LABEL];
  // The portal never writes an empty id; an empty value names no deployment.
  if (typeof deploymentId !== 'string' || deploymentId.trim() === '') {
    return undefined;
  }
  if (!service.name || service.deleteTime) return undefined;
  // What it runs, without its environment: not needed to price it.
  const { env: _env, ...config }: ObservedConfig = observedConfig(service);
  // Scaled to zero, its min instances do not run.
  if (isScaledToZero(service)) config.instanceCount = 0;
  const createdAt = isoTime(service.createTime);
  return {
    deploymentId,
    kind: CLOUD_RUN_SERVICE_KIND,
    resourceId: service.name,
    name: service.name.split('/').pop()!,
    region: location.region,
    location: location.account,
    ...(createdAt ? { createdAt } : {}),
    config,
  };
}

/** A protobuf Timestamp (or its JSON text) as ISO 8601. */
export function isoTime(
  time: protos.google.protobuf.ITimestamp | string | null | undefined,
): string | undefined {
  if (!time) return undefined;
  const ms =
    typeof time === 'string'
      ? Date.parse(time)
      : Number(time.seconds ?? 0) * 1000 +
        Math.floor(Number(time.nanos ?? 0) / 1e6);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

/**
 * The error of a location's listing, naming the project and region, with
 * the kind and code of the API's error (an unclassified one is retried).
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
