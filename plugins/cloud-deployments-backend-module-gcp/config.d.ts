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
       * Google Cloud Run (`spec.provider: gcp-cloud-run`). Without this
       * block the provider runs against the sandbox module's local Cloud Run
       * Admin API, started in the backend process (nothing reaches Google
       * Cloud), or is off when that module is not installed.
       */
      gcp?: {
        /**
         * Use the local sandbox even though accounts are listed (their ids,
         * projects and regions are kept; their credentials are not used).
         * Default false.
         */
        sandbox?: boolean;
        /** Time limit of one Cloud Run API request, in milliseconds. Default 30000. */
        timeoutMs?: number;
        /**
         * The Google Cloud projects to deploy into. `spec.account` names one
         * by `id`; deployments without it go to the first.
         */
        accounts?: Array<{
          /** What `spec.account` refers to, e.g. `prod`. */
          id: string;
          /** The project id (or number), e.g. `acme-ml-prod`. */
          projectId: string;
          /** The regions deployments may use, e.g. `[europe-west1]`. Any when absent. */
          regions?: string[];
          /**
           * The content of a service account key file (JSON text, or the
           * same as YAML) or another credentials configuration, e.g.
           * `${GCP_DEPLOYER_KEY}`. Without it and `keyFilename`, Application
           * Default Credentials are used (workload identity,
           * `GOOGLE_APPLICATION_CREDENTIALS`, gcloud).
           * @visibility secret
           */
          credentials?: string | { [key: string]: string };
          /** Path of a credentials JSON file, instead of `credentials`. */
          keyFilename?: string;
          /**
           * The API endpoint: a host (`europe-west1-run.googleapis.com`),
           * `host:port`, or a URL for a proxy. Default `run.googleapis.com`.
           */
          apiEndpoint?: string;
        }>;
      };
    };

    /** Google Cloud, besides its deployment target and prices. */
    gcp?: {
      /**
       * The traffic of Cloud Run deployments, for the recommendation to stop
       * idle ones: `run.googleapis.com/request_count` of each service,
       * summed per UTC day across revisions and response codes, read from
       * Cloud Monitoring (`projects.timeSeries.list`) in each deployment's
       * project with that project's credentials under
       * `cloudDeployments.providers.gcp.accounts` (or Application Default
       * Credentials); they need `monitoring.timeSeries.list` (e.g. the
       * Monitoring Viewer role). Off against real projects unless `enabled`
       * is true; in sandbox mode the sandbox's own Cloud Monitoring answers
       * (synthetic traffic) unless `enabled` is false.
       *
       * Each read makes one request per project and `servicesPerRequest`
       * services (and page). Cloud Monitoring may charge for read API calls
       * beyond a monthly free allotment: see the Google Cloud Observability
       * pricing page.
       */
      monitoring?: {
        /** Set to true to read traffic from Cloud Monitoring. Default false (true in sandbox mode). */
        enabled?: boolean;
        /**
         * The Cloud Monitoring API endpoint: a host, `host:port`, or a URL
         * for a proxy. Default `monitoring.googleapis.com`.
         */
        apiEndpoint?: string;
        /** Services per request (a `one_of` of their names). Default 100; at most 500. */
        servicesPerRequest?: number;
        /**
         * Retries of a request by the client, with exponential backoff:
         * throttling (HTTP 429, RESOURCE_EXHAUSTED), UNAVAILABLE and
         * DEADLINE_EXCEEDED. Default 4; at most 10.
         */
        maxRetries?: number;
        /** Time limit of one attempt, in milliseconds. Default 60000. */
        timeoutMs?: number;
      };
      /**
       * What Cloud Run deployments really cost, read daily from the Cloud
       * Billing export to BigQuery (the standard usage cost table) by the
       * `cloud-deployments-id` label of their services, net of credits.
       * Off unless `enabled` is true. The credentials need
       * `bigquery.jobs.create` in `projectId` and read access to the table
       * (e.g. BigQuery Job User and BigQuery Data Viewer).
       */
      billingExport?: {
        /** Set to true to read actual costs; needs `table`. Default false. */
        enabled?: boolean;
        /**
         * The export table as `project.dataset.table`, e.g.
         * `acme-billing.billing.gcp_billing_export_v1_012345_6789AB_CDEF01`.
         */
        table?: string;
        /** The project the query jobs run and are billed in. Default the table's. */
        projectId?: string;
        /** The dataset's location, e.g. `EU` or `US`. */
        location?: string;
        /**
         * The BigQuery API endpoint: a host, `host:port`, or a URL for a
         * proxy. Default `bigquery.googleapis.com`.
         */
        apiEndpoint?: string;
        /**
         * The content of a service account key file (JSON text) or another
         * credentials configuration, e.g. `${GCP_BILLING_READER_KEY}`.
         * Without it and `keyFilename`, Application Default Credentials are
         * used.
         * @visibility secret
         */
        credentials?: string | { [key: string]: string };
        /** Path of a credentials JSON file, instead of `credentials`. */
        keyFilename?: string;
        /**
         * How long an answer is reused for the same days and deployments
         * (each answer is a query job). Between 1 minute and 7 days; default
         * 12 hours.
         */
        cacheTtl?: HumanDuration | string;
        /** Rows per page of results. Default 10000. */
        pageSize?: number;
        /**
         * Retries of a request by the client: throttling (HTTP 429,
         * rateLimitExceeded) and HTTP 5xx. Default 3; at most 10.
         */
        maxRetries?: number;
      };
    };

    /** Cost estimates; see the cloud-deployments backend. */
    pricing?: {
      /**
       * Live Google Cloud prices from the Cloud Billing Catalog API: Cloud
       * Run (request- and instance-based billing) and the on-demand core and
       * RAM prices of the E2, N1, N2, N2D, C2, C3 and T2D machine families.
       * On with `apiKey`; without it, on when Google Application Default
       * Credentials resolve at start (checked within 3 s) and off otherwise,
       * when the backend's dated snapshot answers. With credentials, the
       * Cloud Billing API must be enabled in their project (for user
       * credentials, their quota project).
       */
      gcp?: {
        /**
         * Set to false to turn live GCP prices off even with credentials or
         * an API key; true turns them on with Application Default
         * Credentials without the start-up check (a token is then first
         * fetched at the first refresh). Default: on with `apiKey`, else
         * when Application Default Credentials resolve.
         */
        enabled?: boolean;
        /**
         * An API key of a project with the Cloud Billing API enabled;
         * restrict it to that API. Sent as the `key` query parameter, never
         * logged. Without it, requests carry a bearer token of Google
         * Application Default Credentials (`GOOGLE_APPLICATION_CREDENTIALS`,
         * gcloud's application-default login, or an attached service
         * account), which is preferred.
         * @visibility secret
         */
        apiKey?: string;
        /**
         * The Google Cloud regions to price, e.g. `['us-central1',
         * 'europe-west1']`. The catalogs are read whole (a few requests per
         * refresh, whatever the number of regions). Default: the regions of
         * the configured Cloud Run accounts, and us-central1, europe-west1
         * and europe-west3.
         */
        regions?: string[];
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
