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
/* eslint-disable no-console */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { TerraformRunner } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import knexFactory from 'knex';
import cloudDeploymentsPlugin from '../plugins/cloud-deployments-backend/src';
import {
  benchManifestValidation,
  benchRenders,
} from './lib/terraform/renderRates';
import {
  createWorkspace,
  env,
  tf,
  timeAsync,
} from './lib/terraform/terraformCli';
import { percentile } from './lib/stats';

/*
 * Terraform runner overhead (issue 5). The same configuration, 200
 * `terraform_data` resources (nothing to download), applied side by side in
 * one run, alternating which goes first:
 *  - plain: `terraform plan -out` then `terraform apply <plan>` with the
 *    local backend (state in a file), the careful way to apply by hand;
 *  - runner: `TerraformRunner.plan()` then `.apply()` with state in the
 *    plugin's HTTP backend (a real backend on loopback, better-sqlite3 file),
 *    which adds `show -json` of the plan, two `state pull`s (the stale-plan
 *    check), locking, and every output line streamed to a callback.
 * Also `terraform apply -auto-approve` plain (plan and apply in one command)
 * for reference. Each sample is a fresh state (create 200). Then renders per
 * second of each provider's Terraform. Run with `yarn bench:terraform`.
 */

const RESOURCES = Number(process.env.BENCH_TF_RESOURCES ?? 200);
const ROUNDS = Number(process.env.BENCH_TF_ROUNDS ?? 5);
const RENDERS = Number(process.env.BENCH_RENDERS ?? 5000);

const config = JSON.stringify({
  resource: {
    terraform_data: Object.fromEntries(
      Array.from({ length: RESOURCES }, (_, i) => [
        `r${i}`,
        { input: { index: i, name: `resource-${i}` } },
      ]),
    ),
  },
  output: { count: { value: RESOURCES } },
});

async function plainDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tf-bench-plain-'));
  writeFileSync(join(dir, 'main.tf.json'), config);
  await tf(dir, ['init', '-input=false', '-no-color']);
  return dir;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tf-bench-db-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dataDir, 'backend.sqlite') },
    useNullAsDefault: true,
  });
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsPlugin,
      mockServices.database.factory({ knex, migrations: { skip: false } }),
      mockServices.rootConfig.factory({
        data: { cloudDeployments: { jobs: { enabled: false } } },
      }),
    ],
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const api = `http://127.0.0.1:${port}/api/cloud-deployments`;

  const plainHttp: number[] = [];
  const plainSplit: number[] = [];
  const plainOneShot: number[] = [];
  const runner: number[] = [];
  let lines = 0;
  console.log(
    `terraform ${
      JSON.parse(
        execFileSync('terraform', ['version', '-json'], { env }).toString(),
      ).terraform_version
    }, ${RESOURCES} terraform_data resources, ${ROUNDS} rounds (fresh state each)`,
  );
  for (let round = 0; round < ROUNDS; round++) {
    const order =
      round % 2 === 0
        ? ['plain', 'plain-http', 'runner']
        : ['runner', 'plain-http', 'plain'];
    for (const which of order) {
      if (which === 'plain') {
        const split = await plainDir();
        plainSplit.push(
          await timeAsync(async () => {
            await tf(split, [
              'plan',
              '-input=false',
              '-no-color',
              '-out=tfplan',
            ]);
            await tf(split, ['apply', '-input=false', '-no-color', 'tfplan']);
          }),
        );
        rmSync(split, { recursive: true, force: true });
        const oneShot = await plainDir();
        plainOneShot.push(
          await timeAsync(() =>
            tf(oneShot, [
              'apply',
              '-input=false',
              '-no-color',
              '-auto-approve',
            ]),
          ),
        );
        rmSync(oneShot, { recursive: true, force: true });
      } else if (which === 'plain-http') {
        // The bare CLI on the same DB backend: the runner's own cost is the difference.
        const name = `bench-plain-${round}`;
        const { token } = await createWorkspace(api, name);
        const dir = mkdtempSync(join(tmpdir(), 'tf-bench-http-'));
        writeFileSync(join(dir, 'main.tf.json'), config);
        writeFileSync(
          join(dir, 'backend.tf.json'),
          JSON.stringify({ terraform: { backend: { http: {} } } }),
        );
        const address = `${api}/terraform/state/${name}`;
        const httpEnv = {
          TF_HTTP_ADDRESS: address,
          TF_HTTP_LOCK_ADDRESS: address,
          TF_HTTP_LOCK_METHOD: 'LOCK',
          TF_HTTP_UNLOCK_ADDRESS: address,
          TF_HTTP_UNLOCK_METHOD: 'UNLOCK',
          TF_HTTP_USERNAME: name,
          TF_HTTP_PASSWORD: token,
          TF_HTTP_RETRY_MAX: '0',
        };
        await tf(dir, ['init', '-input=false', '-no-color'], httpEnv);
        // The server answers in this process: the CLI must not block its event loop.
        const started = performance.now();
        await tf(
          dir,
          ['plan', '-input=false', '-no-color', '-out=tfplan'],
          httpEnv,
        );
        await tf(
          dir,
          ['apply', '-input=false', '-no-color', 'tfplan'],
          httpEnv,
        );
        plainHttp.push(performance.now() - started);
        rmSync(dir, { recursive: true, force: true });
      } else {
        const { token } = await createWorkspace(api, `bench-${round}`);
        const run = await TerraformRunner.inTempDir(
          { 'main.tf.json': config },
          {
            backend: {
              address: `${api}/terraform/state/bench-${round}`,
              username: `bench-${round}`,
              password: token,
            },
            inheritEnv: false,
            env: { TF_HTTP_RETRY_MAX: '0' },
            onLine: () => {
              lines++;
            },
          },
        );
        await run.init();
        runner.push(
          await timeAsync(async () => {
            await run.apply(await run.plan());
          }),
        );
        await run.dispose();
      }
    }
    console.log(
      `  round ${round + 1}: plain plan+apply ${plainSplit
        .at(-1)!
        .toFixed(0)} ms, plain apply -auto-approve ${plainOneShot
        .at(-1)!
        .toFixed(0)} ms, runner + DB backend ${runner.at(-1)!.toFixed(0)} ms`,
    );
  }
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const ratio = median(runner) / median(plainSplit);
  console.log(
    `median: plain plan+apply ${median(plainSplit).toFixed(0)} ms, ` +
      `plain apply -auto-approve ${median(plainOneShot).toFixed(0)} ms, ` +
      `runner ${median(runner).toFixed(0)} ms (${lines} lines streamed)`,
  );
  console.log(
    `overhead ratio (runner + DB backend / plain plan+apply, medians): ${ratio.toFixed(
      3,
    )} (target < 1.05)`,
  );
  console.log(
    `runner's own overhead (runner + DB backend / plain CLI + DB backend, medians): ${(
      median(runner) / median(plainHttp)
    ).toFixed(3)} (plain CLI + DB backend ${median(plainHttp).toFixed(0)} ms)`,
  );
  console.log(
    `vs plain apply -auto-approve: ${(
      median(runner) / median(plainOneShot)
    ).toFixed(3)}`,
  );
  await backend.stop();
  await knex.destroy();
  rmSync(dataDir, { recursive: true, force: true });

  benchRenders(RENDERS);
  await benchManifestValidation(RENDERS);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
