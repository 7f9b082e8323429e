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
import { describeMissing, toEstimateInputs } from './estimateInputs';

describe('toEstimateInputs', () => {
  it('sends only what pricing needs, leaving out blanks and unknown compute settings', () => {
    expect(
      toEstimateInputs('gcp-cloud-run', {
        name: 'Not-A-Valid-Name',
        owner: 'group:default/ml-team',
        region: ' europe-west1 ',
        compute: {
          cpu: 2,
          memoryMiB: 1024,
          maxInstances: Number.NaN,
          concurrency: null,
          instanceType: '',
          storageGiB: 10,
        },
        artifact: { image: 'europe-docker.pkg.dev/acme/api:1.0.0' },
        ttl: 'P7D',
      }),
    ).toEqual({
      kind: 'ready',
      request: {
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        compute: { cpu: 2, memoryMiB: 1024 },
      },
    });
  });

  it('passes the usage assumptions of the field options', () => {
    expect(
      toEstimateInputs(
        'aws-sagemaker',
        { region: 'us-east-1', compute: { instanceType: 'ml.m5.large' } },
        { hoursPerMonth: 200 },
      ),
    ).toMatchObject({
      kind: 'ready',
      request: { usage: { hoursPerMonth: 200 } },
    });
  });

  it.each([
    ['aws-sagemaker', {}, ['a region', 'an instance type']],
    [
      'aws-sagemaker',
      { region: 'us-east-1', compute: { cpu: 2 } },
      ['an instance type'],
    ],
    ['kubernetes', { region: 'eu-west-1' }, ['the CPU', 'the memory']],
    [
      'azure-container-instances',
      { compute: { cpu: 1, memoryMiB: 512 } },
      ['a region'],
    ],
  ])('names what %s still needs', (provider, form, missing) => {
    expect(toEstimateInputs(provider, form)).toEqual({
      kind: 'incomplete',
      missing,
    });
  });

  it('reports a template that does not name a known provider', () => {
    expect(toEstimateInputs('aws-lambda', {})).toEqual({
      kind: 'misconfigured',
      message:
        'The template must set ui:options.provider on this field to one of aws-sagemaker, gcp-cloud-run, azure-container-instances, kubernetes, not "aws-lambda".',
    });
  });
});

describe('describeMissing', () => {
  it('lists what is missing as a sentence', () => {
    expect(describeMissing(['a region'])).toBe(
      'Choose a region to see the estimate.',
    );
    expect(describeMissing(['a region', 'an instance type'])).toBe(
      'Choose a region and an instance type to see the estimate.',
    );
    expect(describeMissing(['a region', 'the CPU', 'the memory'])).toBe(
      'Choose a region, the CPU and the memory to see the estimate.',
    );
  });
});
