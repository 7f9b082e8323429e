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
import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  cloudDeploymentReadPermission,
  cloudDeploymentUpdatePermission,
  planConfirmationRequestSchema,
  planDecisionRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { actorOf, audited, callerOf } from '../service/caller';
import { ApiRouter } from '../service/routes/ApiRouter';
import { parseInput } from '../service/validation';
import { PlanConfirmations } from './planConfirmations';
import { TerraformStateStore } from './TerraformStateStore';
import { WorkspaceAccess } from './WorkspaceAccess';

/**
 * Confirmation of saved plans before they are applied (the template's
 * plan → confirm → apply), authorized as changes to the workspace:
 *
 * - POST /terraform/workspaces/:workspace/confirmations (update): records a
 *   plan by its SHA-256 and what it does; pending.
 * - GET .../confirmations/:confirmation (read): the record and its decision.
 * - POST .../confirmations/:confirmation/decision `{ confirm, comment? }`
 *   (update, a person only): confirmed or rejected, once.
 */
export function bindConfirmationRoutes(
  router: ApiRouter,
  options: {
    store: TerraformStateStore;
    confirmations: PlanConfirmations;
    deployments: DeploymentStore;
    auditor: AuditorService;
    httpAuth: HttpAuthService;
    authorizer: DeploymentAuthorizer;
  },
) {
  const { store, confirmations, deployments, auditor, httpAuth, authorizer } =
    options;
  const access = new WorkspaceAccess({ store, deployments, authorizer });

  router.post(
    '/terraform/workspaces/:workspace/confirmations',
    async (req, res) => {
      const caller = callerOf(httpAuth, req);
      const meta = { workspace: req.params.workspace };
      const created = await audited(
        auditor,
        { eventId: 'terraform-plan-confirmation-request', caller, meta },
        async () => {
          const workspace = await access.workspace(
            caller,
            cloudDeploymentUpdatePermission,
            req.params.workspace,
          );
          const input = parseInput(
            planConfirmationRequestSchema,
            req.body ?? {},
            'plan confirmation',
          );
          const { ref } = await actorOf(caller);
          return confirmations.request(workspace, {
            ...input,
            requestedBy: ref,
          });
        },
      );
      res.status(201).json(created);
    },
  );

  router.get(
    '/terraform/workspaces/:workspace/confirmations/:confirmation',
    async (req, res) => {
      const workspace = await access.workspace(
        callerOf(httpAuth, req),
        cloudDeploymentReadPermission,
        req.params.workspace,
      );
      res.json(await confirmations.get(workspace, req.params.confirmation));
    },
  );

  router.post(
    '/terraform/workspaces/:workspace/confirmations/:confirmation/decision',
    async (req, res) => {
      const caller = callerOf(httpAuth, req);
      const meta = {
        workspace: req.params.workspace,
        confirmation: req.params.confirmation,
      };
      const decided = await audited(
        auditor,
        { eventId: 'terraform-plan-confirmation-decide', caller, meta },
        async () => {
          const workspace = await access.workspace(
            caller,
            cloudDeploymentUpdatePermission,
            req.params.workspace,
          );
          const { principal } = await caller.credentials();
          // The point is a person looking at the plan: a service cannot
          // confirm one.
          if ((principal as { type: string }).type !== 'user') {
            throw new NotAllowedError('Only a person can decide on a plan');
          }
          const input = parseInput(
            planDecisionRequestSchema,
            req.body ?? {},
            'decision',
          );
          const { ref } = await actorOf(caller);
          return confirmations.decide(workspace, req.params.confirmation, {
            ...input,
            decidedBy: ref,
          });
        },
      );
      res.json(decided);
    },
  );
}
