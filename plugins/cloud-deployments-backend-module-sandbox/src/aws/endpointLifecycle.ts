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
import { SandboxEndpoint, SandboxEndpointStatus } from './sandboxResourceTypes';

/** A create, update or delete of an endpoint in progress. */
export type Change = {
  kind: 'create' | 'update' | 'delete';
  endsAt: number;
  /** The configuration an update rolls out. */
  configName?: string;
  /** Set when the change is to fail, with SageMaker's FailureReason. */
  failWith?: string;
};

/** An endpoint as the sandbox holds it. */
export type EndpointRecord = {
  name: string;
  arn: string;
  region: string;
  configName: string;
  settled: 'InService' | 'Failed';
  failureReason?: string;
  createdAt: number;
  lastModifiedAt: number;
  change?: Change;
  /** Instances now, when scaled away from its configuration's count. */
  instanceCount?: number;
};

const IN_PROGRESS: Record<Change['kind'], SandboxEndpointStatus> = {
  create: 'Creating',
  update: 'Updating',
  delete: 'Deleting',
};

/**
 * Applies a change whose time has come; undefined once deleted (the caller
 * then forgets the endpoint).
 */
export function settleEndpoint(
  record: EndpointRecord,
  now: number,
): EndpointRecord | undefined {
  const change = record.change;
  if (!change || now < change.endsAt) return record;
  record.change = undefined;
  record.lastModifiedAt = change.endsAt;
  switch (change.kind) {
    case 'create':
      record.settled = change.failWith ? 'Failed' : 'InService';
      record.failureReason = change.failWith;
      return record;
    case 'update':
      // A failed update rolls back: the endpoint stays in service on its
      // configuration and says why in FailureReason.
      if (change.failWith) {
        record.failureReason = change.failWith;
      } else {
        record.configName = change.configName!;
        record.failureReason = undefined;
        // A new configuration brings its own instance count.
        record.instanceCount = undefined;
      }
      return record;
    default:
      return undefined;
  }
}

/** An endpoint as it is now, from its record. */
export function endpointView(record: EndpointRecord): SandboxEndpoint {
  return {
    name: record.name,
    arn: record.arn,
    region: record.region,
    status: record.change ? IN_PROGRESS[record.change.kind] : record.settled,
    configName: record.configName,
    ...(record.change?.kind === 'update'
      ? { pendingConfigName: record.change.configName }
      : {}),
    ...(record.failureReason ? { failureReason: record.failureReason } : {}),
    ...(record.instanceCount !== undefined
      ? { instanceCount: record.instanceCount }
      : {}),
    createdAt: record.createdAt,
    lastModifiedAt: record.lastModifiedAt,
  };
}
