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
  listDeploymentsQuerySchema,
  updateDeploymentRequestSchema,
} from './schemas/deploymentRequests';
import { describeIssues } from './schemas/describeIssues';
import { estimateRequestSchema } from './schemas/estimateRequest';
import { kubernetesApplyRequestSchema } from './schemas/kubernetesApplyRequest';

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
      'usage',
      { usage: { hoursPerMonth: 745 } },
      'usage.hoursPerMonth: must be at most 744 (31 days)',
    ],
    ['usage os', { usage: { os: 'macos' } }, 'usage.os: must be one of linux'],
    ['usage field', { usage: { colour: 'red' } }, 'usage: unknown field(s)'],
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
    // The name is unique within its environment: moving it is a new deployment.
    expect(
      issues(updateDeploymentRequestSchema, {
        version: 1,
        environment: 'staging',
      }),
    ).toBe(
      'environment: environment cannot be changed after creation; create a new deployment instead',
    );
    expect(
      updateDeploymentRequestSchema.parse({ version: 3, system: null }),
    ).toEqual({ version: 3, system: null });
    // The usage can be changed, or put back to the defaults with {}.
    expect(
      updateDeploymentRequestSchema.parse({
        version: 3,
        usage: { hoursPerMonth: 160 },
      }),
    ).toEqual({ version: 3, usage: { hoursPerMonth: 160 } });
    expect(
      issues(updateDeploymentRequestSchema, { version: 3, usage: 7 }),
    ).toBe('usage: Expected object, received number');
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

  it('takes a window of expiry as an ISO 8601 duration, and sorts by expiry', () => {
    expect(
      listDeploymentsQuerySchema.parse({
        expiresWithin: 'P7D',
        sort: 'expiresAt',
      }),
    ).toEqual({ expiresWithin: 'P7D', sort: 'expiresAt' });
    expect(issues(listDeploymentsQuerySchema, { expiresWithin: '7d' })).toBe(
      'expiresWithin: must be an ISO 8601 duration like "P7D" or "PT12H"',
    );
  });
});

/** Sets `path` (dotted) of a copy of `value` to `leaf`. */
function withValue(value: object, path: string, leaf: unknown): object {
  const [head, ...rest] = path.split('.');
  const current = (value as Record<string, unknown>)[head];
  return {
    ...value,
    [head]: rest.length
      ? withValue((current as object) ?? {}, rest.join('.'), leaf)
      : leaf,
  };
}

describe('ill-formed text in any string field', () => {
  const sagemaker = {
    ...kubernetes,
    provider: 'aws-sagemaker',
    engine: 'sdk',
    account: 'prod',
    system: 'storefront',
    title: 'Web',
    description: 'The web API',
    ttl: 'P7D',
    artifact: { image: 'a/b:1', modelDataUrl: 's3://bucket/model.tar.gz' },
    compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
  };
  // Each field with a value that is valid but for the inserted character.
  const fields: Array<[string, string]> = [
    ['name', 'web'],
    ['title', 'Web'],
    ['description', 'The web API'],
    ['owner', 'group:default/web-team'],
    ['component', 'component:default/web'],
    ['system', 'system:default/shop'],
    ['environment', 'production'],
    ['region', 'us-east-1'],
    ['account', 'prod'],
    ['artifact.image', 'a/b:1'],
    ['artifact.modelDataUrl', 's3://bucket/model.tar.gz'],
    ['compute.instanceType', 'ml.m5.large'],
    ['ttl', 'P7D'],
  ];
  const spoil = (value: string, bad: string) =>
    value.slice(0, 2) + bad + value.slice(2);

  it('the valid request is valid', () => {
    expect(issues(createDeploymentRequestSchema, sagemaker)).toBe('');
  });

  it.each(fields)(
    'create refuses a lone surrogate or NUL in %s, naming it',
    (path, valid) => {
      for (const [bad, message] of [
        ['\ud800', 'must be well-formed Unicode'],
        ['\udfff', 'must be well-formed Unicode'],
        ['\u0000', ''],
      ]) {
        const found = issues(
          createDeploymentRequestSchema,
          withValue(sagemaker, path, spoil(valid, bad)),
        );
        expect(found).toMatch(new RegExp(`(^|; )${path}: `));
        expect(found).toContain(message);
      }
    },
  );

  it.each(fields.filter(([p]) => p !== 'name'))(
    'estimates refuse a lone surrogate in %s, naming it',
    path => {
      const valid = fields.find(([p]) => p === path)![1];
      expect(
        issues(
          estimateRequestSchema,
          withValue(sagemaker, path, spoil(valid, '\ud800')),
        ),
      ).toContain(`${path}: must be well-formed Unicode`);
    },
  );

  it.each([
    ['title', 'Web'],
    ['description', 'The web API'],
    ['owner', 'group:default/web-team'],
    ['system', 'system:default/shop'],
    ['artifact.image', 'a/b:1'],
    ['ttl', 'P7D'],
  ])('update refuses a lone surrogate in %s, naming it', (path, valid) => {
    expect(
      issues(
        updateDeploymentRequestSchema,
        withValue({ version: 1 }, path, spoil(valid, '\ud800')),
      ),
    ).toMatch(
      new RegExp(
        `^${path}: must be well-formed Unicode \\(it has an unpaired UTF-16 surrogate\\)(;|$)`,
      ),
    );
  });

  it.each([
    ['owner', 'group:default/web-team'],
    ['component', 'component:default/web'],
    ['environment', 'production'],
    ['q', 'web'],
    ['cursor', 'abc'],
  ])('the list query refuses a lone surrogate in %s', (key, valid) => {
    expect(
      issues(listDeploymentsQuerySchema, { [key]: spoil(valid, '\ud800') }),
    ).toMatch(new RegExp(`^${key}(\\.0)?: must be well-formed Unicode`));
  });

  it.each([
    ['cluster', 'local'],
    ['namespace', 'apps'],
    ['applySet', 'web'],
    ['manifests', 'kind: ConfigMap'],
  ])('Kubernetes apply refuses a lone surrogate in %s', (key, valid) => {
    const body = {
      manifests: 'kind: ConfigMap',
      applySet: 'web',
      [key]: spoil(valid, '\ud800'),
    };
    expect(issues(kubernetesApplyRequestSchema, body)).toContain(
      `${key}: must be well-formed Unicode`,
    );
  });
});

