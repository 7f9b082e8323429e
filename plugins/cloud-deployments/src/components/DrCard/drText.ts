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
  describeMonthlyCost,
  DrMode,
  DrRun,
  DrStandbyState,
  normalizeEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** The standby states in which a DR task runs, so the plan is polled. */
export const DR_TASK_STATES: ReadonlySet<DrStandbyState> = new Set([
  'syncing',
  'promoting',
  'returning',
  'drilling',
]);

/** Each mode's name and what it means, in one line. */
export const DR_MODE_TEXT: Record<DrMode, { label: string; hint: string }> = {
  'pilot-light': {
    label: 'Pilot light',
    hint: 'Nothing runs in the standby region (nothing bills); a failover provisions it, so recovery takes longer.',
  },
  'warm-standby': {
    label: 'Warm standby',
    hint: 'The spec runs at minimum capacity in the standby region (it bills); a failover only scales it, so recovery is faster.',
  },
};

/** What the standby is doing, as the chip says it. */
export const DR_STATE_LABEL: Record<DrStandbyState, string> = {
  syncing: 'Syncing',
  ready: 'Ready',
  promoting: 'Failing over',
  serving: 'Serving',
  returning: 'Failing back',
  drilling: 'Drilling',
  failed: 'Failed',
};

/** A duration in seconds as `42.3 s`, `15 min` or `1 h 30 min`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const minutes = Math.round(seconds / 6) / 10;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes - hours * 60);
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/**
 * How a run went against its objective: `recovered in 42.3 s against an
 * objective of 15 min — met`, or why it failed.
 */
export function describeRun(run: DrRun): string {
  const objective = `an objective of ${formatSeconds(run.rtoSeconds)}`;
  const reason = run.reason ? `: ${run.reason}` : '';
  switch (run.outcome) {
    case 'running':
      return `running since ${new Date(run.startedAt).toLocaleString()}`;
    case 'met':
    case 'missed':
      return run.recoverySeconds === undefined
        ? `${run.outcome} ${objective}`
        : `recovered in ${formatSeconds(
            run.recoverySeconds,
          )} against ${objective} — ${run.outcome}${reason}`;
    case 'cancelled':
      return `cancelled${reason}`;
    default:
      return `failed${reason || ' (no reason given)'}`;
  }
}

/**
 * A monthly cost with its certainty, and what to know about it (a pilot
 * light's warning says why it is $0); "no estimate" when there is none,
 * never $0.
 */
export function describeDrCost(estimate?: CostEstimate): {
  amount: string;
  notes: string[];
} {
  if (!estimate) return { amount: 'no estimate', notes: [] };
  return {
    amount: describeMonthlyCost(normalizeEstimate(estimate), ' a month'),
    notes: estimate.warnings,
  };
}
