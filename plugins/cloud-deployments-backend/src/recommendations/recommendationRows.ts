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
  Recommendation,
  RecommendationKind,
  RecommendationProposal,
  RecommendationSavings,
  RecommendationStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { toIsoString } from '../database/tables';

/** A row of `cost_recommendations`, as Knex reads it on either database. */
export type RecommendationRow = {
  id: string;
  fingerprint: string;
  kind: RecommendationKind;
  status: RecommendationStatus;
  provider: string;
  deployment_id: string | null;
  title: string;
  detail: string;
  evidence: string;
  proposal: string;
  savings: string;
  monthly_savings: number | null;
  resource: string | null;
  created_at: Date | string;
  last_seen_at: Date | string;
  status_changed_at: Date | string;
  status_changed_by: string;
  status_reason: string | null;
  version: number;
};

export const recommendationRows = (db: Knex | Knex.Transaction) =>
  db<RecommendationRow>('cost_recommendations');

export const recommendationRuns = (db: Knex | Knex.Transaction) =>
  db<{ id: string; computed_at: Date | string; gaps: string }>(
    'cost_recommendation_runs',
  );

/** One row per kind and subject, whatever the subject's length or text. */
export function fingerprintOf(kind: RecommendationKind, subject: string) {
  return createHash('sha256').update(`${kind}\u0000${subject}`).digest('hex');
}

/** The person-facing parts of a deployment a recommendation names. */
export type NamedDeployment = {
  name: string;
  environment: string;
  owner: string;
};

export function toRecommendation(
  row: RecommendationRow,
  deployment?: NamedDeployment,
): Recommendation {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    provider: row.provider,
    ...(row.deployment_id ? { deploymentId: row.deployment_id } : {}),
    ...(deployment
      ? {
          deploymentName: deployment.name,
          environment: deployment.environment,
          owner: deployment.owner,
        }
      : {}),
    ...(row.resource ? { resource: JSON.parse(row.resource) } : {}),
    title: row.title,
    detail: row.detail,
    evidence: JSON.parse(row.evidence),
    proposal: JSON.parse(row.proposal) as RecommendationProposal,
    savings: JSON.parse(row.savings) as RecommendationSavings,
    createdAt: toIsoString(row.created_at),
    lastSeenAt: toIsoString(row.last_seen_at),
    statusChangedAt: toIsoString(row.status_changed_at),
    statusChangedBy: row.status_changed_by,
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
    version: Number(row.version),
  };
}
