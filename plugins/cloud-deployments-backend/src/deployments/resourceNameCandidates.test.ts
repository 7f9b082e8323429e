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
import { deploymentNameSchema } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import fc from 'fast-check';
import { resourceNameCandidates } from './resourceNameCandidates';

describe('resourceNameCandidates', () => {
  it('prefers the name, then the name and environment, then a hash', () => {
    const [first, second, third] = resourceNameCandidates(
      'web-api',
      'production',
    );
    expect(first).toBe('web-api');
    expect(second).toBe('web-api-production');
    expect(third).toMatch(/^web-api-[0-9a-f]{8}$/);
  });

  it('leaves out what would pass 63 characters, and keeps a short one', () => {
    const name = `a${'b'.repeat(60)}`;
    const candidates = resourceNameCandidates(name, 'production');
    expect(candidates).toHaveLength(2);
    expect(candidates[0]).toBe(name);
    expect(candidates[1].length).toBeLessThanOrEqual(49);
  });

  it('differs between environments, and is the same on every call', () => {
    expect(resourceNameCandidates('web-api', 'staging')).toEqual(
      resourceNameCandidates('web-api', 'staging'),
    );
    expect(resourceNameCandidates('web-api', 'staging')[2]).not.toBe(
      resourceNameCandidates('web-api', 'production')[2],
    );
  });

  it('gives only DNS-1123 labels for any valid name and environment', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/),
        fc.stringMatching(/^[a-z](-?[a-z0-9]){0,31}$/),
        (name, environment) => {
          for (const candidate of resourceNameCandidates(name, environment)) {
            expect(deploymentNameSchema.safeParse(candidate).success).toBe(
              true,
            );
          }
        },
      ),
    );
  });
});
