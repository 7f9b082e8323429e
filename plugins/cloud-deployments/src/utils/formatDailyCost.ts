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
import { formatUsd } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

const small = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 2,
});

/**
 * A day's cost as text: to the cent, except a non-zero amount under a cent,
 * which keeps two significant digits (`$0.00061`) so that it never reads as
 * $0.00.
 *
 * @internal
 */
export function formatDailyCost(amount: number): string {
  return amount !== 0 && Math.abs(amount) < 0.01
    ? small.format(amount)
    : formatUsd(amount);
}

/**
 * Hours as text: whole and half hours as they are, others to two decimals
 * (`18`, `17.5`, `0.02`), and a few seconds as `< 0.01`, not 0.
 *
 * @internal
 */
export function formatHours(hours: number): string {
  if (hours > 0 && hours < 0.005) return '< 0.01';
  return String(Math.round(hours * 100) / 100);
}

/**
 * The last day of a span given as `[from, to)`: the day before `to`.
 *
 * @internal
 */
export function lastDayOf(to: string): string {
  return new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
}
