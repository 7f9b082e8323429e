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
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CloudDeploymentProvider,
  cloudDeploymentsProvidersExtensionPoint,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import awsModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import azureModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import request from 'supertest';
import { cloudDeploymentsPlugin } from '../../plugin';

// Each test starts a backend: slow on a busy machine.
jest.setTimeout(60_000);

const base = '/api/cloud-deployments';

// The route's own behaviour, with a provider whose answers the test picks;
// each module tests its real check against the sandbox and local servers.
const provider: CloudDeploymentProvider = {
  id: 'test-cloud',
  title: 'Test cloud',
  sandbox: true,
  accounts: ['prod', 'broken'],
  async testConnection(account) {
    if (account === 'broken') throw new Error('socket hang up');
    return {
      identity: { arn: 'arn:aws:iam::123456789012:user/portal' },
      permissions: [
        { name: 'x:Create', purpose: 'provision', status: 'granted' },
        { name: 'x:Delete', purpose: 'destroy', status: 'missing' },
      ],
      problems: [],
    };
  },
  provision: jest.fn(),
  describe: jest.fn(),
  update: jest.fn(),
  destroy: jest.fn(),
};

const untestable: CloudDeploymentProvider = {
  ...provider,
  id: 'untestable',
  testConnection: undefined,
};

const providersModule = createBackendModule({
  pluginId: 'cloud-deployments',
  moduleId: 'connection-test-providers',
  register(reg) {
    reg.registerInit({
      deps: { providers: cloudDeploymentsProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProvider(provider);
        providers.addProvider(untestable);
      },
    });
  },
});

async function start(result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsPlugin,
      providersModule,
      mockServices.rootConfig.factory({
        data: { cloudDeployments: { jobs: { enabled: false } } },
      }),
      ...(result ? [mockServices.permissions.factory({ result })] : []),
    ],
  });
  return backend;
}

describe('POST /providers/:provider/accounts/:account/test', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await start(AuthorizeResult.ALLOW);
  });
  afterAll(() => backend.stop());

  it('lists the testable accounts with the providers', async () => {
    const res = await request(backend.server).get(`${base}/providers`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: 'test-cloud',
        title: 'Test cloud',
        sandbox: true,
        accounts: ['prod', 'broken'],
      },
      { id: 'untestable', title: 'Test cloud', sandbox: true },
    ]);
  });

  it('answers who the portal is and which permissions are missing', async () => {
    const res = await request(backend.server).post(
      `${base}/providers/test-cloud/accounts/prod/test`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      provider: 'test-cloud',
      account: 'prod',
      sandbox: true,
      checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      ok: false,
      identity: { arn: 'arn:aws:iam::123456789012:user/portal' },
      permissions: [
        { name: 'x:Create', purpose: 'provision', status: 'granted' },
        { name: 'x:Delete', purpose: 'destroy', status: 'missing' },
      ],
      problems: [],
    });
  });

  it('turns a provider that throws into a problem, not a 500', async () => {
    const res = await request(backend.server).post(
      `${base}/providers/test-cloud/accounts/broken/test`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: false,
      identity: {},
      permissions: [],
      problems: ['The test failed: socket hang up'],
    });
  });

  it('answers 404 for an unknown provider or account, or one that cannot test', async () => {
    const cases: Array<[string, string]> = [
      ['nope/accounts/prod', 'No provider nope is installed in this portal'],
      [
        'test-cloud/accounts/staging',
        'Provider test-cloud has no account staging; it has prod, broken',
      ],
      [
        'untestable/accounts/prod',
        'Provider untestable cannot test its connection',
      ],
    ];
    for (const [path, message] of cases) {
      const res = await request(backend.server).post(
        `${base}/providers/${path}/test`,
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(message);
    }
  });
});

describe('POST /providers/:provider/accounts/:account/test when the policy denies', () => {
  it('answers 403 before looking at the provider', async () => {
    const backend = await start(AuthorizeResult.DENY);
    try {
      for (const path of ['test-cloud/accounts/prod', 'nope/accounts/x']) {
        const res = await request(backend.server).post(
          `${base}/providers/${path}/test`,
        );
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          'You are not allowed to test provider connections (cloud.provider.test)',
        );
      }
    } finally {
      await backend.stop();
    }
  });
});

/**
 * The plugin with one provider module and the sandboxes, the job worker off,
 * and the given `cloudDeployments` config beside it.
 */
function startWithSandbox(
  providerModule: BackendFeature,
  cloudDeployments: Record<string, unknown>,
) {
  return startTestBackend({
    features: [
      cloudDeploymentsPlugin,
      providerModule,
      sandboxes,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: { jobs: { enabled: false }, ...cloudDeployments },
        },
      }),
    ],
  });
}

