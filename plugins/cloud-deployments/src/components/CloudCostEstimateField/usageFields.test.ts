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
import { makeEstimate } from '../../__testUtils__/fixtures';
import { makeEmissions } from '../../__testUtils__/emissions';
import { toEstimateInputs } from './estimateInputs';
import {
  parseUsageInput,
  usageAssumptionsOf,
  usageFieldsFor,
  usageInputText,
  withChosenUsage,
} from './usageFields';

const field = (provider: any, key: string) =>
  usageFieldsFor(provider).find(f => f.key === key)!;

describe('parseUsageInput', () => {
  it.each([
    ['hoursPerMonth', '200', { value: 200 }],
    ['hoursPerMonth', ' ', {}],
    ['hoursPerMonth', '0', { error: 'must be greater than 0' }],
    ['hoursPerMonth', '745', { error: 'must be at most 744 (31 days)' }],
    ['requestsPerMonth', '1.5', { error: 'must be a whole number' }],
    ['concurrency', '1001', { error: 'must be at most 1000' }],
    ['billing', 'instance', { value: 'instance' }],
    ['applyFreeTier', 'false', { value: false }],
    ['applyFreeTier', 'true', { value: true }],
    ['applyFreeTier', 'maybe', { error: 'Expected boolean, received string' }],
    // Typed as a percentage, sent as the API's 0–1.
    ['cpuUtilization', '50', { value: 0.5 }],
    ['cpuUtilization', '12.5', { value: 0.125 }],
    ['cpuUtilization', '7', { value: 0.07 }],
    ['cpuUtilization', '0', { value: 0 }],
    ['cpuUtilization', '100', { value: 1 }],
    ['cpuUtilization', '101', { error: 'must be between 0 and 100 %' }],
    ['cpuUtilization', '-1', { error: 'must be between 0 and 100 %' }],
  ])('%s %j', (key, text, expected) => {
    expect(parseUsageInput(field('gcp-cloud-run', key), text)).toEqual(
      expected,
    );
  });

  it('offers each target the usage its estimator reads', () => {
    const keys = (provider: any) => usageFieldsFor(provider).map(f => f.key);
    expect(keys('gcp-cloud-run')).toEqual([
      'requestsPerMonth',
      'avgRequestDurationMs',
      'concurrency',
      'billing',
      'hoursPerMonth',
      'applyFreeTier',
      'cpuUtilization',
    ]);
    expect(keys('azure-container-instances')).toEqual([
      'hoursPerMonth',
      'os',
      'cpuUtilization',
    ]);
    expect(keys('aws-sagemaker')).toEqual(['hoursPerMonth', 'cpuUtilization']);
    expect(keys('kubernetes')).toEqual(['hoursPerMonth', 'cpuUtilization']);
  });
});

describe('usageInputText', () => {
  it('shows a utilisation as a percentage without float noise, and other values as they are', () => {
    const utilisation = field('aws-sagemaker', 'cpuUtilization');
    expect(usageInputText(utilisation, 0.07)).toBe('7');
    expect(usageInputText(utilisation, 0.125)).toBe('12.5');
    expect(usageInputText(utilisation, undefined)).toBe('');
    expect(usageInputText(field('aws-sagemaker', 'hoursPerMonth'), 730)).toBe(
      '730',
    );
    expect(utilisation.describeDefault(0.5)).toBe(
      'default: 50 %, for emissions',
    );
  });
});

describe('usageAssumptionsOf', () => {
  it("adds the emissions' assumptions (utilisation) to the price's, with both estimates' defaults", () => {
    const estimate = makeEstimate({
      assumptions: { hoursPerMonth: 730, defaults: 'hoursPerMonth' },
      emissions: makeEmissions({
        assumptions: {
          cpuUtilization: 0.5,
          hoursPerMonth: 730,
          defaults: 'cpuUtilization, hoursPerMonth',
        },
      }),
    });
    expect(usageAssumptionsOf(estimate)).toEqual({
      hoursPerMonth: 730,
      cpuUtilization: 0.5,
      defaults: 'hoursPerMonth, cpuUtilization',
    });
  });

  it("is the price's assumptions when the estimate has no emissions", () => {
    const estimate = makeEstimate({ assumptions: { hoursPerMonth: 200 } });
    expect(usageAssumptionsOf(estimate)).toEqual({ hoursPerMonth: 200 });
    expect(usageAssumptionsOf(undefined)).toBeUndefined();
  });
});

describe('withChosenUsage', () => {
  const form = { region: 'europe-west1', compute: { cpu: 1, memoryMiB: 512 } };

  it("puts the user's choices over the template's, and concurrency under compute", () => {
    const inputs = toEstimateInputs('gcp-cloud-run', form, {
      requestsPerMonth: 10,
      billing: 'instance',
    });
    expect(
      withChosenUsage(inputs, { requestsPerMonth: 20, concurrency: 5 }),
    ).toEqual({
      kind: 'ready',
      request: {
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        compute: { cpu: 1, memoryMiB: 512, concurrency: 5 },
        usage: { requestsPerMonth: 20, billing: 'instance' },
      },
    });
  });

  it("keeps the form's own concurrency, and sends no usage when none is chosen", () => {
    const inputs = toEstimateInputs('gcp-cloud-run', {
      ...form,
      compute: { ...form.compute, concurrency: 40 },
    });
    expect(withChosenUsage(inputs, { concurrency: 5 })).toEqual(inputs);
  });
});
