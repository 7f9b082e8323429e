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
  CostEstimate,
  Deployment,
  DeploymentSpec,
  RecommendationKind,
  RecommendationProposal,
  RecommendationSavings,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** What a rule found: a recommendation before it is stored. */
export type Finding = {
  kind: RecommendationKind;
  provider: string;
  /** The deployment it is about, when the portal has it. */
  deploymentId?: string;
  /** What it is about, unique within its kind (a deployment id, a resource id). */
  subject: string;
  title: string;
  detail: string;
  evidence: Record<string, string | number | boolean | null>;
  proposal: RecommendationProposal;
  savings: RecommendationSavings;
  resource?: {
    kind: string;
    id: string;
    name: string;
    region?: string;
    location?: string;
  };
};

/**
 * Prices a spec from the catalogue as the estimate of a deployment would be;
 * undefined when it cannot be priced (an instance type or region the
 * catalogue refuses).
 */
export type SpecPricer = (
  spec: Pick<DeploymentSpec, 'provider' | 'region' | 'compute' | 'usage'>,
) => CostEstimate | undefined;

export const DAY_MS = 86_400_000;

/** Whole days from `from` to `to`, rounded down. */
export function daysBetween(from: string | Date, to: Date): number {
  return Math.floor((to.getTime() - new Date(from).getTime()) / DAY_MS);
}

/** A deployment's name as people read it: `web-api (staging)`. */
export function labelOf(deployment: Deployment): string {
  return `${deployment.name} (${deployment.spec.environment})`;
}
