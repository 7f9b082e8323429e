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
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerAccount } from './readSageMakerConfig';

/** What clients sign sandbox requests with; the sandbox takes any. */
export const SANDBOX_CREDENTIALS = {
  accessKeyId: 'SANDBOXACCESSKEY',
  secretAccessKey: 'sandbox-secret-key',
};

/**
 * A SageMaker client for an account and region, or for the sandbox at
 * `sandboxUrl` (with fake credentials): one attempt per request, each
 * bounded by `timeoutMs`.
 */
export function createSageMakerClient(
  account: SageMakerAccount,
  region: string,
  options: { timeoutMs: number; sandboxUrl?: string },
): SageMakerClient {
  const { timeoutMs: timeout, sandboxUrl } = options;
  return new SageMakerClient({
    region,
    endpoint: sandboxUrl ?? account.endpoint,
    // Copies: the SDK marks the object it is given.
    credentials: sandboxUrl
      ? { ...SANDBOX_CREDENTIALS }
      : account.credentials && { ...account.credentials },
    // The job engine retries with backoff; an SDK retry would hold the
    // worker for longer than it knows.
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: timeout,
      throwOnRequestTimeout: true,
      connectionTimeout: timeout,
      socketTimeout: timeout,
    },
  });
}
