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

/**
 * An error the way Azure Resource Manager answers it: an HTTP status and
 * `{"error":{"code","message"}}`.
 */
export type ArmError = {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
};

export function armError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): ArmError {
  return { status, code, message, ...(headers ? { headers } : {}) };
}

export function isArmError(value: unknown): value is ArmError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ArmError).status === 'number' &&
    typeof (value as ArmError).code === 'string'
  );
}

export function resourceNotFound(resourceGroup: string, name: string) {
  return armError(
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.ContainerInstance/containerGroups/${name}' under resource group '${resourceGroup}' was not found.`,
  );
}

export function throttled(retryAfterSeconds: number) {
  return armError(
    429,
    'SubscriptionRequestsThrottled',
    `Number of requests for subscription exceeded the limit. Please try again after '${retryAfterSeconds}' seconds.`,
    { 'retry-after': String(retryAfterSeconds) },
  );
}
