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
import { isDeepStrictEqual } from 'node:util';
import { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  acceptDriftRequestSchema,
  CANCELLABLE_STATUSES,
  canTransition,
  cloudDeploymentCreatePermission,
  cloudDeploymentDestroyPermission,
  cloudDeploymentUpdatePermission,
  CostEstimate,
  createDeploymentRequestSchema,
  Deployment,
  DeploymentChangePreview,
  DeploymentWithApproval,
  DeploymentSpec,
  deploymentSpecSchema,
  describeIssues,
  QuotaCheck,
  rollbackRequestSchema,
  SpecChange,
  specChanges,
  updateDeploymentRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  resourceNameOf,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DeploymentStore, TaskRequest } from '../database/DeploymentStore';
import { PolicyRefusedError } from '../policy/PolicyService';
import { EstimationService } from '../pricing/EstimationService';
import {
  Decision,
  DeploymentAuthorizer,
} from '../permissions/DeploymentAuthorizer';
import { subjectOf } from '../permissions/subject';
import { actorOf, audited, Caller } from '../service/caller';
import { cancelReason } from '../service/cancelReason';
import { TerraformChangePlan } from '../terraform/TerraformEngine';
import { parseDeploymentId, parseInput } from '../service/validation';
import { acceptedSpec } from './acceptedSpec';
import { Governance } from './Governance';
import { ProviderChecks } from './ProviderChecks';
import { QuotaPreflight } from './QuotaPreflight';
import { ENGINE_ACTOR } from '../jobs/deploymentTaskTerms';

/** Plans a change with Terraform for its preview (the Terraform engine). */
export type TerraformPreviewPlanner = {
  planChange(
    provider: CloudDeploymentProvider,
    deployment: Deployment,
  ): Promise<TerraformChangePlan>;
};

/**
 * What a deployment's API does, between HTTP and storage: it authorizes each
 * call against the deployment's owner (the permission policy's conditions),
 * validates input, records changes in the audit log, queues the work a change
 * asks for (with the attempts policy) and wakes the worker.
 */
export class DeploymentService {
  readonly #store: DeploymentStore;
  readonly #estimates: EstimationService;
  readonly #checks: ProviderChecks;
  readonly #authorizer: DeploymentAuthorizer;
  readonly #auditor: AuditorService;
  readonly #maxAttempts: number;
  readonly #wakeWorker: () => void;
  readonly #governance: Governance;
  readonly #terraformPlans?: TerraformPreviewPlanner;
  readonly #standbyServes: (deploymentId: string) => Promise<boolean>;
  readonly #quota?: QuotaPreflight;

  constructor(options: {
    /** The policy gate of every change that applies a spec. */
    governance: Governance;
    store: DeploymentStore;
    estimates: EstimationService;
    checks: ProviderChecks;
    authorizer: DeploymentAuthorizer;
    auditor: AuditorService;
    /** Attempts each queued task gets. */
    maxAttempts: number;
    /** Called after a task was queued, so the local worker takes it now. */
    wakeWorker: () => void;
    /** Plans previewed changes of engine terraform; absent when Terraform is not available. */
    terraformPlans?: TerraformPreviewPlanner;
    /** Whether a deployment's DR standby serves it (it failed over). */
    standbyServes?: (deploymentId: string) => Promise<boolean>;
    /** The GPU quota pre-flight of creates and spec changes; none when absent. */
    quota?: QuotaPreflight;
  }) {
    this.#store = options.store;
    this.#estimates = options.estimates;
    this.#checks = options.checks;
    this.#authorizer = options.authorizer;
    this.#auditor = options.auditor;
    this.#maxAttempts = options.maxAttempts;
    this.#wakeWorker = options.wakeWorker;
    this.#governance = options.governance;
    this.#terraformPlans = options.terraformPlans;
    this.#standbyServes = options.standbyServes ?? (async () => false);
    this.#quota = options.quota;
  }

