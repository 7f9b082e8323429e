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
import { AWS_REGIONS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  AWS_PARTITION_REGIONS,
  OPT_IN_REGIONS,
  partitionOf,
} from './awsRegions';

describe('AWS_PARTITION_REGIONS', () => {
  it('holds exactly the regions the portal accepts for SageMaker', () => {
    expect(Object.values(AWS_PARTITION_REGIONS).flat().sort()).toEqual(
      [...AWS_REGIONS].sort(),
    );
  });

  it('puts China and GovCloud in their own partitions', () => {
    expect(AWS_PARTITION_REGIONS['aws-cn']).toEqual([
      'cn-north-1',
      'cn-northwest-1',
    ]);
    expect(AWS_PARTITION_REGIONS['aws-us-gov']).toEqual([
      'us-gov-east-1',
      'us-gov-west-1',
    ]);
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
