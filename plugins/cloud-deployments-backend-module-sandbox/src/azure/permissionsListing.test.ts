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
import { request } from 'https';
import { AciSandbox } from './AciSandbox';
import { SANDBOX_PRINCIPAL } from './sandboxPrincipal';

const PERMISSIONS =
  '/subscriptions/11111111-2222-3333-4444-555555555555/resourcegroups/ml/providers/Microsoft.Authorization/permissions?api-version=2022-04-01';

describe('AciSandbox permissions listing', () => {
  let sandbox: AciSandbox;

  afterEach(() => sandbox?.close());

  function get(path: string) {
    return new Promise<{ status?: number; type?: string; body: string }>(
      (resolve, reject) => {
        request(
          `${sandbox.url}${path}`,
          {
            ca: sandbox.certificate,
            agent: false,
            headers: { authorization: `Bearer ${sandbox.token}` },
          },
          res => {
            let body = '';
            res.on('data', c => (body += c));
            res.on('end', () =>
              resolve({
                status: res.statusCode,
                type: res.headers['content-type'],
                body,
              }),
            );
          },
        )
          .on('error', reject)
          .end();
      },
    );
  }

  it('grants every action but the denied ones, as notActions, like an Owner', async () => {
    sandbox = await AciSandbox.start({
      deniedActions: ['Microsoft.ContainerInstance/containerGroups/delete'],
    });
    const answer = await get(PERMISSIONS);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      value: [
        {
          actions: ['*'],
          notActions: ['Microsoft.ContainerInstance/containerGroups/delete'],
          dataActions: [],
          notDataActions: [],
        },
      ],
    });
    expect(sandbox.requests().map(r => r.path)).toEqual([
      PERMISSIONS.split('?')[0],
    ]);
  });

  it('denies nothing by default', async () => {
    sandbox = await AciSandbox.start();
    const answer = await get(PERMISSIONS);
    expect(JSON.parse(answer.body).value[0].notActions).toEqual([]);
  });

  it('hands out a token whose claims name its service principal', async () => {
    sandbox = await AciSandbox.start();
    const token = await sandbox.credential.getToken(
      'https://management.azure.com/.default',
    );
    expect(token?.token).toBe(sandbox.token);
    const [, payload] = sandbox.token.split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual(
      expect.objectContaining({
        tid: SANDBOX_PRINCIPAL.tid,
        oid: SANDBOX_PRINCIPAL.oid,
        appid: SANDBOX_PRINCIPAL.appid,
        idtyp: 'app',
      }),
    );
  });

  it('answers garbage it was told to, once', async () => {
    sandbox = await AciSandbox.start();
    sandbox.garbleNext({
      body: '<html>Bad gateway</html>',
      status: 502,
      contentType: 'text/html',
      pathPrefix:
        '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/ml/',
    });
    expect(await get(PERMISSIONS)).toEqual({
      status: 502,
      type: 'text/html',
      body: '<html>Bad gateway</html>',
    });
    expect((await get(PERMISSIONS)).status).toBe(200);
  });
});
