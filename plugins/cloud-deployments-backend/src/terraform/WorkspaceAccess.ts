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
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { CloudDeploymentPermissionSubject } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { subjectOf } from '../permissions/subject';
import { Caller } from '../service/caller';
import { TerraformStateStore, TerraformWorkspace } from './TerraformStateStore';
import { isWorkspaceName } from './workspaceName';

type DeploymentPermission = ResourcePermission<'cloud-deployment'>;

/**
 * Who may do what to a Terraform workspace: what its deployment's owner
 * allows, or for a free-standing workspace what the user who made it (its
 * owner) allows.
 */
export class WorkspaceAccess {
  readonly #store: TerraformStateStore;
  readonly #deployments: Pick<DeploymentStore, 'getDeployment'>;
  readonly #authorizer: DeploymentAuthorizer;

  constructor(options: {
    store: TerraformStateStore;
    deployments: Pick<DeploymentStore, 'getDeployment'>;
    authorizer: DeploymentAuthorizer;
  }) {
    this.#store = options.store;
    this.#deployments = options.deployments;
    this.#authorizer = options.authorizer;
  }

  /** 403 unless the caller may do this to the subject (e.g. one to be made). */
  async authorize(
    caller: Caller,
    permission: DeploymentPermission,
    subject: () => Promise<CloudDeploymentPermissionSubject>,
    what: string,
  ): Promise<void> {
    const decision = await this.#authorizer.decide(
      caller,
      permission,
      'Terraform workspaces',
    );
    this.#authorizer.assert(decision, await subject(), what);
  }

  /** A workspace by name (404), if the caller may do this to it (403). */
  async workspace(
    caller: Caller,
    permission: DeploymentPermission,
    name: string,
  ): Promise<TerraformWorkspace> {
    const decision = await this.#authorizer.decide(
      caller,
      permission,
      'Terraform workspaces',
    );
    const workspace = await this.#find(name);
    this.#authorizer.assert(
      decision,
      await this.#subjectOf(workspace),
      `Terraform workspace ${workspace.name}`,
    );
    return workspace;
  }

  async #subjectOf(
    workspace: TerraformWorkspace,
  ): Promise<CloudDeploymentPermissionSubject> {
    const deployment = workspace.deploymentId
      ? await this.#deployments.getDeployment(workspace.deploymentId)
      : undefined;
    return deployment
      ? subjectOf(deployment)
      : { owner: workspace.createdBy, sandbox: false };
  }

  async #find(name: string): Promise<TerraformWorkspace> {
    // A name no workspace can have is not looked up (NUL is not even
    // storable in PostgreSQL text).
    const workspace = isWorkspaceName(name)
      ? await this.#store.getWorkspace(name)
      : undefined;
    if (!workspace) {
      throw new NotFoundError(
        `No Terraform workspace named ${name.slice(0, 100)}`,
      );
    }
    return workspace;
  }
}
