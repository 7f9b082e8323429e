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
import {
  DescribeEndpointCommandOutput,
  EndpointSummary,
} from '@aws-sdk/client-sagemaker';
import { ObservedState } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

// SageMaker's FailureReason when it found no instances of the type
// ("Unable to provision requested ML compute capacity. Please retry using a
// different ML instance type.").
const INSUFFICIENT_CAPACITY =
  /unable to provision requested ML compute capacity/i;

/** Where a deployment's endpoint lives, and what it should serve. */
export type EndpointTarget = {
  /** The configured account's id (what `spec.account` names). */
  account: string;
  region: string;
  endpointName: string;
  /** The endpoint configuration of the current spec. */
  revision: string;
};

const SETTLING = new Set([
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'Deleting',
  'OutOfService',
]);

/** The invocation URL of a SageMaker real-time endpoint. */
export function invocationUrl(region: string, endpointName: string): string {
  const domain = region.startsWith('cn-')
    ? 'amazonaws.com.cn'
    : 'amazonaws.com';
  return `https://runtime.sagemaker.${region}.${domain}/endpoints/${endpointName}/invocations`;
}

/** The AWS account id in an ARN, e.g. `123456789012`. */
function accountIdOf(arn: string | undefined): string | undefined {
  return arn?.split(':')[4] || undefined;
}

/** The outputs every state of an endpoint has. */
export function baseOutputs(
  target: EndpointTarget,
  arn: string | undefined,
): Record<string, unknown> {
  const accountId = accountIdOf(arn);
  return {
    endpointName: target.endpointName,
    ...(arn ? { endpointArn: arn } : {}),
    region: target.region,
    account: target.account,
    ...(accountId ? { accountId } : {}),
  };
}

function ready(
  target: EndpointTarget,
  outputs: Record<string, unknown>,
): ObservedState {
  const endpoint = invocationUrl(target.region, target.endpointName);
  return {
    state: 'ready',
    endpoint,
    outputs: { ...outputs, invocationUrl: endpoint },
  };
}

/** What DescribeEndpoint says, as the job engine understands it. */
export function observeEndpoint(
  endpoint: DescribeEndpointCommandOutput | undefined,
  target: EndpointTarget,
): ObservedState {
  if (!endpoint) return { state: 'absent' };
  const status = endpoint.EndpointStatus ?? 'unknown';
  const configName = endpoint.EndpointConfigName;
  const outputs = {
    ...baseOutputs(target, endpoint.EndpointArn),
    ...(configName
      ? { endpointConfigName: configName, modelName: configName }
      : {}),
  };
  if (status === 'InService') {
    if (configName === target.revision) return ready(target, outputs);
    if (endpoint.FailureReason) {
      // SageMaker rolled a failed update back: it serves the previous spec.
      return {
        state: 'failed',
        reason: `SageMaker rolled back the update of endpoint ${target.endpointName}, which still serves ${configName}: ${endpoint.FailureReason}`,
        outputs,
      };
    }
    return {
      state: 'in-progress',
      detail: `InService with endpoint configuration ${configName}, not yet ${target.revision}`,
    };
  }
  if (SETTLING.has(status)) {
    return { state: 'in-progress', detail: `Endpoint ${status}` };
  }
  return {
    state: 'failed',
    reason: `SageMaker endpoint ${target.endpointName} is ${status}${
      endpoint.FailureReason ? `: ${endpoint.FailureReason}` : ''
    }`,
    ...(INSUFFICIENT_CAPACITY.test(endpoint.FailureReason ?? '')
      ? { code: 'InsufficientCapacity' }
      : {}),
    outputs,
  };
}

/**
 * What a ListEndpoints entry says. The list carries no configuration name or
 * failure reason; the caller looks up the reason of failed endpoints.
 */
export function observeEndpointSummary(
  summary: EndpointSummary,
  target: EndpointTarget,
): ObservedState {
  const status = summary.EndpointStatus ?? 'unknown';
  const outputs = baseOutputs(target, summary.EndpointArn);
  if (status === 'InService') return ready(target, outputs);
  if (SETTLING.has(status)) {
    return { state: 'in-progress', detail: `Endpoint ${status}` };
  }
  return {
    state: 'failed',
    reason: `SageMaker endpoint ${target.endpointName} is ${status}`,
    outputs,
  };
}
