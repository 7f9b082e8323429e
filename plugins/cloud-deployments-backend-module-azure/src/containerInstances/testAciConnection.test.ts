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
import { AciSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { ConnectionCheck } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CONTAINER_GROUP_ACTIONS } from './aciPermissions';
import { AzureContainerInstancesProvider } from './AzureContainerInstancesProvider';
import { AciSandboxConnection } from './createAciClient';
import { AciSubscription } from './readAciConfig';

const SUB = '11111111-2222-3333-4444-555555555555';
const ML: AciSubscription = {
  id: 'ml',
  subscriptionId: SUB,
  resourceGroup: 'ml-models',
};
const PERMISSIONS_PATH = `/subscriptions/${SUB}/resourcegroups/ml-models/providers/Microsoft.Authorization/permissions`;
// The claims of the token the sandbox hands out.
const SANDBOX_IDENTITY = {
  tenantId: '5a4db0c5-0000-4000-8000-000000000001',
  objectId: '5a4db0c5-0000-4000-8000-000000000002',
  applicationId: '5a4db0c5-0000-4000-8000-000000000003',
  principalType: 'ServicePrincipal',
};

function context(signal = new AbortController().signal) {
  const logger = mockServices.logger.mock();
  return { ctx: { signal, logger }, logger };
}

