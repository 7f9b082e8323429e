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

// The public types of AciSandbox: its options, the requests it records and
// the faults it injects.

/**
 * Options of {@link AciSandbox.start}.
 *
 * @public
 */
export type AciSandboxOptions = SandboxTrafficOptions & {
  /**
   * How long a created or updated container group stays `Creating` /
   * `Updating` before it runs (or fails), and a deleted one `Deleting`
   * before it is gone. Default 3000 ms.
   */
  readyAfterMs?: number;
  /** Default 0: a free port on 127.0.0.1. */
  port?: number;
  /** Container groups per page of a list. Default 100. */
  pageSize?: number;
  /** Whether to keep every request for {@link AciSandbox.requests}. Default true. */
  recordRequests?: boolean;
  /**
   * Azure RBAC actions the caller lacks: the permissions listing of every
   * resource group (`Microsoft.Authorization/permissions`) grants `*` with
   * these as `notActions`, e.g.
   * `Microsoft.ContainerInstance/containerGroups/delete`. Default none.
   */
  deniedActions?: string[];
};

/**
 * One request the sandbox received.
 *
 * @public
 */
export type AciSandboxRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  at: number;
};

/**
 * A body that is not what Azure Resource Manager sends (an HTML page of a
 * proxy, truncated or wrongly shaped JSON), to answer the next matching
 * requests with.
 *
 * @public
 */
export type AciSandboxGarbage = {
  body: string;
  /** Default 200. */
  status?: number;
  /** Default `application/json; charset=utf-8`. */
  contentType?: string;
  /** Only requests with this HTTP method, e.g. `GET`. */
  method?: string;
  /** Only requests whose path starts with this (case-insensitively). */
  pathPrefix?: string;
  /** How many requests to answer so. Default 1. */
  count?: number;
};

/**
 * An ARM error to answer the next matching requests with.
 *
 * @public
 */
export type AciSandboxFault = {
  status: number;
  /** The ARM error code, e.g. `ContainerGroupQuotaReached`. */
  code: string;
  message: string;
  /** Only requests with this HTTP method, e.g. `PUT`. */
  method?: string;
  /**
   * Only requests whose path starts with this (case-insensitively, as ARM
   * reads paths), e.g. `/subscriptions/<id>/resourceGroups/<name>/` for one
   * resource group's.
   */
  pathPrefix?: string;
  /** How many requests to answer so. Default 1. */
  count?: number;
  headers?: Record<string, string>;
};
