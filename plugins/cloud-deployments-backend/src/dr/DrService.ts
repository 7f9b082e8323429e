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
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  cloudDeploymentReadPermission,
  cloudDeploymentUpdatePermission,
  CostEstimate,
  Deployment,
  DeploymentStatus,
  DrPlan,
  drActionRequestSchema,
  DrRun,
  putDrPlanRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { resourceNameOf } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DeploymentStore } from '../database/DeploymentStore';
import { DrTaskKind } from '../database/TaskSink';
import { ProviderChecks } from '../deployments/ProviderChecks';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { subjectOf } from '../permissions/subject';
import { EstimationService } from '../pricing/EstimationService';
import { actorOf, audited, Caller } from '../service/caller';
import { parseDeploymentId, parseInput } from '../service/validation';
import { nothingBills } from '../deployments/stoppedEstimate';
import { DrStore, StoredDrPlan } from './DrStore';
import { standbyResourceName, standbySpec } from './standbyDeployment';

/** What each action needs of the primary. */
const ACTION_FROM: Record<
  'dr-failover' | 'dr-failback' | 'dr-drill',
  readonly DeploymentStatus[]
> = {
  // A disaster may have left the primary failed or drifted.
  'dr-failover': ['active', 'drifted', 'failed'],
  'dr-failback': ['active', 'drifted', 'failed'],
  'dr-drill': ['active', 'drifted'],
};

const ACTION_STATE = {
  'dr-failover': 'promoting',
  'dr-failback': 'returning',
  'dr-drill': 'drilling',
} as const;

/**
 * Disaster recovery of a deployment: its plan (a standby region, a mode, a
 * recovery-time objective), and the failover, failback and drill that act
 * on it. Authorised against the deployment's owner like any change; the
 * work runs as durable tasks (`DrTaskHandler`).
 */
export class DrService {
  readonly #store: DeploymentStore;
  readonly #dr: DrStore;
  readonly #checks: ProviderChecks;
  readonly #estimates: EstimationService;
  readonly #authorizer: DeploymentAuthorizer;
  readonly #auditor: AuditorService;
  readonly #maxAttempts: number;
  readonly #wakeWorker: () => void;

  constructor(options: {
    store: DeploymentStore;
    dr: DrStore;
    checks: ProviderChecks;
    estimates: EstimationService;
    authorizer: DeploymentAuthorizer;
    auditor: AuditorService;
    maxAttempts: number;
    wakeWorker: () => void;
  }) {
    this.#store = options.store;
    this.#dr = options.dr;
    this.#checks = options.checks;
    this.#estimates = options.estimates;
    this.#authorizer = options.authorizer;
    this.#auditor = options.auditor;
    this.#maxAttempts = options.maxAttempts;
    this.#wakeWorker = options.wakeWorker;
  }

