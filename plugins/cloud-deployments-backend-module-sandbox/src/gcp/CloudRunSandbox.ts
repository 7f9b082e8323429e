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
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import {
  SandboxTraffic,
  SandboxTrafficSetting,
} from '../traffic/SandboxTraffic';
import {
  CloudRunSandboxFault,
  CloudRunSandboxOptions,
  CloudRunSandboxRequest,
} from './CloudRunSandboxTypes';
import { googleApiError, GoogleApiError } from './googleErrors';
import { handleCloudRunRequest } from './handleCloudRunRequest';
import { handleIdentityRequest, L4GpuQuotaId } from './identityAndQuotas';
import { listTimeSeries, TIME_SERIES_PATH } from './listTimeSeries';
import { LongRunningOperations } from './LongRunningOperations';
import { ServiceStore } from './ServiceStore';
import { serviceView } from './serviceView';
import { StoredService } from './storedService';

const DEFAULT_FAILURE =
  'Revision failed with message: The user-provided container failed to start and listen on the port defined provided by the PORT=8080 environment variable within the allocated timeout.';

/**
 * A local stand-in for the Cloud Run Admin API v2 over REST (JSON), the
 * protocol of `ServicesClient` with `fallback: true`: services create, get,
 * list, update and delete as long-running operations, in projects and
 * regions that exist as soon as they are named. The same URL answers Cloud
 * Monitoring's `projects.timeSeries.list` (REST, as `MetricServiceClient`
 * with `fallback: true` sends it) with the services' daily
 * `run.googleapis.com/request_count`: synthetic traffic for the days each
 * service existed, about one service in four idle (see
 * {@link CloudRunSandbox.setTraffic}). Any bearer token is accepted. Used by
 * the module in sandbox mode, and by tests through the fault injection and
 * inspection methods.
 *
 * @public
 */
export class CloudRunSandbox {
  readonly #server: Server;
  readonly #store: ServiceStore;
  readonly #operations = new LongRunningOperations();
  readonly #requests: CloudRunSandboxRequest[] = [];
  readonly #faults: CloudRunSandboxFault[] = [];
  readonly #hangs: Array<{ remaining: number; ms: number }> = [];
  readonly #failures = new Map<string, string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #readyAfterMs: number;
  readonly #maxPageSize: number;
  readonly #recordRequests: boolean;
  readonly #traffic: SandboxTraffic;
  readonly #denied: Set<string>;
  readonly #gpuQuotas = new Map<L4GpuQuotaId, Map<string, number>>();
  #url = '';

