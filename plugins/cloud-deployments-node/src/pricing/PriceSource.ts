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
  PricePoint,
  PriceProvider,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * A live price source: a provider's price API. The backend calls it from its
 * scheduled refresh (never on a request's path) and caches what it returns.
 *
 * @public
 */
export interface PriceSource {
  /** Stable id, e.g. `aws-pricing-api`; used in logs and as the cache's origin. */
  readonly id: string;
  /** The provider whose SKUs the source prices. */
  readonly provider: PriceProvider;
  /** The regions the source was configured to price; the refresh asks for these. */
  readonly regions?: readonly string[];
  /**
   * Fetches the current prices of every SKU the source knows for the given
   * regions, normalised to our service, SKU and unit keys, with
   * `source: 'live'`. Throws when the API cannot be read; a partial answer is
   * never returned as if complete.
   */
  fetchPrices(request: {
    regions: readonly string[];
    signal?: AbortSignal;
  }): Promise<PricePoint[]>;
}

/**
 * Lets backend modules add live price sources to the cloud-deployments
 * backend.
 *
 * @public
 */
export interface CloudDeploymentsPricingExtensionPoint {
  /** Adds a source; the backend refreshes its prices on its schedule. */
  addPriceSource(source: PriceSource): void;
}

/**
 * The extension point through which modules add price sources.
 *
 * @public
 */
export const cloudDeploymentsPricingExtensionPoint =
  createExtensionPoint<CloudDeploymentsPricingExtensionPoint>({
    id: 'cloud-deployments.pricing',
  });
