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
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AWS_PARTITION_REGIONS,
  OPT_IN_REGIONS,
  partitionOf,
} from './awsRegions';

/**
 * The backend's list of AWS regions, which it validates deployments by, read
 * as text: a module does not import the backend plugin.
 */
function backendAwsRegions(): string[] {
  const backend = dirname(
    require.resolve(
      '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend/package.json',
    ),
  );
  const source = readFileSync(join(backend, 'src/pricing/regions.ts'), 'utf8');
  const list = /export const AWS_REGIONS[^=]*=\s*\[([^\]]*)\]/.exec(source);
  if (!list) throw new Error('AWS_REGIONS not found in the backend');
  return [...list[1].matchAll(/'([a-z0-9-]+)'/g)].map(m => m[1]);
}

describe('AWS_PARTITION_REGIONS', () => {
  it('holds exactly the regions the portal accepts for SageMaker', () => {
    expect(Object.values(AWS_PARTITION_REGIONS).flat().sort()).toEqual(
      backendAwsRegions().sort(),
    );
  });

  it('has opt-in regions only in the commercial partition', () => {
    for (const region of OPT_IN_REGIONS) {
      expect(AWS_PARTITION_REGIONS.aws).toContain(region);
    }
  });

  it('tells the partition from an ARN', () => {
    expect(partitionOf('arn:aws:iam::123456789012:role/r')).toBe('aws');
    expect(partitionOf('arn:aws-cn:iam::123456789012:role/r')).toBe('aws-cn');
    expect(partitionOf('arn:aws-us-gov:iam::123456789012:role/r')).toBe(
      'aws-us-gov',
    );
  });
});