describe('entity refs', () => {
  const create = (change: object) =>
    issues(createDeploymentRequestSchema, { ...kubernetes, ...change });

  it('takes only a group or a user as owner', () => {
    expect(create({ owner: 'user:default/alice' })).toBe('');
    expect(create({ owner: 'group:default/web-team' })).toBe('');
    expect(create({ owner: 'web-team' })).toBe('');
    expect(create({ owner: 'component:default/web' })).toBe(
      'owner: must refer to a group or user, like "group:default/name"',
    );
    expect(create({ owner: 'system:default/shop' })).toContain(
      'owner: must refer to a group or user',
    );
  });

  it('takes only a component as component and a system as system', () => {
    expect(create({ component: 'api:default/web' })).toBe(
      'component: must refer to a component, like "component:default/name"',
    );
    expect(create({ system: 'group:default/web' })).toBe(
      'system: must refer to a system, like "system:default/name"',
    );
  });

  it.each([
    'group:default/a b',
    'group:default/a\u00e9',
    'group:Bad_Namespace/web',
    `group:default/${'a'.repeat(64)}`,
    'group:default/-web',
  ])('refuses names the catalog would not accept: %s', owner => {
    expect(create({ owner })).toMatch(/^owner: must be an entity ref like/);
  });

  it('refuses what is not an entity ref at all', () => {
    expect(create({ owner: 'group:' })).toMatch(
      /^owner: must be an entity ref like "group:default\/name"/,
    );
  });
});

describe('environment variables', () => {
  it('takes names and text values, and lists them in the spec', () => {
    const parsed = createDeploymentRequestSchema.parse({
      ...kubernetes,
      env: { LOG_LEVEL: 'debug', _FLAG: '', FEATURES: 'a=1;b=${x}' },
    });
    expect(parsed.env).toEqual({
      LOG_LEVEL: 'debug',
      _FLAG: '',
      FEATURES: 'a=1;b=${x}',
    });
  });

  it('refuses names that are not names, values too long, and too many', () => {
    expect(
      issues(createDeploymentRequestSchema, {
        ...kubernetes,
        env: { '1ST': 'x' },
      }),
    ).toMatch(/env\.1ST: must be a name of letters, digits and _/);
    expect(
      issues(createDeploymentRequestSchema, {
        ...kubernetes,
        env: { 'A-B': 'x' },
      }),
    ).toMatch(/env\.A-B: must be a name/);
    expect(
      issues(createDeploymentRequestSchema, {
        ...kubernetes,
        env: JSON.parse('{"__proto__": "x"}'),
      }),
    ).toMatch(/env\.__proto__: must be a name/);
    expect(
      issues(createDeploymentRequestSchema, {
        ...kubernetes,
        env: { BIG: 'x'.repeat(4097) },
      }),
    ).toMatch(/env\.BIG: must be at most 4096 characters/);
    expect(
      issues(createDeploymentRequestSchema, {
        ...kubernetes,
        env: { TEXT: 'a\u0000b' },
      }),
    ).not.toBe('');
    const many = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [`V${i}`, 'x']),
    );
    expect(
      issues(createDeploymentRequestSchema, { ...kubernetes, env: many }),
    ).toMatch(/env: must have at most 100 variables/);
  });

  it('refuses PORT where the platform sets it, and takes it on Kubernetes', () => {
    expect(
      issues(createDeploymentRequestSchema, {
        ...kubernetes,
        provider: 'gcp-cloud-run',
        engine: 'sdk',
        region: 'europe-west1',
        env: { PORT: '9000' },
      }),
    ).toMatch(/env\.PORT: is set by the platform on gcp-cloud-run/);
    expect(
      issues(createDeploymentRequestSchema, {
        ...kubernetes,
        env: { PORT: '9000' },
      }),
    ).toBe('');
  });

  it('replaces the whole set on update, and null removes it', () => {
    expect(
      updateDeploymentRequestSchema.parse({ version: 1, env: { A: '1' } }).env,
    ).toEqual({ A: '1' });
    expect(
      updateDeploymentRequestSchema.parse({ version: 1, env: null }).env,
    ).toBeNull();
  });
});

describe('environment', () => {
  it('has the form of a catalog namespace, since it becomes one', () => {
    for (const good of ['production', 'eu-prod-2', 'a']) {
      expect(
        issues(createDeploymentRequestSchema, {
          ...kubernetes,
          environment: good,
        }),
      ).toBe('');
    }
    for (const bad of ['prod-', 'a--b', '-a', 'Prod', 'a'.repeat(33)]) {
      expect(
        issues(createDeploymentRequestSchema, {
          ...kubernetes,
          environment: bad,
        }),
      ).toMatch(/^environment: must be/);
    }
  });
});
