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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Backend,
  freePort,
  guestToken,
  startBackend,
  stopBackend,
} from './__testUtils__/backendProcess';

/*
 * Smoke test of the real backend (packages/backend/src/index.ts with every plugin
 * it wires): boot it on a free port with a file-backed SQLite database, create a
 * deployment over HTTP as a guest user, stop it, boot it again and find the
 * deployment again.
 */

jest.setTimeout(180_000);

describe('the backend', () => {
  let dataDir: string;
  let backend: Backend | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloud-deployments-smoke-'));
  });

  afterAll(async () => {
    if (backend) await stopBackend(backend);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a deployment created over HTTP across a restart', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const configFile = join(dataDir, 'app-config.smoke.yaml');
    writeFileSync(
      configFile,
      JSON.stringify({
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          database: {
            client: 'better-sqlite3',
            connection: { directory: join(dataDir, 'sqlite') },
          },
        },
        // Persistence only: no worker moves the deployment on meanwhile
        // (kill.test.ts covers provisioning across restarts).
        cloudDeployments: { jobs: { enabled: false } },
      }),
    );

    backend = await startBackend(configFile, baseUrl);
    let token = await guestToken(baseUrl);
    const created = await fetch(
      `${baseUrl}/api/cloud-deployments/deployments`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          name: 'smoke-api',
          owner: 'group:default/guests',
          component: 'component:default/example-website',
          environment: 'development',
          provider: 'gcp-cloud-run',
          region: 'europe-west1',
          engine: 'sdk',
          artifact: { image: 'europe-docker.pkg.dev/acme/web/api:1.0.0' },
          compute: { cpu: 1, memoryMiB: 512 },
        }),
      },
    );
    const body = await created.json();
    expect(created.status).toBe(202);
    expect(body).toMatchObject({
      name: 'smoke-api',
      status: 'pending',
      createdBy: 'user:default/guest',
    });

    await stopBackend(backend);
    backend = await startBackend(configFile, baseUrl);
    token = await guestToken(baseUrl);
    const found = await fetch(
      `${baseUrl}/api/cloud-deployments/deployments/${body.id}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual(body);
  });
});
