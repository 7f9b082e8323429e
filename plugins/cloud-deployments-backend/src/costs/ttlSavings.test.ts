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
import { TtlDestroy, ttlSavings } from './ttlSavings';

const at = (iso: string) => Date.parse(iso);

const destroy = (
  id: string,
  owner: string,
  monthlyCost: number | null,
  destroyedAt: string,
  more: Partial<TtlDestroy> = {},
): TtlDestroy => ({
  id,
  name: id,
  environment: 'development',
  owner,
  provider: 'gcp-cloud-run',
  destroyedAt: at(destroyedAt),
  monthlyCost,
  kind: monthlyCost === null ? 'unknown' : 'exact',
  ...more,
});

describe('ttlSavings', () => {
  // Now: 2026-12-10 12:00 UTC; 730 hours a month.
  const now = at('2026-12-10T12:00:00Z');
  const destroys = [
    // $73 a month = $0.10 an hour, destroyed 5 days ago: 120 h, $12.00.
    destroy('x', 'group:default/team-a', 73, '2026-12-05T12:00:00Z'),
    // $146 a month = $0.20 an hour, destroyed 2026-11-30 00:00, made again
    // 2026-12-02 00:00: 24 h this month ($4.80), 48 h in all ($9.60).
    destroy('y', 'group:default/team-a', 146, '2026-11-30T00:00:00Z', {
      recreatedAt: at('2026-12-02T00:00:00Z'),
    }),
    // No priced estimate: 48 h of an unknown saving, never $0.
    destroy('z', 'group:default/team-b', null, '2026-12-08T12:00:00Z'),
    // $36.50 a month = $0.05 an hour (approximate), destroyed 2026-10-01:
    // this month 228 h ($11.40), the last 30 days 720 h ($36.00), all
    // time 1,692 h ($84.60).
    destroy('w', 'group:default/team-b', 36.5, '2026-10-01T00:00:00Z', {
      kind: 'approximate',
    }),
    // $7.30 a month = $0.01 an hour, made again two days after: 48 h, all
    // before this month and the last 30 days ($0.48 in all).
    destroy('v', 'group:default/team-a', 7.3, '2026-11-01T00:00:00Z', {
      recreatedAt: at('2026-11-03T00:00:00Z'),
    }),
  ];

  it('counts this month, per owner and in total, by hand', () => {
    const report = ttlSavings({ destroys, period: 'month', now });
    expect(report.from).toBe('2026-12-01T00:00:00.000Z');
    expect(report.to).toBe('2026-12-10T12:00:00.000Z');
    expect(
      report.deployments.map(d => [d.id, d.hours, d.saved, d.kind]),
    ).toEqual([
      ['x', 120, 12, 'exact'],
      ['w', 228, 11.4, 'approximate'],
      ['y', 24, 4.8, 'exact'],
      ['z', 48, null, 'unknown'],
    ]);
    // $12.00 + $4.80; y was made again, so only x's $73 is still avoided.
    expect(report.owners).toEqual([
      {
        owner: 'group:default/team-a',
        deployments: 2,
        saved: 16.8,
        monthlyAvoided: 73,
        withoutEstimate: 0,
        kind: 'exact',
      },
      {
        owner: 'group:default/team-b',
        deployments: 2,
        saved: 11.4,
        monthlyAvoided: 36.5,
        withoutEstimate: 1,
        kind: 'partial',
      },
    ]);
    expect(report.total).toEqual({
      deployments: 4,
      saved: 28.2,
      monthlyAvoided: 109.5,
      withoutEstimate: 1,
      kind: 'partial',
    });
    expect(report.deployments.find(d => d.id === 'y')?.recreatedAt).toBe(
      '2026-12-02T00:00:00.000Z',
    );
  });

  it('counts the last 30 days and all time', () => {
    // From 2026-11-10 12:00: x $12.00 + y $9.60 + w $36.00.
    const month = ttlSavings({ destroys, period: '30d', now });
    expect(month.from).toBe('2026-11-10T12:00:00.000Z');
    expect(month.total.saved).toBe(57.6);
    expect(month.total.deployments).toBe(4);
    // x $12.00 + y $9.60 + w $84.60 + v $0.48.
    const all = ttlSavings({ destroys, period: 'all', now });
    expect(all.from).toBeUndefined();
    expect(all.total).toMatchObject({ deployments: 5, saved: 106.68 });
    expect(all.owners[0]).toMatchObject({
      owner: 'group:default/team-b',
      saved: 84.6,
    });
    expect(all.owners[1]).toMatchObject({
      owner: 'group:default/team-a',
      saved: 22.08,
    });
  });

  it('says unknown, not $0, when nothing counted has a price', () => {
    const report = ttlSavings({
      destroys: [
        destroy('z', 'group:default/team-b', null, '2026-12-08T12:00:00Z'),
      ],
      period: 'month',
      now,
    });
    expect(report.total).toEqual({
      deployments: 1,
      saved: null,
      monthlyAvoided: null,
      withoutEstimate: 1,
      kind: 'unknown',
    });
    // Nothing destroyed: a known $0.
    expect(ttlSavings({ destroys: [], period: 'all', now }).total).toEqual({
      deployments: 0,
      saved: 0,
      monthlyAvoided: 0,
      withoutEstimate: 0,
      kind: 'exact',
    });
  });

  it('spreads a month over the configured hours', () => {
    // $100 over 700 hours a month, 70 hours: $10.00.
    const report = ttlSavings({
      destroys: [
        destroy('h', 'group:default/team-a', 100, '2026-12-07T14:00:00Z'),
      ],
      period: 'month',
      now,
      hoursPerMonth: 700,
    });
    expect(report.total.saved).toBe(10);
  });
});