describe('AzureContainerInstancesProvider.testConnection', () => {
  let sandbox: AciSandbox;
  let provider: AzureContainerInstancesProvider | undefined;

  async function start(
    options: {
      deniedActions?: string[];
      readers?: ConstructorParameters<
        typeof AzureContainerInstancesProvider
      >[0]['readers'];
      connection?: Partial<AciSandboxConnection>;
    } = {},
  ) {
    sandbox = await AciSandbox.start({ deniedActions: options.deniedActions });
    provider = new AzureContainerInstancesProvider({
      subscriptions: [ML],
      timeoutMs: 2000,
      readers: options.readers,
      sandbox: {
        url: sandbox.url,
        certificate: sandbox.certificate,
        credential: sandbox.credential,
        ...options.connection,
      },
    });
    return provider;
  }

  afterEach(async () => {
    await provider?.close();
    provider = undefined;
    await sandbox?.close();
  });

  const notGranted = (check: ConnectionCheck) =>
    check.permissions.filter(p => p.status !== 'granted');

  it('lists its subscriptions as testable accounts', async () => {
    expect((await start()).accounts).toEqual(['ml']);
  });

  it('reports who the portal is and the one denied action as missing', async () => {
    await start({
      deniedActions: ['Microsoft.ContainerInstance/containerGroups/delete'],
    });
    const check = await provider!.testConnection('ml', context().ctx);
    expect(check.identity).toEqual(SANDBOX_IDENTITY);
    expect(check.problems).toEqual([]);
    expect(check.permissions.map(p => p.name)).toEqual(
      CONTAINER_GROUP_ACTIONS.map(p => p.name),
    );
    expect(notGranted(check)).toEqual([
      {
        name: 'Microsoft.ContainerInstance/containerGroups/delete',
        purpose: 'destroy, recreate on update',
        status: 'missing',
      },
    ]);
    // One read, through the SDK's api-version.
    expect(
      sandbox.requests().map(r => [r.method, r.path, r.query['api-version']]),
    ).toEqual([['GET', PERMISSIONS_PATH, '2022-04-01']]);
  });

  it('honours wildcards in notActions, in any case', async () => {
    await start({
      deniedActions: ['microsoft.containerinstance/*/ACTION', '*/delete'],
    });
    const check = await provider!.testConnection('ml', context().ctx);
    expect(notGranted(check).map(p => [p.name, p.status])).toEqual([
      ['Microsoft.ContainerInstance/containerGroups/delete', 'missing'],
      ['Microsoft.ContainerInstance/containerGroups/stop/action', 'missing'],
      ['Microsoft.ContainerInstance/containerGroups/start/action', 'missing'],
    ]);
  });

  it('checks the readers of metrics and costs the module runs', async () => {
    await start({
      deniedActions: ['Microsoft.Insights/*'],
      readers: { metrics: true, costs: 'resourceGroup' },
    });
    const check = await provider!.testConnection('ml', context().ctx);
    expect(check.permissions.slice(-2)).toEqual([
      {
        name: 'Microsoft.Insights/metrics/read',
        purpose: 'traffic (idle recommendations)',
        status: 'missing',
      },
      {
        name: 'Microsoft.CostManagement/query/read',
        purpose: 'actual costs (Cost Management)',
        status: 'granted',
      },
    ]);
  });

  it('cannot tell from a resource group whether the whole subscription’s costs may be read', async () => {
    await start({ readers: { costs: 'subscription' } });
    const check = await provider!.testConnection('ml', context().ctx);
    expect(check.permissions.at(-1)).toEqual({
      name: 'Microsoft.CostManagement/query/read',
      purpose: 'actual costs (Cost Management)',
      status: 'unknown',
      reason:
        'granted on the resource group; Cost Management is queried for the whole subscription, whose permissions the resource group does not show',
    });
  });

  it('reports the permissions unknown, with the reason, when the listing is refused (403)', async () => {
    await start();
    sandbox.rejectNext({
      status: 403,
      code: 'AuthorizationFailed',
      message: `The client '${SANDBOX_IDENTITY.objectId}' does not have authorization to perform action 'Microsoft.Authorization/permissions/read'.`,
      pathPrefix: PERMISSIONS_PATH,
    });
    const check = await provider!.testConnection('ml', context().ctx);
    expect(check.identity).toEqual(SANDBOX_IDENTITY);
    const reason = `Reading the permissions of resource group ml-models (Microsoft.Authorization/permissions) failed: Azure answered HTTP 403 AuthorizationFailed: The client '${SANDBOX_IDENTITY.objectId}' does not have authorization to perform action 'Microsoft.Authorization/permissions/read'.`;
    expect(check.problems).toEqual([reason]);
    expect(check.permissions.every(p => p.status === 'unknown')).toBe(true);
    expect(check.permissions[0].reason).toBe(reason);
  });

  it.each([
    ['an HTML page', '<html><body>Bad gateway</body></html>', 'text/html'],
    [
      'an HTML page called JSON',
      '<html><body>Bad gateway</body></html>',
      undefined,
    ],
    ['truncated JSON', '{"value":[{"actions":["*"],"notAc', undefined],
    ['JSON of another shape', '{"permissions":["*"]}', undefined],
    ['a value that is no list', '{"value":"everything"}', undefined],
    [
      'actions that are not names',
      '{"value":[{"actions":[{"name":"*"}]}]}',
      undefined,
    ],
  ])(
    'reports garbage for the listing (%s) as a problem, never as missing',
    async (_, body, contentType) => {
      await start();
      sandbox.garbleNext({ body, contentType, pathPrefix: PERMISSIONS_PATH });
      const check = await provider!.testConnection('ml', context().ctx);
      expect(check.identity).toEqual(SANDBOX_IDENTITY);
      expect(check.problems).toHaveLength(1);
      expect(check.problems[0]).toMatch(
        /^Reading the permissions of resource group ml-models \(Microsoft\.Authorization\/permissions\) failed: (the answer is not a list of permissions|Azure answered HTTP 200 PARSE_ERROR)/,
      );
      expect(check.permissions.every(p => p.status === 'unknown')).toBe(true);
    },
  );

  it('reports a refused connection as a problem', async () => {
    const closed = await AciSandbox.start();
    await closed.close();
    await start({ connection: { url: closed.url } });
    const check = await provider!.testConnection('ml', context().ctx);
    expect(check.identity).toEqual(SANDBOX_IDENTITY);
    expect(check.problems).toEqual([
      expect.stringMatching(
        /^Reading the permissions of resource group ml-models \(Microsoft\.Authorization\/permissions\) failed: Azure request failed: .*ECONNREFUSED/,
      ),
    ]);
    expect(check.permissions.every(p => p.status === 'unknown')).toBe(true);
  });

  it('reports a token that names no one, and still checks the permissions', async () => {
    await start({
      connection: {
        credential: {
          getToken: async () => ({
            token: 'opaque-token-value',
            expiresOnTimestamp: Date.now() + 3600_000,
          }),
        },
      },
    });
    const check = await provider!.testConnection('ml', context().ctx);
    expect(check.identity).toEqual({});
    expect(check.problems).toEqual([
      expect.stringMatching(
        /^Who the portal is cannot be read: the access token is not a JWT/,
      ),
    ]);
    expect(JSON.stringify(check)).not.toContain('opaque-token-value');
    expect(notGranted(check)).toEqual([]);
  });

  it('gives up when the signal aborts', async () => {
    await start();
    sandbox.hangNext(1, { method: 'GET' });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const check = await provider!.testConnection(
      'ml',
      context(controller.signal).ctx,
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect(check.problems).toEqual([
      'Reading the permissions of resource group ml-models (Microsoft.Authorization/permissions) failed: The Azure request was cancelled',
    ]);
  });

  describe('with a service principal of its own', () => {
    const secret = 'portal-test-client-secret~0123456789';
    const saved = { ...process.env };

    afterEach(() => {
      process.env = { ...saved };
    });

    it('never quotes the secret, even when Azure does', async () => {
      sandbox = await AciSandbox.start();
      sandbox.rejectNext({
        status: 401,
        code: 'InvalidAuthenticationToken',
        message: `Rejected for ${secret}`,
        pathPrefix: PERMISSIONS_PATH,
      });
      provider = new AzureContainerInstancesProvider({
        subscriptions: [{ ...ML, clientSecret: secret }],
        timeoutMs: 2000,
        sandbox: {
          url: sandbox.url,
          certificate: sandbox.certificate,
          credential: sandbox.credential,
        },
      });
      const check = await provider.testConnection('ml', context().ctx);
      expect(check.problems).toEqual([
        expect.stringContaining('InvalidAuthenticationToken: Rejected for ***'),
      ]);
      expect(JSON.stringify(check)).not.toContain(secret);
    });

    it('reports Entra ID unreachable, and never returns or logs the secret', async () => {
      const closed = await AciSandbox.start();
      await closed.close();
      // Where @azure/identity signs in; nothing listens there.
      process.env.AZURE_AUTHORITY_HOST = closed.url;
      provider = new AzureContainerInstancesProvider({
        subscriptions: [
          {
            ...ML,
            tenantId: '22222222-3333-4444-5555-666666666666',
            clientId: '33333333-4444-5555-6666-777777777777',
            clientSecret: secret,
          },
        ],
        timeoutMs: 2000,
      });
      const { ctx, logger } = context();
      const check = await provider.testConnection('ml', ctx);
      expect(check.identity).toEqual({});
      expect(check.problems).toEqual([
        expect.stringMatching(
          /^Microsoft Entra ID gave no token for Azure Resource Manager: /,
        ),
      ]);
      expect(check.permissions.every(p => p.status === 'unknown')).toBe(true);
      const logged = JSON.stringify([
        logger.info.mock.calls,
        logger.warn.mock.calls,
        logger.error.mock.calls,
        logger.debug.mock.calls,
      ]);
      expect(JSON.stringify(check)).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }, 30_000);
  });
});
