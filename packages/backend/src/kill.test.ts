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
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Backend,
  freePort,
  guestToken,
  killBackend,
  startBackend,
  stopBackend,
} from './__testUtils__/backendProcess';

/*
 * Crash safety of provisioning: the real backend provisions SageMaker
 * endpoints (the real SDK, against a SageMaker sandbox that lives in this test
 * process, so it outlives the backend), and is killed with SIGKILL in the
 * middle — once right after the model was created, once right after the
 * endpoint was asked for. After each restart the task is taken over when its
 * lease expires, and every deployment ends active with exactly one model,
 * endpoint config and endpoint: no duplicate cloud resource, nothing stuck.
 */

jest.setTimeout(300_000);

const timeline: string[] = [];
const t0 = Date.now();
const mark = (what: string) =>
  timeline.push(
    `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${what}`,
  );

describe('provisioning across a killed backend', () => {
  let dataDir: string;
  let sandbox: SageMakerSandbox;
  let backend: Backend | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloud-deployments-kill-'));
    sandbox = await SageMakerSandbox.start({ readyAfterMs: 2000 });
  });

  afterAll(async () => {
    if (backend) await stopBackend(backend);
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
    // The run, for the record (the closing note of issue 4 quotes it).
    process.stdout.write(
      `\nkill-and-restart timeline:\n${timeline.join('\n')}\n`,
    );
  });

  it('ends every deployment active, with no duplicate resource, after SIGKILLs mid-provisioning', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const configFile = join(dataDir, 'app-config.kill.yaml');
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
        cloudDeployments: {
          // A "real" account whose API endpoint is the sandbox in this process.
          providers: {
            aws: {
              accounts: [
                {
                  id: 'kill-test',
                  executionRoleArn:
                    'arn:aws:iam::000000000000:role/SageMakerExecution',
                  endpoint: sandbox.url,
                  accessKeyId: 'AKIDKILLTEST',
                  secretAccessKey: 'kill-test-secret',
                },
              ],
            },
          },
          jobs: {
            lease: { seconds: 3 },
            pollInterval: { milliseconds: 200 },
            idlePollInterval: { milliseconds: 200 },
          },
        },
      }),
    );
    const api = `${baseUrl}/api/cloud-deployments/deployments`;
    let token = '';
    const create = async (name: string) => {
      const res = await fetch(api, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          name,
          owner: 'group:default/guests',
          component: 'component:default/example-website',
          environment: 'development',
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          engine: 'sdk',
          artifact: {
            image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1',
          },
          compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
        }),
      });
      expect(res.status).toBe(202);
      return (await res.json()).id as string;
    };
    const status = async (id: string) => {
      const res = await fetch(`${api}/${id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return res.json();
    };
    const until = async (
      check: () => boolean | Promise<boolean>,
      ms: number,
    ) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise(r => setTimeout(r, 5));
      }
    };
    const boot = async (n: number) => {
      backend = await startBackend(configFile, baseUrl);
      token = await guestToken(baseUrl);
      mark(`backend #${n} up (pid ${backend.process.pid})`);
    };

    // 1. Killed right after the model was created.
    await boot(1);
    const first = await create('crash-after-model');
    mark('created crash-after-model (202)');
    await until(() => sandbox.requestCount('CreateModel') >= 1, 30_000);
    await killBackend(backend!);
    mark(
      `SIGKILL backend #1 right after CreateModel (models ${
        sandbox.models().length
      }, endpoints ${sandbox.endpoints().length})`,
    );

    // 2. Restarted: it finishes the first, and is killed again right after
    //    asking for the second's endpoint.
    await boot(2);
    const second = await create('crash-after-endpoint');
    mark('created crash-after-endpoint (202)');
    await until(
      () =>
        sandbox.requests.some(
          r =>
            r.operation === 'CreateEndpoint' &&
            (r.body as { EndpointName?: string }).EndpointName ===
              'crash-after-endpoint',
        ),
      60_000,
    );
    await killBackend(backend!);
    mark(
      `SIGKILL backend #2 right after CreateEndpoint of crash-after-endpoint (first is ${
        (await sandboxStatus(sandbox, 'crash-after-model')) ?? 'absent'
      } in the sandbox)`,
    );

    // 3. Restarted again: both end active.
    await boot(3);
    for (const id of [first, second]) {
      await until(async () => (await status(id)).status === 'active', 60_000);
      const d = await status(id);
      mark(`${d.name}: ${d.status}, endpoint ${d.endpoint}`);
      const events = await (
        await fetch(`${api}/${id}/events`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json();
      expect(
        events.items
          .filter((e: any) => e.type === 'status')
          .map((e: any) => `${e.data.from}→${e.data.to}`),
      ).toEqual(['pending→provisioning', 'provisioning→active']);
    }

    // Exactly one of each resource per deployment, each asked for once: the
    // restarted worker looked before it created.
    expect(
      sandbox
        .endpoints()
        .map(e => e.name)
        .sort(),
    ).toEqual(['crash-after-endpoint', 'crash-after-model']);
    expect(sandbox.endpointConfigs()).toHaveLength(2);
    expect(sandbox.models()).toHaveLength(2);
    const creates = (op: string) =>
      sandbox.requests.filter(r => r.operation === op).length;
    mark(
      `sandbox: ${sandbox.models().length} models, ${
        sandbox.endpointConfigs().length
      } endpoint configs, ${
        sandbox.endpoints().length
      } endpoints; create requests: model ${creates(
        'CreateModel',
      )}, config ${creates('CreateEndpointConfig')}, endpoint ${creates(
        'CreateEndpoint',
      )}`,
    );
    expect(creates('CreateEndpoint')).toBe(2);
    expect(creates('CreateModel')).toBe(2);
    expect(creates('CreateEndpointConfig')).toBe(2);
  });
});

async function sandboxStatus(sandbox: SageMakerSandbox, name: string) {
  return sandbox.endpoints().find(e => e.name === name)?.status;
}
