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
import { daysBetween, timelineOf } from './billingTimeline';

const at = (iso: string) => Date.parse(iso);

describe('timelineOf', () => {
  // $73 a month is $0.10 an hour over 730 hours; $146 is $0.20.
  const estimates = [
    { at: at('2026-12-01T00:00:00Z'), monthlyCost: 73, costKind: 'exact' },
    {
      at: at('2026-12-02T12:00:00Z'),
      monthlyCost: 146,
      costKind: 'approximate',
    },
  ] as const;
  const statuses = [
    { at: at('2026-12-01T05:00:00Z'), to: 'pending' },
    { at: at('2026-12-01T06:00:00Z'), to: 'provisioning' },
    { at: at('2026-12-01T06:30:00Z'), to: 'active' },
    { at: at('2026-12-02T06:00:00Z'), to: 'failed' },
    { at: at('2026-12-02T12:00:00Z'), to: 'updating' },
    { at: at('2026-12-02T12:30:00Z'), to: 'active' },
    { at: at('2026-12-03T10:00:00Z'), to: 'destroying' },
    { at: at('2026-12-03T10:15:00Z'), to: 'destroyed' },
  ] as const;

  it('prices the hours each estimate was in effect, by hand', () => {
    const days = timelineOf({
      statuses,
      estimates,
      days: daysBetween('2026-12-01', '2026-12-05'),
      now: at('2026-12-06T00:00:00Z'),
    });
    expect(days).toEqual([
      // Billing 06:00–24:00 (18 h × $0.10); running from 06:30 (17.5 h).
      {
        day: '2026-12-01',
        billingHours: 18,
        runningHours: 17.5,
        estimated: 1.8,
        estimateKind: 'exact',
        running: 1.75,
      },
      // Active 00–06 at $0.10, failed 06–12 (not billing), updating and
      // active 12–24 at $0.20: 0.60 + 2.40.
      {
        day: '2026-12-02',
        billingHours: 18,
        runningHours: 18,
        estimated: 3,
        estimateKind: 'approximate',
        running: 3,
      },
      // Active to 10:00, destroying to 10:15: 10.25 h × $0.20 billed.
      {
        day: '2026-12-03',
        billingHours: 10.25,
        runningHours: 10,
        estimated: 2.05,
        estimateKind: 'approximate',
        running: 2,
      },
      {
        day: '2026-12-04',
        billingHours: 0,
        runningHours: 0,
        estimated: 0,
        estimateKind: 'exact',
        running: 0,
      },
    ]);
  });

  it('stops at now', () => {
    const [today] = timelineOf({
      statuses,
      estimates,
      days: ['2026-12-01'],
      now: at('2026-12-01T12:00:00Z'),
    });
    expect(today).toMatchObject({ billingHours: 6, estimated: 0.6 });
  });

  it('says unknown, never $0, for hours no estimate priced', () => {
    const [unpriced] = timelineOf({
      statuses: [{ at: at('2026-12-01T00:00:00Z'), to: 'active' }],
      estimates: [
        {
          at: at('2026-11-01T00:00:00Z'),
          monthlyCost: null,
          costKind: 'unknown',
        },
      ],
      days: ['2026-12-01'],
      now: at('2026-12-06T00:00:00Z'),
    });
    expect(unpriced).toMatchObject({
      billingHours: 24,
      estimated: null,
      estimateKind: 'unknown',
      running: null,
    });

    // Priced from noon only: the 12 priced hours, marked partial.
    const [half] = timelineOf({
      statuses: [{ at: at('2026-12-01T00:00:00Z'), to: 'active' }],
      estimates: [
        {
          at: at('2026-11-01T00:00:00Z'),
          monthlyCost: null,
          costKind: 'unknown',
        },
        { at: at('2026-12-01T12:00:00Z'), monthlyCost: 73, costKind: 'exact' },
      ],
      days: ['2026-12-01'],
      now: at('2026-12-06T00:00:00Z'),
    });
    expect(half).toMatchObject({ estimated: 1.2, estimateKind: 'partial' });
  });

  it('lists the days of a span', () => {
    expect(daysBetween('2026-11-29', '2026-12-02')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
  });
});
