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
import { TerraformPlanJson, TerraformStateRef } from './types';

// What the runner reads from a plan: its change counts, and whether the
// state it was planned against is still the current one.

/** The counts `plan` prints, from the plan's resource changes. */
export function countChanges(json: TerraformPlanJson) {
  const changes = { add: 0, change: 0, destroy: 0 };
  for (const { change } of json.resource_changes ?? []) {
    const actions = change.actions;
    if (actions.includes('create')) changes.add += 1;
    if (actions.includes('delete')) changes.destroy += 1;
    if (actions.includes('update')) changes.change += 1;
  }
  return changes;
}

export function isStale(
  planned: TerraformStateRef | undefined,
  current: TerraformStateRef | undefined,
): boolean {
  if (!current) return false;
  if (!planned) return true;
  return (
    planned.lineage !== current.lineage || planned.serial !== current.serial
  );
}

export function describeState(state: TerraformStateRef | undefined): string {
  return state ? `serial ${state.serial} (lineage ${state.lineage})` : 'empty';
}
