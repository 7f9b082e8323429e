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
import { InputError } from '@backstage/errors';
import {
  CostEstimate,
  EstimateLine,
  totalOfLines,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { EstimationService } from '../EstimationService';
import { PriceCatalog } from '../PriceCatalog';
import { loadSnapshot } from '../snapshot/loadSnapshot';
import { AKS_TARGET, coverageMatrix, CoverageChoice } from './matrix';
import { coverageFailures, coverageTable, measureCoverage } from './tally';

const line = (kind: EstimateLine['kind'], region = 'eastus'): EstimateLine => ({
  description: 'Node share',
  quantity: 730,
  unit: 'hour',
  unitPrice: kind === 'missing' ? null : 0.1,
  monthlyCost: kind === 'missing' ? null : 73,
  sku: 'Standard_D2s_v5',
  region,
  kind,
});

const estimateOf = (lines: EstimateLine[]): CostEstimate => ({
  currency: 'USD',
  ...totalOfLines(lines),
  lines,
  assumptions: {},
  warnings: [],
  estimatedAt: '2026-12-05T00:00:00.000Z',
});

const choice = (target: string): CoverageChoice => ({
  target,
  label: 'a choice',
  estimate: { provider: 'kubernetes', region: 'cluster', compute: {} },
});

const options = { aksTarget: AKS_TARGET, aksMinExact: 0.9 };

describe('pricing coverage', () => {
  it('counts every choice of the matrix once, over the committed snapshot', () => {
    const catalog = PriceCatalog.fromSnapshot(loadSnapshot());
    const choices = coverageMatrix();
    const rows = measureCoverage(choices, c =>
      new EstimationService({
        catalog,
        kubernetesNode: c.kubernetesNode,
      }).estimate(c.estimate),
    );
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(choices.length);
    for (const row of rows) {
      const { exact, approximate, missing, refused } = row.counts;
      expect(exact + approximate + missing + refused).toBe(row.total);
    }
    expect(choices.length).toBeGreaterThanOrEqual(500);
    expect(coverageFailures(rows, options)).toEqual([]);
  });

  it('fails on an approximate estimate that says complete: true', () => {
    const mislabelled = {
      ...estimateOf([line('exact'), line('approximate', 'eastus')]),
      complete: true,
    };
    const results = [
      mislabelled,
      ...Array(9).fill(estimateOf([line('exact')])),
    ];
    const rows = measureCoverage(
      Array(10).fill(choice(AKS_TARGET)),
      () => results.shift()!,
    );
    expect(rows[0].counts).toEqual({
      exact: 9,
      approximate: 1,
      missing: 0,
      refused: 0,
    });
    expect(rows[0].completeButNotExact).toBe(1);
    expect(coverageFailures(rows, options)).toEqual([
      `${AKS_TARGET}: 1 estimate(s) with a non-exact line said complete: true`,
    ]);
  });

  it('fails when AKS is under 90 % exact, and counts a 400 as refused', () => {
    let n = 0;
    const rows = measureCoverage(Array(10).fill(choice(AKS_TARGET)), () => {
      n += 1;
      if (n === 1) throw new InputError('Invalid estimate: region');
      return estimateOf([line(n === 2 ? 'missing' : 'exact')]);
    });
    expect(rows[0].counts).toEqual({
      exact: 8,
      approximate: 0,
      missing: 1,
      refused: 1,
    });
    expect(coverageFailures(rows, options)).toEqual([
      `${AKS_TARGET}: 80.0 % exact, under 90.0 %`,
    ]);
    expect(coverageTable(rows)).toContain('| 8 (80.0 %)');
  });

  it('throws errors other than a 400: they are bugs, not coverage', () => {
    expect(() =>
      measureCoverage([choice(AKS_TARGET)], () => {
        throw new TypeError('boom');
      }),
    ).toThrow('boom');
  });
});
