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
import { DiscoveryService } from '@backstage/backend-plugin-api';
import { TerraformStateStore, TerraformWorkspace } from './TerraformStateStore';

/** What a client shows of a workspace, with what Terraform needs to use it. */
export async function workspaceView(
  workspace: TerraformWorkspace,
  options: { store: TerraformStateStore; discovery: DiscoveryService },
) {
  const { store, discovery } = options;
  const [lock, [currentVersion]] = await Promise.all([
    store.getLock(workspace.id),
    store.listVersions(workspace.id, { limit: 1 }),
  ]);
  const address = `${await discovery.getExternalBaseUrl(
    'cloud-deployments',
  )}/terraform/state/${workspace.name}`;
  const { id: _id, ...rest } = workspace;
  return {
    ...rest,
    ...(lock ? { lock } : {}),
    ...(currentVersion ? { currentVersion } : {}),
    backend: {
      address,
      lockAddress: address,
      lockMethod: 'LOCK' as const,
      unlockAddress: address,
      unlockMethod: 'UNLOCK' as const,
      username: workspace.name,
    },
  };
}
