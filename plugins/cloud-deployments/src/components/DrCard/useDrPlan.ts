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
import { useCallback, useEffect, useRef, useState } from 'react';
import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { DrPlan } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../../api';
import { DR_TASK_STATES } from './drText';

/**
 * What {@link useDrPlan} returns.
 *
 * @internal
 */
export type DrPlanState = {
  /** Undefined once loaded: the deployment has no plan. */
  plan?: DrPlan;
  loading: boolean;
  /** Why the plan could not be read (the last attempt). */
  error?: Error;
  /** Shows a plan the backend answered, e.g. after an action. */
  update(plan: DrPlan): void;
};

/**
 * Loads a deployment's DR plan, and reads it again every `pollIntervalMs`
 * while a DR task runs, until the standby settles.
 *
 * @internal
 */
export function useDrPlan(
  deploymentId: string,
  pollIntervalMs = 3000,
): DrPlanState {
  const api = useApi(cloudDeploymentsApiRef);
  const [state, setState] = useState<{
    plan?: DrPlan;
    loading: boolean;
    error?: Error;
  }>({ loading: true });
  const mounted = useRef(true);

  const load = useCallback(async () => {
    try {
      const plan = await api.getDrPlan(deploymentId);
      if (mounted.current) setState({ loading: false, plan });
    } catch (error) {
      // A plan shown stays shown on a failed read; the error says why.
      if (mounted.current) {
        setState(previous => ({
          ...previous,
          loading: false,
          error: toError(error),
        }));
      }
    }
  }, [api, deploymentId]);

  useEffect(() => {
    mounted.current = true;
    load();
    return () => {
      mounted.current = false;
    };
  }, [load]);

  const running = state.plan && DR_TASK_STATES.has(state.plan.standbyState);
  // Armed again after every read (each makes a new state), so reads never overlap.
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(load, pollIntervalMs);
    return () => clearTimeout(timer);
  }, [running, state, load, pollIntervalMs]);

  const update = useCallback((plan: DrPlan) => {
    if (mounted.current) setState({ loading: false, plan });
  }, []);

  return { ...state, update };
}
