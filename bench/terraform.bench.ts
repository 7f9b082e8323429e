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
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { TerraformRunner } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import knexFactory from 'knex';
import cloudDeploymentsPlugin from '../plugins/cloud-deployments-backend/src';
import { renderSageMakerTerraform } from '../plugins/cloud-deployments-backend-module-aws/src/terraform/sageMakerTerraform';
import { renderCloudRunTerraform } from '../plugins/cloud-deployments-backend-module-gcp/src/terraform/cloudRunTerraform';
import { renderContainerGroupTerraform } from '../plugins/cloud-deployments-backend-module-azure/src/terraform/containerGroupTerraform';
import { renderKubernetes } from '../plugins/cloud-deployments-backend-module-kubernetes/src/manifests/renderKubernetes';
import { validateManifests } from '../plugins/cloud-deployments-backend-module-kubernetes/src/manifests/validateManifests';
import { deploymentManifests } from '../plugins/cloud-deployments-backend-module-kubernetes/src/manifests/deploymentManifests';
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

const env = {
  PATH: process.env.PATH!,
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
};

function time<T>(fn: () => T): [number, T] {
  const started = performance.now();
  const result = fn();
  return [performance.now() - started, result];
}

/** Runs terraform without blocking: the state backend answers in this process. */
function tf(
  dir: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'terraform',
      args,
      {
        cwd: dir,
        env: { ...env, HOME: dir, ...extraEnv },
        maxBuffer: 64 * 1024 * 1024,
      },
      error => (error ? reject(error) : resolve()),
    );
  });
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** A state workspace; retried once, as a kept-alive connection may have been closed. */
async function createWorkspace(
  api: string,
  name: string,
): Promise<{ token: string }> {
  const post = () =>
    fetch(`${api}/terraform/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
  const res = await post().catch(post);
  if (res.status !== 201) throw new Error(`workspace: ${await res.text()}`);
  return res.json();
}

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

  benchRenders();
  await benchManifestValidation();
}

function deployment(spec: Partial<DeploymentSpec>, i: number): Deployment {
  const now = new Date().toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `svc-${i}`,
    title: `Service ${i} "quoted" \${var.x}`,
    spec: {
      owner: 'group:default/team',
      component: 'component:default/svc',
      environment: 'production',
      engine: 'terraform',
      ...spec,
    } as DeploymentSpec,
    status: 'pending',
    outputs: {},
    createdBy: 'bench',
    createdAt: now,
    updatedBy: 'bench',
    updatedAt: now,
    version: 1,
  };
}

function benchRenders() {
  const cases: Array<[string, (i: number) => unknown]> = [
    [
      'aws-sagemaker',
      i =>
        renderSageMakerTerraform(
          deployment(
            {
              provider: 'aws-sagemaker',
              region: 'us-east-1',
              artifact: {
                image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/m:${i}`,
              },
              compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
            },
            i,
          ),
          { id: 'prod', executionRoleArn: 'arn:aws:iam::123456789012:role/sm' },
        ),
    ],
    [
      'gcp-cloud-run',
      i =>
        renderCloudRunTerraform(
          deployment(
            {
              provider: 'gcp-cloud-run',
              region: 'europe-west1',
              artifact: { image: `europe-docker.pkg.dev/acme/web/api:${i}` },
              compute: {
                cpu: 1,
                memoryMiB: 512,
                minInstances: 0,
                maxInstances: 5,
              },
            },
            i,
          ),
          { id: 'prod', projectId: 'acme-prod' },
        ),
    ],
    [
      'azure-container-instances',
      i =>
        renderContainerGroupTerraform(
          deployment(
            {
              provider: 'azure-container-instances',
              region: 'westeurope',
              artifact: { image: `acme.azurecr.io/web/api:${i}` },
              compute: { cpu: 1, memoryMiB: 1536 },
            },
            i,
          ),
          {
            id: 'prod',
            subscriptionId: '00000000-0000-0000-0000-000000000000',
            resourceGroup: 'rg',
          },
        ),
    ],
    [
      'kubernetes (YAML manifests + Terraform)',
      i =>
        renderKubernetes(
          kubernetesDeployment(i),
          { name: 'prod', url: 'https://10.0.0.1:6443' },
          KUBERNETES_SETTINGS,
        ),
    ],
  ];
  console.log(`\nrenders per second (${RENDERS} deployments each, one core):`);
  for (const [name, render] of cases) {
    for (let i = 0; i < 200; i++) render(i); // warm up
    const [ms] = time(() => {
      for (let i = 0; i < RENDERS; i++) render(i);
    });
    console.log(`  ${name}: ${((RENDERS / ms) * 1000).toFixed(0)} renders/s`);
  }
}

const KUBERNETES_SETTINGS = {
  clusters: [],
  sandbox: false,
  namespace: 'apps',
  fieldManager: 'bench',
  containerPort: 8080,
  rolloutTimeoutMs: 600_000,
};

const kubernetesDeployment = (i: number) =>
  deployment(
    {
      provider: 'kubernetes',
      region: 'us-east-1',
      engine: 'kubernetes',
      artifact: { image: `ghcr.io/acme/web:${i}` },
      compute: { cpu: 0.5, memoryMiB: 512, minInstances: 2, maxInstances: 6 },
    },
    i,
  );

/** What checking manifests against the Kubernetes schemas costs, per deployment. */
async function benchManifestValidation() {
  const manifests = Array.from({ length: RENDERS }, (_, i) =>
    deploymentManifests(kubernetesDeployment(i), KUBERNETES_SETTINGS),
  );
  for (let i = 0; i < 200; i++) await validateManifests(manifests[i]);
  const start = performance.now();
  for (const m of manifests) await validateManifests(m);
  const ms = performance.now() - start;
  console.log(
    `  kubernetes manifest validation (schemas + extra checks, 3 objects): ${(
      (RENDERS / ms) *
      1000
    ).toFixed(0)} deployments/s`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
