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
import { DailyCostRecord } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { rankMovers, spanCost } from './movers';

type Day = DailyCostRecord & { deploymentId: string };

const day = (
  deploymentId: string,
  date: string,
  estimated: number | null,
  actual: number | null,
  more: Partial<DailyCostRecord> = {},
): Day => ({
  deploymentId,
  day: date,
  complete: true,
  billingHours: 24,
  estimated,
  estimateKind: estimated === null ? 'unknown' : 'exact',
  actual,
  ...(actual === null ? {} : { actualKind: 'billed' as const }),
  ...more,
});

// A deployment row carries more than a mover names (the spec, its env).
const named = (id: string) => ({
  id,
  name: id,
  environment: 'production',
  owner: 'group:default/team-a',
  provider: 'aws-sagemaker',
  spec: '{"env":{"A":"b"}}',
  created_by: 'user:default/a',
});

describe('rankMovers', () => {
  // N = 2 before 2026-12-07: previous 12-03 and 12-04, recent 12-05 and 12-06.
  const records: Day[] = [
    // a: $10 + $10 billed, then $16 + $18: $10 → $17 a day, +$7 (+70 %).
    day('a', '2026-12-02', 99, 99), // before both spans
    day('a', '2026-12-03', 9, 10),
    day('a', '2026-12-04', 9, 10),
    day('a', '2026-12-05', 9, 16),
    day('a', '2026-12-06', 9, 18),
    day('a', '2026-12-07', 9, 50, { complete: false }), // today, not counted
    // b: $8 + $8 estimated (approximate), then $4 of sandbox usage and no
    // day billed: $8 → $2 a day, −$6 (−75 %).
    day('b', '2026-12-03', 8, null, { estimateKind: 'approximate' }),
    day('b', '2026-12-04', 8, null, { estimateKind: 'approximate' }),
    day('b', '2026-12-05', 4, 4, { actualKind: 'sandbox' }),
    // c: new, $5 estimated on 12-06: $0 → $2.50 a day, no relative change.
    day('c', '2026-12-06', 5, null),
    // d: billed on 12-04 with neither figure: its previous span is unknown.
    day('d', '2026-12-04', null, null),
    day('d', '2026-12-05', 3, 3),
    // e: $4 billed and a day with no figure (≥ $2 a day, partial), then
    // $3 estimated + $2 billed: $2.50 a day, +$0.50 (+25 %).
    day('e', '2026-12-03', 4, 4),
    day('e', '2026-12-04', null, null),
    day('e', '2026-12-05', 3, null),
    day('e', '2026-12-06', 3, 2),
    // f: $5 a day throughout: no change, not listed.
    day('f', '2026-12-03', 5, 5),
    day('f', '2026-12-04', 5, 5),
    day('f', '2026-12-05', 5, 5),
    day('f', '2026-12-06', 5, 5),
  ];

  const ranked = (limit: number) =>
    rankMovers({
      deployments: ['a', 'b', 'c', 'd', 'e', 'f'].map(named),
      records,
      today: '2026-12-07',
      days: 2,
      limit,
    });

  it('ranks rises and falls of the daily cost, by hand', () => {
    const movers = ranked(5);
    // Only the fields a mover declares leave the backend.
    expect(Object.keys(movers.up[0]).sort()).toEqual([
      'change',
      'environment',
      'id',
      'kind',
      'name',
      'owner',
      'previous',
      'provider',
      'recent',
      'relative',
    ]);
    expect(movers.previous).toEqual({ from: '2026-12-03', to: '2026-12-05' });
    expect(movers.recent).toEqual({ from: '2026-12-05', to: '2026-12-07' });
    expect(
      movers.up.map(m => [m.id, m.previous.daily, m.recent.daily, m.change]),
    ).toEqual([
      ['a', 10, 17, 7],
      ['c', 0, 2.5, 2.5],
      ['e', 2, 2.5, 0.5],
    ]);
    expect(movers.up.map(m => [m.relative, m.kind])).toEqual([
      [0.7, 'exact'],
      [null, 'exact'],
      [0.25, 'partial'],
    ]);
    expect(movers.down).toHaveLength(1);
    expect(movers.down[0]).toMatchObject({
      id: 'b',
      change: -6,
      relative: -0.75,
      kind: 'approximate',
      previous: { total: 16, basis: 'estimated', kind: 'approximate' },
      recent: {
        total: 4,
        daily: 2,
        basis: 'actual',
        kind: 'exact',
        actualKinds: ['sandbox'],
      },
    });
    // d cannot be ranked: counted, never taken as $0.
    expect(movers.withoutFigure).toBe(1);
    expect(movers.up.find(m => m.id === 'c')!.previous).toMatchObject({
      total: 0,
      basis: 'none',
    });
    expect(movers.up.find(m => m.id === 'e')).toMatchObject({
      previous: { total: 4, basis: 'actual', daysWithoutFigure: 1 },
      recent: { total: 5, basis: 'mixed', kind: 'exact' },
    });
  });

  it('keeps the largest within the limit', () => {
    expect(ranked(2).up.map(m => m.id)).toEqual(['a', 'c']);
  });
});

describe('spanCost', () => {
  it('is unknown, not $0, when no billed day has a figure', () => {
    expect(
      spanCost(
        [
          day('x', '2026-12-01', null, null),
          day('x', '2026-12-02', null, null),
        ],
        { from: '2026-12-01', to: '2026-12-03' },
        2,
      ),
    ).toMatchObject({
      total: null,
      daily: null,
      kind: 'unknown',
      daysWithoutFigure: 2,
    });
  });

  it('takes the estimate where the actual is in another currency', () => {
    expect(
      spanCost(
        [day('x', '2026-12-01', 6, 5, { actualCurrency: 'EUR' })],
        { from: '2026-12-01', to: '2026-12-02' },
        1,
      ),
    ).toMatchObject({ total: 6, basis: 'estimated' });
  });
});
