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
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation, toIsoString } from '../database/tables';
import { BudgetFilter, BudgetRecord, BudgetStore } from './BudgetStore';

/** A row of `budgets`, as Knex reads it on either database. */
type BudgetRow = {
  id: string;
  owner: string;
  /** '' for every system. */
  system: string;
  /** '' for every environment. */
  environment: string;
  /** numeric: a string on PostgreSQL, a number on SQLite. */
  amount: string | number;
  /** JSON array of percentages. */
  thresholds: string;
  created_by: string;
  created_at: Date | string;
  updated_by: string;
  updated_at: Date | string;
  version: number;
};

/** Budgets in the plugin's database (migrations/20261206_budgets.js). */
export class DatabaseBudgetStore implements BudgetStore {
  readonly #db: Knex;

  constructor(options: { knex: Knex }) {
    this.#db = options.knex;
  }

  async listBudgets(filter: BudgetFilter): Promise<BudgetRecord[]> {
    const rows = await this.#budgets()
      .modify(qb => {
        for (const column of ['owner', 'system', 'environment'] as const) {
          const values = filter[column];
          if (values?.length) qb.whereIn(column, values);
        }
      })
      .orderBy([
        { column: 'owner' },
        { column: 'system' },
        { column: 'environment' },
      ])
      .select();
    return rows.map(toRecord);
  }

  async getBudget(id: string): Promise<BudgetRecord | undefined> {
    const row = await this.#budgets().where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  async createBudget(
    budget: Pick<
      BudgetRecord,
      'owner' | 'system' | 'environment' | 'amount' | 'thresholds'
    >,
    actor: { ref: string },
  ): Promise<BudgetRecord> {
    const now = new Date().toISOString();
    const row: BudgetRow = {
      id: randomUUID(),
      owner: budget.owner,
      system: budget.system ?? '',
      environment: budget.environment ?? '',
      amount: budget.amount,
      thresholds: JSON.stringify(budget.thresholds),
      created_by: actor.ref,
      created_at: now,
      updated_by: actor.ref,
      updated_at: now,
      version: 1,
    };
    try {
      await this.#budgets().insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `${describeScope(budget)} has a budget already; change that one`,
        );
      }
      throw error;
    }
    return toRecord(row);
  }

  async updateBudget(
    id: string,
    change: Partial<Pick<BudgetRecord, 'amount' | 'thresholds'>>,
    options: { expectedVersion: number; actor: { ref: string } },
  ): Promise<BudgetRecord> {
    const updated = await this.#budgets()
      .where({ id, version: options.expectedVersion })
      .update({
        ...(change.amount === undefined ? {} : { amount: change.amount }),
        ...(change.thresholds === undefined
          ? {}
          : { thresholds: JSON.stringify(change.thresholds) }),
        updated_by: options.actor.ref,
        updated_at: new Date().toISOString(),
        version: options.expectedVersion + 1,
      });
    const current = await this.getBudget(id);
    if (!current) throw new NotFoundError(`No budget with id ${id}`);
    if (updated === 0) {
      throw new ConflictError(
        `Budget ${id} is at version ${current.version}, not ${options.expectedVersion}: read it again and retry`,
      );
    }
    return current;
  }

  async deleteBudget(id: string): Promise<boolean> {
    return (await this.#budgets().where({ id }).delete()) > 0;
  }

  async claimAlert(
    budgetId: string,
    threshold: number,
    month: string,
  ): Promise<boolean> {
    const inserted = await this.#db('budget_alerts')
      .insert({
        budget_id: budgetId,
        threshold,
        month,
        created_at: new Date().toISOString(),
      })
      .onConflict(['budget_id', 'threshold', 'month'])
      .ignore()
      .returning('budget_id');
    return inserted.length === 1;
  }

  #budgets() {
    return this.#db<BudgetRow>('budgets');
  }
}

function toRecord(row: BudgetRow): BudgetRecord {
  return {
    id: row.id,
    owner: row.owner,
    ...(row.system ? { system: row.system } : {}),
    ...(row.environment ? { environment: row.environment } : {}),
    amount: Number(row.amount),
    currency: 'USD',
    thresholds: JSON.parse(row.thresholds),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
    version: Number(row.version),
  };
}

/** `group:default/a`, `group:default/a in production`, `… for system:default/s`. */
export function describeScope(
  scope: Pick<BudgetRecord, 'owner' | 'system' | 'environment'>,
): string {
  return [
    scope.owner,
    scope.system ? `for ${scope.system}` : '',
    scope.environment ? `in ${scope.environment}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
