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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ttlExpiry } from '../../reconcile/ttl';
import { differenceSavings, unknownSavings, wholeSavings } from '../savings';
import { DAY_MS, daysBetween, Finding, labelOf, SpecPricer } from '../findings';

/** The traffic of the deployments a metrics source read, and what it measures. */
export type TrafficReading = {
  sourceTitle: string;
  metric: { name: string; unit: string; idleAtOrBelow: number };
  /** deployment id → day → amount; a day left out had no traffic. */
  amounts: ReadonlyMap<string, ReadonlyMap<string, number>>;
};

/** Days an idle deployment is given to be saved before its new TTL ends it. */
export const IDLE_GRACE_DAYS = 3;

/**
 * Deployments that had no traffic on any of the last full `days` (a day at or
 * below the metric's idle amount counts as none), and existed on all of them.
 * The proposal: where the target scales to zero and keeps instances warm,
 * no warm instances; otherwise a TTL that ends it `IDLE_GRACE_DAYS` from now
 * (a TTL counts from creation), so that its owner can still object.
 */
export function findIdle(input: {
  deployments: readonly Deployment[];
  readingOf(deployment: Deployment): TrafficReading | undefined;
  /** The full UTC days looked at, oldest first. */
  days: readonly string[];
  now: Date;
  price: SpecPricer;
}): Finding[] {
  const { days, now, price } = input;
  if (days.length === 0) return [];
  const findings: Finding[] = [];
  for (const deployment of input.deployments) {
    const reading = input.readingOf(deployment);
    if (!reading) continue;
    // It must have existed for the whole window, or "no traffic" means nothing.
    if (new Date(deployment.createdAt).getTime() > Date.parse(days[0])) {
      continue;
    }
    const amounts = reading.amounts.get(deployment.id);
    const busiest = Math.max(0, ...days.map(d => amounts?.get(d) ?? 0));
    if (busiest > reading.metric.idleAtOrBelow) continue;
    const expires = ttlExpiry(deployment);
    const graceEnd = now.getTime() + IDLE_GRACE_DAYS * DAY_MS;
    // Already ending soon: nothing to recommend.
    if (expires && expires.getTime() <= graceEnd) continue;

    const current = price(deployment.spec);
    const evidence = {
      idleDays: days.length,
      from: days[0],
      to: days[days.length - 1],
      metric: reading.metric.name,
      unit: reading.metric.unit,
      busiestDay: busiest,
      idleAtOrBelow: reading.metric.idleAtOrBelow,
      source: reading.sourceTitle,
    };
    const quiet =
      reading.metric.unit === 'requests'
        ? `served no requests (${reading.metric.name}, ${reading.sourceTitle})`
        : `had no more than ${reading.metric.idleAtOrBelow} ${reading.metric.unit} a day of ${reading.metric.name} (${reading.sourceTitle})`;
    const detail = `${labelOf(deployment)} ${quiet} on each of the last ${
      days.length
    } full days, ${days[0]} to ${days[days.length - 1]}.`;
    const { compute } = deployment.spec;
    if (
      deployment.spec.provider === 'gcp-cloud-run' &&
      (compute.minInstances ?? 0) > 0
    ) {
      const proposed = { ...compute, minInstances: 0 };
      const after = price({ ...deployment.spec, compute: proposed });
      findings.push({
        kind: 'idle',
        provider: deployment.spec.provider,
        deploymentId: deployment.id,
        subject: deployment.id,
        title: `Scale idle ${deployment.name} to zero`,
        detail: `${detail} It keeps ${compute.minInstances} instance(s) warm; with none, it starts on the next request.`,
        evidence,
        proposal: {
          type: 'change',
          spec: { compute: proposed },
          summary: `minimum instances ${compute.minInstances} → 0`,
        },
        savings:
          current && after
            ? differenceSavings(current, after)
            : unknownSavings('the current or proposed spec has no estimate'),
      });
      continue;
    }
    const ttlDays = daysBetween(deployment.createdAt, now) + IDLE_GRACE_DAYS;
    const ttl = `P${ttlDays}D`;
    findings.push({
      kind: 'idle',
      provider: deployment.spec.provider,
      deploymentId: deployment.id,
      subject: deployment.id,
      title: `Let idle ${deployment.name} expire`,
      detail: `${detail} A TTL of ${ttl} (it counts from creation) destroys it in ${IDLE_GRACE_DAYS} days unless its owners change it again.`,
      evidence: { ...evidence, ttl },
      proposal: {
        type: 'change',
        spec: { ttl },
        summary: `TTL ${deployment.spec.ttl ?? 'none'} → ${ttl}`,
      },
      savings: current
        ? wholeSavings(current)
        : unknownSavings('the deployment has no estimate'),
    });
  }
  return findings;
}
