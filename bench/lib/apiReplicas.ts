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
import { freePort } from '../../packages/backend/src/__testUtils__/backendProcess';
import { BenchBackend, startBenchBackend } from './backendProcess';

/**
 * Starts `count` processes of the API backend (apiBackend.ts) sharing one
 * database, as replicas behind a load balancer would: each with its own port
 * and base URL, all with the same `database` and `cloudDeployments` config.
 * On PostgreSQL give a `prefix` of its own to every run, so each starts from
 * empty databases.
 */
export async function startApiReplicas(options: {
  count: number;
  dir: string;
  database: object;
  cloudDeployments: object;
}): Promise<BenchBackend[]> {
  const replicas: BenchBackend[] = [];
  for (let i = 0; i < options.count; i++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const configFile = join(
      options.dir,
      `app-config.replica-${i}-${port}.yaml`,
    );
    writeFileSync(
      configFile,
      JSON.stringify({
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          database: options.database,
        },
        cloudDeployments: options.cloudDeployments,
      }),
    );
    replicas.push(
      await startBenchBackend({
        baseUrl,
        configFile,
        entry: join(__dirname, 'apiBackend.ts'),
      }),
    );
  }
  return replicas;
}

/** The database config of a run on the PostgreSQL at `url`, in databases of its own. */
export function postgresDatabase(url: string, run: string) {
  const pg = new URL(url);
  return {
    client: 'pg',
    prefix: `bench_${run}_${Date.now().toString(36)}_`,
    connection: {
      host: pg.hostname,
      port: Number(pg.port),
      user: pg.username || 'postgres',
    },
  };
}
