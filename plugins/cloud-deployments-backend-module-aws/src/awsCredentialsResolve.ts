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
import { defaultProvider } from '@aws-sdk/credential-provider-node';

/**
 * Whether the AWS SDK's default credential chain (environment, shared
 * config and credentials files, SSO, web identity, container and instance
 * metadata) yields credentials within `timeoutMs`. Bounded, so that probing
 * the instance metadata service off EC2 cannot stall the backend's start.
 * Only the answer leaves this function, never the credentials.
 */
export async function awsCredentialsResolve(
  timeoutMs = 3_000,
): Promise<boolean> {
  const provider = defaultProvider({ timeout: 1_000, maxRetries: 0 });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>(resolve => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      provider().then(
        credentials => Boolean(credentials.accessKeyId),
        () => false,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
