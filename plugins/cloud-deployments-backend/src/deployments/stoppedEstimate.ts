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
  DeploymentProvider,
  normalizeEstimate,
  totalOfLines,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { stoppedEmissions } from './stoppedEmissions';

// What each target keeps while stopped, and why none of it is a line: none
// of it bills by itself. Anything kept that bills would be a line here.
const KEPT: Record<DeploymentProvider, string> = {
  'aws-sagemaker':
    'The endpoint is deleted; SageMaker keeps the model and endpoint configuration, which do not bill. The model data stays in your S3 bucket, which this estimate never priced.',
  'gcp-cloud-run':
    'The service is scaled to zero instances and serves nothing; a Cloud Run service with no instances does not bill. The image stays in its registry, which this estimate never priced.',
  'azure-container-instances':
    'The container group is stopped; a stopped container group does not bill.',
  kubernetes:
    'The Deployment is scaled to zero replicas: its pods no longer request the cluster capacity this estimate priced.',
};

/**
 * An estimate with no line because nothing bills: an exact $0 that is
 * known, never a stand-in for a price nobody has. `warning` says why.
 */
export function nothingBills(
  warning: string,
  assumptions: CostEstimate['assumptions'] = {},
  now: Date = new Date(),
): CostEstimate {
  return {
    currency: 'USD',
    ...totalOfLines([]),
    lines: [],
    assumptions,
    warnings: [warning],
    estimatedAt: now.toISOString(),
  };
}

/**
 * The estimate of a stopped deployment: no line bills while it is stopped,
 * so its total is an exact $0 — a known nothing, not an unknown — and what
 * running its spec costs is carried along as what the stop saves, exactly as
 * sure as the running estimate was.
 */
export function stoppedEstimate(
  provider: DeploymentProvider,
  running: CostEstimate,
  now: Date = new Date(),
): CostEstimate {
  // A repeated stop keeps what the first one saves.
  if (running.stopped) return { ...running, estimatedAt: now.toISOString() };
  const spec = normalizeEstimate(running);
  const note = KEPT[provider];
  return {
    ...nothingBills(`Stopped: ${note}`, spec.assumptions, now),
    stopped: {
      running: {
        monthlyTotal: spec.monthlyTotal,
        pricedSubtotal: spec.pricedSubtotal,
        totalKind: spec.totalKind,
        complete: spec.complete,
        missingLines: spec.missingLines,
        approximateFrom: spec.approximateFrom,
      },
      note,
    },
    ...(running.emissions
      ? { emissions: stoppedEmissions(provider, running.emissions) }
      : {}),
  };
}
