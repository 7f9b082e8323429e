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
import fs from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Application Default Credentials that google-auth-library resolves for
// real, with no private key and nothing from the machine: an
// `external_account_authorized_user` file (workforce identity federation)
// whose token endpoint is a local server. Not part of the package's API.

/**
 * Clears every variable through which google-auth-library could find the
 * machine's own credentials or a metadata server, and points gcloud's config
 * at an empty directory. `restore()` puts the environment back.
 */
export async function isolateAdc(): Promise<{
  dir: string;
  restore(): Promise<void>;
}> {
  const saved = { ...process.env };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gcp-adc-'));
  for (const key of Object.keys(process.env)) {
    if (/^(GOOGLE_|GCLOUD_|CLOUDSDK_|GCE_METADATA_)/i.test(key)) {
      delete process.env[key];
    }
  }
  process.env.CLOUDSDK_CONFIG = path.join(dir, 'gcloud');
  // No metadata server: not detected, and refused should one be assumed.
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.GCE_METADATA_HOST = '127.0.0.1:1';
  // Spares the project lookup (gcloud, metadata server) after resolving.
  process.env.GOOGLE_CLOUD_PROJECT = 'acme-prices';
  return {
    dir,
    async restore() {
      process.env = saved;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A token refresh request as the fake endpoint received it. */
export type TokenRequest = {
  grantType: string | null;
  refreshToken: string | null;
  /** The client id of the basic client authentication. */
  clientId: string;
};

/**
 * A local OAuth token endpoint: answers a refresh-token grant with
 * `accessToken`, or (`hang`) accepts connections and never answers.
 */
export class FakeTokenEndpoint {
  readonly requests: TokenRequest[] = [];
  readonly accessToken: string;
  readonly #hang: boolean;
  #server?: Server;

  constructor(options: { accessToken?: string; hang?: boolean } = {}) {
    this.accessToken = options.accessToken ?? 'ya29.fake-adc-access-token';
    this.#hang = options.hang ?? false;
  }

  get url(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1/oauthtoken`;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        if (this.#hang) return;
        const form = new URLSearchParams(body);
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
        this.requests.push({
          grantType: form.get('grant_type'),
          refreshToken: form.get('refresh_token'),
          clientId: basic
            ? Buffer.from(basic[1], 'base64').toString().split(':')[0]
            : '',
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            access_token: this.accessToken,
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        );
      });
    });
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise(resolve => this.#server?.close(resolve));
  }
}

/** The secrets of the credentials file, to check they are never logged. */
export const ADC_REFRESH_TOKEN = 'adc-refresh-token-never-logged';
export const ADC_CLIENT_SECRET = 'adc-client-secret-never-logged';

/**
 * Writes an `external_account_authorized_user` credentials file whose token
 * endpoint is `tokenUrl`, and points `GOOGLE_APPLICATION_CREDENTIALS` at it.
 */
export async function writeAdcFile(
  dir: string,
  tokenUrl: string,
  options: { quotaProjectId?: string } = {},
): Promise<string> {
  const file = path.join(dir, 'application_default_credentials.json');
  await fs.writeFile(
    file,
    JSON.stringify({
      type: 'external_account_authorized_user',
      audience:
        '//iam.googleapis.com/locations/global/workforcePools/acme/providers/sso',
      client_id: 'adc-client-id',
      client_secret: ADC_CLIENT_SECRET,
      refresh_token: ADC_REFRESH_TOKEN,
      token_url: tokenUrl,
      ...(options.quotaProjectId
        ? { quota_project_id: options.quotaProjectId }
        : {}),
    }),
  );
  process.env.GOOGLE_APPLICATION_CREDENTIALS = file;
  return file;
}
