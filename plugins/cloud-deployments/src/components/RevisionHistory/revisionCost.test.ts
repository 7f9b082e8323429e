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
import { DeploymentRevision } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  costKindLabel,
  describeCostDelta,
  formatRevisionCost,
} from './revisionCost';

const revision = (
  number: number,
  monthlyCost: number | undefined,
  costKind: DeploymentRevision['costKind'] = 'exact',
) =>
  ({
    number,
    costKind,
    ...(monthlyCost === undefined ? {} : { monthlyCost }),
  } as DeploymentRevision);

describe('revision costs', () => {
  it('shows how sure each cost is, and never $0 for an unknown one', () => {
    expect(
      [
        revision(1, 12.5),
        revision(2, 12.5, 'approximate'),
        revision(3, 12.5, 'partial'),
        revision(4, undefined, 'unknown'),
      ].map(r => [formatRevisionCost(r), costKindLabel(r)]),
    ).toEqual([
      ['$12.50', 'exact'],
      ['≈ $12.50', 'approximate'],
      ['≥ $12.50', 'partly priced'],
      ['unknown', 'unpriced'],
    ]);
  });

  it('says what restoring a revision does to the monthly cost', () => {
    expect(describeCostDelta(revision(3, 20), revision(1, 12.5))).toBe(
      '−$7.50 a month ($20.00 → $12.50).',
    );
    expect(describeCostDelta(revision(3, 12.5), revision(1, 20.25))).toBe(
      '+$7.75 a month ($12.50 → $20.25).',
    );
    expect(describeCostDelta(revision(3, 10, 'partial'), revision(1, 12))).toBe(
      'About +$2.00 a month (≥ $10.00 → $12.00).',
    );
    expect(describeCostDelta(revision(3, 10), revision(1, 10))).toBe(
      'No change in monthly cost ($10.00 → $10.00).',
    );
    expect(
      describeCostDelta(revision(3, 10), revision(1, undefined, 'unknown')),
    ).toBe('The change in monthly cost is unknown: revision 1 had no price.');
  });
});
