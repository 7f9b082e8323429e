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
import { AciSandboxScope } from './containerGroupModel';

/** What an ARM path of the sandbox names. */
export type Route =
  | { kind: 'group'; scope: AciSandboxScope; name: string }
  | { kind: 'metrics'; scope: AciSandboxScope; name: string }
  | {
      kind: 'action';
      scope: AciSandboxScope;
      name: string;
      action: 'stop' | 'start';
    }
  | { kind: 'list'; scope: AciSandboxScope }
  | { kind: 'permissions'; scope: AciSandboxScope }
  | { kind: 'operation'; id: string; operationResult: boolean };

const PROVIDER = 'providers/Microsoft\\.ContainerInstance';
const GROUP = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/${PROVIDER}/containerGroups/([^/]+)$`,
  'i',
);
const METRICS = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/${PROVIDER}/containerGroups/([^/]+)/providers/Microsoft\\.Insights/metrics$`,
  'i',
);
const ACTION = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/${PROVIDER}/containerGroups/([^/]+)/(stop|start)$`,
  'i',
);
const LIST = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/${PROVIDER}/containerGroups$`,
  'i',
);
const PERMISSIONS = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Authorization/permissions$`,
  'i',
);
const OPERATION = new RegExp(
  `^/subscriptions/([^/]+)/${PROVIDER}/locations/([^/]+)/(operations|operationResults)/([^/]+)$`,
  'i',
);

/** The route of an ARM path, or undefined when the sandbox serves none. */
export function route(path: string): Route | undefined {
  const d = decodeURIComponent;
  let m = GROUP.exec(path);
  if (m) {
    return {
      kind: 'group',
      scope: { subscriptionId: d(m[1]), resourceGroup: d(m[2]) },
      name: d(m[3]),
    };
  }
  m = METRICS.exec(path);
  if (m) {
    return {
      kind: 'metrics',
      scope: { subscriptionId: d(m[1]), resourceGroup: d(m[2]) },
      name: d(m[3]),
    };
  }
  m = ACTION.exec(path);
  if (m) {
    return {
      kind: 'action',
      scope: { subscriptionId: d(m[1]), resourceGroup: d(m[2]) },
      name: d(m[3]),
      action: m[4].toLowerCase() as 'stop' | 'start',
    };
  }
  m = LIST.exec(path);
  if (m) {
    return {
      kind: 'list',
      scope: { subscriptionId: d(m[1]), resourceGroup: d(m[2]) },
    };
  }
  m = PERMISSIONS.exec(path);
  if (m) {
    return {
      kind: 'permissions',
      scope: { subscriptionId: d(m[1]), resourceGroup: d(m[2]) },
    };
  }
  m = OPERATION.exec(path);
  if (m) {
    return {
      kind: 'operation',
      id: d(m[4]),
      operationResult: m[3].toLowerCase() === 'operationresults',
    };
  }
  return undefined;
}

/** The URL a client polls for an operation of the container group API. */
export function operationUrl(
  baseUrl: string,
  scope: AciSandboxScope,
  location: string,
  kind: 'operations' | 'operationResults',
  id: string,
  apiVersion: string,
): string {
  const url = new URL(
    `/subscriptions/${scope.subscriptionId}/providers/Microsoft.ContainerInstance/locations/${location}/${kind}/${id}`,
    baseUrl,
  );
  url.searchParams.set('api-version', apiVersion);
  return url.href;
}
