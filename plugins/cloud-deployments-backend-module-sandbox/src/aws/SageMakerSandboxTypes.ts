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

import { SandboxTrafficOptions } from '../traffic/SandboxTraffic';

// The public types of SageMakerSandbox: its options, the requests it records
// and the faults it injects.

/**
 * Options of {@link SageMakerSandbox.start}.
 *
 * @public
 */
export type SageMakerSandboxOptions = SandboxTrafficOptions & {
  /**
   * How long an endpoint is `Creating` or `Updating` before it is
   * `InService` (or `Failed`). Default 3000 ms, so that a person can watch
   * it; tests use a few milliseconds.
   */
  readyAfterMs?: number;
  /** How long an endpoint is `Deleting` before it is gone. Default `readyAfterMs`. */
  deleteAfterMs?: number;
  /** Default 0: a free port on 127.0.0.1. */
  port?: number;
  /** The AWS account id in ARNs. Default `123456789012`. */
  accountId?: string;
  /**
   * IAM actions IAM's `SimulatePrincipalPolicy` says the sandbox's caller
   * is denied (`implicitDeny`), e.g. `sagemaker:DeleteEndpoint`, so that a
   * connection test shows a missing permission; any case. Default none.
   */
  deniedActions?: string[];
  /**
   * Whether to keep every request for {@link SageMakerSandbox.requests}.
   * Default true; the portal turns it off so that memory stays flat.
   */
  recordRequests?: boolean;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /**
   * Endpoint-usage quotas, instances by instance type (e.g.
   * `{ 'ml.g5.xlarge': 2 }`), the same in every region: Service Quotas'
   * `ListServiceQuotas` lists them as `<type> for endpoint usage`, and
   * CreateEndpoint refuses with `ResourceLimitExceeded` past them. Types
   * left out have no quota (none listed, none enforced).
   */
  endpointQuotas?: Record<string, number>;
  /**
   * Instance types SageMaker has no capacity of: an endpoint created on one
   * ends `Failed` with SageMaker's insufficient-capacity reason.
   */
  noCapacity?: string[];
};

/**
 * One request the sandbox received.
 *
 * @public
 */
export type SageMakerSandboxRequest = {
  method: string;
  path: string;
  /**
   * The `X-Amz-Target` header, e.g. `SageMaker.CreateEndpoint` or
   * `GraniteServiceVersion20100801.GetMetricData` (CloudWatch).
   */
  target?: string;
  /** The operation, e.g. `CreateEndpoint` or `GetMetricData`. */
  operation?: string;
  /** The region of the request's SigV4 credential scope. */
  region?: string;
  body?: unknown;
  /** Epoch milliseconds. */
  at: number;
};

/**
 * An error to answer matching requests with, e.g.
 * `{ type: 'ResourceLimitExceeded', message: '...' }`.
 *
 * @public
 */
export type SageMakerSandboxFault = {
  /** Only requests for this operation, e.g. `CreateEndpoint`; any when absent. */
  operation?: string;
  /**
   * Only requests signed for this region, e.g. `eu-west-1`; any when absent.
   * A region the account has not enabled answers every request with
   * `UnrecognizedClientException`, for instance.
   */
  region?: string;
  /** The `__type` of the error, e.g. `ValidationException`. */
  type: string;
  message: string;
  /** HTTP status. Default 400. */
  status?: number;
  /** How many requests in a row get it. Default 1. */
  count?: number;
};
