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
import { CloudRunSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { mockServices } from '@backstage/backend-test-utils';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { CloudRunProvider } from './CloudRunProvider';
import { CLOUD_RUN_PERMISSIONS } from './testCloudRunConnection';

const ctx = () => ({
  signal: AbortSignal.timeout(10_000),
  logger: mockServices.logger.mock(),
});
const account = { id: 'ml', projectId: 'acme-ml' };
const SECRET = 'not-a-real-private-key-but-secret-enough';

type Answer = { status: number; type?: string; body: string };

/** A server answering each API with what the test picks. */
async function startServer(answers: {
  tokeninfo: Answer;
  testIamPermissions: Answer;
}): Promise<{ url: string; server: Server; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      paths.push(`${req.method} ${req.url?.split('?')[0]}`);
      const answer = req.url?.startsWith('/tokeninfo')
        ? answers.tokeninfo
        : answers.testIamPermissions;
      res.writeHead(answer.status, {
        'content-type': answer.type ?? 'application/json',
      });
      res.end(answer.body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, paths };
}

const identityOk: Answer = {
  status: 200,
  body: JSON.stringify({
    sub: '1042',
    email: 'portal@acme-ml.iam.gserviceaccount.com',
  }),
};
const forbidden = (message: string): Answer => ({
  status: 403,
  body: JSON.stringify({
    error: { code: 403, message, status: 'PERMISSION_DENIED' },
  }),
});
const html: Answer = {
  status: 200,
  type: 'text/html',
  body: '<html><body>Proxy login</body></html>',
};

async function testWith(answers: {
  tokeninfo: Answer;
  testIamPermissions: Answer;
}) {
  const { url, server, paths } = await startServer(answers);
  const provider = new CloudRunProvider({
    accounts: [{ ...account, credentials: { type: 'x', private_key: SECRET } }],
    sandboxUrl: url,
    timeoutMs: 5000,
  });
  try {
    return { check: await provider.testConnection('ml', ctx()), paths };
  } finally {
    await provider.close();
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }
}

describe('CloudRunProvider.testConnection', () => {
  it('reads who it is and asks testIamPermissions for every needed permission', async () => {
    const { check, paths } = await testWith({
      tokeninfo: identityOk,
      testIamPermissions: {
        status: 200,
        body: JSON.stringify({
          permissions: CLOUD_RUN_PERMISSIONS.map(p => p.name).filter(
            p => p !== 'run.services.delete',
          ),
        }),
      },
    });
    expect(paths).toEqual([
      'POST /tokeninfo',
      'POST /v3/projects/acme-ml:testIamPermissions',
    ]);
    expect(check.identity).toEqual({
      principal: 'portal@acme-ml.iam.gserviceaccount.com',
      uniqueId: '1042',
      project: 'acme-ml',
    });
    expect(check.problems).toEqual([]);
    expect(check.permissions.filter(p => p.status !== 'granted')).toEqual([
      { name: 'run.services.delete', purpose: 'destroy', status: 'missing' },
    ]);
    expect(check.permissions).toHaveLength(CLOUD_RUN_PERMISSIONS.length);
  });

  it('says none is granted when the answer lists none', async () => {
    const { check } = await testWith({
      tokeninfo: identityOk,
      testIamPermissions: { status: 200, body: '{}' },
    });
    expect(new Set(check.permissions.map(p => p.status))).toEqual(
      new Set(['missing']),
    );
    expect(check.problems).toEqual([]);
  });

  it('leaves every permission unknown when testIamPermissions is refused', async () => {
    const { check } = await testWith({
      tokeninfo: identityOk,
      testIamPermissions: forbidden(
        "Permission 'resourcemanager.projects.testIamPermissions' denied",
      ),
    });
    expect(check.identity.principal).toBe(
      'portal@acme-ml.iam.gserviceaccount.com',
    );
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatch(
      /^Resource Manager testIamPermissions on projects\/acme-ml failed.*PERMISSION_DENIED.*denied/,
    );
    for (const p of check.permissions) {
      expect(p).toMatchObject({ status: 'unknown', reason: check.problems[0] });
    }
  });

  it('turns a refused identity read into a problem, and still checks', async () => {
    const { check } = await testWith({
      tokeninfo: {
        status: 400,
        body: JSON.stringify({
          error: 'invalid_token',
          error_description: 'Invalid Value',
        }),
      },
      testIamPermissions: {
        status: 200,
        body: JSON.stringify({ permissions: ['run.services.get'] }),
      },
    });
    expect(check.identity).toEqual({});
    expect(check.problems).toEqual([
      expect.stringMatching(
        /^The identity read \(OAuth2 tokeninfo\) failed \(HTTP 400\)/,
      ),
    ]);
    expect(
      check.permissions.find(p => p.name === 'run.services.get')?.status,
    ).toBe('granted');
  });

  it.each<[string, Answer]>([
    ['an HTML page', html],
    ['truncated JSON', { status: 200, body: '{"permissions": ["run.ser' }],
    [
      'a wrong shape',
      { status: 200, body: JSON.stringify({ permissions: 'everything' }) },
    ],
    [
      'permissions it was not asked',
      {
        status: 200,
        body: JSON.stringify({ permissions: ['storage.buckets.delete'] }),
      },
    ],
  ])('turns %s into problems, never a guess', async (_, answer) => {
    const { check } = await testWith({
      tokeninfo: answer,
      testIamPermissions: answer,
    });
    expect(check.identity).toEqual({});
    expect(check.problems).toHaveLength(2);
    expect(check.problems[0]).toMatch(/^The identity read/);
    expect(check.problems[1]).toMatch(
      /^Resource Manager testIamPermissions on projects\/acme-ml failed/,
    );
    expect(new Set(check.permissions.map(p => p.status))).toEqual(
      new Set(['unknown']),
    );
    expect(JSON.stringify(check)).not.toContain(SECRET);
  });

  it('turns a refused connection into problems', async () => {
    const { url, server } = await startServer({
      tokeninfo: identityOk,
      testIamPermissions: identityOk,
    });
    await new Promise(resolve => server.close(resolve));
    const provider = new CloudRunProvider({
      accounts: [account],
      sandboxUrl: url,
      timeoutMs: 5000,
    });
    try {
      const check = await provider.testConnection('ml', ctx());
      expect(check.identity).toEqual({});
      expect(check.problems).toEqual([
        expect.stringMatching(/^The identity read.* ECONNREFUSED: /),
        expect.stringMatching(
          /^Resource Manager testIamPermissions.* ECONNREFUSED: /,
        ),
      ]);
      expect(new Set(check.permissions.map(p => p.status))).toEqual(
        new Set(['unknown']),
      );
    } finally {
      await provider.close();
    }
  });

  it('lists its accounts as testable', () => {
    const provider = new CloudRunProvider({
      accounts: [account, { id: 'prod', projectId: 'acme-prod' }],
      sandboxUrl: 'http://127.0.0.1:1',
    });
    expect(provider.accounts).toEqual(['ml', 'prod']);
  });
});

describe('CloudRunProvider.testConnection against the sandbox', () => {
  let sandbox: CloudRunSandbox;

  beforeAll(async () => {
    sandbox = await CloudRunSandbox.start({
      deniedPermissions: ['RUN.services.delete', 'iam.serviceAccounts.actAs'],
    });
  });
  afterAll(() => sandbox.close());

  it("answers the sandbox's service account and the permissions it denies", async () => {
    const provider = new CloudRunProvider({
      accounts: [account],
      sandboxUrl: sandbox.url,
    });
    try {
      const check = await provider.testConnection('ml', ctx());
      expect(check.identity).toEqual({
        principal:
          'cloud-deployments-portal@cloud-deployments-sandbox.iam.gserviceaccount.com',
        uniqueId: '104200000000000000001',
        project: 'acme-ml',
      });
      expect(check.problems).toEqual([]);
      expect(
        check.permissions.filter(p => p.status !== 'granted').map(p => p.name),
      ).toEqual(['run.services.delete', 'iam.serviceAccounts.actAs']);

      sandbox.denyPermissions([]);
      const all = await provider.testConnection('ml', ctx());
      expect(new Set(all.permissions.map(p => p.status))).toEqual(
        new Set(['granted']),
      );
    } finally {
      await provider.close();
    }
  });
});
