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
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { TerraformWorkDir } from '../../plugins/cloud-deployments-backend/src/__testUtils__/terraformCli';
import { Api, sleep, until } from '../lib/cluster';
import { FaultProxy } from '../lib/faultProxy';
import { Check, stateHistoryIntact } from '../lib/invariants';
import { check, ScenarioResult, Suite } from '../lib/suite';

/*
 * A replica serving the Terraform HTTP state backend is SIGKILLed while the
 * real `terraform apply` writes state through it (a config of
 * `terraform_data` resources: no provider download):
 * 1. mid-body: the state POST has sent half its body when replica a dies;
 * 2. mid-transaction: replica b has begun the transaction that appends the
 *    version and waits inside it (the suite holds a table lock its INSERT
 *    needs) when it dies.
 * Afterwards, on a surviving or restarted replica: the state history is
 * intact (no half-written version), the lock Terraform left is released
 * through force-unlock (behind cloud.deployment.terraform.forceUnlock; locks
 * do not expire), `terraform state push errored.tfstate` puts back what
 * Terraform could not save, and a new apply succeeds.
 */

const WORKSPACE = 'faults-tf';
const STATE_PATH = `/api/cloud-deployments/terraform/state/${WORKSPACE}`;

type Recovery = {
  checks: Check[];
  ms: number;
  versionsBefore: number;
  /** Versions found after the kill, before the recovery wrote any. */
  versionsAtRestart: number;
};

export async function terraformStateKill(
  suite: Suite,
): Promise<ScenarioResult> {
  for (const name of ['a', 'b']) {
    if (!suite.replicas.has(name)) await suite.start(name);
  }
  const tfProxy = await FaultProxy.start(suite.replicas.get('a')!.baseUrl);
  const created = await (
    await suite.api('a')
  ).expect(201, 'POST', '/terraform/workspaces', { name: WORKSPACE });
  const wd = await TerraformWorkDir.create({
    address: `${tfProxy.url}${STATE_PATH}`,
    username: WORKSPACE,
    password: created.token,
  });
  const checks: Check[] = [];
  const notes: string[] = [];
  try {
    await wd.ok(['init', '-input=false', '-no-color']);
    await wd.ok(['apply', '-auto-approve', '-input=false', '-no-color'], {
      revision: '1',
    });

    // 1. Killed while it reads the state POST's body.
    const before1 = await versions(suite);
    let killed1 = 0;
    tfProxy.set(request =>
      request.method === 'POST' && request.path.startsWith(STATE_PATH)
        ? {
            type: 'handle',
            handle: async ({ req, body, target }) => {
              const upstream = httpRequest({
                host: target.hostname,
                port: target.port,
                method: 'POST',
                path: req.url,
                headers: req.headers,
              });
              upstream.on('error', () => {});
              upstream.write(body.subarray(0, Math.floor(body.length / 2)));
              await sleep(300);
              await suite.kill('a');
              killed1 = Date.now();
              req.socket.resetAndDestroy();
            },
          }
        : undefined,
    );
    const failed1 = await wd.run(
      ['apply', '-auto-approve', '-input=false', '-no-color'],
      {
        revision: '2',
      },
    );
    tfProxy.clear();
    tfProxy.retarget(suite.replicas.get('b')!.baseUrl);
    checks.push(
      check(
        'mid-body: terraform apply fails and keeps what it could not save',
        failed1.code !== 0 &&
          /Failed to save state/.test(failed1.output) &&
          existsSync(join(wd.dir, 'errored.tfstate')),
        firstLine(failed1.output, /Error: Failed to save state/),
      ),
    );
    const first = await recover(
      suite,
      await suite.api('b'),
      wd,
      before1,
      '3',
      killed1,
    );
    checks.push(
      ...first.checks.map(c => ({ ...c, name: `mid-body: ${c.name}` })),
    );

    // 2. Killed inside the transaction that appends the version: the suite
    // holds a SHARE lock on the versions table, so replica b's transaction
    // locks the workspace, reads the current version, and then waits with
    // its INSERT.
    const before2 = await versions(suite);
    const blocker = await suite.db.transaction();
    let killed2: number;
    let failed2;
    try {
      await blocker.raw('LOCK TABLE terraform_state_versions IN SHARE MODE');
      const apply2 = wd.run(
        ['apply', '-auto-approve', '-input=false', '-no-color'],
        {
          revision: '4',
        },
      );
      await until(
        "replica b's INSERT of the version to wait inside its transaction",
        async () => {
          const [{ n }] = await suite
            .db('pg_stat_activity')
            .where({ wait_event_type: 'Lock' })
            .where('query', 'like', 'insert into "terraform_state_versions"%')
            .count({ n: '*' });
          return Number(n) > 0;
        },
        30_000,
        20,
      );
      await suite.kill('b');
      killed2 = Date.now();
      await blocker.rollback();
      failed2 = await apply2;
    } finally {
      if (!blocker.isCompleted()) await blocker.rollback();
    }
    checks.push(
      check(
        'mid-transaction: terraform apply fails and keeps what it could not save',
        failed2.code !== 0 && existsSync(join(wd.dir, 'errored.tfstate')),
        firstLine(failed2.output, /Error: Failed to save state/),
      ),
    );
    await suite.start('a');
    tfProxy.retarget(suite.replicas.get('a')!.baseUrl);
    const second = await recover(
      suite,
      await suite.api('a'),
      wd,
      before2,
      '5',
      killed2,
    );
    checks.push(
      ...second.checks.map(c => ({ ...c, name: `mid-transaction: ${c.name}` })),
    );
    notes.push(
      `mid-body: recovered (force-unlock, state push, apply) ${first.ms} ms after the kill, on the other replica`,
      `mid-transaction: recovered ${second.ms} ms after the kill, including restarting a replica`,
    );
    return {
      scenario: 'replica SIGKILLed during a state write',
      injected:
        "SIGKILL of the replica serving terraform apply's state POST: mid-body, then mid-transaction",
      outcome: `apply failed both times and no version was written (${first.versionsBefore}→${first.versionsAtRestart}, ${second.versionsBefore}→${second.versionsAtRestart} versions); lock force-unlocked, state pushed, next apply OK`,
      checks,
      recoveryMs: first.ms,
      notes,
    };
  } finally {
    await wd.remove();
    await tfProxy.close();
  }
}

