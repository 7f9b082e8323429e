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
import { createMockDirectory } from '@backstage/backend-test-utils';
import { testSnapshot } from '../../__testUtils__/snapshot';
import { loadSnapshot } from './loadSnapshot';

describe('loadSnapshot', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => mockDir.clear());

  /** Writes a copy of the test snapshot, changed by `corrupt`, and returns its path. */
  function writeCopy(corrupt: (copy: any) => void = () => {}): string {
    const copy = JSON.parse(JSON.stringify(testSnapshot));
    corrupt(copy);
    mockDir.addContent({ 'prices.json': JSON.stringify(copy) });
    return mockDir.resolve('prices.json');
  }

  it('loads the snapshot shipped in the package', () => {
    const snapshot = loadSnapshot();
    expect(snapshot.version).toBe(1);
    expect(snapshot.datasets.length).toBeGreaterThan(0);
    expect(Object.keys(snapshot.machineSpecs).sort()).toEqual([
      'aws',
      'azure',
      'gcp',
    ]);
  });

  it('loads a valid file from a given path', () => {
    expect(loadSnapshot(writeCopy())).toEqual(testSnapshot);
  });

  it.each<[string, (copy: any) => void, string]>([
    [
      'a wrong version',
      copy => {
        copy.version = 2;
      },
      'version must be 1, got 2',
    ],
    [
      'a negative price',
      copy => {
        copy.datasets[1].prices['us-east-1']['m5.large'] = -0.096;
      },
      'datasets[1] (ec2).prices["us-east-1"]["m5.large"] must be a finite number >= 0, got -0.096',
    ],
    [
      'a price that is a string',
      copy => {
        copy.datasets[0].prices['us-east-1']['ml.m5.large'] = '0.115';
      },
      'datasets[0] (sagemaker).prices["us-east-1"]["ml.m5.large"] must be a finite number >= 0, got "0.115"',
    ],
    [
      'a missing origin',
      copy => {
        delete copy.datasets[2].origin;
      },
      'datasets[2] (gce).origin must be a non-empty string, got undefined',
    ],
    [
      'a date not in YYYY-MM-DD form',
      copy => {
        copy.datasets[0].effectiveDate = '26/01/2025';
      },
      'datasets[0] (sagemaker).effectiveDate must be a date YYYY-MM-DD, got "26/01/2025"',
    ],
    [
      'an impossible date',
      copy => {
        copy.datasets[0].effectiveDate = '2025-02-30';
      },
      'effectiveDate must be a date YYYY-MM-DD, got "2025-02-30"',
    ],
    [
      'an unknown unit',
      copy => {
        copy.datasets[0].unit = 'hours';
      },
      'datasets[0] (sagemaker).unit must be one of hour, vcpu-hour',
    ],
    [
      'an unknown provider',
      copy => {
        copy.datasets[0].provider = 'oracle';
      },
      'datasets[0] (sagemaker).provider must be one of aws, gcp, azure, got "oracle"',
    ],
    [
      'a missing service',
      copy => {
        copy.datasets[0].service = '';
      },
      'datasets[0] (sagemaker).service must be a non-empty string, got ""',
    ],
    [
      'duplicate dataset ids',
      copy => {
        copy.datasets[1].id = 'sagemaker';
      },
      'datasets[1].id must be unique, got "sagemaker"',
    ],
    [
      'a bad allowance',
      copy => {
        copy.allowances[0].monthlyQuantity = -1;
      },
      'allowances[0].monthlyQuantity must be a finite number >= 0, got -1',
    ],
    [
      'a bad machine spec',
      copy => {
        copy.machineSpecs.aws['m5.large'].vcpu = 0;
      },
      'machineSpecs.aws["m5.large"].vcpu must be a finite number > 0, got 0',
    ],
    [
      'missing datasets',
      copy => {
        delete copy.datasets;
      },
      'datasets must be an array, got undefined',
    ],
  ])('refuses a file with %s', (_name, corrupt, message) => {
    const file = writeCopy(corrupt);
    expect(() => loadSnapshot(file)).toThrow(`Invalid price snapshot ${file}:`);
    expect(() => loadSnapshot(file)).toThrow(message);
  });

  it('lists several problems at once', () => {
    const file = writeCopy(copy => {
      copy.version = 3;
      copy.datasets[0].prices['us-east-1']['ml.m5.large'] = null;
    });
    expect(() => loadSnapshot(file)).toThrow(
      /version must be 1, got 3\n {2}- datasets\[0\] \(sagemaker\)\.prices\["us-east-1"\]\["ml\.m5\.large"\] must be a finite number >= 0, got null/,
    );
  });

  it('refuses a file that is not JSON', () => {
    mockDir.addContent({ 'prices.json': '{"version": 1,' });
    const file = mockDir.resolve('prices.json');
    expect(() => loadSnapshot(file)).toThrow(
      `The price snapshot ${file} is not valid JSON`,
    );
  });

  it('says which file is missing', () => {
    const file = mockDir.resolve('missing.json');
    expect(() => loadSnapshot(file)).toThrow(
      `Cannot read the price snapshot ${file}`,
    );
  });
});
