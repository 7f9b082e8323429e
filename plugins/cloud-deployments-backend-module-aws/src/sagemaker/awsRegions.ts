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

/** The partition a region is in: China's and GovCloud's by their prefix. */
function partitionOfRegion(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The regions the portal accepts for `aws-sagemaker` deployments
 * (`AWS_REGIONS` in -common, which every create and update is validated
 * against), by partition.
 */
export const AWS_PARTITION_REGIONS: Readonly<
  Record<'aws' | 'aws-cn' | 'aws-us-gov', readonly string[]>
> = {
  aws: AWS_REGIONS.filter(r => partitionOfRegion(r) === 'aws'),
  'aws-cn': AWS_REGIONS.filter(r => partitionOfRegion(r) === 'aws-cn'),
  'aws-us-gov': AWS_REGIONS.filter(r => partitionOfRegion(r) === 'aws-us-gov'),
};

/**
 * The regions an account must enable before it can use them (every region
 * opened since March 2019). In an account that has not, every request is
 * refused as if its credentials were unknown, and nothing can exist there.
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

/** The partition of an ARN, e.g. `aws-cn` for `arn:aws-cn:iam::…`. */
export function partitionOf(arn: string): keyof typeof AWS_PARTITION_REGIONS {
  const partition = arn.split(':')[1];
  return partition === 'aws-cn' || partition === 'aws-us-gov'
    ? partition
    : 'aws';
}
