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
import { LoggerService } from '@backstage/backend-plugin-api';
import { findTextIssue } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';

/** Unpaired surrogates and NUL: what {@link findTextIssue} refuses. */
// eslint-disable-next-line no-control-regex
const ILL_FORMED = /[\ud800-\udfff\u0000]/gu;

/** A copy of a JSON value with every ill-formed string (and key) made whole with U+FFFD. */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ILL_FORMED, '\ufffd');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k.replace(ILL_FORMED, '\ufffd'),
        wellFormed(v),
      ]),
    );
  }
  return value;
}

type Table = {
  name: string;
  key: string;
  /** Columns holding JSON, where an ill-formed string survives as a `\u` escape. */
  json: string[];
  /** Plain text columns: on SQLite they may hold bytes that are not UTF-8. */
  text: string[];
};

const TABLES: Table[] = [
  {
    name: 'deployments',
    key: 'id',
    json: ['spec', 'last_good_spec', 'outputs', 'estimate'],
    text: [
      'title',
      'description',
      'owner',
      'component',
      'system',
      'status_reason',
      'endpoint',
    ],
  },
  {
    name: 'deployment_events',
    key: 'id',
    json: ['data'],
    text: ['message', 'actor'],
  },
  { name: 'tasks', key: 'id', json: ['payload'], text: ['last_error'] },
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(hex: string): boolean {
  try {
    utf8.decode(Buffer.from(hex, 'hex'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Repairs rows that an earlier version let through holding ill-formed text
 * (an unpaired UTF-16 surrogate, or NUL), which the catalog cannot process:
 * such a deployment, published as an entity, stopped the whole backend on
 * SQLite. Runs at every start and is cheap when there is nothing to do: SQL
 * picks the few candidate rows (a `\u` escape in JSON, or on SQLite a byte
 * `ED` that may start a WTF-8 surrogate, or a NUL), and only those are read
 * and checked. Each bad string becomes well-formed with U+FFFD in its place;
 * a deployment's denormalised columns follow its repaired spec, and its log
 * says what was repaired, so its owner can correct it (the refs no longer
 * name a real entity).
 *
 * @returns the ids of the deployments whose rows were repaired
 */
export async function repairIllFormedText(
  knex: Knex,
  logger: LoggerService,
): Promise<string[]> {
  const sqlite = String(knex.client.config.client).includes('sqlite');
  const repaired = new Set<string>();
  for (const table of TABLES) {
    const candidates = await knex(table.name)
      .select(table.key, ...table.json, ...table.text)
      .modify(qb => {
        for (const column of table.json) {
          qb.orWhereRaw(sqlite ? 'instr(??, ?) > 0' : 'strpos(??, ?) > 0', [
            column,
            '\\u',
          ]);
        }
        if (sqlite) {
          for (const column of table.text) {
            qb.orWhereRaw("instr(CAST(?? AS BLOB), X'ED') > 0", [column]);
            qb.orWhereRaw("instr(CAST(?? AS BLOB), X'00') > 0", [column]);
          }
        }
      })
      .modify(qb => {
        if (sqlite) {
          for (const column of table.text) {
            qb.select(knex.raw('hex(??) AS ??', [column, `${column}__hex`]));
          }
        }
      });
    for (const row of candidates as Array<Record<string, any>>) {
      const change: Record<string, unknown> = {};
      for (const column of table.json) {
        if (typeof row[column] !== 'string') continue;
        const value = JSON.parse(row[column]);
        if (findTextIssue(value, { maxDepth: 10_000 })) {
          const fixed = wellFormed(value);
          change[column] = JSON.stringify(fixed);
          if (column === 'spec') {
            const spec = fixed as Record<string, unknown>;
            change.owner = spec.owner;
            change.component = spec.component;
            change.system = spec.system ?? null;
          }
        }
      }
      for (const column of table.text) {
        if (typeof row[column] !== 'string' || column in change) continue;
        const hex = row[`${column}__hex`];
        const badBytes = typeof hex === 'string' && !isUtf8(hex);
        if (badBytes || findTextIssue(row[column])) {
          // Read back, the bytes already decoded to U+FFFD; writing the
          // string stores it as UTF-8.
          change[column] = row[column].replace(ILL_FORMED, '\ufffd');
        }
      }
      if (!Object.keys(change).length) continue;
      await knex.transaction(async tx => {
        await tx(table.name).where(table.key, row[table.key]).update(change);
        if (table.name === 'deployments') {
          await tx('deployment_events').insert({
            deployment_id: row.id,
            type: 'updated',
            message: `Repaired ill-formed text (an unpaired UTF-16 surrogate or NUL, let in by an earlier version) in ${Object.keys(
              change,
            ).join(
              ', ',
            )}: each bad character is now U+FFFD. Check the owner, component and system, and correct them if they no longer name an entity.`,
            data: JSON.stringify({ repaired: Object.keys(change) }),
            actor: 'plugin:cloud-deployments',
            created_at: new Date().toISOString(),
          });
        }
      });
      repaired.add(
        table.name === 'deployments'
          ? String(row.id)
          : `${table.name} ${row[table.key]}`,
      );
    }
  }
  if (repaired.size) {
    logger.warn(
      `Repaired ill-formed text (unpaired UTF-16 surrogates or NUL) stored by an earlier version in: ${[
        ...repaired,
      ].join(', ')}`,
    );
  }
  return [...repaired];
}
