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
import { Knex } from 'knex';
import { SageMakerSandbox } from '../../plugins/cloud-deployments-backend-module-sandbox/src';
import {
  Api,
  killReplica,
  Replica,
  replicaConfig,
  sageMakerRequest,
  sleep,
  startReplica,
  stopReplica,
  until,
} from './cluster';
import { FaultProxy } from './faultProxy';
import { Check } from './invariants';
import { dropDatabases, pluginDatabase, POSTGRES_URL } from './postgres';

/** What a scenario reports, one row of the summary. */
export type ScenarioResult = {
  scenario: string;
  injected: string;
  outcome: string;
  checks: Check[];
  /** From the end of the fault (or the kill) until every invariant held. */
  recoveryMs?: number;
  /** Figures worth recording beside the row (README). */
  notes: string[];
};

/**
 * Database names of this run, `faults_<run>_<plugin>`: a server of yours
 * (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) may hold earlier
 * runs' databases until they are dropped at the end.
 */
const PREFIX = `faults_${Date.now().toString(36)}_`;

/**
 * What every scenario shares: the SageMaker sandbox (in this process, so it
 * outlives the backends), the fault proxy in front of it, the replicas, and
 * the plugin's database for the invariant checks.
 */
export class Suite {
  readonly dir: string;
  readonly sandbox: SageMakerSandbox;
  readonly proxy: FaultProxy;
  readonly db: Knex;
  readonly replicas = new Map<string, Replica>();
  readonly #configs = new Map<
    string,
    { configFile: string; baseUrl: string }
  >();
  readonly #apis = new Map<string, Api>();
  readonly timeline: string[] = [];
  readonly #t0 = Date.now();

  static async create(dir: string): Promise<Suite> {
    // Slow enough that steps poll a few times, quick enough for a short run.
    const sandbox = await SageMakerSandbox.start({
      readyAfterMs: 1000,
      deleteAfterMs: 500,
    });
    const proxy = await FaultProxy.start(sandbox.url);
    return new Suite(dir, sandbox, proxy);
  }

  private constructor(
    dir: string,
    sandbox: SageMakerSandbox,
    proxy: FaultProxy,
  ) {
    this.dir = dir;
    this.sandbox = sandbox;
    this.proxy = proxy;
    this.db = pluginDatabase(PREFIX, 'cloud-deployments');
  }

  /** Notes a moment of the run, with the time since the start. */
  mark(what: string): void {
    const line = `${((Date.now() - this.#t0) / 1000)
      .toFixed(1)
      .padStart(6)} s  ${what}`;
    this.timeline.push(line);
    if (process.env.FAULTS_VERBOSE) process.stderr.write(`${line}\n`);
  }

  /** Starts (or restarts) the replica `name`, on the port it had before. */
  async start(name: string): Promise<Replica> {
    let config = this.#configs.get(name);
    if (!config) {
      config = await replicaConfig({
        dir: this.dir,
        name,
        postgresUrl: POSTGRES_URL!,
        prefix: PREFIX,
        sageMakerUrl: this.proxy.url,
      });
      this.#configs.set(name, config);
    }
    const started = Date.now();
    const replica = await startReplica(name, config);
    this.replicas.set(name, replica);
    this.#apis.delete(name);
    this.mark(
      `replica ${name} up (pid ${replica.pid}) in ${Date.now() - started} ms`,
    );
    return replica;
  }

  async kill(name: string): Promise<void> {
    const replica = this.replicas.get(name)!;
    await killReplica(replica);
    this.replicas.delete(name);
    this.mark(`SIGKILL replica ${name} (pid ${replica.pid})`);
  }

  async api(name = 'a'): Promise<Api> {
    let api = this.#apis.get(name);
    if (!api) {
      const replica = this.replicas.get(name);
      if (!replica) throw new Error(`replica ${name} is not running`);
      api = await Api.signIn(replica.baseUrl);
      this.#apis.set(name, api);
    }
    return api;
  }

  /** Creates a SageMaker deployment (202) and returns its id. */
  async create(api: Api, name: string, image?: string): Promise<string> {
    const created = await api.expect(
      202,
      'POST',
      '/deployments',
      sageMakerRequest(name, image),
    );
    return created.id;
  }

  /** Waits until the deployment is in one of `statuses`. */
  async until(
    api: Api,
    id: string,
    statuses: string[],
    timeoutMs = 60_000,
  ): Promise<any> {
    return until(
      `${id} to be ${statuses.join(' or ')}`,
      async () => {
        const answer = await api.request('GET', `/deployments/${id}`);
        return answer.status === 200 && statuses.includes(answer.body.status)
          ? answer.body
          : undefined;
      },
      timeoutMs,
    );
  }

  /** The retry lines of a deployment's log. */
  async retries(api: Api, id: string): Promise<any[]> {
    return (await api.events(id)).filter(e => e.data?.retry);
  }

  async close(): Promise<void> {
    for (const replica of this.replicas.values()) await stopReplica(replica);
    // A scenario that failed half-way may have left a transaction open.
    await Promise.race([this.db.destroy(), sleep(5000)]);
    await dropDatabases(PREFIX);
    await this.proxy.close();
    await this.sandbox.close();
  }
}

/** A check built from a condition, for what a scenario observed. */
export function check(name: string, ok: boolean, detail?: string): Check {
  return { name, ok, detail };
}
