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

export interface Config {
  /** Configuration of the cloud-deployments plugins. */
  cloudDeployments?: {
    /** Cost estimates; see the cloud-deployments backend. */
    pricing?: {
      /**
       * Live Google Cloud prices from the Cloud Billing Catalog API: Cloud
       * Run (request- and instance-based billing) and the on-demand core and
       * RAM prices of the E2, N1, N2, N2D, C2, C3 and T2D machine families.
       * Off unless this key is present; the backend's dated snapshot answers
       * then.
       */
      gcp?: {
        /**
         * An API key of a project with the Cloud Billing API enabled;
         * restrict it to that API. Sent as the `key` query parameter, never
         * logged.
         * @visibility secret
         */
        apiKey: string;
        /**
         * The Google Cloud regions to price, e.g. `['us-central1',
         * 'europe-west1']`. The catalogs are read whole (a few requests per
         * refresh, whatever the number of regions).
         */
        regions: string[];
        /**
         * The API's base URL, e.g. for a proxy. Default
         * `https://cloudbilling.googleapis.com`.
         */
        baseUrl?: string;
        /** Time limit of one attempt of a request, in milliseconds. Default 30000. */
        timeoutMs?: number;
        /**
         * Attempts per request in all, including the first. Throttling
         * (HTTP 429, honouring Retry-After), HTTP 5xx, timeouts and network
         * errors are retried with exponential backoff and jitter. Default 4.
         */
        attempts?: number;
      };
    };
  };
}
