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
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * How much traffic a deployment had on one UTC day, in its source's metric.
 *
 * @public
 */
export type DailyTraffic = {
  deploymentId: string;
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** The day's sum of the source's metric (see `UsageMetricsSource.metric`). */
  amount: number;
};

/**
 * A source of deployments' traffic: a cloud's metrics API (CloudWatch, Cloud
 * Monitoring, Azure Monitor) or a sandbox that serves the same API. The
 * backend reads it on a schedule, never on a request's path, to find idle
 * deployments.
 *
 * @public
 */
export interface UsageMetricsSource {
  /** Stable id, e.g. `aws-cloudwatch`. */
  readonly id: string;
  /** Shown beside a recommendation, e.g. `Amazon CloudWatch`. */
  readonly title: string;
  /** The deployment providers (`spec.provider`) whose traffic it reads. */
  readonly providers: readonly string[];
  /**
   * What it measures: the cloud's metric (`Invocations`,
   * `run.googleapis.com/request_count`), its unit, and the daily amount at
   * or below which a day counts as idle (0 for request counts; more for
   * byte counts, which health probes never leave at 0).
   */
  readonly metric: {
    name: string;
    unit: 'requests' | 'bytes';
    idleAtOrBelow: number;
  };
  /**
   * Each deployment's traffic on each UTC day from `from` up to, not
   * including, `to` (`YYYY-MM-DD`). A deployment with no figure for a day
   * the source could read had no traffic that day (metrics APIs leave empty
   * periods out); when the source cannot read a deployment or a day it
   * throws, and never returns a partial answer as if complete. Only the given
   * deployments are asked for.
   */
  dailyTraffic(request: {
    deployments: readonly Deployment[];
    from: string;
    to: string;
    signal?: AbortSignal;
  }): Promise<DailyTraffic[]>;
}
/**
 * Lets backend modules add sources of traffic metrics.
 *
 * @public
 */
export interface CloudDeploymentsMetricsExtensionPoint {
  /** Adds a source; the recommendations job reads it on its schedule. */
  addUsageMetricsSource(source: UsageMetricsSource): void;
}

/**
 * The extension point through which modules add sources of traffic metrics.
 *
 * @public
 */
export const cloudDeploymentsMetricsExtensionPoint =
  createExtensionPoint<CloudDeploymentsMetricsExtensionPoint>({
    id: 'cloud-deployments.metrics',
  });
