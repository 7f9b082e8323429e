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
import { makeEstimate, makeLine } from '../__testUtils__/fixtures';
import { formatMonthlyCost } from './formatMonthlyCost';

const priced = (monthlyCost: number, overrides = {}) =>
  makeLine({ unitPrice: monthlyCost / 730, monthlyCost, ...overrides });
const missing = makeLine({ unitPrice: null, monthlyCost: null });

describe('formatMonthlyCost', () => {
  it('says how sure a total is, and shows none as a dash', () => {
    expect(formatMonthlyCost(makeEstimate({ lines: [priced(167.9)] }))).toBe(
      '$167.90',
    );
    expect(formatMonthlyCost(makeEstimate({ lines: [priced(1234.5)] }))).toBe(
      '$1,234.50',
    );
    expect(
      formatMonthlyCost(makeEstimate({ lines: [priced(34.44), missing] })),
    ).toBe('≥ $34.44, 1 line unpriced');
    expect(
      formatMonthlyCost(
        makeEstimate({
          lines: [
            priced(29.57, {
              region: 'us-east-1',
              kind: 'approximate',
              approximation: { requestedRegion: 'eu-south-2', reason: 'x' },
            }),
          ],
        }),
      ),
    ).toBe('≈ $29.57 (priced from us-east-1)');
    expect(formatMonthlyCost(makeEstimate({ lines: [missing, missing] }))).toBe(
      'unknown, 2 lines unpriced',
    );
    expect(formatMonthlyCost(undefined)).toBe('—');
  });
});
