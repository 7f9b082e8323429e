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
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import fc from 'fast-check';
import { cloudDeploymentEntityRef, cloudDeploymentNamespace } from './entity';
import { environmentSchema } from './schemas/fields';

describe('cloudDeploymentNamespace', () => {
  it('is the environment, which is a valid namespace', () => {
    expect(cloudDeploymentNamespace('production')).toBe('production');
    expect(cloudDeploymentNamespace('eu-prod-2')).toBe('eu-prod-2');
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z](-?[a-z0-9]){0,31}$/), env => {
        fc.pre(environmentSchema.safeParse(env).success);
        expect(cloudDeploymentNamespace(env)).toBe(env);
      }),
    );
  });

  it('gives environments stored in an older form the nearest valid namespace', () => {
    expect(cloudDeploymentNamespace('prod-')).toBe('prod');
    expect(cloudDeploymentNamespace('a--b')).toBe('a-b');
    expect(cloudDeploymentNamespace('')).toBe('default');
    fc.assert(
      fc.property(fc.string(), env => {
        expect(
          KubernetesValidatorFunctions.isValidNamespace(
            cloudDeploymentNamespace(env),
          ),
        ).toBe(true);
      }),
    );
  });
});

describe('cloudDeploymentEntityRef', () => {
  it('puts the deployment in its environment', () => {
    expect(
      cloudDeploymentEntityRef({ name: 'web-api', environment: 'staging' }),
    ).toBe('clouddeployment:staging/web-api');
  });
});
