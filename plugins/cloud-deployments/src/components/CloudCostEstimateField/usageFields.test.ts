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
import { toEstimateInputs } from './estimateInputs';
import {
  parseUsageInput,
  usageFieldsFor,
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
