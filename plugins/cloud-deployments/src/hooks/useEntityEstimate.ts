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
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CLOUD_DEPLOYMENT_ID_ANNOTATION,
  CostEstimate,
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import useAsync, { AsyncState } from 'react-use/esm/useAsync';
import { CloudDeploymentsApi, cloudDeploymentsApiRef } from '../api';

/**
 * The estimate of a `CloudDeployment` entity, and where it came from.
 *
 * @internal
 */
export type EntityEstimate = {
  estimate: CostEstimate;
  /** The backend deployment the entity mirrors, if it was found. */
  deployment?: Deployment;
  /** True when estimated just now from the entity's spec, for lack of a stored estimate. */
  fromSpec: boolean;
};

/** A lookup by id that did not find the deployment (or the id was malformed). */
const isNotFound = (e: unknown) =>
  e instanceof ResponseError && (e.statusCode === 404 || e.statusCode === 400);

/**
 * Finds the deployment an entity mirrors: by the id in its annotation, else
 * by its name (a search, so the exact name is picked from the matches).
 *
 * @internal
 */
export async function findEntityDeployment(
  api: CloudDeploymentsApi,
  entity: Entity,
): Promise<Deployment | undefined> {
  const id = entity.metadata.annotations?.[CLOUD_DEPLOYMENT_ID_ANNOTATION];
  if (id) {
    try {
      return await api.getDeployment(id);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  const { name } = entity.metadata;
  const component = entity.spec?.component;
  const page = await api.listDeployments({
    q: name,
    component: typeof component === 'string' ? [component] : undefined,
    limit: 50,
  });
  return page.items.find(d => d.name === name && d.status !== 'destroyed');
}

/**
 * The estimate of a `CloudDeployment` entity: its deployment's stored
 * estimate, else one made now from the entity's spec.
 *
 * @internal
 */
export async function loadEntityEstimate(
  api: CloudDeploymentsApi,
  entity: Entity,
): Promise<EntityEstimate> {
  const deployment = await findEntityDeployment(api, entity);
  if (deployment?.estimate) {
    return { estimate: deployment.estimate, deployment, fromSpec: false };
  }
  const spec = (deployment?.spec ??
    entity.spec ??
    {}) as Partial<DeploymentSpec>;
  if (!spec.provider || !spec.region || !spec.compute) {
    throw new Error(
      'This deployment cannot be estimated: its spec has no provider, region or compute.',
    );
  }
  // Only what pricing reads: the other spec fields are not needed, and a
  // value the catalog accepted but the estimate request words differently
  // must not fail the estimate.
  const estimate = await api.estimateCost({
    provider: spec.provider,
    region: spec.region,
    compute: spec.compute,
  });
  return { estimate, deployment, fromSpec: true };
}

/**
 * {@link loadEntityEstimate} as a hook.
 *
 * @internal
 */
export function useEntityEstimate(entity: Entity): AsyncState<EntityEstimate> {
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  return useAsync(
    () => loadEntityEstimate(cloudDeploymentsApi, entity),
    [cloudDeploymentsApi, entity],
  );
}
