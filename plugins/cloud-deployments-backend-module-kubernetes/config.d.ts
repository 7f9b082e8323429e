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

import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the cloud-deployments plugins. */
  cloudDeployments?: {
    /** Deployment targets; see the cloud-deployments backend. */
    providers?: {
      /**
       * Kubernetes (`spec.provider: kubernetes`). The clusters are those of
       * the Backstage `kubernetes` config (`clusterLocatorMethods` of type
       * `config` with authProvider `serviceAccount`); `spec.account` names
       * one, the first by default. Without any, the cluster `local` is the
       * sandbox module's in-process Kubernetes API, or the provider is off
       * when that module is not installed.
       */
      kubernetes?: {
        /** The namespace deployments go to. Default `default`. */
        namespace?: string;
        /** The server-side apply field manager. Default `backstage-cloud-deployments`. */
        fieldManager?: string;
        /** The port containers listen on. Default 8080. */
        containerPort?: number;
        /**
         * How long a rollout may take (the Deployment's
         * progressDeadlineSeconds) before the deployment fails. Default 10 minutes.
         */
        rolloutTimeout?: HumanDuration | string;
        /** An Ingress per deployment at `<name>.<domain>`. */
        ingress?: {
          /** e.g. `apps.example.com`. */
          domain: string;
          /** The ingress class, e.g. `nginx`; the cluster's default when absent. */
          className?: string;
        };
      };
    };
  };
}
