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
import { HttpStatus } from './kubernetesStatus';

/** The resources the sandbox serves: group/version → plural → kind. */
const RESOURCES: Record<string, Record<string, string>> = {
  v1: { services: 'Service', configmaps: 'ConfigMap' },
  'apps/v1': { deployments: 'Deployment' },
  'autoscaling/v2': { horizontalpodautoscalers: 'HorizontalPodAutoscaler' },
  'networking.k8s.io/v1': { ingresses: 'Ingress' },
};

/** The kind a plural of a group/version names, if the sandbox serves it. */
export function servedKind(
  groupVersion: string | undefined,
  plural: string | undefined,
): string | undefined {
  return groupVersion && plural ? RESOURCES[groupVersion]?.[plural] : undefined;
}

/** The discovery document of a group/version, or the API server's 404. */
export function apiResourceList(groupVersion: string) {
  const resources = RESOURCES[groupVersion];
  if (!resources)
    throw new HttpStatus(404, 'NotFound', `${groupVersion} is not served`);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: [
      ...Object.entries(resources).map(([name, kind]) => ({
        name,
        singularName: kind.toLowerCase(),
        namespaced: true,
        kind,
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      })),
      // Read only: the sandbox's quotas are its own (see resourceQuotas.ts).
      ...(groupVersion === 'v1'
        ? [
            {
              name: 'resourcequotas',
              singularName: 'resourcequota',
              namespaced: true,
              kind: 'ResourceQuota',
              verbs: ['list'],
            },
          ]
        : []),
    ],
  };
}
