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
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Backend,
  freePort,
  guestToken,
  killBackend,
  startBackend,
  stopBackend,
} from '../../packages/backend/src/__testUtils__/backendProcess';

/** Fixed timings of the job engine in every replica the suite starts. */
export const JOBS = {
  leaseMs: 4000,
  pollIntervalMs: 250,
  idlePollMs: 250,
  backoffMs: 500,
  maxBackoffMs: 4000,
  maxAttempts: 6,
  /** One SageMaker request may take this long before it counts as failed. */
  requestTimeoutMs: 2000,
};

/** A replica: a backend process and the settings it was started with. */
export type Replica = {
  name: string;
  baseUrl: string;
  configFile: string;
  backend: Backend;
  /** Its worker's id starts with the host name and contains `:<pid>:`. */
  pid: number;
};

/**
 * Writes the config of a replica: PostgreSQL (a database per plugin, named
 * with `prefix`), the SageMaker account whose API endpoint is `sageMakerUrl`
 * (the fault proxy), and the job engine's fixed timings. Reconciliation runs
 * once after start, then when a scenario triggers it.
 */
export async function replicaConfig(options: {
  dir: string;
  name: string;
  postgresUrl: string;
  prefix: string;
  sageMakerUrl: string;
}): Promise<{ configFile: string; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configFile = join(options.dir, `app-config.${options.name}.yaml`);
  const ms = (milliseconds: number) => ({ milliseconds });
  writeFileSync(
    configFile,
    JSON.stringify({
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        database: {
          client: 'pg',
          connection: options.postgresUrl,
          prefix: options.prefix,
        },
      },
      cloudDeployments: {
        providers: {
          aws: {
            timeoutMs: JOBS.requestTimeoutMs,
            accounts: [
              {
                id: 'faults',
                executionRoleArn:
                  'arn:aws:iam::000000000000:role/SageMakerExecution',
                endpoint: options.sageMakerUrl,
                accessKeyId: 'AKIDFAULTSUITE',
                secretAccessKey: 'faults-suite-secret',
              },
            ],
          },
        },
        jobs: {
          lease: ms(JOBS.leaseMs),
          pollInterval: ms(JOBS.pollIntervalMs),
          idlePollInterval: ms(JOBS.idlePollMs),
          backoff: ms(JOBS.backoffMs),
          maxBackoff: ms(JOBS.maxBackoffMs),
          maxAttempts: JOBS.maxAttempts,
          provisionTimeout: { minutes: 2 },
          destroyTimeout: { minutes: 2 },
        },
        reconciliation: {
          // Hourly, so it runs when a scenario triggers it (a task waiting
          // its initial delay would not notice a trigger).
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 1 },
          },
        },
      },
    }),
  );
  return { configFile, baseUrl };
}

/** Starts a replica and waits until it answers its readiness check. */
export async function startReplica(
  name: string,
  config: { configFile: string; baseUrl: string },
): Promise<Replica> {
  const backend = await startBackend(config.configFile, config.baseUrl, {
    entry: join(__dirname, '../../bench/lib/apiBackend.ts'),
    env: { LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn' },
    readyTimeoutMs: 180_000,
    onOutput: process.env.FAULTS_BACKEND_OUTPUT
      ? d => process.stderr.write(`[${name}] ${d}`)
      : undefined,
  });
  return { name, ...config, backend, pid: backend.process.pid! };
}

export async function killReplica(replica: Replica): Promise<void> {
  await killBackend(replica.backend);
}

export async function stopReplica(replica: Replica): Promise<void> {
  await stopBackend(replica.backend);
}

/** What one API request got. */
export type Answer<T = any> = {
  status: number;
  body: T;
  ms: number;
  /** The request got no answer in time (or the connection failed). */
  error?: string;
};

/**
 * The cloud-deployments API of one replica, as the guest user, with a time
 * limit on every request: a request that would hang shows as an error.
 */
export class Api {
  readonly #baseUrl: string;
  #token = '';

  static async signIn(baseUrl: string): Promise<Api> {
    const api = new Api(baseUrl);
    api.#token = await guestToken(baseUrl);
    return api;
  }

  private constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  get baseUrl(): string {
    return this.#baseUrl;
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 30_000,
  ): Promise<Answer<T>> {
    const started = Date.now();
    try {
      const res = await fetch(`${this.#baseUrl}/api/cloud-deployments${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.#token}`,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let parsed: any = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, ms: Date.now() - started };
    } catch (error) {
      return {
        status: 0,
        body: undefined as T,
        ms: Date.now() - started,
        error: String((error as Error).cause ?? error),
      };
    }
  }

  /** Like {@link Api.request}, but throws unless the status is the expected one. */
  async expect<T = any>(
    status: number,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const answer = await this.request<T>(method, path, body);
    if (answer.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${
          answer.status || answer.error
        }: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  }

  deployment(id: string) {
    return this.expect(200, 'GET', `/deployments/${id}`);
  }

  async events(id: string): Promise<any[]> {
    return (
      await this.expect(200, 'GET', `/deployments/${id}/events?limit=1000`)
    ).items;
  }

  /** Runs reconciliation now, on whichever replica takes it. */
  async reconcile(): Promise<void> {
    await this.expect(
      200,
      'POST',
      '/.backstage/scheduler/v1/tasks/cloud-deployments-reconcile/trigger',
    );
  }
}

/** A SageMaker deployment request; `name` must be unique among live ones. */
export function sageMakerRequest(name: string, image = 'model:1') {
  return {
    name,
    owner: 'group:default/guests',
    component: 'component:default/faults',
    environment: 'development',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    engine: 'sdk',
    artifact: {
      image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/${image}`,
    },
    compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
  };
}

export const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns something truthy, or throws after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(everyMs);
  }
}
