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
 * The catalog kind of a deployment entity.
 *
 * @public
 */
export const CLOUD_DEPLOYMENT_KIND = 'CloudDeployment';

/**
 * The API group of the `CloudDeployment` kind.
 *
 * @public
 */
export const CLOUD_DEPLOYMENT_API_GROUP = 'cloud-deployments.backstage.io';

/**
 * The `apiVersion` of `CloudDeployment` entities.
 *
 * @public
 */
export const CLOUD_DEPLOYMENT_API_VERSION = `${CLOUD_DEPLOYMENT_API_GROUP}/v1alpha1`;

/**
 * Annotation holding the id of the backend deployment an entity mirrors.
 *
 * @public
 */
export const CLOUD_DEPLOYMENT_ID_ANNOTATION = `${CLOUD_DEPLOYMENT_API_GROUP}/deployment-id`;

/**
 * The catalog namespace of a deployment's entity: its environment. Names
 * are unique within an environment, so `clouddeployment:production/web-api`
 * and `clouddeployment:staging/web-api` are two readable, unique refs, and
 * the catalog's namespace filter becomes an environment filter. An
 * environment stored before environments had the namespace form (a dash at
 * the end or doubled) gets the nearest form.
 *
 * @public
 */
export function cloudDeploymentNamespace(environment: string): string {
  const namespace = environment
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return namespace || 'default';
}

/**
 * The entity ref of a deployment's `CloudDeployment` entity, e.g.
 * `clouddeployment:production/web-api`.
 *
 * @public
 */
export function cloudDeploymentEntityRef(deployment: {
  name: string;
  environment: string;
}): string {
  return `clouddeployment:${cloudDeploymentNamespace(deployment.environment)}/${
    deployment.name
  }`;
}
