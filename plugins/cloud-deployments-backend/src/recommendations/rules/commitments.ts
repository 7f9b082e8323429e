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
  describeMonthlyCost,
  Deployment,
  normalizeEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { unknownSavings } from '../savings';
import { daysBetween, Finding, labelOf, SpecPricer } from '../findings';

/**
 * The commitment each target offers, and why the price data cannot price it:
 * the snapshot and the live sources read on-demand (pay-as-you-go) prices
 * only, so no savings figure is given rather than a guessed discount.
 */
const COMMITMENTS: Record<string, { offer: string; missing: string }> = {
  'aws-sagemaker': {
    offer: 'a SageMaker Savings Plan (1 or 3 years)',
    missing:
      'the price data has no SageMaker Savings Plans rates (the snapshot and the AWS Pricing API source hold on-demand prices only)',
  },
  'gcp-cloud-run': {
    offer: 'a Cloud Run committed use discount (1 or 3 years)',
    missing:
      'the price data has no Cloud Run committed use discount rates (the Cloud Billing Catalog source reads on-demand SKUs only)',
  },
  'azure-container-instances': {
    offer: 'an Azure savings plan for compute (1 or 3 years)',
    missing:
      'the price data has no Azure savings plan rates for Container Instances (the Retail Prices source reads pay-as-you-go prices only)',
  },
  kubernetes: {
    offer: "reserved or committed capacity for the cluster's nodes",
    missing:
      'the price data has no reserved or committed rates for the nodes the cluster runs on',
  },
};

/**
 * Steady production deployments — in `production`, running at a fixed size
 * for at least `steadyDays`, with no TTL — that a commitment would make
 * cheaper. Without the commitment's rates in the price data the savings are
 * `unknown`, and the note says which rates are missing.
 */
export function findCommitments(input: {
  deployments: readonly Deployment[];
  steadyDays: number;
  now: Date;
  price: SpecPricer;
  environments?: readonly string[];
}): Finding[] {
  const { steadyDays, now, price } = input;
  const environments = input.environments ?? ['production'];
  const findings: Finding[] = [];
  for (const deployment of input.deployments) {
    const { spec } = deployment;
    const commitment = COMMITMENTS[spec.provider];
    if (!commitment || !environments.includes(spec.environment)) continue;
    if (spec.ttl) continue;
    const age = daysBetween(deployment.createdAt, now);
    if (age < steadyDays) continue;
    // A service that scales to zero has no steady spend to commit to.
    if (
      spec.provider === 'gcp-cloud-run' &&
      (spec.compute.minInstances ?? 0) < 1
    ) {
      continue;
    }
    const estimate = price(spec);
    const monthly = estimate
      ? describeMonthlyCost(normalizeEstimate(estimate), ' a month')
      : 'no estimate';
    findings.push({
      kind: 'commitment',
      provider: spec.provider,
      deploymentId: deployment.id,
      subject: deployment.id,
      title: `Commit to ${deployment.name}'s steady use`,
      detail:
        `${labelOf(
          deployment,
        )} has run in production for ${age} days with no TTL, ` +
        `at ${monthly} on demand: ${commitment.offer} would cost less. ` +
        `No figure: ${commitment.missing}.`,
      evidence: {
        ageDays: age,
        steadyDays,
        onDemandMonthly: estimate?.monthlyTotal ?? null,
      },
      proposal: {
        type: 'manual',
        summary: `Buy ${commitment.offer} in the cloud's billing console for this deployment's use; the portal changes nothing.`,
      },
      savings: unknownSavings(commitment.missing),
    });
  }
  return findings;
}
