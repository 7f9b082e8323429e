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
import type { EstimateTotal } from './costTotals';
import type { PriceKind } from './pricing';
import type { DeploymentProvider, DeploymentSpec } from './types';

/**
 * What a recommendation is about:
 * - `idle`: a deployment that served no traffic for days;
 * - `rightsizing`: a cheaper instance type that holds what the deployment
 *   declares it needs (or a GPU type under a workload that declares none);
 * - `commitment`: a steady production deployment a savings plan or
 *   committed-use discount would make cheaper;
 * - `orphaned`: a cloud resource carrying the portal's tags with no live
 *   deployment.
 *
 * @public
 */
export const RECOMMENDATION_KINDS = [
  'idle',
  'rightsizing',
  'commitment',
  'orphaned',
] as const;

/**
 * A kind of recommendation; see {@link RECOMMENDATION_KINDS}.
 *
 * @public
 */
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

/**
 * Where a recommendation stands: `open` until someone accepts or dismisses
 * it; `done` when what it found no longer holds (the change was applied, the
 * orphan deleted), whoever did it.
 *
 * @public
 */
export const RECOMMENDATION_STATUSES = [
  'open',
  'accepted',
  'dismissed',
  'done',
] as const;

/**
 * A recommendation's status; see {@link RECOMMENDATION_STATUSES}.
 *
 * @public
 */
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/**
 * What a recommendation saves a month, from the price catalogue: the
 * difference of two estimates, or the whole estimate of what would go. Never
 * more certain than its price lines: `monthlyTotal` is null when a line has
 * no price (then `pricedSubtotal` is a lower bound, or nothing is known).
 *
 * @public
 */
export type RecommendationSavings = EstimateTotal & {
  currency: 'USD';
  /** The savings as text: `$84.00 a month`, `≈ …`, `≥ …`, `unknown, …`. */
  description: string;
  /** How many of the price lines behind the figure are of each kind. */
  lineKinds: Record<PriceKind, number>;
  /** Why the figure is unknown or what it leaves out, when it does. */
  note?: string;
};

/**
 * The change accepting a recommendation opens for review: a spec to preview
 * and apply through the edit screen (nothing is applied without it), or an
 * action to take outside the portal.
 *
 * @public
 */
export type RecommendationProposal =
  | {
      type: 'change';
      /** The fields that change, e.g. `{ compute: { instanceType: 'ml.m5.large' } }`. */
      spec: Partial<Pick<DeploymentSpec, 'ttl'>> & {
        compute?: DeploymentSpec['compute'];
      };
      /** The change in words. */
      summary: string;
    }
  | {
      type: 'manual';
      /** What to do, and where, in words. */
      summary: string;
    };

/**
 * A savings recommendation, computed on a schedule and stored with its
 * status.
 *
 * @public
 */
export type Recommendation = {
  id: string;
  kind: RecommendationKind;
  status: RecommendationStatus;
  provider: DeploymentProvider | string;
  /** The deployment it is about; for `orphaned`, the id in the resource's tag. */
  deploymentId?: string;
  /** The deployment's name and environment, when the portal knows it. */
  deploymentName?: string;
  environment?: string;
  /** The deployment's owner, when the portal knows it. */
  owner?: string;
  /** The cloud resource, for `orphaned`. */
  resource?: {
    kind: string;
    id: string;
    name: string;
    region?: string;
    location?: string;
  };
  /** One line: what to do. */
  title: string;
  /** Why: the evidence, in words. */
  detail: string;
  /** Figures behind the finding, e.g. `{ idleDays: 7, metric: 'Invocations' }`. */
  evidence: Record<string, string | number | boolean | null>;
  proposal: RecommendationProposal;
  savings: RecommendationSavings;
  /** When it was first found, and last found still to hold (ISO 8601). */
  createdAt: string;
  lastSeenAt: string;
  /** The last change of status: when, by whom (`system` when resolved by the job), why. */
  statusChangedAt: string;
  statusChangedBy: string;
  statusReason?: string;
  /** Incremented on every change of status; send it back to change it. */
  version: number;
};

/**
 * The recommendations the caller may read, and what the open ones save.
 *
 * @public
 */
export type RecommendationList = {
  items: Recommendation[];
  /** The sum of the open ones' savings, as sure as its least sure part. */
  openSavings: RecommendationSavings;
  /** When the recommendations were last computed (ISO 8601), if ever. */
  computedAt?: string;
  /**
   * What the last computation could not look at (a metrics source that
   * failed, a provider that cannot list its resources), in words.
   */
  gaps: string[];
};
