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
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  CLOUD_DEPLOYMENT_API_VERSION,
  CLOUD_DEPLOYMENT_ID_ANNOTATION,
  CLOUD_DEPLOYMENT_KIND,
  CloudDeploymentEntityV1alpha1,
  cloudDeploymentNamespace,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * A catalog tag made of a value: lowercase, `[a-z0-9+#]` words joined by single
 * dashes, at most 63 characters; `undefined` if nothing of it is left.
 */
function toTag(value: string): string | undefined {
  const tag = value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9+#]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return tag || undefined;
}

/**
 * The catalog entity of a deployment the backend stores. Only what a person
 * declared goes in; live state (status, cost) stays with the backend.
 *
 * @public
 */
export function deploymentToEntity(
  deployment: Deployment,
  options: { appBaseUrl: string },
): CloudDeploymentEntityV1alpha1 {
  const location = `cloud-deployments:${deployment.id}`;
  return {
    apiVersion: CLOUD_DEPLOYMENT_API_VERSION,
    kind: CLOUD_DEPLOYMENT_KIND,
    metadata: {
      name: deployment.name,
      // Names are unique within an environment; see cloudDeploymentNamespace.
      namespace: cloudDeploymentNamespace(deployment.spec.environment),
      ...(deployment.title ? { title: deployment.title } : {}),
      ...(deployment.description
        ? { description: deployment.description }
        : {}),
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deployment.id,
      },
      tags: [
        ...new Set(
          [deployment.spec.provider, deployment.spec.environment]
            .map(toTag)
            .filter((tag): tag is string => Boolean(tag)),
        ),
      ],
      links: [
        {
          url: `${
            options.appBaseUrl
          }/cloud-deployments/deployments/${encodeURIComponent(deployment.id)}`,
          title: 'Deployment page',
        },
      ],
    },
    spec: deployment.spec,
  };
}
