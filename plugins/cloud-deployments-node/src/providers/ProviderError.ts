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
import { CustomErrorBase } from '@backstage/errors';

/**
 * How the job engine should treat a provider error:
 *
 * - `transient`: a network error, a timeout or a 5xx; retried with backoff.
 * - `throttled`: the cloud asked to slow down; retried with backoff.
 * - `permanent`: the cloud refused the request (validation, quota, auth,
 *   permission); the deployment fails with the message as its reason.
 *
 * @public
 */
export type ProviderErrorKind = 'transient' | 'throttled' | 'permanent';

/**
 * An error from a cloud, classified, with a message a person can act on. The
 * message becomes a deployment's status reason, so it must never carry
 * credentials.
 *
 * @public
 */
export class ProviderError extends CustomErrorBase {
  /** Always `ProviderError`, also after serialization. */
  name = 'ProviderError' as const;
  /** Whether the backend retries (`transient`, `throttled`) or fails the deployment. */
  readonly kind: ProviderErrorKind;
  /** The cloud's own error code, e.g. `ThrottlingException`, `RESOURCE_EXHAUSTED`. */
  readonly code?: string;

  constructor(
    message: string,
    options: { kind: ProviderErrorKind; code?: string; cause?: unknown },
  ) {
    super(message, options.cause);
    this.kind = options.kind;
    this.code = options.code;
  }

  /** Whether trying again later may succeed: every kind but `permanent`. */
  get retryable(): boolean {
    return this.kind !== 'permanent';
  }
}

/**
 * Whether the engine should retry after this error. Errors that a provider
 * did not classify (a bug, a network failure below the SDK) are retried; they
 * fail the deployment once the task runs out of attempts.
 *
 * @public
 */
export function isRetryableError(error: unknown): boolean {
  return !(error instanceof ProviderError) || error.retryable;
}
