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
import {
  ActualCostKind,
  DailyActualCost,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * A source of what deployments really cost: a cloud's billing API, read by
 * the tag or label every provider puts on what it creates
 * (`cloud-deployments-id` = the deployment's id). The backend calls it from
 * one scheduled job across replicas (never on a request's path) and stores
 * what it returns per deployment and day.
 *
 * @public
 */
export interface ActualCostSource {
  /** Stable id, e.g. `aws-cost-explorer`; stored with each figure. */
  readonly id: string;
  /** Shown beside the figures, e.g. `AWS Cost Explorer`. */
  readonly title: string;
  /** The deployment providers (`spec.provider`) whose costs it reads. */
  readonly providers: readonly string[];
  /** Where its figures come from: billing data, an allocation, or a sandbox. */
  readonly kind: ActualCostKind;
  /**
   * The cost of each deployment on each UTC day from `from` up to, not
   * including, `to` (`YYYY-MM-DD`). A deployment with no figure for a day the
   * source could read cost nothing that day; when the source cannot read a
   * day it throws, and never returns a partial answer as if complete. Only
   * the given deployments are asked for; figures for others are ignored.
   */
  dailyCosts(request: {
    deployments: readonly Deployment[];
    from: string;
    to: string;
    signal?: AbortSignal;
  }): Promise<DailyActualCost[]>;
}

/**
 * Lets backend modules add sources of actual costs.
 *
 * @public
 */
export interface CloudDeploymentsCostsExtensionPoint {
  /** Adds a source; the backend reads it on its schedule. */
  addActualCostSource(source: ActualCostSource): void;
}

/**
 * The extension point through which modules add sources of actual costs.
 *
 * @public
 */
export const cloudDeploymentsCostsExtensionPoint =
  createExtensionPoint<CloudDeploymentsCostsExtensionPoint>({
    id: 'cloud-deployments.costs',
  });
