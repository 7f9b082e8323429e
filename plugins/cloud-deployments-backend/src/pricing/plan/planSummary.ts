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
import { PlanResourceCost } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** Whether every resource is free or priced exactly, before and after. */
export function isComplete(resources: PlanResourceCost[]): boolean {
  return resources.every(
    r =>
      !r.unpriced &&
      (r.pricing === 'free' ||
        (r.pricing === 'priced' && r.totalKind === 'exact')),
  );
}

/** Says what the totals leave out and what is borrowed from other regions. */
export function planWarnings(resources: PlanResourceCost[]): string[] {
  const count = (p: (r: PlanResourceCost) => boolean) =>
    resources.filter(p).length;
  const chargeable = count(r => r.pricing === 'chargeable-unpriced');
  const unknown = count(r => r.pricing === 'unknown-type');
  const missing = count(r => r.pricing === 'priced' && !!r.unpriced);
  const approximate = count(r => r.totalKind === 'approximate');
  const warnings: string[] = [];
  if (chargeable + unknown + missing) {
    warnings.push(
      `${
        chargeable + unknown + missing
      } resource(s) could not be priced and are not in the totals (${chargeable} billed without a price in the data, ${unknown} of an unknown type, ${missing} with a missing price line)`,
    );
  }
  if (approximate) {
    warnings.push(
      `${approximate} resource(s) are priced with another region's prices (approximate)`,
    );
  }
  return warnings;
}
