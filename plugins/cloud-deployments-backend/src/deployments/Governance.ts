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
  Approval,
  ApprovalOperation,
  CostEstimate,
  Deployment,
  DeploymentWithApproval,
  DeploymentSpec,
  PolicyDecision,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { BudgetAlerts } from '../budgets/BudgetAlerts';
import { BudgetService } from '../budgets/BudgetService';
import {
  Actor,
  DeploymentStore,
  NewDeployment,
  TaskRequest,
} from '../database/DeploymentStore';
import { PolicyService } from '../policy/PolicyService';
import { Caller } from '../service/caller';

/** Who hears of approvals and budget thresholds (the notifications). */
export interface GovernanceNotices {
  approvalNeeded(
    deployment: Deployment,
    approval: {
      id: string;
      requestedBy: string;
      operation: string;
      reasons: string[];
    },
  ): Promise<void>;
  approvalDecided(
    deployment: Deployment,
    approval: {
      id: string;
      decision: 'approved' | 'rejected';
      decidedBy: string;
      comment: string;
      requestedBy: string;
    },
  ): Promise<void>;
  budgetThresholdCrossed(
    budget: {
      id: string;
      owner: string;
      system?: string;
      environment?: string;
      amount: number;
      currency: string;
    },
    threshold: number,
    use: number,
  ): Promise<void>;
}

/**
 * The policy gate of the changes that apply a spec: it asks the policies
 * (with the budgets the spec falls in), refuses, holds for approval, or lets
 * the change through; and tells the owners when an approval is needed or a
 * budget threshold is crossed.
 */
export class Governance {
  readonly #store: DeploymentStore;
  readonly #policies: PolicyService;
  readonly #budgets: BudgetService;
  readonly #notices?: GovernanceNotices;
  readonly #alerts?: Pick<BudgetAlerts, 'check'>;

  constructor(options: {
    store: DeploymentStore;
    policies: PolicyService;
    budgets: BudgetService;
    notices?: GovernanceNotices;
    alerts?: Pick<BudgetAlerts, 'check'>;
  }) {
    this.#store = options.store;
    this.#policies = options.policies;
    this.#budgets = options.budgets;
    this.#notices = options.notices;
    this.#alerts = options.alerts;
  }

  /** After a change that adds spend: tells of budget thresholds it reached. */
  async spent(spec: DeploymentSpec): Promise<void> {
    await this.#alerts?.check(spec);
  }

  /**
   * Creates a deployment through the policies: refused (403), waiting for
   * approval, or pending with its provisioning queued. Decided in the
   * transaction that holds the budgets it falls in.
   */
  async create(
    input: NewDeployment,
    caller: Caller,
    actor: Actor,
    task: TaskRequest,
  ): Promise<DeploymentWithApproval> {
    const { spec, estimate } = input;
    const budgets = await this.#budgets.scopesFor(spec);
    if (!this.#policies.enabled && budgets.length === 0) {
      return this.#store.createDeployment(input, actor, { task });
    }
    const facts = await this.#policies.facts(
      { operation: 'create', name: input.name, spec, estimate },
      caller,
    );
    let decision: PolicyDecision | undefined;
    const deployment = await this.#store.createAdmitted(input, actor, {
      budgets,
      admit: standings => {
        decision = this.#policies.decide(facts, standings);
        return decision.outcome === 'approval'
          ? {
              outcome: 'approval',
              approval: { operation: 'create', spec, estimate, decision },
            }
          : { outcome: 'allow', task };
      },
    });
    if (deployment.status === 'pending') {
      await this.spent(spec);
      return deployment;
    }
    // Held: the answer carries the waiting request, as a held update's does.
    const approval = await this.#announce(
      deployment,
      actor,
      'create',
      decision!,
    );
    return { ...deployment, approval };
  }

  /**
   * Asks the policies about a change of an existing deployment: throws on a
   * refusal; returns the decision, whose outcome `approval` means the caller
   * must hold the change with `hold`.
   */
  async check(
    operation: Exclude<ApprovalOperation, 'create'>,
    current: Deployment,
    spec: DeploymentSpec,
    estimate: CostEstimate | undefined,
    caller: Caller,
  ): Promise<PolicyDecision> {
    const budgets = await this.#budgets.scopesFor(spec);
    if (!this.#policies.enabled && budgets.length === 0) {
      return { outcome: 'allow', reasons: [], values: {} };
    }
    const facts = await this.#policies.facts(
      { operation, name: current.name, spec, estimate, current },
      caller,
    );
    const standings = await this.#store.budgetStandings(budgets);
    return this.#policies.decide(facts, standings);
  }

  /** Holds a change for approval and tells the owners. */
  async hold(
    deployment: Deployment,
    operation: ApprovalOperation,
    spec: DeploymentSpec,
    estimate: CostEstimate | undefined,
    decision: PolicyDecision,
    actor: Actor,
    /** For a rollback: the revision it restores, and why. */
    rollback?: { revision: number; reason?: string },
  ): Promise<Deployment & { approval: Approval }> {
    const approval = await this.#store.requestApproval(
      deployment.id,
      { operation, spec, ...rollback, estimate, decision },
      actor,
    );
    // Requesting an approval leaves the deployment's row as it was.
    await this.#notices?.approvalNeeded(deployment, {
      id: approval.id,
      requestedBy: actor.ref,
      operation,
      reasons: reasonsOf(decision),
    });
    return { ...deployment, approval };
  }

  async #announce(
    deployment: Deployment,
    actor: Actor,
    operation: ApprovalOperation,
    decision: PolicyDecision,
  ) {
    const [approval] = await this.#store.listApprovals(deployment.id);
    await this.#notices?.approvalNeeded(deployment, {
      id: approval.id,
      requestedBy: actor.ref,
      operation,
      reasons: reasonsOf(decision),
    });
    return approval;
  }
}

/** Each policy that asked, with its message, for a sentence of them. */
function reasonsOf(decision: PolicyDecision): string[] {
  return decision.reasons.map(
    r => `${r.policy}: ${r.message.replace(/\.$/, '')}`,
  );
}
