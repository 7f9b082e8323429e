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
import { GoogleAuth } from 'google-auth-library';
import { GcpRequestAuth } from './gcpRequestAuth';

/** Enough to list the Cloud Billing Catalog, nothing else. */
const BILLING_READONLY_SCOPE =
  'https://www.googleapis.com/auth/cloud-billing.readonly';

/**
 * Google Application Default Credentials (`GOOGLE_APPLICATION_CREDENTIALS`,
 * gcloud's `application-default` login, or the metadata server of an
 * attached service account), scoped to read the billing catalog. Nothing is
 * looked up until the first request's headers are asked for.
 */
export function applicationDefaultCredentials(): GcpRequestAuth {
  return new GoogleAuth({
    scopes: [BILLING_READONLY_SCOPE],
    // Token requests over Node's fetch, as the catalog requests themselves.
    clientOptions: { transporterOptions: { fetchImplementation: fetch } },
  });
}

/**
 * Application Default Credentials, when they yield an access token within
 * `timeoutMs`; undefined otherwise. Bounded, so that probing a metadata
 * server off Google Cloud (or a token endpoint that never answers) cannot
 * stall the backend's start. Only the answer leaves this function, never
 * the token or the reason it failed.
 */
export async function gcpCredentialsResolve(
  timeoutMs = 3_000,
): Promise<GcpRequestAuth | undefined> {
  const auth = applicationDefaultCredentials();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>(resolve => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([
      // The token is cached by `auth`, so the first refresh reuses it.
      auth.getRequestHeaders().then(
        headers => (headers.has('authorization') ? auth : undefined),
        () => undefined,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
