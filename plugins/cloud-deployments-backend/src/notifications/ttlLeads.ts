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

/** How long before a TTL runs out its owners are told. */
export type TtlLead = '2d' | '2h' | '30m';

/** The leads, nearest first. */
const LEADS: ReadonlyArray<{ lead: TtlLead; ms: number }> = [
  { lead: '30m', ms: 30 * 60_000 },
  { lead: '2h', ms: 2 * 3_600_000 },
  { lead: '2d', ms: 2 * 86_400_000 },
];

/** A lead in words, for the notice's title. */
export const TTL_LEAD_WORDS: Record<TtlLead, string> = {
  '2d': '2 days',
  '2h': '2 hours',
  '30m': '30 minutes',
};

/**
 * The notice due for a deployment that expires at `expiresAt`: the nearest
 * lead whose window it is in. A TTL of one hour gets the 2 h notice at once
 * and never the 2 d one; undefined once it has run out (reconciliation then
 * destroys it) or while it is more than 2 days away.
 */
export function dueTtlLead(expiresAt: Date, now: Date): TtlLead | undefined {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return undefined;
  return LEADS.find(({ ms }) => left <= ms)?.lead;
}