  /** Creates a deployment and queues its provisioning (it is `pending`). */
  async create(body: unknown, caller: Caller): Promise<DeploymentWithApproval> {
    return this.#audited('deployment-create', caller, undefined, async () => {
      const decision = await this.#authorizer.decide(
        caller,
        cloudDeploymentCreatePermission,
      );
      const { name, title, description, ...spec } = parseInput(
        createDeploymentRequestSchema,
        body,
        'deployment',
      );
      const provider = this.#checks.providerFor(spec, name);
      this.#authorizer.assert(
        decision,
        subjectOf({ spec, sandbox: provider.sandbox }),
        `deployments owned by ${spec.owner}`,
      );
      // Pricing also validates what only prices know (instance types, sizes).
      const estimate = this.#estimates.estimate(spec);
      const quota = await this.#quota?.check(spec, provider);
      const created = await this.#thenWakeWorker(
        this.#governance.create(
          {
            name,
            resourceNames: this.#checks.resourceNames(provider, spec, name),
            title,
            description,
            spec,
            estimate,
            sandbox: provider.sandbox,
          },
          caller,
          await actorOf(caller),
          this.#task('provision'),
        ),
      );
      return quota ? this.#withQuota(created, quota) : created;
    });
  }

  /** A create's answer with its quota check, which a warning also logs. */
  async #withQuota(
    created: DeploymentWithApproval,
    quota: QuotaCheck,
  ): Promise<DeploymentWithApproval> {
    if (quota.outcome !== 'within') {
      await this.#store.appendLog(created.id, `GPU quota: ${quota.message}`, {
        actor: ENGINE_ACTOR,
        data: { quota },
      });
    }
    return { ...created, quota };
  }

  /** Changes title, description or spec at an expected version. */
  async update(rawId: string, body: unknown, caller: Caller) {
    return this.#audited('deployment-update', caller, rawId, async () => {
      const { version, title, description, current, spec, estimate } =
        await this.#proposed(rawId, body, caller);
      if (!isDeepStrictEqual(spec, current.spec)) {
        await this.#quota?.check(
          spec,
          this.#checks.providerFor(spec, resourceNameOf(current)),
          { replacing: { id: current.id, spec: current.spec } },
        );
      }
      const actor = await actorOf(caller);
      const change = { title, description, spec, estimate };
      const options = {
        expectedVersion: version,
        actor,
        task: this.#task('update'),
      };
      if (isDeepStrictEqual(spec, current.spec)) {
        return this.#store.updateDeployment(current.id, change, options);
      }
      if (current.status === 'awaiting_approval') {
        // Nothing runs yet: the spec is its own, and a new request replaces
        // the waiting one (or, allowed now, provisioning starts).
        const verdict = await this.#governance.check(
          'update',
          current,
          spec,
          estimate,
          caller,
        );
        const changed = await this.#store.updateDeployment(
          current.id,
          change,
          options,
        );
        if (verdict.outcome === 'approval') {
          return this.#governance.hold(
            changed,
            'create',
            spec,
            estimate,
            verdict,
            actor,
          );
        }
        const started = await this.#thenWakeWorker(
          this.#store.transitionDeployment(current.id, 'pending', {
            actor,
            from: ['awaiting_approval'],
            reason: 'No policy asks for an approval of the changed spec',
            task: this.#task('provision'),
          }),
        );
        await this.#governance.spent(spec);
        return started;
      }
      // A request held for approval is for the version the caller read.
      assertVersion(current, version);
      const held = await this.#held('update', current, spec, caller, {
        estimate,
      });
      if (held) return held;
      // A changed spec is applied at once: `updating`, its task queued.
      const updated = await this.#thenWakeWorker(
        this.#store.updateDeployment(current.id, change, options),
      );
      await this.#governance.spent(spec);
      return updated;
    });
  }

  /**
   * What `update` would do with the same body, without doing it: the fields
   * it changes, the cost before and after, and what the policies say. Only
   * those who may make the change may preview it.
   */
  async preview(
    rawId: string,
    body: unknown,
    caller: Caller,
  ): Promise<DeploymentChangePreview> {
    // The version is the change's to check; a preview is of what is there now.
    const {
      title,
      description,
      current,
      spec,
      estimate: after,
    } = await this.#proposed(rawId, body, caller);
    const before = current.estimate;
    const changes = [
      ...textChange('title', current.title, title),
      ...textChange('description', current.description, description),
      ...specChanges(current.spec, spec),
    ];
    const preview = {
      version: current.version,
      changes,
      spec,
      ...(before ? { before } : {}),
      after,
      monthlyDelta: monthlyDelta(before, after),
    };
    if (isDeepStrictEqual(spec, current.spec)) {
      return { ...preview, outcome: changes.length ? 'apply' : 'unchanged' };
    }
    const quota = await this.#quota?.inspect(
      spec,
      this.#checks.providerFor(spec, resourceNameOf(current)),
      { replacing: { id: current.id, spec: current.spec } },
    );
    const planned = {
      ...preview,
      ...(await this.#terraformPlan(current, spec)),
      ...(quota ? { quota } : {}),
    };
    const overQuota =
      quota?.outcome === 'exceeded' && this.#quota?.refuses === true;
    try {
      const verdict = await this.#governance.check(
        'update',
        current,
        spec,
        after,
        caller,
      );
      let outcome: DeploymentChangePreview['outcome'] =
        verdict.outcome === 'approval' ? 'approval' : 'apply';
      if (overQuota) outcome = 'refused';
      return { ...planned, outcome, decision: verdict };
    } catch (error) {
      if (!(error instanceof PolicyRefusedError)) throw error;
      return { ...planned, outcome: 'refused', decision: error.decision };
    }
  }

  /**
   * For a deployment run by Terraform, the plan of the changed spec against
   * its current state, or why there is none; nothing for other engines.
   */
  async #terraformPlan(
    current: Deployment,
    spec: DeploymentSpec,
  ): Promise<TerraformChangePlan | {}> {
    if (current.spec.engine !== 'terraform' || spec.engine !== 'terraform') {
      return {};
    }
    if (!this.#terraformPlans) {
      return {
        terraformPlanError:
          'Terraform is not available on this backend, so the change cannot be planned',
      };
    }
    let provider: CloudDeploymentProvider;
    try {
      provider = this.#checks.providerFor(spec, resourceNameOf(current));
    } catch (error) {
      return {
        terraformPlanError: `Terraform cannot plan the change: ${
          error instanceof Error ? error.message : String(error)
        }`,
      };
    }
    return this.#terraformPlans.planChange(provider, { ...current, spec });
  }

  /**
   * A change as update and preview read it: authorised against the
   * deployment (and a new owner), with the whole spec it produces and that
   * spec's estimate.
   */
  async #proposed(rawId: string, body: unknown, caller: Caller) {
    const decision = await this.#authorizer.decide(
      caller,
      cloudDeploymentUpdatePermission,
    );
    const { version, title, description, ...fields } = parseInput(
      updateDeploymentRequestSchema,
      body,
      'change',
    );
    const current = await this.#find(rawId);
    this.#assert(decision, current);
    await this.#onPrimary(current);
    const spec = this.#merged(current, fields, decision);
    const estimate = this.#estimates.estimate(spec);
    return { version, title, description, current, spec, estimate };
  }

  /**
   * The whole spec a change produces, checked as a whole so that the rules
   * that tie fields together (per provider) hold after it too.
   */
  #merged(
    current: Deployment,
    fields: Record<string, unknown>,
    decision: Decision,
  ): DeploymentSpec {
    const merged = Object.fromEntries(
      Object.entries({ ...current.spec, ...fields }).filter(
        ([, value]) => value !== null && value !== undefined,
      ),
    );
    const spec = parseInput(deploymentSpecSchema, merged, 'change');
    // Handing it to another owner needs the right to change theirs too.
    this.#authorizer.assert(
      decision,
      subjectOf({ spec, sandbox: current.sandbox }),
      `deployments owned by ${spec.owner}`,
    );
    return spec;
  }

  /** Queues the destroy; it supersedes a provisioning or update in flight. */
  async destroy(rawId: string, caller: Caller): Promise<Deployment> {
    return this.#audited('deployment-destroy', caller, rawId, async () => {
      const decision = await this.#authorizer.decide(
        caller,
        cloudDeploymentDestroyPermission,
      );
      const id = parseDeploymentId(rawId);
      const current = await this.#find(id);
      this.#assert(decision, current);
      const actor = await actorOf(caller);
      if (current.status === 'awaiting_approval') {
        // Nothing was made: the request is withdrawn, no destroy task runs.
        return this.#store.transitionDeployment(id, 'destroyed', {
          actor,
          from: ['awaiting_approval'],
          reason: `Withdrawn by ${actor.ref} before approval`,
        });
      }
      return this.#thenWakeWorker(
        this.#store.transitionDeployment(id, 'destroying', {
          actor,
          task: this.#task('destroy'),
        }),
      );
    });
  }

  /**
   * Puts an earlier revision's spec back (the one before the current by
   * default) as a new revision and queues applying it; a policy may refuse it
   * or hold it for approval, as any change that applies a spec.
   */
  async rollback(
    rawId: string,
    body: unknown,
    caller: Caller,
  ): Promise<Deployment> {
    return this.#audited('deployment-rollback', caller, rawId, async () => {
      const { revision, reason } = parseInput(
        rollbackRequestSchema,
        body ?? {},
        'rollback',
      );
      const current = await this.#changeable(rawId, caller);
      this.#checks.providerFor(current.spec, resourceNameOf(current));
      if (!canTransition(current.status, 'updating')) {
        throw new ConflictError(
          `Deployment ${current.name} is ${current.status} and cannot be rolled back`,
        );
      }
      const target = await this.#store.rollbackTarget(current.id, revision);
      const held = await this.#held('rollback', current, target.spec, caller, {
        rollback: { revision: target.number, reason: reason || undefined },
      });
      if (held) return held;
      const rolledBack = await this.#thenWakeWorker(
        this.#store.rollbackDeployment(current.id, {
          actor: await actorOf(caller),
          task: this.#task('update'),
          revision: target.number,
          estimate: this.#estimates.estimate(target.spec),
          reason: reason || undefined,
        }),
      );
      await this.#governance.spent(rolledBack.spec);
      return rolledBack;
    });
  }

  /**
   * Re-applies the current spec to what exists (or creates what is gone). It
   * makes no revision: the spec is the current revision's, whose outcome is
   * set anew when the task settles.
   */
  async redeploy(rawId: string, caller: Caller): Promise<Deployment> {
    return this.#audited('deployment-redeploy', caller, rawId, async () => {
      const current = await this.#changeable(rawId, caller);
      this.#checks.providerFor(current.spec, resourceNameOf(current));
      const held = await this.#held('redeploy', current, current.spec, caller);
      if (held) return held;
      const actor = await actorOf(caller);
      // One that never was active is still provisioning meanwhile.
      const everActive = Boolean(await this.#store.getLastGoodSpec(current.id));
      return this.#thenWakeWorker(
        everActive
          ? this.#store.transitionDeployment(current.id, 'updating', {
              actor,
              from: ['active', 'drifted', 'failed'],
              reason: 'Redeploy',
              task: this.#task('update'),
            })
          : this.#store.transitionDeployment(current.id, 'provisioning', {
              actor,
              from: ['failed'],
              reason: 'Redeploy',
              task: this.#task('update'),
            }),
      );
    });
  }

  /**
   * Puts the spec back on the resources of a drifted deployment: an update
   * task, through the policies like a redeploy.
   */
  async reapplyDrift(rawId: string, caller: Caller): Promise<Deployment> {
    return this.#audited(
      'deployment-drift-reapply',
      caller,
      rawId,
      async () => {
        const current = await this.#changeable(rawId, caller);
        if (current.status !== 'drifted') {
          throw new ConflictError(
            `Deployment ${current.name} is ${current.status}, not drifted: there is no drift to re-apply over`,
          );
        }
        this.#checks.providerFor(current.spec, resourceNameOf(current));
        const held = await this.#held(
          'redeploy',
          current,
          current.spec,
          caller,
        );
        if (held) return held;
        return this.#thenWakeWorker(
          this.#store.transitionDeployment(current.id, 'updating', {
            actor: await actorOf(caller),
            from: ['drifted'],
            expectedVersion: current.version,
            reason: 'Re-applying the spec over the drift',
            task: this.#task('update'),
          }),
        );
      },
    );
  }

  /**
   * Takes what runs as the spec of a drifted deployment: a spec change
   * through the policies like an update, with nothing done in the cloud.
   */
  async acceptDrift(
    rawId: string,
    body: unknown,
    caller: Caller,
  ): Promise<Deployment> {
    return this.#audited('deployment-drift-accept', caller, rawId, async () => {
      const { version } = parseInput(acceptDriftRequestSchema, body, 'accept');
      const current = await this.#changeable(rawId, caller);
      assertVersion(current, version);
      const parsed = deploymentSpecSchema.safeParse(acceptedSpec(current));
      if (!parsed.success) {
        // The request was fine; what runs is no spec the portal accepts.
        throw new ConflictError(
          `What runs cannot become the spec of ${
            current.name
          }: ${describeIssues(parsed.error)}; re-apply the spec instead`,
        );
      }
      const spec = parsed.data;
      this.#checks.providerFor(spec, resourceNameOf(current));
      const estimate = this.#estimates.estimate(spec);
      // Once approved the spec is stored; the next reconciliation finds the
      // resources matching it and the deployment active again.
      const held = await this.#held('update', current, spec, caller, {
        estimate,
      });
      if (held) return held;
      const actor = await actorOf(caller);
      const changed = await this.#store.updateDeployment(
        current.id,
        { spec, estimate },
        { expectedVersion: version, actor },
      );
      return this.#store.transitionDeployment(current.id, 'active', {
        actor,
        from: ['drifted'],
        expectedVersion: changed.version,
        reason: 'Drift accepted: what runs is the spec',
      });
    });
  }

  /**
   * Queues stopping a running deployment: its compute stops billing and
   * what starting needs is kept (see `CloudDeploymentProvider.stop`). Once
   * stopped, its estimate prices what still bills.
   */
  async stop(rawId: string, caller: Caller): Promise<Deployment> {
    return this.#audited('deployment-stop', caller, rawId, async () => {
      const current = await this.#changeable(rawId, caller);
      this.#stoppable(current);
      const actor = await actorOf(caller);
      return this.#thenWakeWorker(
        this.#store.transitionDeployment(current.id, 'stopping', {
          actor,
          from: ['active', 'drifted', 'failed'],
          reason: `Stop asked by ${actor.ref}`,
          task: this.#task('stop'),
        }),
      );
    });
  }

  /**
   * Queues starting a stopped deployment again, to its current spec: through
   * the policies, since it bills again (a budget spent meanwhile, a policy
   * added since it stopped), which may hold it for approval or refuse it.
   */
  async start(rawId: string, caller: Caller): Promise<Deployment> {
    return this.#audited('deployment-start', caller, rawId, async () => {
      const current = await this.#changeable(rawId, caller);
      this.#stoppable(current);
      if (current.status !== 'stopped') {
        throw new ConflictError(
          `Deployment ${current.name} is ${current.status}, not stopped: there is nothing to start`,
        );
      }
      // It bills its spec again, at today's prices.
      const estimate = this.#estimates.estimate(current.spec);
      const held = await this.#held('start', current, current.spec, caller, {
        estimate,
      });
      if (held) return held;
      const actor = await actorOf(caller);
      const started = await this.#thenWakeWorker(
        this.#store.transitionDeployment(current.id, 'starting', {
          actor,
          from: ['stopped'],
          expectedVersion: current.version,
          reason: `Start asked by ${actor.ref}`,
          estimate,
          task: this.#task('start'),
        }),
      );
      await this.#governance.spent(current.spec);
      return started;
    });
  }

  /** A 400 unless the deployment's target and engine can stop and start. */
  #stoppable(current: Deployment) {
    const provider = this.#checks.providerFor(
      current.spec,
      resourceNameOf(current),
    );
    if (current.spec.engine === 'terraform') {
      throw new InputError(
        `engine: ${current.name} is run by Terraform, whose configuration says what runs; change its capacity with a spec change instead of stopping it`,
      );
    }
    if (!provider.stop || !provider.start) {
      throw new InputError(
        `provider: ${provider.title} deployments cannot be stopped and started`,
      );
    }
  }

  /** Stops what is in flight: the deployment fails and its task is cancelled. */
  async cancel(rawId: string, caller: Caller): Promise<Deployment> {
    return this.#audited('deployment-cancel', caller, rawId, async () => {
      const current = await this.#changeable(rawId, caller, {
        failedOver: true,
      });
      const actor = await actorOf(caller);
      return this.#store.transitionDeployment(current.id, 'failed', {
        actor,
        from: [...CANCELLABLE_STATUSES],
        reason: from => cancelReason(from, actor.ref),
        cancelTask: true,
      });
    });
  }

  /**
   * Asks the policies about applying `spec` to `current`: refused (403),
   * held for approval (the deployment with its waiting request), or
   * `undefined` to go on. The estimate is the spec's, made here if not given.
   */
  async #held(
    operation: 'update' | 'redeploy' | 'rollback' | 'start',
    current: Deployment,
    spec: DeploymentSpec,
    caller: Caller,
    options: {
      estimate?: CostEstimate;
      rollback?: { revision: number; reason?: string };
    } = {},
  ): Promise<Deployment | undefined> {
    const estimate = options.estimate ?? this.#estimates.estimate(spec);
    const decision = await this.#governance.check(
      operation,
      current,
      spec,
      estimate,
      caller,
    );
    if (decision.outcome !== 'approval') return undefined;
    return this.#governance.hold(
      current,
      operation,
      spec,
      estimate,
      decision,
      await actorOf(caller),
      options.rollback,
    );
  }

  /**
   * A deployment the caller may update (403 otherwise), whose primary
   * serves it (409 while its DR standby does, unless `failedOver` is allowed).
   */
  async #changeable(
    rawId: string,
    caller: Caller,
    allow: { failedOver?: boolean } = {},
  ): Promise<Deployment> {
    const decision = await this.#authorizer.decide(
      caller,
      cloudDeploymentUpdatePermission,
    );
    const current = await this.#find(rawId);
    this.#assert(decision, current);
    if (!allow.failedOver) await this.#onPrimary(current);
    return current;
  }

  /**
   * A 409 while the DR standby serves the deployment: a change would be
   * applied to the primary, which is not what serves; fail back first.
   */
  async #onPrimary(current: Deployment) {
    if (await this.#standbyServes(current.id)) {
      throw new ConflictError(
        `Deployment ${current.name} has failed over to its DR standby: fail back before changing it`,
      );
    }
  }

  #assert(decision: Decision, deployment: Deployment) {
    this.#authorizer.assert(
      decision,
      subjectOf(deployment),
      `deployment ${deployment.name}`,
    );
  }

  async #find(rawId: string): Promise<Deployment> {
    const id = parseDeploymentId(rawId);
    const deployment = await this.#store.getDeployment(id);
    if (!deployment) throw new NotFoundError(`No deployment with id ${id}`);
    return deployment;
  }

  #task(kind: TaskRequest['kind']): TaskRequest {
    return { kind, maxAttempts: this.#maxAttempts };
  }

  /** A change that queued a task; the worker is woken once it committed. */
  async #thenWakeWorker<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    this.#wakeWorker();
    return result;
  }

  #audited<T extends { id?: string }>(
    eventId: string,
    caller: Caller,
    rawId: string | undefined,
    change: () => Promise<T>,
  ): Promise<T> {
    return audited(
      this.#auditor,
      {
        eventId,
        caller,
        meta: rawId ? { deploymentId: rawId } : {},
        resultMeta: result => ({ deploymentId: result.id ?? null }),
      },
      change,
    );
  }
}

/** A title or description change as a preview lists it; `null` clears it. */
function textChange(
  path: 'title' | 'description',
  before: string | undefined,
  after: string | null | undefined,
): SpecChange[] {
  if (after === undefined || after === (before ?? null)) return [];
  return [{ path, before: before ?? '—', after: after ?? '—' }];
}

/** The difference of two monthly totals, when both are known. */
function monthlyDelta(
  before: CostEstimate | undefined,
  after: CostEstimate,
): number | null {
  if (!before || before.monthlyTotal === null || after.monthlyTotal === null) {
    return null;
  }
  return Math.round((after.monthlyTotal - before.monthlyTotal) * 100) / 100;
}

/** A 409 unless the caller read the deployment at its current version. */
function assertVersion(current: Deployment, version: number) {
  if (current.version !== version) {
    throw new ConflictError(
      `version: ${version} is stale, the deployment is at version ${current.version}; read it again and retry`,
    );
  }
}
