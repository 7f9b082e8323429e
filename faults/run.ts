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
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { canRestartPostgres, POSTGRES_URL } from './lib/postgres';
import { ScenarioResult, Suite } from './lib/suite';
import { drFailoverKilled } from './scenarios/drFailover';
import { postgresRestart } from './scenarios/postgres';
import { providerErrors } from './scenarios/provider/errors';
import { providerGarbage } from './scenarios/provider/garbage';
import { providerHangs } from './scenarios/provider/hangs';
import { providerResets } from './scenarios/provider/resets';
import { replicaKilled } from './scenarios/replica';
import { terraformStateKill } from './scenarios/terraform';

/*
 * `yarn faults [scenario ...]`: the fault suite (see faults/README.md). Runs
 * each scenario against real backend processes on a throw-away PostgreSQL,
 * prints a summary table, and exits non-zero when an invariant failed.
 */

const SCENARIOS: Array<{
  id: string;
  run: (suite: Suite) => Promise<ScenarioResult>;
  needs?: () => string | undefined;
}> = [
  { id: 'hang', run: providerHangs },
  { id: 'errors', run: providerErrors },
  { id: 'garbage', run: providerGarbage },
  { id: 'reset', run: providerResets },
  {
    id: 'postgres',
    run: postgresRestart,
    needs: () =>
      canRestartPostgres()
        ? undefined
        : 'needs the throw-away PostgreSQL of scripts/test-postgres.sh (it stops and starts it)',
  },
  { id: 'replica', run: replicaKilled },
  { id: 'dr', run: drFailoverKilled },
  {
    id: 'terraform',
    run: terraformStateKill,
    needs: () => {
      try {
        execFileSync('terraform', ['version'], { stdio: 'ignore' });
        return undefined;
      } catch {
        return 'needs terraform on the PATH';
      }
    },
  },
];

async function main(): Promise<number> {
  if (!POSTGRES_URL) {
    console.error(
      'faults: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set; run it as `yarn faults` (it starts PostgreSQL)',
    );
    return 2;
  }
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter(w => !SCENARIOS.some(s => s.id === w));
  if (unknown.length) {
    console.error(
      `faults: unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map(
        s => s.id,
      ).join(', ')}`,
    );
    return 2;
  }
  const selected = SCENARIOS.filter(
    s => !wanted.length || wanted.includes(s.id),
  );

  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'cloud-deployments-faults-'));
  const suite = await Suite.create(dir);
  // Interrupted: no backend of the suite may outlive it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const replica of suite.replicas.values()) {
        replica.backend.process.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const results: ScenarioResult[] = [];
  try {
    await suite.start('a');
    for (const scenario of selected) {
      const missing = scenario.needs?.();
      if (missing) {
        results.push({
          scenario: scenario.id,
          injected: '—',
          outcome: `skipped: ${missing}`,
          checks: [],
          notes: [],
        });
        continue;
      }
      suite.mark(`scenario ${scenario.id}`);
      process.stderr.write(`faults: ${scenario.id} …\n`);
      try {
        results.push(await scenario.run(suite));
      } catch (error) {
        results.push({
          scenario: scenario.id,
          injected: '—',
          outcome: `did not finish: ${(error as Error).message}`,
          checks: [
            {
              name: 'scenario ran to the end',
              ok: false,
              detail: String(error),
            },
          ],
          notes: [],
        });
      } finally {
        suite.proxy.clear();
      }
      if (!suite.replicas.has('a')) await suite.start('a');
    }
  } finally {
    await suite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const summary = render(results, Date.now() - started, selected.length);
  console.log(summary);
  const out = resolve(__dirname, '../.cache/faults');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'summary.md'), summary);
  writeFileSync(join(out, 'timeline.txt'), `${suite.timeline.join('\n')}\n`);
  writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2));
  const failed = results.flatMap(r => r.checks).filter(c => !c.ok).length;
  return failed ? 1 : 0;
}

function seconds(ms?: number): string {
  return ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`;
}

/** The summary: one table row per scenario, then every check and note. */
function render(
  results: ScenarioResult[],
  totalMs: number,
  count: number,
): string {
  const lines = [
    `Fault suite: ${count} scenarios in ${seconds(
      totalMs,
    )} (backends as processes, PostgreSQL, SageMaker sandbox behind a fault proxy)`,
    '',
    '| Scenario | Injected | Outcome | Invariants | Recovery |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const passed = r.checks.filter(c => c.ok).length;
    const verdict = r.checks.length
      ? `${passed}/${r.checks.length} ${
          passed === r.checks.length ? 'pass' : 'FAIL'
        }`
      : '—';
    lines.push(
      `| ${[r.scenario, r.injected, r.outcome, verdict, seconds(r.recoveryMs)]
        .map(cell => cell.replace(/\|/g, '\\|'))
        .join(' | ')} |`,
    );
  }
  for (const r of results) {
    lines.push('', `${r.scenario}:`);
    for (const c of r.checks) {
      lines.push(
        `  ${c.ok ? 'pass' : 'FAIL'}  ${c.name}${
          c.detail ? ` — ${c.detail}` : ''
        }`,
      );
    }
    for (const note of r.notes) lines.push(`  note  ${note}`);
  }
  const failed = results.flatMap(r => r.checks).filter(c => !c.ok).length;
  lines.push(
    '',
    failed ? `${failed} invariant(s) FAILED` : 'All invariants held.',
  );
  return lines.join('\n');
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error);
    process.exit(1);
  },
);
