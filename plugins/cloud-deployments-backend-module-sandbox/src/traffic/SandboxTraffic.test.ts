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
import {
  isIdleInSandbox,
  SandboxTraffic,
  syntheticDailyTraffic,
} from './SandboxTraffic';

const DAY = 86_400_000;
const t = (iso: string) => Date.parse(iso);
const names = Array.from({ length: 400 }, (_, i) => `service-${i}`);
const busy = names.find(n => !isIdleInSandbox(n))!;
const idle = names.find(n => isIdleInSandbox(n))!;

describe('synthetic traffic', () => {
  it('makes about one resource in four idle, by name', () => {
    const idleCount = names.filter(isIdleInSandbox).length;
    expect(idleCount / names.length).toBeGreaterThan(0.18);
    expect(idleCount / names.length).toBeLessThan(0.32);
    // Stable: the same names every time.
    expect(names.filter(isIdleInSandbox)).toEqual(
      names.filter(isIdleInSandbox),
    );
  });

  it('is a deterministic amount per name and day, varying from day to day', () => {
    const week = [
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
      '2026-11-08',
    ];
    const amounts = week.map(day =>
      syntheticDailyTraffic(busy, day, 'requests'),
    );
    expect(amounts).toEqual(
      week.map(day => syntheticDailyTraffic(busy, day, 'requests')),
    );
    expect(new Set(amounts).size).toBeGreaterThan(3);
    for (const amount of amounts) {
      expect(Number.isInteger(amount)).toBe(true);
      expect(amount).toBeGreaterThanOrEqual(38);
      expect(amount).toBeLessThanOrEqual(41_200);
    }
    // Another name, other amounts.
    const other = names.filter(n => !isIdleInSandbox(n))[1];
    expect(
      week.map(day => syntheticDailyTraffic(other, day, 'requests')),
    ).not.toEqual(amounts);
  });

  it('gives idle resources no requests and only health-probe bytes', () => {
    for (const name of names.filter(isIdleInSandbox)) {
      expect(syntheticDailyTraffic(name, '2026-11-03', 'requests')).toBe(0);
      const bytes = syntheticDailyTraffic(name, '2026-11-03', 'bytes');
      expect(bytes).toBeGreaterThanOrEqual(2.5 * 2 ** 20);
      expect(bytes).toBeLessThanOrEqual(4.5 * 2 ** 20);
    }
    // Busy ones receive well above the default idle threshold of 10 MiB.
    for (const name of names.filter(n => !isIdleInSandbox(n))) {
      expect(
        syntheticDailyTraffic(name, '2026-11-08', 'bytes'),
      ).toBeGreaterThan(20 * 2 ** 20);
      expect(
        syntheticDailyTraffic(name, '2026-11-08', 'requests'),
      ).toBeGreaterThan(0);
    }
  });
});

describe('SandboxTraffic', () => {
  const traffic = () => new SandboxTraffic('requests');

  it('serves only the days a resource existed, prorating the first and the one in progress', () => {
    const created = t('2026-11-03T18:00:00Z');
    const now = t('2026-11-05T06:00:00Z');
    const days = traffic().days(
      busy,
      created,
      now,
      t('2026-11-01T00:00:00Z'),
      t('2026-11-07T00:00:00Z'),
    );

    expect(days.map(d => d.day)).toEqual([
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
    ]);
    const full = (day: string) => syntheticDailyTraffic(busy, day, 'requests');
    expect(days.map(d => d.amount)).toEqual([
      Math.round(full('2026-11-03') / 4),
      full('2026-11-04'),
      Math.round(full('2026-11-05') / 4),
    ]);
    expect(days[0]).toMatchObject({
      start: t('2026-11-03T00:00:00Z'),
      liveFrom: created,
      liveTo: t('2026-11-04T00:00:00Z'),
    });
    expect(days[2]).toMatchObject({ liveFrom: days[2].start, liveTo: now });
  });

  it('serves idle resources 0 on every day they existed', () => {
    const days = traffic().days(
      idle,
      t('2026-11-01T00:00:00Z'),
      t('2026-11-04T00:00:00Z'),
      t('2026-11-01T00:00:00Z'),
      t('2026-11-04T00:00:00Z'),
    );
    expect(days.map(d => [d.day, d.amount])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 0],
      ['2026-11-03', 0],
    ]);
  });

  it('leaves out days before `from` and from `to` on', () => {
    const days = traffic().days(
      busy,
      0,
      t('2026-12-01T00:00:00Z'),
      t('2026-11-10T00:00:00Z'),
      t('2026-11-12T00:00:00Z'),
    );
    expect(days.map(d => d.day)).toEqual(['2026-11-10', '2026-11-11']);
  });

  it('serves amounts set explicitly as they are, for the days it existed', () => {
    const set = new SandboxTraffic('requests', { [busy]: 7 });
    set.set('by-day', { '2026-11-02': 5, '2026-11-04': 9 });
    const span = [
      t('2026-11-01T00:00:00Z'),
      t('2026-11-05T00:00:00Z'),
    ] as const;

    expect(
      set
        .days(busy, t('2026-11-02T12:00:00Z'), span[1], ...span)
        .map(d => [d.day, d.amount]),
    ).toEqual([
      ['2026-11-02', 7],
      ['2026-11-03', 7],
      ['2026-11-04', 7],
    ]);
    // Days left out have no entry.
    expect(
      set.days('by-day', 0, span[1], ...span).map(d => [d.day, d.amount]),
    ).toEqual([
      ['2026-11-02', 5],
      ['2026-11-04', 9],
    ]);

    set.set(busy, undefined);
    expect(set.days(busy, 0, span[0] + DAY, ...span)[0].amount).toBe(
      syntheticDailyTraffic(busy, '2026-11-01', 'requests'),
    );
  });

  it.each([
    [-1, /must be amounts of 0 or more, got -1/],
    [{ '2026-11-01': Number.NaN }, /must be amounts of 0 or more/],
    [{ tomorrow: 3 }, /names 'tomorrow', not a day/],
    [{ '2026-13-01': 3 }, /names '2026-13-01', not a day/],
  ])('refuses the setting %j', (setting, message) => {
    expect(() => traffic().set('x', setting as any)).toThrow(message);
  });
});
