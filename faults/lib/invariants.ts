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
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { SageMakerSandbox } from '../../plugins/cloud-deployments-backend-module-sandbox/src';
import { associatedData } from '../../plugins/cloud-deployments-backend/src/terraform/DatabaseTerraformStateStore';
import { loadStateCipher } from '../../plugins/cloud-deployments-backend/src/terraform/loadStateCipher';
import { JOBS } from './cluster';

/** One invariant, checked. */
export type Check = { name: string; ok: boolean; detail?: string };

const FINAL = ['active', 'failed', 'destroyed'];
const IN_FLIGHT = ['pending', 'provisioning', 'updating', 'destroying'];

/** Every deployment the API accepted (202) is in the database. */
export async function noLostDeployment(
  db: Knex,
  accepted: string[],
): Promise<Check> {
  const found = new Set(
    (await db('deployments').whereIn('id', accepted).select('id')).map(
      r => r.id,
    ),
  );
  const lost = accepted.filter(id => !found.has(id));
  return {
    name: 'no lost deployment',
    ok: lost.length === 0,
    detail: lost.length
      ? `${lost.length} of ${accepted.length} missing`
      : `${accepted.length} accepted, all there`,
  };
}

/** The deployments, all in a final status (active, failed or destroyed). */
export async function allFinal(db: Knex, ids: string[]): Promise<Check> {
  const rows = await db('deployments').whereIn('id', ids).select('status');
  const stuck = rows.filter(r => !FINAL.includes(r.status));
  const byStatus = new Map<string, number>();
  for (const r of rows)
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  return {
    name: 'every deployment final',
    ok: stuck.length === 0 && rows.length === ids.length,
    detail: [...byStatus].map(([s, n]) => `${n} ${s}`).join(', '),
  };
}

/**
 * Nothing is stuck: every deployment in a working status has live work (a
 * queued task, or a running one whose lease is current), and no running or
 * cancelling task's lease ran out longer than a lease ago (a live worker
 * would have claimed it again).
 */
export async function nothingStuck(db: Knex): Promise<Check> {
  const now = Date.now();
  const staleBefore = new Date(now - JOBS.leaseMs).toISOString();
  const stale = await db('tasks')
    .whereIn('state', ['running', 'cancelling'])
    .where('lease_expires_at', '<', staleBefore)
    .select('id', 'deployment_id', 'state', 'lease_owner');
  const working = await db('deployments')
    .whereIn('status', IN_FLIGHT)
    .whereNotExists(
      db('tasks')
        .select(db.raw('1'))
        .whereRaw('tasks.deployment_id = deployments.id')
        .whereIn('state', ['queued', 'running', 'cancelling']),
    )
    .select('id', 'name', 'status');
  const problems = [
    ...stale.map(
      t => `task ${t.id} ${t.state} by ${t.lease_owner}, lease long expired`,
    ),
    ...working.map(d => `${d.name} ${d.status} with no task`),
  ];
  return {
    name: 'nothing stuck beyond its lease',
    ok: problems.length === 0,
    detail: problems.slice(0, 3).join('; ') || 'no expired lease, no orphan',
  };
}

/** No deployment has two tasks at work at once, and none has more than one unfinished task. */
export async function oneTaskAtATime(db: Knex): Promise<Check> {
  const rows = await db('tasks')
    .whereIn('state', ['queued', 'running', 'cancelling'])
    .groupBy('deployment_id')
    .having(db.raw('count(*) > 1'))
    .select('deployment_id')
    .count({ n: '*' });
  return {
    name: 'one task per deployment at a time',
    ok: rows.length === 0,
    detail: rows.length
      ? rows
          .map(r => `${(r as { deployment_id: string }).deployment_id}: ${r.n}`)
          .join(', ')
      : undefined,
  };
}

/**
 * The cloud saw no duplicate work: one endpoint per deployment name, and each
 * endpoint, endpoint configuration and model asked for exactly once.
 */
