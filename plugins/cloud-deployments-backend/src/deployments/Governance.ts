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
  DeploymentSpec,
  PolicyDecision,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { BudgetService } from '../budgets/BudgetService';
import { BudgetStanding } from '../database/DeploymentStore';
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

  constructor(options: {
    store: DeploymentStore;
    policies: PolicyService;
    budgets: BudgetService;
    notices?: GovernanceNotices;
  }) {
    this.#store = options.store;
    this.#policies = options.policies;
    this.#budgets = options.budgets;
    this.#notices = options.notices;
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
  ): Promise<Deployment> {
    const { spec, estimate } = input;
    const budgets = await this.#budgets.scopesFor(spec);
    if (!this.#policies.enabled && budgets.length === 0) {
      return this.#store.createDeployment(input, actor, { task });
    }
    const facts = await this.#policies.facts(
      { operation: 'create', name: input.name, spec, estimate },
      caller,
    );
    let seen: BudgetStanding[] = [];
    let decision: PolicyDecision | undefined;
    const deployment = await this.#store.createAdmitted(input, actor, {
      budgets,
      admit: standings => {
        seen = standings;
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
      await this.#thresholds(seen, facts.cost.monthly);
    } else {
      await this.#announce(deployment, actor, 'create', decision!);
    }
    return deployment;
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
      reasons: decision.reasons.map(r => `${r.policy}: ${r.message}`),
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
      reasons: decision.reasons.map(r => `${r.policy}: ${r.message}`),
    });
  }

  /** Tells the owners of each budget threshold an admitted spend crossed. */
  async #thresholds(standings: BudgetStanding[], added: number) {
    for (const { budget, committed } of standings) {
      const before = (committed / budget.amount) * 100;
      const after = ((committed + added) / budget.amount) * 100;
      const crossed = budget.thresholds.filter(t => before < t && after >= t);
      if (!crossed.length) continue;
      await this.#notices?.budgetThresholdCrossed(
        {
          id: budget.id,
          owner: budget.owner,
          ...(budget.system ? { system: budget.system } : {}),
          ...(budget.environment ? { environment: budget.environment } : {}),
          amount: budget.amount,
          currency: 'USD',
        },
        crossed[crossed.length - 1],
        Math.round((committed + added) * 100) / 100,
      );
    }
  }
}
