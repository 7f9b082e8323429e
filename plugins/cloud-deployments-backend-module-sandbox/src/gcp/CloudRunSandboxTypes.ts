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
import { GoogleApiStatus } from './googleErrors';

// The public types of CloudRunSandbox: its options, the requests it records
// and the faults it injects.

/**
 * Options of {@link CloudRunSandbox.start}.
 *
 * @public
 */
export type CloudRunSandboxOptions = SandboxTrafficOptions & {
  /**
   * How long a created or updated service reconciles before it is ready (or
   * failed), and a deleted one before it is gone. Default 3000 ms.
   */
  readyAfterMs?: number;
  /** Default 0: a free port on 127.0.0.1. */
  port?: number;
  /** Largest page a list returns, whatever the client asks. Default 1000. */
  maxPageSize?: number;
  /** Whether to keep every request for {@link CloudRunSandbox.requests}. Default true. */
  recordRequests?: boolean;
  /**
   * IAM permissions `projects.testIamPermissions` says the caller lacks
   * (any case), e.g. `run.services.delete`. Default none.
   */
  deniedPermissions?: string[];
  /**
   * Cloud Run's L4 GPU quota (with zonal redundancy) by region, as Cloud
   * Quotas reports it for every project. Regions left out have no value.
   */
  gpuQuotas?: { [region: string]: number };
  /** Likewise for L4 GPUs without zonal redundancy. */
  gpuQuotasNoZonalRedundancy?: { [region: string]: number };
};

/**
 * One request the sandbox received, decoded.
 *
 * @public
 */
export type CloudRunSandboxRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  at: number;
};

/**
 * A fault to answer the next matching request with.
 *
 * @public
 */
export type CloudRunSandboxFault = {
  /** Only requests with this HTTP method, e.g. `POST` for creates. */
  method?: string;
  /**
   * Only requests whose path starts with this, e.g.
   * `/v2/projects/acme/locations/europe-west1/` for one region's.
   */
  pathPrefix?: string;
  status: GoogleApiStatus;
  message: string;
  /** The google.rpc.ErrorInfo reason, e.g. `RATE_LIMIT_EXCEEDED`. */
  reason?: string;
};
