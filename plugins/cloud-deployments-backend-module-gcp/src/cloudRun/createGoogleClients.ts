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
import { CloudQuotasClient } from '@google-cloud/cloudquotas';
import { ProjectsClient } from '@google-cloud/resource-manager';
import { GoogleAuth } from 'google-auth-library';
import { parseApiEndpoint } from './apiEndpoint';
import { sandboxAuthClient } from './createServicesClient';
import { CloudRunAccount } from './readCloudRunConfig';

type GaxClientOptions = NonNullable<
  ConstructorParameters<typeof ProjectsClient>[0]
>;

/** Google's token information endpoint: who a token was issued to. */
export const TOKEN_INFO_URL = 'https://oauth2.googleapis.com/tokeninfo';

// The identity read asks for the email scope too, so that the token
// information names the service account (or user).
const IDENTITY_SCOPES = [
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/userinfo.email',
];

/**
 * The options every client of an account's other Google APIs (Resource
 * Manager, Cloud Quotas) gets: REST (JSON) transport, which honours per-call
 * timeouts and abort signals and is what the sandbox speaks; the account's
 * credentials, or the sandbox with its fixed token. The account's
 * `apiEndpoint` is Cloud Run's, so these APIs keep their own.
 */
function clientOptions(
  account: CloudRunAccount,
  sandboxUrl?: string,
): GaxClientOptions {
  if (sandboxUrl) {
    return {
      ...parseApiEndpoint(sandboxUrl),
      projectId: account.projectId,
      fallback: true,
      // These clients bring google-auth-library 10, the module has 11: the
      // same client interface (headers as a Headers object), other types.
      authClient:
        sandboxAuthClient() as unknown as GaxClientOptions['authClient'],
    };
  }
  return {
    projectId: account.projectId,
    fallback: true,
    ...(account.credentials ? { credentials: account.credentials as any } : {}),
    ...(account.keyFilename ? { keyFilename: account.keyFilename } : {}),
  };
}

/** A Resource Manager v3 client (`projects.testIamPermissions`) for an account. */
export function createProjectsClient(
  account: CloudRunAccount,
  sandboxUrl?: string,
): ProjectsClient {
  return new ProjectsClient(clientOptions(account, sandboxUrl));
}

/** A Cloud Quotas v1 client (`quotaInfos.get`) for an account. */
export function createCloudQuotasClient(
  account: CloudRunAccount,
  sandboxUrl?: string,
): CloudQuotasClient {
  return new CloudQuotasClient(clientOptions(account, sandboxUrl));
}

/**
 * What authenticates the identity read of an account, and where it reads
 * the token information: Google's endpoint with the account's credentials,
 * or the sandbox's with its fixed token.
 */
export function identityReader(
  account: CloudRunAccount,
  sandboxUrl?: string,
): { auth: GoogleAuth; url: string } {
  if (sandboxUrl) {
    return {
      auth: new GoogleAuth({ authClient: sandboxAuthClient() }),
      url: `${sandboxUrl.replace(/\/+$/, '')}/tokeninfo`,
    };
  }
  return {
    auth: new GoogleAuth({
      scopes: IDENTITY_SCOPES,
      projectId: account.projectId,
      ...(account.credentials
        ? { credentials: account.credentials as any }
        : {}),
      ...(account.keyFilename ? { keyFilename: account.keyFilename } : {}),
    }),
    url: TOKEN_INFO_URL,
  };
}
