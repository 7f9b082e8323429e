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
import { validationError } from './awsErrors';

type Body = Record<string, any>;

/** One page of `items` after the request's `NextToken`, of its `MaxResults`. */
export function page<T>(items: T[], body: Body): { items: T[]; next?: string } {
  const max = body.MaxResults ?? 10;
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw validationError(
      `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`,
    );
  }
  let start = 0;
  if (body.NextToken !== undefined) {
    start = Number(Buffer.from(String(body.NextToken), 'base64url').toString());
    if (!Number.isInteger(start) || start < 0) {
      throw validationError('Invalid pagination token');
    }
  }
  const end = start + max;
  return {
    items: items.slice(start, end),
    ...(end < items.length
      ? { next: Buffer.from(String(end)).toString('base64url') }
      : {}),
  };
}

/** Filters by the request's `NameContains` and sorts by its `SortBy` and `SortOrder`. */
export function byName<T extends { name: string; createdAt: number }>(
  items: T[],
  body: Body,
): T[] {
  const filtered = body.NameContains
    ? items.filter(i => i.name.includes(body.NameContains))
    : items;
  const sorted = filtered.sort((a, b) =>
    body.SortBy === 'Name'
      ? a.name.localeCompare(b.name)
      : a.createdAt - b.createdAt || a.name.localeCompare(b.name),
  );
  return body.SortOrder === 'Ascending' ? sorted : sorted.reverse();
}
