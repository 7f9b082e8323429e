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
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { FaultQueue } from '../FaultQueue';
import {
  SandboxTraffic,
  SandboxTrafficSetting,
} from '../traffic/SandboxTraffic';
import { SageMakerApiError, throttlingError } from './awsErrors';
import { answerAwsQuery, sendAwsQueryError } from './awsQueryIdentity';
import {
  answerOperation,
  DecodedRequest,
  decodeRequest,
  send,
} from './awsJsonWire';
import { SandboxResources } from './SandboxResources';
import {
  SandboxEndpoint,
  SandboxEndpointConfig,
  SandboxModel,
} from './sandboxResourceTypes';
import {
  SageMakerSandboxFault,
  SageMakerSandboxOptions,
  SageMakerSandboxRequest,
} from './SageMakerSandboxTypes';

type FaultAction =
  | { error: SageMakerApiError }
  | { hangMs: number }
  | { raw: string };

/** Which requests a fault answers: of an operation, in a region, or both. */
type FaultScope = { operation?: string; region?: string };

const faultScope = (
  operation?: string,
  region?: string,
): FaultScope | undefined =>
  operation === undefined && region === undefined
    ? undefined
    : { operation, region };

const DEFAULT_FAILURE =
  'The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.';

/**
 * A local stand-in for the Amazon SageMaker API (awsJson1_1 over plain
 * HTTP, the protocol of `SageMakerClient` pointed at it with `endpoint`):
 * models, endpoint configurations and real-time endpoints with their
 * lifecycle, per region, in an account that exists as soon as it is named.
 * The same URL answers CloudWatch's `GetMetricData` (awsJson1_0, as
 * `CloudWatchClient` sends it) with the endpoints' daily `Invocations`:
 * synthetic traffic for the days each endpoint existed, about one endpoint
 * in four idle (see {@link SageMakerSandbox.setTraffic}). It also answers
 * STS `GetCallerIdentity` and IAM `SimulatePrincipalPolicy` (awsQuery), for
 * the portal's connection test: every action allowed but
 * `deniedActions`. Any SigV4-signed
 * request is accepted. Used by the module in sandbox mode, and by tests and
 * benchmarks through its fault injection and inspection methods.
 *
 * @public
 */
export class SageMakerSandbox {
  readonly #server: Server;
  readonly #resources: SandboxResources;
  readonly #requests: SageMakerSandboxRequest[] = [];
  readonly #counts = new Map<string, number>();
  readonly #faults = new FaultQueue<FaultAction, FaultScope>();
  readonly #failures = new Map<string, string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #recordRequests: boolean;
  readonly #now: () => number;
  readonly #traffic: SandboxTraffic;
  readonly #accountId: string;
  readonly #endpointQuotas: Map<string, number>;
  readonly #noCapacity: Set<string>;
  readonly #deniedActions: Set<string>;
  #url = '';