async function versions(suite: Suite): Promise<number> {
  return (await stateHistoryIntact(suite.db, WORKSPACE)).versions;
}

/**
 * The documented recovery: the history is checked, the lock Terraform left
 * is force-unlocked, the state it could not save is pushed, and an apply runs.
 */
async function recover(
  suite: Suite,
  api: Api,
  wd: TerraformWorkDir,
  versionsBefore: number,
  revision: string,
  killedAt: number,
): Promise<Recovery> {
  const checks: Check[] = [];
  const history = await stateHistoryIntact(suite.db, WORKSPACE);
  checks.push({
    ...history,
    name: 'state history intact, no half-written version',
    ok: history.ok && history.versions === versionsBefore,
  });
  const workspace = await api.expect(
    200,
    'GET',
    `/terraform/workspaces/${WORKSPACE}`,
  );
  const lockId = workspace.lock?.info?.ID;
  const unlocked = lockId
    ? await api.request(
        'POST',
        `/terraform/workspaces/${WORKSPACE}/force-unlock`,
        { lockId },
      )
    : undefined;
  checks.push(
    check(
      "Terraform's lock recovered with force-unlock",
      Boolean(lockId) && unlocked?.status === 200,
      lockId
        ? `lock ${lockId} released (${unlocked?.status})`
        : 'no lock was left',
    ),
  );
  const pushed = await wd.run([
    'state',
    'push',
    '-no-color',
    'errored.tfstate',
  ]);
  const applied = await wd.run(
    ['apply', '-auto-approve', '-input=false', '-no-color'],
    {
      revision,
    },
  );
  const output = await wd.run(['output', '-raw', '-no-color', 'revision']);
  const ms = Date.now() - killedAt;
  const after = await stateHistoryIntact(suite.db, WORKSPACE);
  let detail = `revision ${output.output.trim()}, ${after.versions} versions`;
  if (applied.code !== 0) detail = firstLine(applied.output, /Error/);
  if (pushed.code !== 0) detail = firstLine(pushed.output, /Error/);
  checks.push(
    check(
      'state push of errored.tfstate, then a new apply succeeds',
      pushed.code === 0 &&
        applied.code === 0 &&
        output.output.trim() === revision,
      detail,
    ),
    { ...after, name: 'state history intact afterwards' },
  );
  return { checks, ms, versionsBefore, versionsAtRestart: history.versions };
}

function firstLine(output: string, pattern: RegExp): string {
  return (
    output
      .split('\n')
      .find(l => pattern.test(l))
      ?.trim() ??
    output.trim().split('\n').at(-1) ??
    ''
  );
}
