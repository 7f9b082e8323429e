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
  Deployment,
  ISO_DURATION_PATTERN,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * The length of an ISO 8601 duration such as `P7D` or `PT12H`, in
 * milliseconds. Years count 365 days and months 30: a TTL is a budget, not a
 * calendar date. Undefined when the text is not a duration.
 */
export function ttlToMilliseconds(ttl: string): number | undefined {
  const match = ISO_DURATION_PATTERN.exec(ttl);
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map(part => Number(part ?? 0));
  const totalDays = years * 365 + months * 30 + weeks * 7 + days;
  return ((totalDays * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
}

/** When a deployment's TTL runs out, counted from its creation; undefined without one. */
export function ttlExpiry(deployment: Deployment): Date | undefined {
  const ttlMs = deployment.spec.ttl
    ? ttlToMilliseconds(deployment.spec.ttl)
    : undefined;
  if (ttlMs === undefined) return undefined;
  return new Date(new Date(deployment.createdAt).getTime() + ttlMs);
}

/**
 * Why reconciliation destroys a deployment whose TTL ran out, as its status
 * event says; {@link TTL_EXPIRY_REASON} recognises it (TTL savings).
 */
export function ttlExpiryReason(ttl: string): string {
  return `Time to live ${ttl} ran out`;
}

/** Matches {@link ttlExpiryReason}. */
export const TTL_EXPIRY_REASON = /^Time to live \S+ ran out$/;
