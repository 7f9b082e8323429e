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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ObservedState,
  ProviderContext,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DeploymentStore, DriftFinding } from '../database/DeploymentStore';
import { ENGINE_ACTOR } from '../jobs/deploymentTaskTerms';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { DeploymentNotifier } from '../notifications/DeploymentNotifier';
import { describeDrift, driftFields } from './driftFields';
import { ttlExpiry, ttlExpiryReason } from './ttl';

/** What one reconciliation pass found and did. */
export type ReconcileReport = {
  /** Active and drifted deployments looked at. */
  checked: number;
  /**
   * Of those, the ones this pass moved to `drifted` (configured differently
   * from the spec) or `failed` (resources gone or failed).
   */
  drifted: number;
  /** Drifted deployments queued for re-apply (`driftRemediation: reapply`). */
  reapplied: number;
  /** Deployments whose TTL ran out, queued for destroy. */
  expired: number;
  /** Deployments that could not be looked at (provider errors); left as they were. */
  errors: number;
  durationMs: number;
};

export type ReconcilerOptions = {
  store: DeploymentStore;
  providers: ProviderRegistry;
  logger: LoggerService;
  /** Provider calls in flight at once (for providers without `describeMany`). */
  concurrency: number;
  /** Attempts of the destroy tasks queued for expired TTLs. */
  maxAttempts: number;
  /** Called after destroy tasks were queued, to wake the local worker. */
  onTaskQueued?: () => void;
  /** Tells the owners of the deployments found drifted. */
  notifier: DeploymentNotifier;
};

const PAGE = 1000;

/**
 * Compares what the portal believes is active with what the clouds report,
 * and destroys deployments whose TTL ran out. Runs from the scheduler, once
 * across replicas.
 */
export class Reconciler {
  readonly #options: ReconcilerOptions;

  constructor(options: ReconcilerOptions) {
    this.#options = options;
  }