  /** The plan with its standby's cost and its runs; 404 without one. */
  async get(rawId: string, caller: Caller): Promise<DrPlan> {
    const deployment = await this.#allowed(
      rawId,
      caller,
      cloudDeploymentReadPermission,
    );
    const plan = await this.#dr.get(deployment.id);
    if (!plan) {
      throw new NotFoundError(`Deployment ${deployment.name} has no DR plan`);
    }
    return this.#view(deployment, plan);
  }

  /** Makes or replaces the plan; the standby is then brought to its mode. */
  async put(rawId: string, body: unknown, caller: Caller): Promise<DrPlan> {
    return this.#audited('deployment-dr-plan', caller, rawId, async () => {
      const request = parseInput(putDrPlanRequestSchema, body, 'plan');
      const deployment = await this.#changeable(rawId, caller);
      if (
        ['destroying', 'destroyed', 'awaiting_approval'].includes(
          deployment.status,
        )
      ) {
        throw new ConflictError(
          `Deployment ${deployment.name} is ${deployment.status}: a DR plan needs a deployment that is made`,
        );
      }
      if (deployment.spec.engine === 'terraform') {
        throw new InputError(
          'engine: a deployment run by Terraform gets its standby from its own configuration; DR plans are for engines sdk and kubernetes',
        );
      }
      const sameAccount =
        (request.standbyAccount ?? deployment.spec.account) ===
        deployment.spec.account;
      if (deployment.spec.provider === 'kubernetes' && sameAccount) {
        // A cluster's region is a label: a standby beside the primary shares
        // its failures, and its objects (one deployment id, one namespace).
        throw new InputError(
          `standbyAccount: a Kubernetes standby runs on another cluster than the primary's; name one of the configured clusters`,
        );
      }
      if (request.standbyRegion === deployment.spec.region && sameAccount) {
        throw new InputError(
          `standbyRegion: ${request.standbyRegion} is the primary's own region and account; a standby there survives nothing the primary does not`,
        );
      }
      this.#validStandby(deployment, request);
      const actor = await actorOf(caller);
      const plan = await this.#dr.put(
        deployment.id,
        {
          standbyRegion: request.standbyRegion,
          standbyAccount: request.standbyAccount,
          mode: request.mode,
          rtoSeconds: request.rtoMinutes * 60,
        },
        {
          expectedVersion: request.version,
          actor: actor.ref,
          sync: this.#action('dr-sync', deployment, actor.ref),
        },
      );
      this.#wakeWorker();
      return this.#view(deployment, plan);
    });
  }

  /** Takes the standby down, then removes the plan (202: a task does it). */
  async remove(rawId: string, body: unknown, caller: Caller): Promise<DrPlan> {
    return this.#audited('deployment-dr-remove', caller, rawId, async () => {
      const { version } = parseInput(
        drActionRequestSchema,
        body ?? {},
        'remove',
      );
      const deployment = await this.#changeable(rawId, caller);
      const actor = await actorOf(caller);
      const { plan } = await this.#dr.start(deployment.id, {
        ...this.#action('dr-sync', deployment, actor.ref),
        expectedVersion: version,
        state: 'removing',
      });
      this.#wakeWorker();
      return this.#view(deployment, plan);
    });
  }

  /** Starts a failover, failback or drill; its run is in the answer. */
  async act(
    action: 'dr-failover' | 'dr-failback' | 'dr-drill',
    rawId: string,
    body: unknown,
    caller: Caller,
  ): Promise<DrPlan> {
    return this.#audited(`deployment-${action}`, caller, rawId, async () => {
      const { version } = parseInput(
        drActionRequestSchema,
        body ?? {},
        'action',
      );
      const deployment = await this.#changeable(rawId, caller);
      if (!ACTION_FROM[action].includes(deployment.status)) {
        throw new ConflictError(
          `Deployment ${deployment.name} is ${
            deployment.status
          }; a ${action.slice(3)} needs it ${ACTION_FROM[action].join(' or ')}`,
        );
      }
      const actor = await actorOf(caller);
      const { plan } = await this.#dr.start(deployment.id, {
        ...this.#action(action, deployment, actor.ref),
        expectedVersion: version,
        state: ACTION_STATE[action],
      });
      this.#wakeWorker();
      return this.#view(deployment, plan);
    });
  }

  /**
   * A 400 unless the provider accepts the standby's spec (its region and
   * account) under the standby's name.
   */
  #validStandby(
    deployment: Deployment,
    plan: { standbyRegion: string; standbyAccount?: string },
  ) {
    const spec = standbySpec(deployment.spec, plan, 'full');
    const provider = this.#checks.providerFor(spec, resourceNameOf(deployment));
    // Pricing also validates what only prices know (a region of the target).
    this.#estimates.estimate(spec);
    const name = standbyResourceName(
      provider,
      spec,
      resourceNameOf(deployment),
    );
    if (!name) {
      throw new InputError(
        `standbyRegion: no cloud name for a standby of ${deployment.name} is valid on ${provider.title}`,
      );
    }
    return provider;
  }

  async #view(deployment: Deployment, plan: StoredDrPlan): Promise<DrPlan> {
    const [runs, lastDrill] = await Promise.all([
      this.#dr.listRuns(deployment.id, 10),
      this.#dr.lastRun(deployment.id, 'drill'),
    ]);
    const full = standbySpec(deployment.spec, plan, 'full');
    return {
      ...plan,
      // `removing` shows as what the standby is doing: being synced away.
      standbyState:
        plan.standbyState === 'removing' ? 'syncing' : plan.standbyState,
      standbyEstimate:
        plan.mode === 'warm-standby'
          ? this.#estimates.estimate(
              standbySpec(deployment.spec, plan, 'minimum'),
            )
          : pilotLightEstimate(plan.standbyRegion),
      failoverEstimate: this.#estimates.estimate(full),
      ...(lastDrill ? { lastDrill } : {}),
      runs: runs satisfies DrRun[],
    };
  }

  #action(kind: DrTaskKind, deployment: Deployment, requestedBy: string) {
    return {
      kind,
      provider: deployment.spec.provider,
      requestedBy,
      maxAttempts: this.#maxAttempts,
    };
  }

  async #changeable(rawId: string, caller: Caller): Promise<Deployment> {
    return this.#allowed(rawId, caller, cloudDeploymentUpdatePermission);
  }

  async #allowed(
    rawId: string,
    caller: Caller,
    permission:
      | typeof cloudDeploymentReadPermission
      | typeof cloudDeploymentUpdatePermission,
  ): Promise<Deployment> {
    const decision = await this.#authorizer.decide(caller, permission);
    const id = parseDeploymentId(rawId);
    const deployment = await this.#store.getDeployment(id);
    if (!deployment) throw new NotFoundError(`No deployment with id ${id}`);
    this.#authorizer.assert(
      decision,
      subjectOf(deployment),
      `deployment ${deployment.name}`,
    );
    return deployment;
  }

  #audited<T>(
    eventId: string,
    caller: Caller,
    rawId: string,
    change: () => Promise<T>,
  ): Promise<T> {
    return audited(
      this.#auditor,
      { eventId, caller, meta: { deploymentId: rawId } },
      change,
    );
  }
}

/**
 * A pilot light's standby runs nothing and so bills nothing: an exact $0
 * that is known, not a price nobody has. What it costs once it serves is
 * the plan's failover estimate.
 */
function pilotLightEstimate(region: string): CostEstimate {
  return nothingBills(
    `Pilot light: nothing runs in ${region} until a failover or a drill, so nothing bills there; the failover estimate is what it costs while it serves`,
  );
}
