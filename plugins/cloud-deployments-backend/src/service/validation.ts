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
import { InputError } from '@backstage/errors';
import { describeIssues } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { z } from 'zod/v3';

/**
 * Parses a request part with a schema; failures become a 400 whose message names
 * every offending field. A problem with the whole value (not an object, unknown
 * fields) names the part of the request it is: `query`, or else `body`.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const whole = what === 'query' ? 'query' : 'body';
    const issues = result.error.issues.map(issue =>
      issue.path.length ? issue : { ...issue, path: [whole] },
    );
    throw new InputError(
      `Invalid ${what}: ${describeIssues(new z.ZodError(issues))}`,
    );
  }
  return result.data;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Deployment ids are UUIDs; anything else cannot name a deployment. */
export function parseDeploymentId(id: string): string {
  return parseUuid(id, 'deployment');
}

/** Budget ids are UUIDs too. */
export function parseBudgetId(id: string): string {
  return parseUuid(id, 'budget');
}

export function parseRecommendationId(id: string): string {
  return parseUuid(id, 'recommendation');
}

export function parseApprovalId(id: string): string {
  return parseUuid(id, 'approval request');
}

/** A revision number in a path: digits within the column's 32-bit range. */
export function parseRevisionNumber(raw: string): number {
  const number = /^[0-9]{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(number >= 1 && number <= 2_147_483_647)) {
    throw new InputError(
      `number: "${raw.slice(0, 64)}" is not a revision number`,
    );
  }
  return number;
}

/** Whether text is a UUID, in any case (the form of every id the API makes). */
export function isUuid(text: string): boolean {
  return uuid.test(text.toLowerCase());
}

function parseUuid(id: string, what: string): string {
  const lower = id.toLocaleLowerCase('en-US');
  if (!uuid.test(lower)) {
    throw new InputError(`id: "${id.slice(0, 64)}" is not a ${what} id`);
  }
  return lower;
}
