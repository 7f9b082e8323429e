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
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { providerContext } from '../__testUtils__/sageMakerFixtures';
import { SANDBOX_ACCOUNT } from './readSageMakerConfig';
import { SageMakerProvider } from './SageMakerProvider';
import { principalArn, SAGEMAKER_ACTIONS } from './testSageMakerConnection';

describe('SageMakerProvider.testConnection', () => {
  let sandbox: SageMakerSandbox;
  let provider: SageMakerProvider | undefined;

  function sandboxProvider() {
    provider = new SageMakerProvider({
      accounts: [SANDBOX_ACCOUNT],
      sandboxUrl: sandbox.url,
      timeoutMs: 2000,
    });
    return provider;
  }

  beforeEach(async () => {
    sandbox = await SageMakerSandbox.start({
      deniedActions: ['sagemaker:DeleteEndpoint'],
    });
  });

  afterEach(async () => {
    await provider?.close();
    provider = undefined;
    await sandbox.close();
  });

  it('reports who the portal is and the one denied permission as missing', async () => {
    const { ctx } = providerContext();
    const check = await sandboxProvider().testConnection('sandbox', ctx);
    expect(check.identity).toEqual({
      arn: 'arn:aws:iam::123456789012:user/cloud-deployments-sandbox',
      account: '123456789012',
      userId: 'AIDASANDBOXCALLER0001',
    });
    expect(check.problems).toEqual([]);
    expect(check.permissions).toHaveLength(SAGEMAKER_ACTIONS.length + 1);
    expect(check.permissions.filter(p => p.status !== 'granted')).toEqual([
      {
        name: 'sagemaker:DeleteEndpoint',
        purpose: 'destroy, stop',
        status: 'missing',
      },
    ]);
    expect(check.permissions.at(-1)).toEqual({
      name: 'iam:PassRole',
      purpose: `hand the execution role ${SANDBOX_ACCOUNT.executionRoleArn} to SageMaker`,
      status: 'granted',
    });
    expect(sandbox.requests.map(r => r.operation)).toEqual([
      'GetCallerIdentity',
      'SimulatePrincipalPolicy',
      'SimulatePrincipalPolicy',
    ]);
  });

  it('reports the permissions unknown, with the reason, when the simulation is refused (403)', async () => {
    sandbox.reject({
      operation: 'SimulatePrincipalPolicy',
      type: 'AccessDenied',
      message:
        'User: arn:aws:iam::123456789012:user/cloud-deployments-sandbox is not authorized to perform: iam:SimulatePrincipalPolicy',
      status: 403,
    });
    const { ctx } = providerContext();
    const check = await sandboxProvider().testConnection('sandbox', ctx);
    expect(check.identity.arn).toBe(
      'arn:aws:iam::123456789012:user/cloud-deployments-sandbox',
    );
    const reason =
      'IAM SimulatePrincipalPolicy failed (HTTP 403): AccessDenied: User: arn:aws:iam::123456789012:user/cloud-deployments-sandbox is not authorized to perform: iam:SimulatePrincipalPolicy';
    expect(new Set(check.permissions.map(p => p.status))).toEqual(
      new Set(['unknown']),
    );
    expect(check.permissions[0].reason).toBe(reason);
    expect(check.problems).toEqual([
      `${reason} (the permissions cannot be checked without iam:SimulatePrincipalPolicy on arn:aws:iam::123456789012:user/cloud-deployments-sandbox)`,
    ]);
  });

  it('reports a refused identity read (403) as a problem', async () => {
    sandbox.reject({
      operation: 'GetCallerIdentity',
      type: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
    const { ctx } = providerContext();
    const check = await sandboxProvider().testConnection('sandbox', ctx);
    expect(check.identity).toEqual({});
    expect(check.problems).toEqual([
      'STS GetCallerIdentity failed (HTTP 403): InvalidClientTokenId: The security token included in the request is invalid.',
    ]);
    expect(check.permissions.every(p => p.status === 'unknown')).toBe(true);
  });

  it.each([
    ['an HTML page', '<html><body>Bad gateway</body></html>'],
    [
      'truncated XML',
      '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws',
    ],
    ['XML of the wrong shape', '<Nothing><Here/></Nothing>'],
  ])('reports garbage for the identity (%s) as a problem', async (_, body) => {
    sandbox.garble(body, { operation: 'GetCallerIdentity' });
    const { ctx } = providerContext();
    const check = await sandboxProvider().testConnection('sandbox', ctx);
    expect(check.identity).toEqual({});
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatch(/^STS GetCallerIdentity failed/);
  });

  it.each([
    ['an HTML page', '<html><body>Bad gateway</body></html>'],
    [
      'truncated XML',
      '<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults><member>',
    ],
  ])(
    'reports garbage for the simulation (%s) as a problem',
    async (_, body) => {
      sandbox.garble(body, { operation: 'SimulatePrincipalPolicy' });
      const { ctx } = providerContext();
      const check = await sandboxProvider().testConnection('sandbox', ctx);
      expect(check.identity.account).toBe('123456789012');
      expect(check.problems).toHaveLength(1);
      expect(check.problems[0]).toMatch(/^IAM SimulatePrincipalPolicy/);
      expect(check.permissions.every(p => p.status === 'unknown')).toBe(true);
    },
  );

  it('gives up when the signal aborts', async () => {
    sandbox.hang(60_000, { operation: 'GetCallerIdentity' });
    const controller = new AbortController();
    const { ctx } = providerContext(controller.signal);
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const check = await sandboxProvider().testConnection('sandbox', ctx);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(check.problems[0]).toMatch(/^STS GetCallerIdentity/);
  });

  describe('with an account of its own credentials', () => {
    const credentials = {
      accessKeyId: 'AKIAPORTALTESTKEY001',
      secretAccessKey: 'portal-test-secret-access-key/0123456789',
      sessionToken: 'portal-test-session-token',
    };
    const saved = { ...process.env };

    beforeEach(() => {
      // The SDK's per-service endpoint settings send STS and IAM to the
      // sandbox, signed with the account's own credentials.
      process.env.AWS_ENDPOINT_URL_STS = sandbox.url;
      process.env.AWS_ENDPOINT_URL_IAM = sandbox.url;
    });
    afterEach(() => {
      process.env = { ...saved };
    });

    it('signs with them and never returns or logs them', async () => {
      sandbox.reject({
        operation: 'SimulatePrincipalPolicy',
        type: 'AccessDenied',
        message: `Denied for ${credentials.accessKeyId}`,
        status: 403,
      });
      provider = new SageMakerProvider({
        accounts: [
          {
            id: 'prod',
            executionRoleArn: 'arn:aws:iam::123456789012:role/Exec',
            credentials,
          },
        ],
        timeoutMs: 2000,
      });
      const { ctx, logger } = providerContext();
      const check = await provider.testConnection('prod', ctx);
      expect(sandbox.requests[0].operation).toBe('GetCallerIdentity');
      expect(check.identity.account).toBe('123456789012');
      const answer = JSON.stringify(check);
      expect(answer).toContain('Denied for ***');
      const logged = JSON.stringify([
        logger.info.mock.calls,
        logger.warn.mock.calls,
        logger.error.mock.calls,
        logger.debug.mock.calls,
      ]);
      for (const secret of Object.values(credentials)) {
        expect(answer).not.toContain(secret);
        expect(logged).not.toContain(secret);
      }
    });
  });
});

describe('principalArn', () => {
  it('simulates an assumed role as its role, anything else as it is', () => {
    expect(
      principalArn(
        'arn:aws:sts::123456789012:assumed-role/PortalRole/backstage-session',
      ),
    ).toBe('arn:aws:iam::123456789012:role/PortalRole');
    expect(principalArn('arn:aws:iam::123456789012:user/portal')).toBe(
      'arn:aws:iam::123456789012:user/portal',
    );
  });
});
