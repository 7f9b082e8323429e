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
    /** Deployment targets; see the cloud-deployments backend. */
    providers?: {
      /**
       * Amazon SageMaker real-time endpoints (`spec.provider:
       * aws-sagemaker`). Without this block the provider runs against the
       * sandbox module's local SageMaker API, started in the backend process
       * (nothing reaches AWS), or is off when that module is not installed. The credentials need `sagemaker:CreateModel`,
       * `CreateEndpointConfig`, `CreateEndpoint`, `UpdateEndpoint`, the
       * matching `Describe*`, `List*` and `Delete*` actions, and
       * `iam:PassRole` on the execution role.
       */
      aws?: {
        /**
         * Use the local sandbox even though accounts are listed (their ids,
         * regions and roles are kept; their credentials and endpoints are
         * not used). Default false.
         */
        sandbox?: boolean;
        /**
         * Time limit of one SageMaker API request, in milliseconds. Requests
         * are not retried by the SDK; the job engine retries with backoff.
         * Default 30000.
         */
        timeoutMs?: number;
        /**
         * The AWS accounts to deploy into. `spec.account` names one by `id`;
         * deployments without it go to the first.
         */
        accounts?: Array<{
          /** What `spec.account` refers to, e.g. `prod`. */
          id: string;
          /**
           * The IAM role SageMaker assumes to pull the image and model data,
           * e.g. `arn:aws:iam::123456789012:role/SageMakerExecution`.
           * Required outside the sandbox.
           */
          executionRoleArn?: string;
          /** The regions deployments may use, e.g. `[us-east-1]`. Any when absent. */
          regions?: string[];
          /**
           * Overrides the SageMaker API endpoint URL, e.g. a VPC endpoint or
           * a proxy. Default: the SDK's endpoint for the deployment's region.
           */
          endpoint?: string;
          /**
           * Access key id of static credentials; set with `secretAccessKey`.
           * Without both, the AWS SDK's default credential chain is used
           * (environment, shared config and SSO, web identity, container or
           * instance role), which is preferred.
           * @visibility secret
           */
          accessKeyId?: string;
          /**
           * Secret access key of static credentials; set with `accessKeyId`.
           * @visibility secret
           */
          secretAccessKey?: string;
          /**
           * Session token of temporary static credentials.
           * @visibility secret
           */
          sessionToken?: string;
        }>;
      };
    };

    /** AWS beyond deployment targets and prices. */
    aws?: {
      /**
       * The traffic of SageMaker deployments, for the recommendation to stop
       * idle ones: the daily sum of `AWS/SageMaker` `Invocations` of each
       * endpoint's `AllTraffic` variant, read from Amazon CloudWatch
       * (`GetMetricData`, up to 500 endpoints a request) in each
       * deployment's account and region, with that account's credentials
       * under `cloudDeployments.providers.aws.accounts` or the default AWS
       * credential chain; they need `cloudwatch:GetMetricData`. Off against
       * real accounts unless `enabled` is true; in sandbox mode the
       * sandbox's own CloudWatch answers (synthetic traffic) unless
       * `enabled` is false.
       *
       * CloudWatch charges USD 0.01 per 1,000 metrics requested by
       * `GetMetricData` (us-east-1 price; outside the free tier): one metric
       * per deployment per page of an answer, each time the backend reads
       * traffic. Each read logs how many it requested.
       */
      cloudWatch?: {
        /** Set to true to read traffic from CloudWatch. Default false (true in sandbox mode). */
        enabled?: boolean;
        /**
         * Overrides the CloudWatch endpoint URL of every region, e.g. a
         * proxy or a VPC endpoint. Default: the SDK's endpoint for the
         * deployment's region.
         */
        endpoint?: string;
        /**
         * Attempts per request in all, including the first. Throttling
         * (Throttling, HTTP 429), HTTP 5xx, timeouts and network errors are
         * retried by the SDK's standard retry strategy with backoff.
         * Default 4.
         */
        maxAttempts?: number;
        /** Time limit of one attempt, in milliseconds. Default 20000. */
        requestTimeoutMs?: number;
      };
      /**
       * What SageMaker deployments really cost, read daily from AWS Cost
       * Explorer (`GetCostAndUsage`) by the `cloud-deployments-id` tag the
       * provider puts on every model, endpoint configuration and endpoint.
       * Off unless `enabled` is true. Activate `cloud-deployments-id` as a
       * cost allocation tag in the AWS Billing console first: figures appear
       * only from then on, about a day later. The credentials need
       * `ce:GetCostAndUsage`, in the account that pays for the endpoints or
       * its AWS Organizations management account.
       *
       * Cost Explorer charges USD 0.01 per request (each page of an answer is
       * a request). The backend reads it once per scheduled run, and the
       * source keeps each answer for `cacheHours` in Backstage's cache
       * (`backend.cache`), so that a restart loop or a second replica does
       * not ask again. With the default in-memory cache store that holds per
       * process only: configure an external store (e.g. Redis) so that
       * replicas and restarts share it. Each answer logs how many pages it
       * read.
       */
      costExplorer?: {
        /** Set to true to read actual costs from Cost Explorer. Default false. */
        enabled?: boolean;
        /**
         * The cost metric: `UnblendedCost` (what was billed, the default),
         * `AmortizedCost` (upfront reservation and savings plan fees spread
         * over the days they cover) or `NetUnblendedCost` (after discounts).
         */
        metric?: 'UnblendedCost' | 'AmortizedCost' | 'NetUnblendedCost';
        /**
         * How long an answer for the same days and deployments is reused, in
         * hours; 0 asks Cost Explorer every time. Default 12.
         */
        cacheHours?: number;
        /**
         * The id of an account in `cloudDeployments.providers.aws.accounts`
         * whose static credentials to use. Without it, or when that account
         * has none, the AWS SDK's default credential chain is used.
         */
        account?: string;
        /**
         * Overrides the Cost Explorer endpoint URL, e.g. for a proxy.
         * Default: the SDK's endpoint in us-east-1, where Cost Explorer, a
         * global service, answers.
         */
        endpoint?: string;
        /**
         * Attempts per request in all, including the first. Throttling
         * (LimitExceededException, HTTP 429), HTTP 5xx, timeouts and network
         * errors are retried by the SDK's standard retry strategy with
         * backoff. Default 4.
         */
        maxAttempts?: number;
        /** Time limit of one attempt, in milliseconds. Default 20000. */
        requestTimeoutMs?: number;
      };
    };

    /** Cost estimates; see the cloud-deployments backend. */
    pricing?: {
      /**
       * Live AWS prices from the AWS Pricing API (Price List Query API):
       * SageMaker real-time hosting instances and EC2 on-demand Linux
       * instances. Without this key, on when the AWS SDK's default
       * credential chain resolves at start (checked within 3 s) and off
       * otherwise; the backend's dated snapshot answers then. The
       * credentials need `pricing:GetProducts`.
       */
      aws?: {
        /**
         * Set to false to turn live AWS prices off even when credentials
         * resolve. Default: true when this key is present.
         */
        enabled?: boolean;
        /**
         * The AWS regions to price, e.g. `['us-east-1', 'eu-west-1']`. Each
         * region costs one request per 100 products per refresh (EC2 has
         * several hundred instance types, so roughly 10 to 20 requests).
         * Default: the regions of the configured SageMaker accounts, and
         * us-east-1, us-west-2 and eu-west-1.
         */
        regions?: string[];
        /**
         * The region of the Pricing API endpoint to call: `us-east-1`,
         * `eu-central-1` or `ap-south-1` (any of them returns the prices of
         * every region). Default `us-east-1`.
         */
        pricingApiRegion?: string;
        /**
         * Overrides the Pricing API endpoint URL, e.g. for a VPC endpoint or
         * a proxy. Default: the SDK's endpoint for `pricingApiRegion`.
         */
        endpoint?: string;
        /**
         * Access key id of static credentials; set with `secretAccessKey`.
         * Without both, the AWS SDK's default credential chain is used
         * (environment, shared config and SSO, web identity, container or
         * instance role), which is preferred.
         * @visibility secret
         */
        accessKeyId?: string;
        /**
         * Secret access key of static credentials; set with `accessKeyId`.
         * @visibility secret
         */
        secretAccessKey?: string;
        /**
         * Attempts per request in all, including the first. Throttling
         * (ThrottlingException, HTTP 429), HTTP 5xx, timeouts and network
         * errors are retried by the SDK's adaptive retry mode (backoff, and a
         * slower sending rate after throttling). Default 4.
         */
        maxAttempts?: number;
        /** Time limit of one attempt, in milliseconds. Default 20000. */
        requestTimeoutMs?: number;
      };
    };
  };
}
