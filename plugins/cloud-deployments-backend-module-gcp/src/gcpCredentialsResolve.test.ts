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
import { gcpCredentialsResolve } from './gcpCredentialsResolve';
import {
  ADC_REFRESH_TOKEN,
  FakeTokenEndpoint,
  isolateAdc,
  writeAdcFile,
} from './__testUtils__/fakeAdc';

describe('gcpCredentialsResolve', () => {
  let env: Awaited<ReturnType<typeof isolateAdc>>;
  let endpoint: FakeTokenEndpoint | undefined;

  beforeEach(async () => {
    env = await isolateAdc();
  });

  afterEach(async () => {
    await endpoint?.stop();
    endpoint = undefined;
    await env.restore();
  });

  it('answers with headers carrying a bearer token when ADC resolve', async () => {
    endpoint = await new FakeTokenEndpoint().start();
    await writeAdcFile(env.dir, endpoint.url, { quotaProjectId: 'acme-quota' });

    const auth = await gcpCredentialsResolve();

    expect(auth).toBeDefined();
    const headers = await auth!.getRequestHeaders();
    expect(headers.get('authorization')).toBe(`Bearer ${endpoint.accessToken}`);
    expect(headers.get('x-goog-user-project')).toBe('acme-quota');
    // One refresh, at the check; the token is cached for the requests.
    expect(endpoint.requests).toEqual([
      {
        grantType: 'refresh_token',
        refreshToken: ADC_REFRESH_TOKEN,
        clientId: 'adc-client-id',
      },
    ]);
  });

  it('answers undefined at once without ADC', async () => {
    const started = Date.now();

    await expect(gcpCredentialsResolve()).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers undefined when the credentials file does not exist', async () => {
    process.env.GOOGLE_APPLICATION_CREDENTIALS = `${env.dir}/missing.json`;

    await expect(gcpCredentialsResolve()).resolves.toBeUndefined();
  });

  it('answers undefined when the token endpoint refuses connections', async () => {
    const closed = await new FakeTokenEndpoint().start();
    const url = closed.url;
    await closed.stop();
    await writeAdcFile(env.dir, url);

    await expect(gcpCredentialsResolve()).resolves.toBeUndefined();
  });

  it('gives up within its cap when the token endpoint never answers', async () => {
    endpoint = await new FakeTokenEndpoint({ hang: true }).start();
    await writeAdcFile(env.dir, endpoint.url);
    const started = Date.now();

    await expect(gcpCredentialsResolve(500)).resolves.toBeUndefined();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2000);
  });
});