  static async start(
    options: CloudRunSandboxOptions = {},
  ): Promise<CloudRunSandbox> {
    const sandbox = new CloudRunSandbox(options);
    await new Promise<void>((resolve, reject) => {
      sandbox.#server.once('error', reject);
      sandbox.#server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    const { port } = sandbox.#server.address() as AddressInfo;
    sandbox.#url = `http://127.0.0.1:${port}`;
    return sandbox;
  }

  private constructor(options: CloudRunSandboxOptions) {
    this.#readyAfterMs = options.readyAfterMs ?? 3000;
    this.#maxPageSize = options.maxPageSize ?? 1000;
    this.#recordRequests = options.recordRequests ?? true;
    this.#traffic = new SandboxTraffic('requests', options);
    this.#denied = new Set(
      (options.deniedPermissions ?? []).map(p => p.toLowerCase()),
    );
    for (const [region, limit] of Object.entries(options.gpuQuotas ?? {})) {
      this.setGpuQuota(region, limit);
    }
    for (const [region, limit] of Object.entries(
      options.gpuQuotasNoZonalRedundancy ?? {},
    )) {
      this.setGpuQuota(region, limit, { zonalRedundancy: false });
    }
    this.#store = new ServiceStore({
      readyAfterMs: this.#readyAfterMs,
      uriBase: () => this.#url,
    });
    this.#server = createServer((req, res) => this.#receive(req, res));
  }

  /** The base URL, e.g. `http://127.0.0.1:43210`. */
  get url(): string {
    return this.#url;
  }

  /** The requests received so far, oldest first. */
  get requests(): readonly CloudRunSandboxRequest[] {
    return this.#requests;
  }

  clearRequests(): void {
    this.#requests.length = 0;
  }

  /** Every service that exists now (deleting ones included), as the API shows it. */
  services(): Array<Record<string, any>> {
    const now = Date.now();
    return this.#store.all(now).map(s => serviceView(s, now));
  }

  /** One service by its full name, as the API shows it. */
  service(name: string): Record<string, any> | undefined {
    const found = this.#find(name);
    return found && serviceView(found);
  }

  /**
   * Adds a ready service directly, e.g. to seed thousands for a benchmark.
   * `name` is `projects/<p>/locations/<r>/services/<id>`.
   */
  seedService(name: string, service: Record<string, unknown>): void {
    const { parent, id } = this.#split(name);
    this.#store.create(parent, id, service, { settled: true });
  }

  /**
   * Makes the next create of a service with this id roll out and then fail
   * with `message`, as a container that does not start does.
   */
  failNextCreate(serviceId: string, message = DEFAULT_FAILURE): void {
    this.#failures.set(`create ${serviceId}`, message);
  }

  /** Likewise for the next update of a service with this id. */
  failNextUpdate(serviceId: string, message = DEFAULT_FAILURE): void {
    this.#failures.set(`update ${serviceId}`, message);
  }

  /**
   * Sets the daily `request_count` Cloud Monitoring reports for the service
   * of this id (in any project and region): the same number every day it
   * exists (0 makes it idle), or a number per `YYYY-MM-DD` day; undefined
   * goes back to its synthetic traffic.
   */
  setTraffic(
    serviceId: string,
    traffic: SandboxTrafficSetting | undefined,
  ): void {
    this.#traffic.set(serviceId, traffic);
  }

  /**
   * Sets the L4 GPU quota Cloud Quotas reports for every project in a
   * region (`NvidiaL4GpuAllocPerProjectRegion`, or with `zonalRedundancy:
   * false` `NvidiaL4GpuAllocNoZonalRedundancyPerProjectRegion`); undefined
   * removes it. The sandbox reports it and enforces nothing.
   */
  setGpuQuota(
    region: string,
    limit: number | undefined,
    options: { zonalRedundancy?: boolean } = {},
  ): void {
    const id: L4GpuQuotaId =
      options.zonalRedundancy === false
        ? 'NvidiaL4GpuAllocNoZonalRedundancyPerProjectRegion'
        : 'NvidiaL4GpuAllocPerProjectRegion';
    let limits = this.#gpuQuotas.get(id);
    if (!limits) {
      limits = new Map();
      this.#gpuQuotas.set(id, limits);
    }
    if (limit === undefined) limits.delete(region);
    else limits.set(region, limit);
  }

  /**
   * Makes `projects.testIamPermissions` leave these permissions out (any
   * case), as for a caller that lacks them; `[]` grants everything again.
   */
  denyPermissions(permissions: string[]): void {
    this.#denied.clear();
    for (const p of permissions) this.#denied.add(p.toLowerCase());
  }

  /** Answers the next `count` requests with HTTP 429 RESOURCE_EXHAUSTED (a rate limit). */
  throttleNext(count = 1): void {
    for (let i = 0; i < count; i++) {
      this.#faults.push({
        status: 'RESOURCE_EXHAUSTED',
        reason: 'RATE_LIMIT_EXCEEDED',
        message:
          "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per region' of service 'run.googleapis.com' for consumer 'project_number:000000000000'.",
      });
    }
  }

  /** Answers the next matching request with an error, e.g. a validation or quota error. */
  rejectNext(fault: CloudRunSandboxFault): void {
    this.#faults.push(fault);
  }

  /**
   * Holds the next `count` requests for `ms` before answering them (forever
   * by default, until the client gives up or the sandbox closes).
   */
  hangNext(count = 1, ms = Infinity): void {
    this.#hangs.push({ remaining: count, ms });
  }

  /**
   * Test hook: changes a service outside the portal, as someone with
   * `gcloud run services update` would (scale, swap the image, add a
   * variable): `change` edits the client fields of a copy, which becomes a
   * new revision that rolls out. False if there is no such service.
   */
  editBehindTheBack(
    name: string,
    change: (service: Record<string, any>) => void,
  ): boolean {
    const found = this.#find(name);
    if (!found || found.deleteTime) return false;
    const body = structuredClone(found.spec) as Record<string, any>;
    change(body);
    this.#store.update(found, body);
    return true;
  }

  /** Deletes a service at once, outside the API (drift). False if it did not exist. */
  deleteOutOfBand(name: string): boolean {
    const { parent, id } = this.#split(name);
    return this.#store.remove(parent, id);
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  #split(name: string): { parent: string; id: string } {
    const match =
      /^(projects\/[^/]+\/locations\/[^/]+)\/services\/([^/]+)$/.exec(name);
    if (!match) {
      throw new Error(
        `Expected projects/<project>/locations/<region>/services/<id>, got ${name}`,
      );
    }
    return { parent: match[1], id: match[2] };
  }

  #find(name: string): StoredService | undefined {
    const { parent, id } = this.#split(name);
    return this.#store.get(parent, id);
  }

  #receive(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        this.#send(
          res,
          googleApiError('INVALID_ARGUMENT', 'Invalid JSON payload received.'),
        );
        return;
      }
      const request: CloudRunSandboxRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        at: Date.now(),
      };
      if (this.#recordRequests) this.#requests.push(request);
      const hang = this.#hangs[0];
      if (hang) {
        hang.remaining -= 1;
        if (hang.remaining <= 0) this.#hangs.shift();
        if (hang.ms === Infinity) return;
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#answer(req, request, res);
        }, hang.ms);
        this.#timers.add(timer);
        return;
      }
      this.#answer(req, request, res);
    });
  }

  #answer(
    req: IncomingMessage,
    request: CloudRunSandboxRequest,
    res: ServerResponse,
  ) {
    if (res.destroyed) return;
    const faultIndex = this.#faults.findIndex(
      f =>
        (!f.method || f.method === request.method) &&
        (!f.pathPrefix || request.path.startsWith(f.pathPrefix)),
    );
    if (faultIndex >= 0) {
      const [fault] = this.#faults.splice(faultIndex, 1);
      this.#send(
        res,
        googleApiError(fault.status, fault.message, { reason: fault.reason }),
      );
      return;
    }
    if (request.path.startsWith('/run/')) {
      this.#json(res, 200, {
        message: 'Hello from the Cloud Run sandbox',
        path: request.path,
      });
      return;
    }
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      this.#send(
        res,
        googleApiError(
          'UNAUTHENTICATED',
          'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
          { reason: 'CREDENTIALS_MISSING' },
        ),
      );
      return;
    }
    const identity = handleIdentityRequest(
      { denied: this.#denied, gpuQuotas: this.#gpuQuotas },
      request,
    );
    if (identity) {
      this.#send(res, identity);
      return;
    }
    const timeSeries = TIME_SERIES_PATH.exec(request.path);
    if (timeSeries && request.method === 'GET') {
      this.#send(
        res,
        listTimeSeries(
          { store: this.#store, traffic: this.#traffic, now: Date.now() },
          decodeURIComponent(timeSeries[1]),
          new URL(req.url ?? '/', 'http://sandbox'),
        ),
      );
      return;
    }
    this.#send(
      res,
      handleCloudRunRequest(
        {
          store: this.#store,
          operations: this.#operations,
          readyAfterMs: this.#readyAfterMs,
          maxPageSize: this.#maxPageSize,
          takeFailure: (kind, id) => {
            const failure = this.#failures.get(`${kind} ${id}`);
            this.#failures.delete(`${kind} ${id}`);
            return failure;
          },
        },
        request,
      ),
    );
  }

  #send(res: ServerResponse, result: GoogleApiError | { ok: unknown }) {
    if ('ok' in result) this.#json(res, 200, result.ok);
    else this.#json(res, result.httpStatus, result.body);
  }

  #json(res: ServerResponse, status: number, body: unknown) {
    if (res.destroyed) return;
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
    });
    res.end(JSON.stringify(body));
  }
}
