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
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { deployments } from './tables';

/**
 * The specs of this portal's deployments that hold (or are about to hold)
 * capacity of a provider in a region, for the GPU quota pre-flight: every
 * status but `destroyed` and `awaiting_approval` (nothing runs for a
 * request that waits). `excludeId` leaves out the deployment being changed.
 * Account and instance type live in the spec's JSON, so they are matched
 * by the caller, after the provider's index and the region narrowed the rows.
 */
export async function liveSpecsIn(
  db: Knex,
  where: { provider: string; region: string; excludeId?: string },
): Promise<DeploymentSpec[]> {
  const query = deployments(db)
    .where({ provider: where.provider, region: where.region })
    .whereNotIn('status', ['destroyed', 'awaiting_approval'])
    .select('spec');
  if (where.excludeId) query.whereNot({ id: where.excludeId });
  const rows = await query;
  return rows.map(row => JSON.parse(row.spec) as DeploymentSpec);
}
