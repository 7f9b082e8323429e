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
import { Budget } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** A budget as stored: everything but its use, which is computed when read. */
export type BudgetRecord = Omit<Budget, 'use'>;

/** Which budgets a list holds; each filter matches any of its values. */
export type BudgetFilter = {
  owner?: string[];
  system?: string[];
  environment?: string[];
};

/** Where budgets are kept. */
export interface BudgetStore {
  listBudgets(filter: BudgetFilter): Promise<BudgetRecord[]>;
  getBudget(id: string): Promise<BudgetRecord | undefined>;
  /** 409 (`ConflictError`) when the scope has a budget already. */
  createBudget(
    budget: Pick<
      BudgetRecord,
      'owner' | 'system' | 'environment' | 'amount' | 'thresholds'
    >,
    actor: { ref: string },
  ): Promise<BudgetRecord>;
  /** 404 for an unknown id, 409 when `expectedVersion` is not the current one. */
  updateBudget(
    id: string,
    change: Partial<Pick<BudgetRecord, 'amount' | 'thresholds'>>,
    options: { expectedVersion: number; actor: { ref: string } },
  ): Promise<BudgetRecord>;
  /** Whether there was such a budget. */
  deleteBudget(id: string): Promise<boolean>;
  /**
   * Records that a threshold of a budget was announced for a month, unless it
   * already was: true for the one caller (of any replica) whose row landed.
   */
  claimAlert(
    budgetId: string,
    threshold: number,
    month: string,
  ): Promise<boolean>;
}
