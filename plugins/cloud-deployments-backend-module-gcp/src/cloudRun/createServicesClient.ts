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
import { parseApiEndpoint } from './apiEndpoint';
import { CloudRunAccount } from './readCloudRunConfig';

/** What authenticates a client to a sandbox: a fixed token, accepted there. */
export function sandboxAuthClient(): OAuth2Client {
  // Node's own fetch, not gaxios' default node-fetch: no proxy for a local
  // server, and no ESM-only import (which jest cannot load).
  const authClient = new OAuth2Client({
    transporterOptions: { fetchImplementation: fetch },
  });
  authClient.setCredentials({
    access_token: 'sandbox-token',
    expiry_date: Date.now() + 365 * 24 * 3600 * 1000,
  });
  return authClient;
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
    return new ServicesClient({
      ...parseApiEndpoint(sandboxUrl),
      projectId: account.projectId,
      fallback: true,
      authClient: sandboxAuthClient(),
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