export function noDuplicateResources(
  sandbox: SageMakerSandbox,
  names: string[],
): Check {
  const problems: string[] = [];
  const creates = (operation: string, field: string) => {
    const counts = new Map<string, number>();
    for (const r of sandbox.requests) {
      if (r.operation !== operation) continue;
      const name = (r.body as Record<string, string>)?.[field];
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  };
  const endpoints = creates('CreateEndpoint', 'EndpointName');
  const models = creates('CreateModel', 'ModelName');
  const configs = creates('CreateEndpointConfig', 'EndpointConfigName');
  for (const name of names) {
    const n = endpoints.get(name) ?? 0;
    if (n !== 1) problems.push(`${name}: ${n} CreateEndpoint`);
  }
  for (const [kind, counts] of [
    ['model', models],
    ['config', configs],
  ] as const) {
    for (const [name, n] of counts) {
      if (names.some(d => name.startsWith(d)) && n > 1) {
        problems.push(`${kind} ${name}: ${n} creates`);
      }
    }
  }
  const live = sandbox.endpoints().filter(e => names.includes(e.name));
  if (new Set(live.map(e => e.name)).size !== live.length) {
    problems.push('two endpoints with one name');
  }
  return {
    name: 'no duplicate cloud resource',
    ok: problems.length === 0,
    detail:
      problems.slice(0, 3).join('; ') ||
      `${names.length} endpoints, each created once`,
  };
}

/** A logger for reading keys: what the backends warn of is theirs to say. */
const quietLogger: LoggerService = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => quietLogger,
};

/**
 * The Terraform state history of a workspace is intact: versions 1..n with
 * no gap, each stored state complete (its MD5 and size match, it parses as
 * JSON, its serial and lineage are the ones recorded), serials never go
 * down except in a rollback copy. State is encrypted at rest: each version
 * is opened with the backends' own data keys (the suite configures no
 * wrapping key), which also checks it was not altered.
 */
export async function stateHistoryIntact(
  db: Knex,
  workspace: string,
): Promise<Check & { versions: number }> {
  const ws = await db('terraform_workspaces')
    .where({ name: workspace })
    .first();
  if (!ws)
    return {
      name: 'state history intact',
      ok: false,
      detail: 'no workspace',
      versions: 0,
    };
  const rows = await db('terraform_state_versions')
    .where({ workspace_id: ws.id })
    .orderBy('version');
  const problems: string[] = [];
  let lastSerial = -1;
  const cipher = rows.some(row => row.key_id !== null)
    ? await loadStateCipher({
        knex: db,
        config: new ConfigReader({}),
        logger: quietLogger,
      })
    : undefined;
  rows.forEach((row, i) => {
    let bytes = Buffer.from(row.state);
    if (Number(row.version) !== i + 1)
      problems.push(`gap before version ${row.version}`);
    if (row.key_id !== null) {
      try {
        bytes = cipher!.open(
          bytes,
          row.key_id,
          associatedData(ws.id, Number(row.version)),
        );
      } catch (error) {
        problems.push(`version ${row.version}: ${error}`);
        return;
      }
    }
    if (createHash('md5').update(bytes).digest('hex') !== row.md5) {
      problems.push(`version ${row.version}: MD5 does not match its bytes`);
    }
    if (Number(row.size) !== bytes.length)
      problems.push(`version ${row.version}: size`);
    try {
      const state = JSON.parse(bytes.toString('utf8'));
      if (
        state.serial !== Number(row.serial) ||
        state.lineage !== row.lineage
      ) {
        problems.push(`version ${row.version}: serial or lineage differ`);
      }
    } catch {
      problems.push(`version ${row.version}: not JSON`);
    }
    if (row.rolled_back_from === null && Number(row.serial) < lastSerial) {
      problems.push(`version ${row.version}: serial went down`);
    }
    lastSerial = Number(row.serial);
  });
  return {
    name: 'state history intact',
    ok: problems.length === 0,
    detail:
      problems.slice(0, 3).join('; ') ||
      `${rows.length} versions, each complete`,
    versions: rows.length,
  };
}

/** No log line of these deployments carries a credential of the provider. */
export async function noSecretsInLog(
  db: Knex,
  ids: string[],
  secrets: string[],
): Promise<Check> {
  const rows = await db('deployment_events')
    .whereIn('deployment_id', ids)
    .select('message', 'data');
  const leaks = rows.filter(r =>
    secrets.some(
      s => r.message.includes(s) || String(r.data ?? '').includes(s),
    ),
  );
  return {
    name: 'no secret in the event log',
    ok: leaks.length === 0,
    detail: leaks.length
      ? `${leaks.length} lines`
      : `${rows.length} lines scanned`,
  };
}

/**
 * Retry lines follow the engine's backoff: attempt k waits between half and
 * all of min(maxBackoff, backoff × 2^(k-1)) (the jitter).
 */
export function followsBackoff(retries: any[]): boolean {
  return retries.every(e => {
    const { attempt, delayMs } = e.data.retry;
    const full = Math.min(
      JOBS.maxBackoffMs,
      JOBS.backoffMs * 2 ** (attempt - 1),
    );
    return delayMs >= Math.floor(full / 2) - 1 && delayMs <= full + 1;
  });
}
