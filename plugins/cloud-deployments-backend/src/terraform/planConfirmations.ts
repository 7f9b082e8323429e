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
import { TerraformPlanConfirmation } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

/** A row of `terraform_plan_confirmations`. */
type ConfirmationRow = {
  id: string;
  workspace_id: string;
  status: TerraformPlanConfirmation['status'];
  plan_sha256: string;
  summary: string;
  requested_by: string;
  created_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  comment: string | null;
};

type Summary = Pick<
  TerraformPlanConfirmation,
  | 'add'
  | 'change'
  | 'destroy'
  | 'monthlyBefore'
  | 'monthlyAfter'
  | 'description'
>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Saved plans waiting for a person's confirmation, per workspace. A decision
 * is taken once: the update only matches a pending row, so two people
 * deciding at once get one decision and one 409.
 */
export class PlanConfirmations {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async request(
    workspace: { id: string; name: string },
    input: Summary & { planSha256: string; requestedBy: string },
  ): Promise<TerraformPlanConfirmation> {
    const { planSha256, requestedBy, ...summary } = input;
    const row: ConfirmationRow = {
      id: randomUUID(),
      workspace_id: workspace.id,
      status: 'pending',
      plan_sha256: planSha256,
      summary: JSON.stringify(summary),
      requested_by: requestedBy,
      created_at: new Date().toISOString(),
      decided_by: null,
      decided_at: null,
      comment: null,
    };
    await this.#table().insert(row);
    return view(row, workspace.name);
  }

  async get(
    workspace: { id: string; name: string },
    id: string,
  ): Promise<TerraformPlanConfirmation> {
    const row = UUID.test(id)
      ? await this.#table().where({ id, workspace_id: workspace.id }).first()
      : undefined;
    if (!row) {
      throw new NotFoundError(
        `No plan confirmation ${id.slice(0, 64)} in workspace ${
          workspace.name
        }`,
      );
    }
    return view(row, workspace.name);
  }

  async decide(
    workspace: { id: string; name: string },
    id: string,
    decision: { confirm: boolean; decidedBy: string; comment?: string },
  ): Promise<TerraformPlanConfirmation> {
    await this.get(workspace, id);
    const updated = await this.#table()
      .where({ id, workspace_id: workspace.id, status: 'pending' })
      .update({
        status: decision.confirm ? 'confirmed' : 'rejected',
        decided_by: decision.decidedBy,
        decided_at: new Date().toISOString(),
        comment: decision.comment ?? null,
      });
    if (updated === 0) {
      const now = await this.get(workspace, id);
      throw new ConflictError(
        `Plan confirmation ${id} was already ${now.status} by ${now.decidedBy}`,
      );
    }
    return this.get(workspace, id);
  }

  #table() {
    return this.#db<ConfirmationRow>('terraform_plan_confirmations');
  }
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function view(
  row: ConfirmationRow,
  workspace: string,
): TerraformPlanConfirmation {
  const summary = JSON.parse(row.summary) as Summary;
  return {
    id: row.id,
    workspace,
    status: row.status,
    planSha256: row.plan_sha256,
    ...summary,
    requestedBy: row.requested_by,
    createdAt: iso(row.created_at),
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at ? { decidedAt: iso(row.decided_at) } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}
