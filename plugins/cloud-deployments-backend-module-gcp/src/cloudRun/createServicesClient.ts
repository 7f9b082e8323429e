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
import { ServicesClient } from '@google-cloud/run';
import { OAuth2Client } from 'google-auth-library';
import { CloudRunAccount } from './readCloudRunConfig';

/** Where a client sends its requests. */
export type ApiEndpoint = {
  apiEndpoint: string;
  port?: number;
  protocol?: 'http' | 'https';
};

/**
 * Reads an endpoint given as a host (`europe-west1-run.googleapis.com`), a
 * host and port, or a URL (`http://127.0.0.1:8123`).
 */
export function parseApiEndpoint(value: string): ApiEndpoint {
  const text = value.trim();
  const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`'${value}' must be an http or https URL or a host name`);
  }
  if (url.pathname !== '/' || url.search || url.username || url.password) {
    throw new Error(
      `'${value}' must be a host, host:port or URL without a path`,
    );
  }
  return {
    apiEndpoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(/^[a-z]+:\/\//i.test(text)
      ? { protocol: url.protocol.slice(0, -1) as 'http' | 'https' }
      : {}),
  };
}

/**
 * A Cloud Run Admin API v2 client for an account. Always the REST (JSON)
 * transport: it honours per-call timeouts and abort signals and needs no
 * native gRPC. With `sandboxUrl`, it talks to the local sandbox with a fixed
 * token instead of real credentials.
 */
export function createServicesClient(
  account: CloudRunAccount,
  sandboxUrl?: string,
): ServicesClient {
  if (sandboxUrl) {
    // Node's own fetch, not gaxios' default node-fetch: no proxy for a local
    // server, and no ESM-only import (which jest cannot load).
    const authClient = new OAuth2Client({
      transporterOptions: { fetchImplementation: fetch },
    });
    authClient.setCredentials({
      access_token: 'sandbox-token',
      expiry_date: Date.now() + 365 * 24 * 3600 * 1000,
    });
    return new ServicesClient({
      ...parseApiEndpoint(sandboxUrl),
      projectId: account.projectId,
      fallback: true,
      authClient,
    });
  }
  return new ServicesClient({
    ...(account.apiEndpoint ? parseApiEndpoint(account.apiEndpoint) : {}),
    projectId: account.projectId,
    fallback: true,
    ...(account.credentials ? { credentials: account.credentials as any } : {}),
    ...(account.keyFilename ? { keyFilename: account.keyFilename } : {}),
  });
}
