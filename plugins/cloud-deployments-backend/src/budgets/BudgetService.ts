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
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Budget,
  cloudDeploymentBudgetManagePermission,
  cloudDeploymentReadPermission,
  computeBudgetUse,
  createBudgetRequestSchema,
  DEFAULT_BUDGET_THRESHOLDS,
  DeploymentSpec,
  listBudgetsQuerySchema,
  updateBudgetRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { BudgetScope } from '../database/DeploymentStore';
import { billingEstimates } from '../database/deploymentListing';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { actorOf, audited, Caller } from '../service/caller';
import { parseBudgetId, parseInput } from '../service/validation';
import { BudgetRecord, BudgetStore } from './BudgetStore';

/**
 * What the budgets API does between HTTP and storage: reading needs
 * `cloud.deployment.read`, changing `cloud.budget.manage`; changes are
 * audited; and every budget is returned with its use, computed from the
 * estimates of the billing deployments in its scope that the caller may read.
 */
export class BudgetService {
  readonly #store: BudgetStore;
  readonly #knex: Knex;
  readonly #permissions: PermissionsService;
  readonly #authorizer: DeploymentAuthorizer;
  readonly #auditor: AuditorService;

  constructor(options: {
    store: BudgetStore;
    /** The plugin's database, for the deployments a use adds up. */
    knex: Knex;
    permissions: PermissionsService;
    authorizer: DeploymentAuthorizer;
    auditor: AuditorService;
  }) {
    this.#store = options.store;
    this.#knex = options.knex;
    this.#permissions = options.permissions;
    this.#authorizer = options.authorizer;
    this.#auditor = options.auditor;
  }

  async list(query: unknown, caller: Caller): Promise<{ items: Budget[] }> {
    const filter = parseInput(listBudgetsQuerySchema, query, 'query');
    const use = await this.#useOf(caller);
    return { items: await use(await this.#store.listBudgets(filter)) };
  }

  /** The budgets a spec falls in: its owner's, of its system and environment or of any. */
  async scopesFor(spec: DeploymentSpec): Promise<BudgetScope[]> {
    const budgets = await this.#store.listBudgets({ owner: [spec.owner] });
    return budgets
      .filter(
        b =>
          (!b.system || b.system === spec.system) &&
          (!b.environment || b.environment === spec.environment),
      )
      .map(b => ({
        id: b.id,
        owner: b.owner,
        system: b.system ?? '',
        environment: b.environment ?? '',
        amount: b.amount,
        thresholds: b.thresholds,
      }));
  }

  async get(rawId: string, caller: Caller): Promise<Budget> {
    const use = await this.#useOf(caller);
    const [budget] = await use([await this.#find(rawId)]);
    return budget;
  }

  async create(body: unknown, caller: Caller): Promise<Budget> {
    return this.#audited('budget-create', caller, undefined, async () => {
      await this.#assertManage(caller);
      const { thresholds, ...scope } = parseInput(
        createBudgetRequestSchema,
        body,
        'budget',
      );
      const record = await this.#store.createBudget(
        { ...scope, thresholds: thresholds ?? DEFAULT_BUDGET_THRESHOLDS },
        await actorOf(caller),
      );
      return (await (await this.#useOf(caller))([record]))[0];
    });
  }

  async update(rawId: string, body: unknown, caller: Caller): Promise<Budget> {
    return this.#audited('budget-update', caller, rawId, async () => {
      await this.#assertManage(caller);
      const { version, amount, thresholds } = parseInput(
        updateBudgetRequestSchema,
        body,
        'change',
      );
      const current = await this.#find(rawId);
      const record = await this.#store.updateBudget(
        current.id,
        { amount, thresholds },
        { expectedVersion: version, actor: await actorOf(caller) },
      );
      return (await (await this.#useOf(caller))([record]))[0];
    });
  }

  async delete(rawId: string, caller: Caller): Promise<void> {
    await this.#audited('budget-delete', caller, rawId, async () => {
      await this.#assertManage(caller);
      const id = parseBudgetId(rawId);
      if (!(await this.#store.deleteBudget(id))) {
        throw new NotFoundError(`No budget with id ${id}`);
      }
      return { id };
    });
  }

  /**
   * Adds their use to budgets, counting the deployments the caller may read
   * (403 when it may read none).
   */
  async #useOf(
    caller: Caller,
  ): Promise<(records: BudgetRecord[]) => Promise<Budget[]>> {
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    return async records => {
      const owners = [...new Set(records.map(r => r.owner))];
      const billing = await billingEstimates(this.#knex, owners, permission);
      return records.map(record => {
        const inScope = billing.filter(
          d =>
            d.owner === record.owner &&
            (!record.system || d.system === record.system) &&
            (!record.environment || d.environment === record.environment),
        );
        const totals = inScope.flatMap(d => (d.total ? [d.total] : []));
        return {
          ...record,
          use: computeBudgetUse({
            amount: record.amount,
            thresholds: record.thresholds,
            totals,
            withoutEstimate: inScope.length - totals.length,
          }),
        };
      });
    };
  }

  async #assertManage(caller: Caller): Promise<void> {
    const [decision] = await this.#permissions.authorize(
      [{ permission: cloudDeploymentBudgetManagePermission }],
      { credentials: await caller.credentials() },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to manage budgets (${cloudDeploymentBudgetManagePermission.name})`,
      );
    }
  }

  async #find(rawId: string): Promise<BudgetRecord> {
    const id = parseBudgetId(rawId);
    const budget = await this.#store.getBudget(id);
    if (!budget) throw new NotFoundError(`No budget with id ${id}`);
    return budget;
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
        meta: rawId ? { budgetId: rawId } : {},
        resultMeta: result => ({ budgetId: result.id ?? null }),
      },
      change,
    );
  }
}
