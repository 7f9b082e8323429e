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
  DeploymentRevision,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

type RevisionCost = Pick<DeploymentRevision, 'monthlyCost' | 'costKind'>;

const KIND_LABELS: Record<DeploymentRevision['costKind'], string> = {
  exact: 'exact',
  approximate: 'approximate',
  partial: 'partly priced',
  unknown: 'unpriced',
};

/**
 * A revision's monthly cost as it was estimated: `$12.50`, `≈ $12.50`
 * (priced from another region), `≥ $12.50` (some lines unpriced), or
 * `unknown` (nothing priced; never $0).
 *
 * @internal
 */
export function formatRevisionCost(revision: RevisionCost): string {
  if (revision.monthlyCost === undefined) return 'unknown';
  const amount = formatUsd(revision.monthlyCost);
  switch (revision.costKind) {
    case 'approximate':
      return `≈ ${amount}`;
    case 'partial':
      return `≥ ${amount}`;
    default:
      return amount;
  }
}

/** How sure a revision's cost is, in words. @internal */
export function costKindLabel(revision: RevisionCost): string {
  return KIND_LABELS[revision.costKind];
}

/**
 * What restoring `to` does to the monthly cost of `from` (the current
 * revision), as estimated when each was made.
 *
 * @internal
 */
export function describeCostDelta(
  from: DeploymentRevision,
  to: DeploymentRevision,
): string {
  const unpriced = [from, to].filter(r => r.monthlyCost === undefined);
  if (unpriced.length) {
    return `The change in monthly cost is unknown: revision ${unpriced
      .map(r => r.number)
      .join(' and revision ')} had no price.`;
  }
  const before = from.monthlyCost!;
  const after = to.monthlyCost!;
  const delta = Math.round((after - before) * 100) / 100;
  const unsure = [from, to].some(r => r.costKind !== 'exact');
  const range = `${formatRevisionCost(from)} → ${formatRevisionCost(to)}`;
  if (delta === 0) {
    return `No change in monthly cost (${range})${
      unsure ? ', as far as it was priced' : ''
    }.`;
  }
  const sign = delta > 0 ? '+' : '−';
  return `${unsure ? 'About ' : ''}${sign}${formatUsd(
    Math.abs(delta),
  )} a month (${range}).`;
}
