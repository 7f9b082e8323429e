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
import { SAGEMAKER_NAME_PATTERN } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { resourceNames } from './resourceNames';

const revision = {
  image: 'acme/model:1',
  modelDataUrl: 's3://b/model.tar.gz',
  instanceType: 'ml.m5.large',
  instanceCount: 1,
  executionRoleArn: 'arn:aws:iam::123456789012:role/r',
};

describe('resourceNames', () => {
  const deployment = { id: 'id-1', name: 'fraud-model' };

  it('is stable, and changes the revision with the spec only', () => {
    const a = resourceNames(deployment, revision);
    expect(resourceNames(deployment, { ...revision })).toEqual(a);
    expect(a.endpoint).toBe('fraud-model');
    expect(a.revision.startsWith(a.prefix)).toBe(true);

    const b = resourceNames(deployment, { ...revision, instanceCount: 2 });
    expect(b.prefix).toBe(a.prefix);
    expect(b.revision).not.toBe(a.revision);
    // An absent count is the default of one instance.
    expect(
      resourceNames(deployment, { ...revision, instanceCount: undefined })
        .revision,
    ).toBe(a.revision);

    const other = resourceNames({ ...deployment, id: 'id-2' }, revision);
    expect(other.prefix).not.toBe(a.prefix);
  });

  it('keeps long names within 63 characters and the SageMaker pattern', () => {
    const names = resourceNames(
      { id: 'id-1', name: `${'a'.repeat(44)}-${'b'.repeat(18)}` },
      revision,
    );
    expect(names.revision.length).toBeLessThanOrEqual(63);
    expect(names.revision).toMatch(SAGEMAKER_NAME_PATTERN);
    expect(names.revision).not.toContain('--');
  });
});