  /** Starts a sandbox on 127.0.0.1. */
  static async start(
    options: SageMakerSandboxOptions = {},
  ): Promise<SageMakerSandbox> {
    const sandbox = new SageMakerSandbox(options);
    await new Promise<void>((resolve, reject) => {
      sandbox.#server.once('error', reject);
      sandbox.#server.listen(options.port ?? 0, '127.0.0.1', () => {
        sandbox.#server.off('error', reject);
        resolve();
      });
    });
    const { port } = sandbox.#server.address() as AddressInfo;
    sandbox.#url = `http://127.0.0.1:${port}`;
    return sandbox;
  }

  private constructor(options: SageMakerSandboxOptions) {
    this.#now = options.now ?? Date.now;
    const readyAfterMs = options.readyAfterMs ?? 3000;
    this.#accountId = options.accountId ?? '123456789012';
    this.#endpointQuotas = new Map(
      Object.entries(options.endpointQuotas ?? {}),
    );
    this.#noCapacity = new Set(options.noCapacity ?? []);
    this.#deniedActions = new Set(
      (options.deniedActions ?? []).map(a => a.toLowerCase()),
    );
    this.#resources = new SandboxResources({
      accountId: this.#accountId,
      readyAfterMs,
      deleteAfterMs: options.deleteAfterMs ?? readyAfterMs,
      now: this.#now,
    });
    this.#recordRequests = options.recordRequests ?? true;
    this.#traffic = new SandboxTraffic('requests', options);
    this.#server = createServer((req, res) => this.#receive(req, res));
  }

  /** The base URL to pass to `SageMakerClient` as `endpoint`. */
  get url(): string {
    return this.#url;
  }

  /** The requests received so far, oldest first. */
  get requests(): readonly SageMakerSandboxRequest[] {
    return this.#requests;
  }

  /** How many requests arrived, for one operation or in all (even unrecorded). */
  requestCount(operation?: string): number {
    if (operation) return this.#counts.get(operation) ?? 0;
    let total = 0;
    for (const count of this.#counts.values()) total += count;
    return total;
  }

  /** Forgets the requests received so far. */
  clearRequests(): void {
    this.#requests.length = 0;
    this.#counts.clear();
  }

  /** The endpoints of every region, with their status now. */
  endpoints(): SandboxEndpoint[] {
    return this.#resources.allEndpoints();
  }

  /** The endpoint configurations of every region. */
  endpointConfigs(): SandboxEndpointConfig[] {
    return this.#resources.allEndpointConfigs();
  }

  /** The models of every region. */
  models(): SandboxModel[] {
    return this.#resources.allModels();
  }

  /** The tags of a resource, by its ARN; undefined when no resource has it. */
  tags(arn: string): Record<string, string> | undefined {
    const { tags } = this.#resources;
    if (!tags.known(arn)) return undefined;
    return Object.fromEntries(tags.list(arn).map(t => [t.Key, t.Value]));
  }

  /**
   * Makes the next create of an endpoint with this name end `Failed` with
   * this FailureReason (default: a failed health check).
   */
  failNextCreate(endpointName: string, reason = DEFAULT_FAILURE): void {
    this.#failures.set(`create:${endpointName}`, reason);
  }

  /**
   * Makes the next update of an endpoint with this name fail: it rolls back
   * to its configuration and stays `InService`, with this FailureReason.
   */
  failNextUpdate(endpointName: string, reason = DEFAULT_FAILURE): void {
    this.#failures.set(`update:${endpointName}`, reason);
  }

  /**
   * Sets the daily `Invocations` CloudWatch reports for the endpoint of this
   * name (in any region): the same number every day it exists (0 makes it
   * idle), or a number per `YYYY-MM-DD` day; undefined goes back to its
   * synthetic traffic.
   */
  setTraffic(
    endpointName: string,
    traffic: SandboxTrafficSetting | undefined,
  ): void {
    this.#traffic.set(endpointName, traffic);
  }

  /**
   * Sets the endpoint-usage quota of an instance type (instances, in every
   * region), which Service Quotas lists and CreateEndpoint enforces;
   * undefined removes it (no quota listed, none enforced).
   */
  setEndpointQuota(instanceType: string, limit: number | undefined): void {
    if (limit === undefined) this.#endpointQuotas.delete(instanceType);
    else this.#endpointQuotas.set(instanceType, limit);
  }

  /**
   * Whether SageMaker has instances of this type to give: without, every
   * endpoint created on it ends `Failed` with SageMaker's insufficient
   * capacity reason.
   */
  setCapacity(instanceType: string, available: boolean): void {
    if (available) this.#noCapacity.delete(instanceType);
    else this.#noCapacity.add(instanceType);
  }

  /** Answers the next `count` requests (of one operation) with ThrottlingException. */
  throttle(count = 1, operation?: string): void {
    this.#faults.push(faultScope(operation), count, {
      error: throttlingError(),
    });
  }

  /** Answers the next matching requests with an error, e.g. a quota or validation error. */
  reject(fault: SageMakerSandboxFault): void {
    this.#faults.push(
      faultScope(fault.operation, fault.region),
      fault.count ?? 1,
      {
        error: new SageMakerApiError(fault.type, fault.message, fault.status),
      },
    );
  }

  /**
   * Holds the next `count` matching requests for `ms` before it handles
   * them; a request whose client gives up first is dropped unhandled.
   */
  hang(ms: number, options: { count?: number; operation?: string } = {}) {
    this.#faults.push(faultScope(options.operation), options.count ?? 1, {
      hangMs: ms,
    });
  }

  /**
   * Answers the next `count` matching requests with HTTP 200 and this body
   * as it is, e.g. `{}` (valid JSON of the wrong shape) or an HTML page, as
   * a broken proxy or a service having a bad day might.
   */
  garble(body: string, options: { count?: number; operation?: string } = {}) {
    this.#faults.push(faultScope(options.operation), options.count ?? 1, {
      raw: body,
    });
  }

  /**
   * Test hook: scales an endpoint in service to `count` instances outside
   * the portal (what UpdateEndpointWeightsAndCapacities does); its
   * configuration keeps its own count. False when there is no such endpoint.
   */
  scaleBehindTheBack(name: string, count: number, region = 'us-east-1') {
    return this.#resources.scaleEndpoint(region, name, count);
  }

  /** Deletes an endpoint at once, as someone outside the portal would. */
  removeEndpoint(name: string, region = 'us-east-1'): boolean {
    return this.#resources.removeEndpoint(region, name);
  }

  /**
   * Puts a model, an endpoint configuration (both named `configName`) and
   * an endpoint in service at once, without requests, e.g. to benchmark
   * lists over many endpoints. `tags` go on all three, as the Create calls'
   * `Tags` would put them (without their checks, so that a test can seed
   * values SageMaker would refuse).
   */
  seedEndpoint(seed: {
    name: string;
    configName: string;
    region?: string;
    image?: string;
    instanceType?: string;
    instanceCount?: number;
    tags?: Record<string, string>;
  }): SandboxEndpoint {
    const region = seed.region ?? 'us-east-1';
    const tags = Object.entries(seed.tags ?? {}).map(([Key, Value]) => ({
      Key,
      Value,
    }));
    this.#resources.createModel(
      {
        name: seed.configName,
        region,
        executionRoleArn: `arn:aws:iam::123456789012:role/sandbox`,
        image: seed.image ?? 'sandbox/model:latest',
      },
      tags,
    );
    this.#resources.createEndpointConfig(
      {
        name: seed.configName,
        region,
        variants: [
          {
            variantName: 'AllTraffic',
            modelName: seed.configName,
            instanceType: seed.instanceType ?? 'ml.m5.large',
            initialInstanceCount: seed.instanceCount ?? 1,
          },
        ],
      },
      tags,
    );
    return this.#resources.createEndpoint(region, seed.name, seed.configName, {
      readyAfterMs: 0,
      tags,
    });
  }

  /** Stops listening, drops open connections and held requests. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await new Promise<void>(resolve => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #receive(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const decoded = decodeRequest(req, raw);
      const { target, service, operation, region, body } = decoded;
      const key = operation ?? 'unknown';
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
      if (this.#recordRequests) {
        this.#requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          target,
          operation,
          region,
          body: body ?? raw,
          at: this.#now(),
        });
      }

      const fault = this.#takeFault(operation, region);
      if (fault && 'hangMs' in fault) {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          if (!res.destroyed) this.#answer(req, res, decoded);
        }, fault.hangMs);
        this.#timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          this.#timers.delete(timer);
        });
        return;
      }
      if (fault && 'raw' in fault) {
        res.writeHead(200, {
          'content-type': decoded.form
            ? 'text/xml'
            : `application/x-amz-json-${
                service === 'cloudwatch' ? '1.0' : '1.1'
              }`,
        });
        res.end(fault.raw);
        return;
      }
      if (fault && (service === 'sts' || service === 'iam')) {
        sendAwsQueryError(res, service, fault.error);
        return;
      }
      if (fault) {
        send(res, fault.error.status, fault.error.body, service);
        return;
      }
      if (region === undefined) {
        send(
          res,
          403,
          {
            __type: 'MissingAuthenticationTokenException',
            message: 'Missing Authentication Token',
          },
          service,
        );
        return;
      }
      this.#answer(req, res, decoded);
    });
  }

  #takeFault(operation?: string, region?: string): FaultAction | undefined {
    return this.#faults.take(
      only =>
        (only.operation === undefined || only.operation === operation) &&
        (only.region === undefined || only.region === region),
    );
  }

  #answer(req: IncomingMessage, res: ServerResponse, request: DecodedRequest) {
    if (
      request.form &&
      (request.service === 'sts' || request.service === 'iam')
    ) {
      answerAwsQuery(res, request.service, request.form, {
        accountId: this.#accountId,
        deniedActions: this.#deniedActions,
      });
      return;
    }
    answerOperation(
      res,
      { ...request, contentType: req.headers['content-type'] },
      {
        resources: this.#resources,
        traffic: this.#traffic,
        now: this.#now(),
        region: request.region ?? 'us-east-1',
        accountId: this.#accountId,
        endpointQuotas: this.#endpointQuotas,
        noCapacity: this.#noCapacity,
        takeFailure: (kind, name) => {
          const key = `${kind}:${name}`;
          const reason = this.#failures.get(key);
          this.#failures.delete(key);
          return reason;
        },
      },
    );
  }
}
