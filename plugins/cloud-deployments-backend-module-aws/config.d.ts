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
       * Live AWS prices from the AWS Pricing API (Price List Query API):
       * SageMaker real-time hosting instances and EC2 on-demand Linux
       * instances. Off unless this key is present; the backend's dated
       * snapshot answers then. The credentials need `pricing:GetProducts`.
       */
      aws?: {
        /**
         * The AWS regions to price, e.g. `['us-east-1', 'eu-west-1']`. Each
         * region costs one request per 100 products per refresh (EC2 has
         * several hundred instance types, so roughly 10 to 20 requests).
         */
        regions: string[];
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
         * errors are retried with the SDK's standard backoff. Default 4.
         */
        maxAttempts?: number;
        /** Time limit of one attempt, in milliseconds. Default 20000. */
        requestTimeoutMs?: number;
      };
    };
  };
}
