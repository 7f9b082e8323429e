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
import {
  createDeploymentRequestSchema,
  describeIssues,
  listDeploymentsQuerySchema,
  updateDeploymentRequestSchema,
} from './schemas';

const kubernetes = {
  name: 'web',
  owner: 'platform',
  component: 'web',
  environment: 'production',
  provider: 'kubernetes',
  region: 'eu-central-1',
  engine: 'kubernetes',
  artifact: { image: 'registry.example.com/web:1.0' },
  compute: { cpu: 0.5, memoryMiB: 256 },
};

function issues(schema: { safeParse(v: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? '' : describeIssues(result.error);
}

describe('createDeploymentRequestSchema', () => {
  it('accepts a valid request and normalises entity refs', () => {
    const parsed = createDeploymentRequestSchema.parse({
      ...kubernetes,
      owner: 'User:Default/Alice',
      system: 'storefront',
    });
    expect(parsed.owner).toBe('user:default/alice');
    expect(parsed.component).toBe('component:default/web');
    expect(parsed.system).toBe('system:default/storefront');
  });

  it.each([
    ['title', { title: 'a\u0000b' }, 'title: must not contain control'],
    ['title', { title: 'evil\u202etxt' }, 'title: must not contain control'],
    ['name', { name: 'web\n---' }, 'name: must be lowercase'],
    ['name', { name: 'a'.repeat(64) }, 'name: must be at most 63 characters'],
    [
      'image',
      { artifact: { image: 'x:${file("/etc/passwd")}' } },
      'artifact.image: must be an image reference',
    ],
    [
      'modelDataUrl',
      { artifact: { image: 'a', modelDataUrl: 'file:///etc/passwd' } },
      'artifact.modelDataUrl: must be an s3://, gs:// or https:// URL',
    ],
    ['region', { region: 'EU West' }, 'region: must be a region id'],
    ['ttl', { ttl: '7 days' }, 'ttl: must be an ISO 8601 duration'],
    [
      'min and max',
      { compute: { cpu: 1, memoryMiB: 256, minInstances: 5, maxInstances: 2 } },
      'compute.minInstances: must not be greater than maxInstances',
    ],
    [
      'engine',
      { provider: 'gcp-cloud-run' },
      'engine: kubernetes is only valid with provider kubernetes',
    ],
    [
      'cpu',
      { compute: { cpu: 0, memoryMiB: 256 } },
      'compute.cpu: must be greater than 0',
    ],
    [
      'memory',
      { compute: { cpu: 1, memoryMiB: 1e9 } },
      'compute.memoryMiB: must be at most 786432',
    ],
  ])('names the field when %s is bad', (_field, change, message) => {
    expect(
      issues(createDeploymentRequestSchema, { ...kubernetes, ...change }),
    ).toContain(message);
  });

  it('lists every problem at once', () => {
    expect(
      issues(createDeploymentRequestSchema, {
        ...kubernetes,
        name: 'X',
        region: undefined,
        colour: 'red',
      }),
    ).toBe(
      'name: must be lowercase letters, digits and dashes, start with a letter and not end with a dash; ' +
        'region: Required; unknown field(s) "colour"',
    );
  });
});

describe('updateDeploymentRequestSchema', () => {
  it('requires a version and refuses immutable fields', () => {
    expect(issues(updateDeploymentRequestSchema, { title: 'x' })).toBe(
      'version: Required',
    );
    expect(
      issues(updateDeploymentRequestSchema, {
        version: 1,
        region: 'us-east-1',
      }),
    ).toBe(
      'region: region cannot be changed after creation; create a new deployment instead',
    );
    expect(
      updateDeploymentRequestSchema.parse({ version: 3, system: null }),
    ).toEqual({ version: 3, system: null });
  });
});

describe('listDeploymentsQuerySchema', () => {
  it('takes each filter once or repeated, as an array', () => {
    expect(
      listDeploymentsQuerySchema.parse({
        provider: 'kubernetes',
        status: ['active', 'failed'],
        limit: '20',
      }),
    ).toEqual({
      provider: ['kubernetes'],
      status: ['active', 'failed'],
      limit: 20,
    });
    expect(issues(listDeploymentsQuerySchema, { limit: '500' })).toBe(
      'limit: must be at most 200',
    );
  });
});
