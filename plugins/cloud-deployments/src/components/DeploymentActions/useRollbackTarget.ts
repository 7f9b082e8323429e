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
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Deployment,
  DeploymentRevision,
  specChanges,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../../api';

/**
 * What rolling back a deployment would restore: its current revision and the
 * one before, as the backend's default rollback picks.
 *
 * @internal
 */
export type RollbackChoice = {
  current: DeploymentRevision;
  target: DeploymentRevision;
};

/**
 * The revision a rollback would restore, or undefined when there is none:
 * no revision before the current one, or the one before has the spec the
 * deployment has now (the backend refuses both with a 409). Loaded again
 * when the deployment's version changes.
 *
 * @internal
 */
export function useRollbackTarget(
  deployment: Pick<Deployment, 'id' | 'version' | 'spec'>,
): RollbackChoice | undefined {
  const api = useApi(cloudDeploymentsApiRef);
  const { id, version, spec } = deployment;
  const { value } = useAsync(async (): Promise<RollbackChoice | undefined> => {
    const page = await api.listRevisions(id, { limit: 2 });
    const number = page.current;
    if (number === undefined || number < 2) return undefined;
    const find = (n: number) =>
      page.items.find(r => r.number === n) ?? api.getRevision(id, n);
    const [current, target] = await Promise.all([
      find(number),
      find(number - 1),
    ]);
    if (specChanges(spec, target.spec).length === 0) return undefined;
    return { current, target };
    // The spec changes with the version; the version alone keys the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, id, version]);
  return value;
}

/**
 * How a rollback names what it restores: the revision, and what was
 * deployed in it, e.g. `revision 3 (ghcr.io/acme/web:1.2.0)`.
 *
 * @internal
 */
export function describeRevision(revision: DeploymentRevision): string {
  const { image, modelDataUrl } = revision.spec.artifact ?? {};
  const what = image ?? modelDataUrl;
  return `revision ${revision.number}${what ? ` (${what})` : ''}`;
}