describe('POST /providers/aws-sagemaker/accounts/sandbox/test', () => {
  it("answers the sandbox's identity and the permission the config denies it", async () => {
    const backend = await startWithSandbox(awsModule, {
      sandbox: {
        deniedPermissions: { aws: ['sagemaker:DeleteEndpoint'] },
      },
    });
    try {
      const providers = await request(backend.server).get(`${base}/providers`);
      expect(providers.body).toContainEqual({
        id: 'aws-sagemaker',
        title: 'AWS SageMaker',
        sandbox: true,
        accounts: ['sandbox'],
      });
      const res = await request(backend.server).post(
        `${base}/providers/aws-sagemaker/accounts/sandbox/test`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        provider: 'aws-sagemaker',
        account: 'sandbox',
        sandbox: true,
        ok: false,
        identity: {
          arn: 'arn:aws:iam::123456789012:user/cloud-deployments-sandbox',
          account: '123456789012',
        },
        problems: [],
      });
      expect(
        res.body.permissions.filter(
          (p: { status: string }) => p.status !== 'granted',
        ),
      ).toEqual([
        {
          name: 'sagemaker:DeleteEndpoint',
          purpose: 'destroy, stop',
          status: 'missing',
        },
      ]);
    } finally {
      await backend.stop();
    }
  });
});

describe('POST /providers/gcp-cloud-run/accounts/sandbox/test', () => {
  it("answers the sandbox's service account and the permission the config denies it", async () => {
    const backend = await startWithSandbox(gcpModule, {
      pricing: { gcp: { enabled: false } },
      sandbox: {
        deniedPermissions: { gcp: ['run.services.delete'] },
      },
    });
    try {
      const providers = await request(backend.server).get(`${base}/providers`);
      expect(providers.body).toContainEqual({
        id: 'gcp-cloud-run',
        title: 'Google Cloud Run',
        sandbox: true,
        accounts: ['sandbox'],
      });
      const res = await request(backend.server).post(
        `${base}/providers/gcp-cloud-run/accounts/sandbox/test`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        provider: 'gcp-cloud-run',
        account: 'sandbox',
        sandbox: true,
        ok: false,
        identity: {
          principal:
            'cloud-deployments-portal@cloud-deployments-sandbox.iam.gserviceaccount.com',
          project: 'cloud-deployments-sandbox',
        },
        problems: [],
      });
      expect(
        res.body.permissions.filter(
          (p: { status: string }) => p.status !== 'granted',
        ),
      ).toEqual([
        { name: 'run.services.delete', purpose: 'destroy', status: 'missing' },
      ]);
    } finally {
      await backend.stop();
    }
    // A whole backend starts here; on a busy machine that takes seconds.
  }, 30_000);
});

describe('POST /providers/azure-container-instances/accounts/sandbox/test', () => {
  it("answers the sandbox's identity and the action the config denies it", async () => {
    const backend = await startWithSandbox(azureModule, {
      sandbox: {
        deniedPermissions: {
          azure: ['Microsoft.ContainerInstance/containerGroups/delete'],
        },
      },
    });
    try {
      const providers = await request(backend.server).get(`${base}/providers`);
      expect(providers.body).toContainEqual({
        id: 'azure-container-instances',
        title: 'Azure Container Instances',
        sandbox: true,
        accounts: ['sandbox'],
      });
      const res = await request(backend.server).post(
        `${base}/providers/azure-container-instances/accounts/sandbox/test`,
      );
      if (process.env.PRINT_CONNECTION_TEST) {
        process.stdout.write(`${JSON.stringify(res.body, null, 2)}\n`);
      }
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        provider: 'azure-container-instances',
        account: 'sandbox',
        sandbox: true,
        ok: false,
        identity: {
          tenantId: '5a4db0c5-0000-4000-8000-000000000001',
          objectId: '5a4db0c5-0000-4000-8000-000000000002',
          applicationId: '5a4db0c5-0000-4000-8000-000000000003',
          principalType: 'ServicePrincipal',
        },
        problems: [],
      });
      expect(
        res.body.permissions.filter(
          (p: { status: string }) => p.status !== 'granted',
        ),
      ).toEqual([
        {
          name: 'Microsoft.ContainerInstance/containerGroups/delete',
          purpose: 'destroy, recreate on update',
          status: 'missing',
        },
      ]);
      // The sandbox's Azure Monitor is read, so its permission is checked.
      expect(res.body.permissions.at(-1)).toEqual({
        name: 'Microsoft.Insights/metrics/read',
        purpose: 'traffic (idle recommendations)',
        status: 'granted',
      });
    } finally {
      await backend.stop();
    }
    // A whole backend starts here; on a busy machine that takes seconds.
  }, 30_000);
});
