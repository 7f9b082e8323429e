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
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DeploymentStore } from '../database/DeploymentStore';
import type { DeploymentNotifier } from '../notifications/DeploymentNotifier';
import { BudgetService } from './BudgetService';
import { BudgetStore } from './BudgetStore';

/**
 * Tells a budget's owners when the spend committed in its scope reaches one
 * of its thresholds. Called after every change that can add spend (an
 * admitted create, update or rollback, an approved request), it announces
 * each threshold once a month: whichever path, and whichever replica, gets
 * there first. A notice is a side effect of a change already made: a failure
 * here is logged, never the change's.
 */
export class BudgetAlerts {
  readonly #budgets: Pick<BudgetService, 'scopesFor'>;
  readonly #store: Pick<BudgetStore, 'claimAlert'>;
  readonly #deployments: Pick<DeploymentStore, 'budgetStandings'>;
  readonly #notices?: Pick<DeploymentNotifier, 'budgetThresholdCrossed'>;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    budgets: Pick<BudgetService, 'scopesFor'>;
    store: Pick<BudgetStore, 'claimAlert'>;
    deployments: Pick<DeploymentStore, 'budgetStandings'>;
    notices?: Pick<DeploymentNotifier, 'budgetThresholdCrossed'>;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#logger = options.logger;
    this.#budgets = options.budgets;
    this.#store = options.store;
    this.#deployments = options.deployments;
    this.#notices = options.notices;
    this.#now = options.now ?? (() => new Date());
  }

  /** Announces the thresholds the budgets `spec` falls in have now reached. */
  async check(spec: DeploymentSpec): Promise<void> {
    try {
      await this.#check(spec);
    } catch (error) {
      this.#logger.warn(
        `Could not check the budgets of ${spec.owner} for alerts: ${error}`,
      );
    }
  }

  async #check(spec: DeploymentSpec) {
    if (!this.#notices) return;
    const scopes = await this.#budgets.scopesFor(spec);
    if (!scopes.length) return;
    const month = this.#now().toISOString().slice(0, 7);
    for (const { budget, committed } of await this.#deployments.budgetStandings(
      scopes,
    )) {
      const percent = (committed / budget.amount) * 100;
      const claimed: number[] = [];
      for (const threshold of budget.thresholds) {
        if (
          percent >= threshold &&
          (await this.#store.claimAlert(budget.id, threshold, month))
        ) {
          claimed.push(threshold);
        }
      }
      // One notice per change: the highest threshold it took the budget past.
      if (!claimed.length) continue;
      await this.#notices.budgetThresholdCrossed(
        {
          id: budget.id,
          owner: budget.owner,
          ...(budget.system ? { system: budget.system } : {}),
          ...(budget.environment ? { environment: budget.environment } : {}),
          amount: budget.amount,
          currency: 'USD',
        },
        Math.max(...claimed),
        Math.round(committed * 100) / 100,
      );
    }
  }
}
