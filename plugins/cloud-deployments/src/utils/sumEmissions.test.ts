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
import { makeEmissions } from '../__testUtils__/emissions';
import { sumEmissions } from './sumEmissions';

describe('sumEmissions', () => {
  const exact = makeEmissions();

  it('adds exact figures up to an exact sum', () => {
    const sum = sumEmissions([exact, exact]);
    expect(sum.kind).toBe('exact');
    expect(sum.knownGrams).toBeCloseTo(2 * exact.knownSubtotalGrams, 6);
  });

  it('is approximate when one figure borrows coefficients', () => {
    const borrowed = makeEmissions({
      totalKind: 'approximate',
      approximateFrom: ['us-east-1'],
    });
    expect(sumEmissions([exact, borrowed]).kind).toBe('approximate');
  });

  it('is a lower bound when a deployment was never estimated or misses lines', () => {
    const notEstimated = sumEmissions([exact, undefined]);
    expect(notEstimated).toMatchObject({ kind: 'partial', notEstimated: 1 });
    expect(notEstimated.knownGrams).toBeCloseTo(exact.knownSubtotalGrams, 6);
    const missing = makeEmissions({
      totalKind: 'partial',
      monthlyTotalGrams: null,
      knownSubtotalGrams: 700,
      missingLines: 2,
    });
    expect(sumEmissions([exact, missing])).toMatchObject({
      kind: 'partial',
      withMissingLines: 1,
    });
  });

  it('is unknown, not 0, when nothing is known', () => {
    expect(sumEmissions([undefined, undefined])).toEqual({
      knownGrams: 0,
      kind: 'unknown',
      notEstimated: 2,
      withMissingLines: 0,
    });
    expect(sumEmissions([]).kind).toBe('unknown');
  });
});
