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
import { makeDeployment } from '../../__testUtils__/fixtures';
import { changeRequest, editFieldsOf, initialValues } from './editFields';

describe('the change screen fields', () => {
  const sagemaker = makeDeployment(1, { version: 4 });
  const cloudRun = makeDeployment(2, {
    spec: {
      ...sagemaker.spec,
      provider: 'gcp-cloud-run',
      compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 4 },
      ttl: 'P7D',
    },
  });

  it('offers the image, the compute settings the target uses, and the TTL', () => {
    expect(editFieldsOf(sagemaker.spec).map(f => f.label)).toEqual([
      'Image',
      'Instance type',
      'Instances',
      'Environment variables',
      'Time to live',
    ]);
    expect(editFieldsOf(cloudRun.spec).map(f => f.key)).toEqual([
      'image',
      'cpu',
      'memoryMiB',
      'minInstances',
      'maxInstances',
      'env',
      'ttl',
    ]);
    expect(initialValues(cloudRun.spec)).toEqual({
      image: 'ghcr.io/acme/model:1.0.0',
      cpu: '1',
      memoryMiB: '512',
      minInstances: '0',
      maxInstances: '4',
      env: '',
      ttl: 'P7D',
    });
  });

  it('sends only what changed, at the version read', () => {
    expect(changeRequest(sagemaker, initialValues(sagemaker.spec))).toEqual({
      version: 4,
    });
    expect(
      changeRequest(sagemaker, {
        ...initialValues(sagemaker.spec),
        image: ' ghcr.io/acme/model:1.1.0 ',
        instanceCount: '3',
        ttl: 'PT12H',
      }),
    ).toEqual({
      version: 4,
      artifact: { image: 'ghcr.io/acme/model:1.1.0' },
      compute: { instanceType: 'ml.m5.large', instanceCount: 3 },
      ttl: 'PT12H',
    });
  });

  it('clears a TTL left empty, and leaves text that is no number for the server to refuse', () => {
    expect(
      changeRequest(cloudRun, {
        ...initialValues(cloudRun.spec),
        ttl: '',
        maxInstances: 'ten',
      }),
    ).toEqual({
      version: 1,
      compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 'ten' },
      ttl: null,
    });
  });

  it('sends the whole set of environment variables when it changed, null when emptied', () => {
    const withEnv = makeDeployment(3, {
      spec: { ...sagemaker.spec, env: { A: '1', B: 'x=y' } },
    });
    const values = initialValues(withEnv.spec);
    expect(values.env).toBe('A=1\nB=x=y');
    expect(changeRequest(withEnv, values)).toEqual({ version: 1 });
    expect(
      changeRequest(withEnv, { ...values, env: 'A=1\n\nB=x=y\nC= spaced ' }),
    ).toEqual({ version: 1, env: { A: '1', B: 'x=y', C: ' spaced ' } });
    expect(changeRequest(withEnv, { ...values, env: '  ' })).toEqual({
      version: 1,
      env: null,
    });
    // A line that is no assignment goes to the server, which names it.
    expect(changeRequest(withEnv, { ...values, env: 'oops' }).env).toEqual({
      oops: '',
    });
  });
});
