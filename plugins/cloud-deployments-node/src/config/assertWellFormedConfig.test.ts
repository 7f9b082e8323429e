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
import { mockServices } from '@backstage/backend-test-utils';
import { assertWellFormedConfig } from './assertWellFormedConfig';

describe('assertWellFormedConfig', () => {
  it('accepts well-formed config and config that is not there', () => {
    const config = mockServices.rootConfig({
      data: {
        cloudDeployments: {
          providers: { aws: { accounts: [{ id: 'prod' }] } },
        },
      },
    });
    expect(() =>
      assertWellFormedConfig(config, 'cloudDeployments'),
    ).not.toThrow();
    expect(() => assertWellFormedConfig(config, 'kubernetes')).not.toThrow();
  });

  it('names the key that holds ill-formed text', () => {
    const config = mockServices.rootConfig({
      data: {
        cloudDeployments: {
          providers: { aws: { accounts: [{ id: 'prod' }, { id: 'a\ud800' }] } },
          pricing: { gcp: { apiKey: 'k\u0000ey' } },
        },
      },
    });
    expect(() => assertWellFormedConfig(config, 'cloudDeployments')).toThrow(
      'Invalid config cloudDeployments.providers.aws.accounts[1].id: must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
    );
    expect(() =>
      assertWellFormedConfig(config, 'cloudDeployments.pricing'),
    ).toThrow(
      'Invalid config cloudDeployments.pricing.gcp.apiKey: must not contain NUL characters',
    );
  });
});
