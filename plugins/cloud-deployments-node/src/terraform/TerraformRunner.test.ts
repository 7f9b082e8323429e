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
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StalePlanError, TerraformCommandError } from './errors';
import { TerraformRunner } from './TerraformRunner';
import { TerraformOutputLine } from './types';

// The real terraform binary, with local state and only built-in resources
// (terraform_data, local-exec), so nothing is downloaded. The HTTP state
// backend is exercised in the backend plugin's tests.

const config = (revision: string, extra: object = {}) => ({
  'main.tf.json': JSON.stringify({
    variable: { secret: { type: 'string', sensitive: true, default: 'unset' } },
    resource: {
      terraform_data: {
        app: { input: revision },
        ...extra,
      },
    },
    output: {
      revision: { value: '${terraform_data.app.output}' },
      secret: { value: '${var.secret}', sensitive: true },
    },
  }),
});

// Each test runs the real terraform binary several times: seconds on a loaded 2-core machine.
jest.setTimeout(60_000);

describe('TerraformRunner', () => {
  const runners: TerraformRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map(r => r.dispose()));
  });

  async function runner(
    files: Record<string, string>,
    options: Partial<Parameters<typeof TerraformRunner.inTempDir>[1]> = {},
  ) {
    const lines: TerraformOutputLine[] = [];
    const r = await TerraformRunner.inTempDir(files, {
      inheritEnv: false,
      onLine: line => {
        lines.push(line);
      },
      ...options,
    });
    runners.push(r);
    return { r, lines };
  }

  it('inits, plans, applies the saved plan, reads outputs and destroys, streaming every line', async () => {
    const { r, lines } = await runner(config('one'), {
      env: { TF_VAR_secret: 'hunter2-very-secret' },
      secrets: ['hunter2-very-secret'],
    });
    await r.init();
    const plan = await r.plan();
    expect(plan.changes).toEqual({ add: 1, change: 0, destroy: 0 });
    expect(plan.state).toBeUndefined();
    expect(existsSync(plan.file)).toBe(true);
    expect(plan.json.resource_changes?.[0]).toMatchObject({
      address: 'terraform_data.app',
      change: { actions: ['create'] },
    });
    expect(lines.map(l => l.line)).toContain(
      'Plan: 1 to add, 0 to change, 0 to destroy.',
    );

    await r.apply(plan);
    expect(lines).toContainEqual({
      command: 'apply',
      stream: 'stdout',
      line: 'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
    });
    const outputs = await r.output();
    expect(outputs.revision).toMatchObject({ value: 'one', sensitive: false });
    expect(outputs.secret).toMatchObject({
      value: 'hunter2-very-secret',
      sensitive: true,
    });
    // Machine-readable output (plan JSON, state, outputs) is never streamed.
    expect(lines.some(l => l.line.includes('hunter2-very-secret'))).toBe(false);

    const state = await r.currentState();
    expect(state).toEqual({
      serial: expect.any(Number),
      lineage: expect.any(String),
    });

    const noChange = await r.plan();
    expect(noChange.changes).toEqual({ add: 0, change: 0, destroy: 0 });

    await r.destroy();
    expect(lines.map(l => l.line)).toContain(
      'Destroy complete! Resources: 1 destroyed.',
    );
  });

  it('refuses a plan made before the state changed, and Terraform agrees', async () => {
    const { r } = await runner(config('one'));
    await r.init();
    await r.apply(await r.plan());
    const stalePlan = await r.plan({ out: 'stale.tfplan' });
    const newer = await r.plan({ out: 'newer.tfplan' });
    await writeRevision(r.dir, 'two');
    await r.apply(await r.plan({ out: 'two.tfplan' }));

    await expect(r.apply(stalePlan)).rejects.toBeInstanceOf(StalePlanError);
    await expect(r.apply(newer)).rejects.toThrow(
      /The plan is stale: it was made against state serial \d+ .*, and the state is now serial \d+/,
    );
    // Without the runner's own check, Terraform refuses it too.
    await expect(
      r.apply({ file: newer.file, state: await r.currentState() }),
    ).rejects.toThrow(/Saved plan is stale/);
    expect((await r.output()).revision.value).toBe('two');
  });

  it('fails with the error Terraform printed', async () => {
    const { r } = await runner({
      'main.tf.json': JSON.stringify({
        resource: { terraform_data: { a: { input: '${var.missing}' } } },
      }),
    });
    await r.init();
    const error = await r.plan().catch(e => e);
    expect(error).toBeInstanceOf(TerraformCommandError);
    expect(error).toMatchObject({
      command: 'plan',
      reason: 'failed',
      exitCode: 1,
    });
    expect(error.message).toMatch(
      /terraform plan failed \(exit 1\): .*Reference to undeclared input variable/s,
    );
  });

  const slow = config('slow', {
    wait: {
      provisioner: [{ 'local-exec': { command: 'sleep 20' } }],
    },
  });

  it('stops a command that runs past its time limit', async () => {
    const { r } = await runner(slow, {
      timeouts: { apply: 1500 },
      graceMs: 3000,
    });
    await r.init();
    const started = Date.now();
    const error = await r.apply(await r.plan()).catch(e => e);
    expect(error).toMatchObject({ command: 'apply', reason: 'timeout' });
    expect(error.message).toMatch(
      /terraform apply timed out after 2 s and was stopped/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops when cancelled, and refuses to start once cancelled', async () => {
    const controller = new AbortController();
    const { r, lines } = await runner(slow, {
      signal: controller.signal,
      graceMs: 3000,
    });
    await r.init();
    const plan = await r.plan();
    const applying = r.apply(plan).catch(e => e);
    // Cancel once the slow provisioner has started.
    await waitFor(() => lines.some(l => l.line.includes('Provisioning with')));
    controller.abort();
    expect(await applying).toMatchObject({
      command: 'apply',
      reason: 'cancelled',
    });
    await expect(r.output()).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('declares the HTTP backend when the configuration has none, and passes the token only through the environment', async () => {
    const { r } = await runner(config('one'), {
      backend: {
        address: 'http://127.0.0.1:9/state/ws',
        username: 'ws',
        password: 'tfws_not-on-disk',
      },
      env: { TF_HTTP_RETRY_MAX: '0' },
    });
    // Nothing listens on port 9: init fails talking to the backend, after writing the block.
    await expect(r.init()).rejects.toBeInstanceOf(TerraformCommandError);
    const block = JSON.parse(
      await readFile(
        join(r.dir, 'zz_cloud_deployments_backend.tf.json'),
        'utf8',
      ),
    );
    expect(block).toEqual({ terraform: { backend: { http: {} } } });
    for (const file of [
      'main.tf.json',
      'zz_cloud_deployments_backend.tf.json',
    ]) {
      expect(await readFile(join(r.dir, file), 'utf8')).not.toContain('tfws_');
    }
  });

  it('plans against a local copy of a state, whatever backend is declared, leaving the original alone', async () => {
    const { r: original } = await runner(config('one'));
    await original.init();
    await original.apply(await original.plan());
    const stateFile = join(original.dir, 'terraform.tfstate');
    const state = await readFile(stateFile, 'utf8');
    const files = config('two');
    const main = JSON.parse(files['main.tf.json']);
    const { r } = await runner(
      {
        'main.tf.json': JSON.stringify({
          ...main,
          terraform: { backend: { http: {} } },
        }),
      },
      {
        // Nothing listens on port 9: any use of this backend would fail.
        backend: {
          address: 'http://127.0.0.1:9/state/ws',
          username: 'ws',
          password: 'tfws_unused',
        },
        env: { TF_HTTP_RETRY_MAX: '0' },
        localState: { state },
      },
    );
    await r.init();
    const plan = await r.plan();
    // The copy holds the resource: a new input changes it.
    expect(plan.changes).toEqual({ add: 0, change: 1, destroy: 0 });
    expect(plan.state).toEqual(await original.currentState());
    expect(await readFile(stateFile, 'utf8')).toBe(state);

    // Without a state to copy, the plan starts from none.
    const { r: fresh } = await runner(config('two'), { localState: {} });
    await fresh.init();
    expect((await fresh.plan()).changes).toEqual({
      add: 1,
      change: 0,
      destroy: 0,
    });
  });

  it('keeps files inside the work directory and removes it on dispose', async () => {
    await expect(
      TerraformRunner.inTempDir({ '../escape.tf.json': '{}' }, {}),
    ).rejects.toThrow(
      '../escape.tf.json is not a path inside the work directory',
    );
    const { r } = await runner(config('one'));
    await expect(r.apply({ file: '/etc/passwd' })).rejects.toThrow(
      '/etc/passwd is outside the work directory',
    );
    await r.dispose();
    expect(existsSync(r.dir)).toBe(false);
  });

  it('masks secrets in the lines it streams', async () => {
    const { r } = await runner({}, { secrets: ['abcd-secret'] });
    expect(r.mask('token abcd-secret and abcd-secret')).toBe(
      'token *** and ***',
    );
  });
});

async function writeRevision(dir: string, revision: string) {
  await writeFile(join(dir, 'main.tf.json'), config(revision)['main.tf.json']);
}

async function waitFor(check: () => boolean, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise(r => setTimeout(r, 50));
  }
}