  async reconcile(signal?: AbortSignal): Promise<ReconcileReport> {
    const started = Date.now();
    const { store, providers, logger } = this.#options;
    // One read serves both the TTL check (all four: a stopped deployment's
    // time runs out too) and the drift check (active and drifted).
    const live = await this.#listAll([
      'active',
      'drifted',
      'failed',
      'stopped',
    ]);
    const expiredIds = await this.#expireTtls(live, signal);
    const active = live.filter(
      d =>
        (d.status === 'active' || d.status === 'drifted') &&
        !expiredIds.has(d.id),
    );
    const expired = expiredIds.size;

    const byProvider = new Map<string, Deployment[]>();
    for (const deployment of active) {
      // Terraform owns what it made under its own names: finding drift there
      // takes a refresh-only plan, not the provider's list of its resources.
      if (deployment.spec.engine === 'terraform') continue;
      const list = byProvider.get(deployment.spec.provider) ?? [];
      list.push(deployment);
      byProvider.set(deployment.spec.provider, list);
    }

    const ctx: ProviderContext = {
      signal: signal ?? new AbortController().signal,
      logger,
      // Reconciliation looks; it has nothing to say in a deployment's log.
      log: async () => {},
    };
    const findings: DriftFinding[] = [];
    let errors = 0;
    for (const [providerId, list] of byProvider) {
      const provider = providers.get(providerId);
      if (!provider) continue;
      const { observed, failures } = await this.#observe(provider, list, ctx);
      errors += failures;
      for (const deployment of list) {
        const state = observed.get(deployment.id);
        if (!state) continue;
        const finding = findingOf(provider, deployment, state);
        if (finding) findings.push(finding);
      }
    }
    const changed = await store.markDrifted(findings, ENGINE_ACTOR);
    // Only those this pass moved: a second pass finds them as they are.
    const found = changed.filter(d => d.status !== 'active');
    for (const deployment of found) {
      await this.#options.notifier.driftFound(
        deployment,
        deployment.statusReason ?? 'Drift found by reconciliation',
        deployment.drift?.fields ?? [],
      );
    }
    const reapplied = await this.#remediate(found);
    const report = {
      checked: [...byProvider.values()].reduce((n, l) => n + l.length, 0),
      drifted: found.length,
      reapplied,
      expired,
      errors,
      durationMs: Date.now() - started,
    };
    logger.info(
      `Reconciled ${report.checked} active deployments in ${report.durationMs} ms: ${report.drifted} drifted (${report.reapplied} re-applied), ${report.expired} expired, ${report.errors} could not be checked`,
    );
    return report;
  }

  /**
   * Queues the update that puts the spec back on each drifted deployment
   * that asks for it. The spec is the one already admitted, so no policy
   * is asked again; a person changing it meanwhile wins (the move fails).
   */
  async #remediate(found: Deployment[]): Promise<number> {
    const { store, maxAttempts, logger, onTaskQueued } = this.#options;
    let queued = 0;
    for (const deployment of found) {
      if (
        deployment.status !== 'drifted' ||
        deployment.spec.driftRemediation !== 'reapply'
      ) {
        continue;
      }
      try {
        await store.transitionDeployment(deployment.id, 'updating', {
          actor: ENGINE_ACTOR,
          from: ['drifted'],
          expectedVersion: deployment.version,
          reason: 'Drift remediation: re-applying the spec',
          task: { kind: 'update', maxAttempts },
        });
        queued += 1;
      } catch (error) {
        logger.warn(
          `Could not re-apply drifted deployment ${deployment.name}: ${error}`,
        );
      }
    }
    if (queued) onTaskQueued?.();
    return queued;
  }

  async #listAll(status: Deployment['status'][]): Promise<Deployment[]> {
    const all: Deployment[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#options.store.listDeployments(
        { status },
        { cursor, limit: PAGE },
      );
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  /** Looks at every deployment; those it could not look at are left out. */
  async #observe(
    provider: CloudDeploymentProvider,
    deployments: Deployment[],
    ctx: ProviderContext,
  ): Promise<{ observed: Map<string, ObservedState>; failures: number }> {
    const { logger, concurrency } = this.#options;
    if (provider.describeMany) {
      try {
        const seen = await provider.describeMany(deployments, ctx);
        const observed = new Map<string, ObservedState>();
        for (const d of deployments) {
          observed.set(d.id, seen.get(d.id) ?? { state: 'absent' });
        }
        return { observed, failures: 0 };
      } catch (error) {
        logger.warn(
          `Could not list the ${provider.title} deployments: ${error}`,
        );
        return { observed: new Map(), failures: deployments.length };
      }
    }
    const observed = new Map<string, ObservedState>();
    let failures = 0;
    let next = 0;
    const worker = async () => {
      while (next < deployments.length && !ctx.signal.aborted) {
        const deployment = deployments[next++];
        try {
          observed.set(deployment.id, await provider.describe(deployment, ctx));
        } catch (error) {
          failures += 1;
          logger.warn(
            `Could not look at deployment ${deployment.name} on ${provider.title}: ${error}`,
          );
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, deployments.length) }, worker),
    );
    return { observed, failures };
  }

  /** Queues the destroy of every deployment whose TTL ran out; returns their ids. */
  async #expireTtls(
    candidates: Deployment[],
    signal?: AbortSignal,
  ): Promise<Set<string>> {
    const { store, maxAttempts, logger, onTaskQueued } = this.#options;
    const now = Date.now();
    const expired = new Set<string>();
    for (const deployment of candidates) {
      if (signal?.aborted) break;
      const expiry = ttlExpiry(deployment);
      if (!expiry || expiry.getTime() > now) continue;
      try {
        await store.transitionDeployment(deployment.id, 'destroying', {
          actor: ENGINE_ACTOR,
          from: ['active', 'drifted', 'failed', 'stopped'],
          reason: ttlExpiryReason(deployment.spec.ttl!),
          task: { kind: 'destroy', maxAttempts },
        });
        expired.add(deployment.id);
      } catch (error) {
        logger.warn(
          `Could not destroy expired deployment ${deployment.name}: ${error}`,
        );
      }
    }
    if (expired.size) onTaskQueued?.();
    return expired;
  }
}

/** What reconciliation makes of what a provider saw; nothing to record: undefined. */
function findingOf(
  provider: CloudDeploymentProvider,
  deployment: Deployment,
  state: ObservedState,
): DriftFinding | undefined {
  const { id } = deployment;
  if (state.state === 'absent') {
    return {
      id,
      status: 'failed',
      reason: `Drift: the ${provider.title} resources were deleted outside the portal`,
    };
  }
  if (state.state === 'failed') {
    return {
      id,
      status: 'failed',
      reason: `Drift: ${provider.title} reports a failure: ${state.reason}`,
    };
  }
  if (state.state === 'stopped') {
    // Stopped outside the portal: re-applying the spec starts it again.
    const fields = [
      { field: 'state', desired: 'running', observed: 'stopped' },
    ];
    return {
      id,
      status: 'drifted',
      reason: `Drift: the ${provider.title} resources were stopped outside the portal`,
      fields,
    };
  }
  // A change someone makes outside the portal may still be rolling out: what
  // it is configured with is already known.
  if (!state.config) return undefined;
  const fields = driftFields(deployment.spec, state.config);
  if (fields.length) {
    return {
      id,
      status: 'drifted',
      reason: `Drift: ${
        provider.title
      } runs a configuration other than the spec: ${describeDrift(fields)}`,
      fields,
    };
  }
  return deployment.status === 'drifted'
    ? {
        id,
        status: 'active',
        reason: `The ${provider.title} resources match the spec again`,
      }
    : undefined;
}
