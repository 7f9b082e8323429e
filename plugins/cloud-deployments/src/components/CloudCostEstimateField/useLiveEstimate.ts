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
import { useEffect, useState } from 'react';
import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CostEstimate,
  EstimateRequest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../../api';

/** How long the inputs must stay unchanged before they are priced, in ms. */
export const ESTIMATE_DEBOUNCE_MS = 400;

/** The estimate of the latest inputs, as far as it has come. */
export type LiveEstimate = {
  /** The last estimate received, kept on screen while a newer one loads. */
  estimate?: CostEstimate;
  /** The request `estimate` answers, as JSON: whether it is still current. */
  estimateKey?: string;
  /** Why the latest inputs could not be priced. */
  error?: Error;
  /** Whether the latest inputs are waiting for or being priced. */
  loading: boolean;
};

/**
 * The key requests are told apart by: JSON, as the form hands over new
 * objects on every keystroke.
 */
export function estimateKeyOf(
  request: EstimateRequest | undefined,
): string | undefined {
  return request ? JSON.stringify(request) : undefined;
}

/**
 * Prices `request` once it has stayed the same for `debounceMs`, cancelling
 * the request of inputs that changed since; `undefined` prices nothing and
 * forgets the last estimate.
 */
export function useLiveEstimate(
  request: EstimateRequest | undefined,
  debounceMs: number = ESTIMATE_DEBOUNCE_MS,
  hold: boolean = false,
): LiveEstimate {
  const api = useApi(cloudDeploymentsApiRef);
  const key = estimateKeyOf(request);
  const [state, setState] = useState<LiveEstimate>({ loading: false });

  useEffect(() => {
    if (key === undefined) {
      setState({ loading: false });
      return undefined;
    }
    if (hold) {
      // Some input is invalid: keep the last estimate, send nothing.
      setState(current => ({ ...current, loading: false }));
      return undefined;
    }
    setState(current => ({ ...current, loading: true }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .estimateCost(JSON.parse(key) as EstimateRequest, {
          signal: controller.signal,
        })
        .then(
          estimate => {
            if (controller.signal.aborted) return;
            setState({ estimate, estimateKey: key, loading: false });
          },
          error => {
            if (controller.signal.aborted) return;
            setState({ error: toError(error), loading: false });
          },
        );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key, debounceMs, hold]);

  return state;
}
