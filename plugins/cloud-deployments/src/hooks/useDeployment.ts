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
import { DeploymentWithApproval } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../api';

/**
 * What {@link useDeployment} returns.
 *
 * @internal
 */
export type DeploymentState = {
  deployment?: DeploymentWithApproval;
  loading: boolean;
  /** Why the deployment could not be loaded at first. */
  error?: Error;
  /** Loads the deployment again, keeping the one shown until it arrives. */
  refresh(): Promise<void>;
  /** Shows a deployment the backend returned, e.g. after an action. */
  update(deployment: DeploymentWithApproval): void;
};

/**
 * Loads one deployment, and keeps the newest version of it seen: a response
 * that arrives after a newer one (by `version`) is dropped.
 *
 * @internal
 */
export function useDeployment(id: string): DeploymentState {
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const [state, setState] = useState<{
    deployment?: DeploymentWithApproval;
    loading: boolean;
    error?: Error;
  }>({ loading: true });
  const mounted = useRef(true);

  const update = useCallback((deployment: DeploymentWithApproval) => {
    if (!mounted.current) return;
    setState(previous =>
      previous.deployment && previous.deployment.version > deployment.version
        ? previous
        : { loading: false, deployment },
    );
  }, []);

  const refresh = useCallback(async () => {
    try {
      update(await cloudDeploymentsApi.getDeployment(id));
    } catch (error) {
      if (!mounted.current) return;
      // Once shown, a deployment stays on a failed refresh.
      setState(previous =>
        previous.deployment
          ? previous
          : { loading: false, error: toError(error) },
      );
    }
  }, [cloudDeploymentsApi, id, update]);

  useEffect(() => {
    mounted.current = true;
    refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  return { ...state, refresh, update };
}
