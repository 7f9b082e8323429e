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
import { LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  CostEstimate,
  Deployment,
  DeploymentSpec,
  PolicyDecision,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { BudgetStanding } from '../database/DeploymentStore';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { EstimationService } from '../pricing/EstimationService';
import { Caller } from '../service/caller';
import { findIacIssues, findManifestIssues, IacFinding } from './iacFindings';
import { PolicyEngine } from './PolicyEngine';
import { PolicyRequest } from './types';

/** A refusal by policy: a 403 that names the policies and what they saw. */
export class PolicyRefusedError extends NotAllowedError {
  readonly decision: PolicyDecision;

  constructor(decision: PolicyDecision, options: { suffix?: string } = {}) {
    super(`${describeDecision(decision)}${options.suffix ?? ''}`);
    this.decision = decision;
  }
}

/** One sentence naming each policy that matched and the values it saw. */
export function describeDecision(decision: PolicyDecision): string {
  const verb =
    decision.outcome === 'refuse' ? 'Refused by policy' : 'Needs approval by';
  const why = decision.reasons
    .map(r => `${r.policy} (${r.message.replace(/\.$/, '')})`)
    .join('; ');
  // A value the request has not (no system) says nothing: left out.
  const seen = Object.entries(decision.values)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : v}`)
    .join(', ');
  return `${verb} ${why}. Values seen: ${seen}`;
}

/** What a request asks for, as the policy evaluation needs it. */
export type PolicySubject = {
  operation: PolicyRequest['operation'];
  name: string;
  spec: DeploymentSpec;
  estimate?: CostEstimate;
  /** The deployment as it is, for a change: its estimate gives the increase. */
  current?: Deployment;
};

/**
 * Turns a request into the facts the policies see (who asks; what, where and
 * how big; its price and increase; the IaC findings of what the provider
 * renders for it; the budgets it falls in) and asks the engine. Budgets are
 * passed in by the caller, which reads them where they are held.
 */
export class PolicyService {
  readonly #engine: PolicyEngine;
  readonly #providers: ProviderRegistry;
  readonly #estimates: EstimationService;
  readonly #userInfo?: UserInfoService;
  readonly #logger: LoggerService;

  constructor(options: {
    engine: PolicyEngine;
    providers: ProviderRegistry;
    estimates: EstimationService;
    /** For a user's groups; without it policies see none. */
    userInfo?: UserInfoService;
    logger: LoggerService;
  }) {
    this.#engine = options.engine;
    this.#providers = options.providers;
    this.#estimates = options.estimates;
    this.#userInfo = options.userInfo;
    this.#logger = options.logger;
  }

  /** Whether any policy is configured (none: everything is allowed). */
  get enabled(): boolean {
    return this.#engine.policyIds.length > 0;
  }

  /**
   * The facts of a request, all but its budgets; `decide` adds those. Done
   * before any transaction: rendering and user lookups may take a while.
   */
  async facts(
    subject: PolicySubject,
    who: Caller | PolicyRequest['principal'],
  ): Promise<Omit<PolicyRequest, 'budget'>> {
    const { spec, estimate, current } = subject;
    const compute = spec.compute ?? {};
    const monthly = estimate?.pricedSubtotal ?? 0;
    return {
      operation: subject.operation,
      principal: 'ref' in who ? who : await this.#principal(who),
      deployment: {
        name: subject.name,
        owner: spec.owner,
        system: spec.system,
        environment: spec.environment,
        provider: spec.provider,
        region: spec.region,
        engine: spec.engine,
        instanceType: compute.instanceType,
        gpuCount: this.#estimates.gpusOf(spec),
        replicas: compute.instanceCount ?? compute.minInstances ?? 1,
      },
      cost: {
        monthly,
        complete: Boolean(
          estimate &&
            estimate.missingLines === 0 &&
            estimate.totalKind !== 'unknown',
        ),
        increase: current?.estimate
          ? monthly - current.estimate.pricedSubtotal
          : monthly,
      },
      findings: await this.#findings(subject),
    };
  }

  /**
   * The decision on a request's facts and the budgets it falls in. Synchronous,
   * so it can run inside the transaction that holds the budgets. Throws
   * PolicyRefusedError on a refusal.
   */
  decide(
    facts: Omit<PolicyRequest, 'budget'>,
    standings: BudgetStanding[] = [],
  ): PolicyDecision {
    const decision = this.#engine.evaluate({
      ...facts,
      ...this.#budgetFacts(standings, facts.cost.increase),
    });
    if (decision.outcome === 'refuse') throw new PolicyRefusedError(decision);
    return decision;
  }

  /**
   * Checks raw Kubernetes manifests applied by `POST /kubernetes/apply`
   * against the policies: their IaC findings, with no estimate (unpriced).
   * Raw manifests have no deployment to wait in, so a policy asking for an
   * approval refuses them too, saying so.
   */
  async checkManifests(
    request: {
      manifests: string;
      applySet: string;
      cluster?: string;
      namespace?: string;
    },
    caller: Caller,
  ): Promise<PolicyDecision> {
    if (!this.enabled) return { outcome: 'allow', reasons: [], values: {} };
    const principal = await this.#principal(caller);
    const decision = this.#engine.evaluate({
      operation: 'kubernetes-apply',
      principal,
      deployment: {
        name: request.applySet,
        owner: principal.ref,
        environment: '',
        provider: 'kubernetes',
        region: request.cluster ?? '',
        engine: 'kubernetes',
        gpuCount: 0,
        replicas: 1,
      },
      cost: { monthly: 0, complete: false, increase: 0 },
      findings: findManifestIssues(request.manifests),
    });
    if (decision.outcome === 'refuse') throw new PolicyRefusedError(decision);
    if (decision.outcome === 'approval') {
      throw new PolicyRefusedError(decision, {
        suffix:
          ' Raw manifests cannot wait for an approval: deploy them as a CloudDeployment (target kubernetes) to have the request approved.',
      });
    }
    return decision;
  }

  /**
   * Checks a priced Terraform plan before it is applied: the deployment's
   * spec, the plan's monthly cost and change, and the IaC findings of what is
   * rendered. Only a refusal stops it (its explanation is returned): any
   * approval was asked for when the change was requested.
   */
  async checkTerraformPlan(
    deployment: Deployment,
    plan: { monthlyAfter: number; monthlyDelta: number; unpriced: string[] },
  ): Promise<string | undefined> {
    if (!this.enabled) return undefined;
    const facts = await this.facts(
      {
        operation: 'terraform-apply',
        name: deployment.name,
        spec: deployment.spec,
        current: deployment,
      },
      // The worker acts for whoever last changed the deployment; there is
      // no token here to look their groups up with.
      { ref: deployment.updatedBy, groups: [] },
    );
    const decision = this.#engine.evaluate({
      ...facts,
      cost: {
        monthly: plan.monthlyAfter,
        complete: plan.unpriced.length === 0,
        increase: plan.monthlyDelta,
      },
    });
    return decision.outcome === 'refuse'
      ? describeDecision(decision)
      : undefined;
  }

  /**
   * The tightest budget a request falls in (the one it leaves least room in),
   * with its use before and after the request.
   */
  #budgetFacts(
    standings: BudgetStanding[],
    /** What the request adds a month: its estimate, or a change's increase. */
    monthly: number,
  ): Pick<PolicyRequest, 'budget'> {
    const ranked = standings
      .map(s => ({ s, room: s.budget.amount - s.committed - monthly }))
      .sort((a, b) => a.room - b.room);
    if (!ranked.length) return {};
    const { s } = ranked[0];
    const useAfter = Math.round((s.committed + monthly) * 100) / 100;
    return {
      budget: {
        scope: scopeOf(s.budget),
        amount: s.budget.amount,
        useBefore: s.committed,
        useAfter,
        exceeded: useAfter > s.budget.amount,
      },
    };
  }

  async #principal(caller: Caller): Promise<PolicyRequest['principal']> {
    const credentials = await caller.credentials();
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) {
      return { ref: `service:${principal.subject ?? 'unknown'}`, groups: [] };
    }
    if (!this.#userInfo) return { ref: principal.userEntityRef, groups: [] };
    const info = await this.#userInfo.getUserInfo(credentials);
    return {
      ref: principal.userEntityRef,
      groups: info.ownershipEntityRefs,
    };
  }

  /** What the provider would apply, checked; nothing to check without a renderer. */
  async #findings(subject: PolicySubject): Promise<IacFinding[]> {
    if (!this.enabled) return [];
    const provider = this.#providers.get(subject.spec.provider);
    if (!provider?.render) return [];
    try {
      const draft = {
        ...(subject.current ?? {}),
        id: subject.current?.id ?? '00000000-0000-4000-8000-000000000000',
        name: subject.name,
        spec: subject.spec,
        status: subject.current?.status ?? 'pending',
        outputs: subject.current?.outputs ?? {},
      } as Deployment;
      const rendered = await provider.render(draft);
      return findIacIssues(rendered.files);
    } catch (error) {
      // A spec the provider cannot render is refused by the provider itself.
      this.#logger.warn(
        `Could not render ${subject.name} for the IaC checks: ${error}`,
      );
      return [];
    }
  }
}

/** A budget's scope in words, e.g. `group:default/ml (production)`. */
export function scopeOf(budget: {
  owner: string;
  system: string;
  environment: string;
}): string {
  const narrowed = [budget.system, budget.environment].filter(Boolean);
  return narrowed.length
    ? `${budget.owner} (${narrowed.join(', ')})`
    : budget.owner;
}
