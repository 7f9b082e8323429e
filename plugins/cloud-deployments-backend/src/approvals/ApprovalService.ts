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
import { AuditorService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  Approval,
  approvalDecisionRequestSchema,
  cloudDeploymentApprovePermission,
  Deployment,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ApprovalEffect,
  DeploymentStore,
  TaskRequest,
} from '../database/DeploymentStore';
import { BudgetAlerts } from '../budgets/BudgetAlerts';
import { GovernanceNotices } from '../deployments/Governance';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { subjectOf } from '../permissions/subject';
import { EstimationService } from '../pricing/EstimationService';
import { actorOf, audited, Caller } from '../service/caller';
import {
  parseApprovalId,
  parseDeploymentId,
  parseInput,
} from '../service/validation';

/**
 * Decisions on the requests policies hold: approving (which runs the request)
 * or rejecting, by a holder of `cloud.deployment.approve` on the deployment
 * who is not its requester; audited, announced to the owners and the
 * requester. A request whose deployment or price changed since it was made
 * is void instead.
 */
export class ApprovalService {
  readonly #store: DeploymentStore;
  readonly #estimates: EstimationService;
  readonly #authorizer: DeploymentAuthorizer;
  readonly #auditor: AuditorService;
  readonly #maxAttempts: number;
  readonly #wakeWorker: () => void;
  readonly #notices?: GovernanceNotices;
  readonly #alerts?: Pick<BudgetAlerts, 'check'>;

  constructor(options: {
    store: DeploymentStore;
    estimates: EstimationService;
    authorizer: DeploymentAuthorizer;
    auditor: AuditorService;
    maxAttempts: number;
    wakeWorker: () => void;
    notices?: GovernanceNotices;
    /** Tells of budget thresholds an approved request takes its budgets past. */
    alerts?: Pick<BudgetAlerts, 'check'>;
  }) {
    this.#store = options.store;
    this.#estimates = options.estimates;
    this.#authorizer = options.authorizer;
    this.#auditor = options.auditor;
    this.#maxAttempts = options.maxAttempts;
    this.#wakeWorker = options.wakeWorker;
    this.#notices = options.notices;
    this.#alerts = options.alerts;
  }

  approve(
    rawId: string,
    rawApprovalId: string,
    body: unknown,
    caller: Caller,
  ): Promise<Deployment> {
    return this.#decide('approved', rawId, rawApprovalId, body, caller);
  }

  reject(
    rawId: string,
    rawApprovalId: string,
    body: unknown,
    caller: Caller,
  ): Promise<Deployment> {
    return this.#decide('rejected', rawId, rawApprovalId, body, caller);
  }

  #decide(
    status: 'approved' | 'rejected',
    rawId: string,
    rawApprovalId: string,
    body: unknown,
    caller: Caller,
  ): Promise<Deployment> {
    const eventId = status === 'approved' ? 'approval-grant' : 'approval-deny';
    return audited(
      this.#auditor,
      {
        eventId,
        caller,
        meta: { deploymentId: rawId, approvalId: rawApprovalId },
        resultMeta: result => ({ deploymentId: result.id }),
      },
      async () => {
        const decision = await this.#authorizer.decide(
          caller,
          cloudDeploymentApprovePermission,
        );
        const { comment } = parseInput(
          approvalDecisionRequestSchema,
          body,
          'decision',
        );
        const id = parseDeploymentId(rawId);
        const approvalId = parseApprovalId(rawApprovalId);
        const deployment = await this.#store.getDeployment(id);
        const approval = await this.#store.getApproval(approvalId);
        if (!deployment || !approval || approval.deploymentId !== id) {
          throw new NotFoundError(
            `No approval request ${approvalId} of deployment ${id}`,
          );
        }
        this.#authorizer.assert(
          decision,
          subjectOf(deployment),
          `approvals of deployment ${deployment.name}`,
        );
        const actor = await actorOf(caller);
        if (actor.ref === approval.requestedBy) {
          throw new NotAllowedError(
            `You requested this ${approval.operation}; someone else must decide on it`,
          );
        }
        const result = await this.#store.decideApproval(approvalId, {
          status,
          comment,
          actor,
          voidReason:
            status === 'approved' ? this.#repriced(approval) : undefined,
          effect:
            status === 'approved' ? await this.#effectOf(approval) : undefined,
        });
        if (result.voided) {
          throw new ConflictError(
            `The request is void: ${result.voided}. Make the request again to have it decided.`,
          );
        }
        await this.#notices?.approvalDecided(result.deployment, {
          id: approvalId,
          decision: status,
          decidedBy: actor.ref,
          comment,
          requestedBy: approval.requestedBy,
        });
        if (status === 'approved') {
          this.#wakeWorker();
          await this.#alerts?.check(approval.spec);
        }
        return result.deployment;
      },
    );
  }

  /** Why an approval would be void because its spec's price changed, if it did. */
  #repriced(approval: Approval): string | undefined {
    const now = this.#estimates.estimate(approval.spec);
    const then = approval.estimate;
    if (
      then &&
      now.pricedSubtotal === then.pricedSubtotal &&
      now.totalKind === then.totalKind
    ) {
      return undefined;
    }
    return `the estimate of its spec changed from ${
      then ? formatUsd(then.pricedSubtotal) : 'none'
    } (${then?.totalKind ?? 'unknown'}) to ${formatUsd(now.pricedSubtotal)} (${
      now.totalKind
    }) a month`;
  }

  async #effectOf(approval: Approval): Promise<ApprovalEffect> {
    const task = (kind: TaskRequest['kind']): TaskRequest => ({
      kind,
      maxAttempts: this.#maxAttempts,
    });
    switch (approval.operation) {
      case 'create':
        return { kind: 'start', task: task('provision') };
      case 'update':
        return { kind: 'update', task: task('update') };
      case 'redeploy':
        return {
          kind: 'redeploy',
          everActive: Boolean(
            await this.#store.getLastGoodSpec(approval.deploymentId),
          ),
          task: task('update'),
        };
      case 'rollback':
        return { kind: 'rollback', task: task('update') };
      case 'start':
        // It bills its spec again, at the prices the approver was shown.
        return {
          kind: 'resume',
          estimate: approval.estimate,
          task: task('start'),
        };
      default:
        throw new Error(`Unknown operation ${approval.operation}`);
    }
  }
}
