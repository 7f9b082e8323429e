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
import { sleep } from '../sleep';

/**
 * Options of {@link fetchWithRetry}.
 *
 * @public
 */
export type FetchWithRetryOptions = {
  /** Per attempt, in milliseconds. Default 10 s. */
  timeoutMs?: number;
  /** Attempts in all, including the first. Default 4. */
  attempts?: number;
  /** Base of the exponential backoff, in milliseconds. Default 250. */
  backoffMs?: number;
  /** Aborts every attempt and the waits between them. */
  signal?: AbortSignal;
  /** Random source for jitter, for tests. Default Math.random. */
  random?: () => number;
};

/** Whether a status is worth another attempt: throttling and server errors. */
function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Fetches JSON with a timeout per attempt and retries with exponential
 * backoff and full jitter on network errors, timeouts, 429 and 5xx; a
 * `Retry-After` header is honoured. Other statuses fail at once.
 *
 * @public
 */
export async function fetchWithRetry<T = unknown>(
  url: string,
  init: RequestInit = {},
  options: FetchWithRetryOptions = {},
): Promise<T> {
  const {
    timeoutMs = 10_000,
    attempts = 4,
    backoffMs = 250,
    signal,
    random = Math.random,
  } = options;
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (signal) signals.push(signal);
    let retryAfterMs: number | undefined;
    try {
      const res = await fetch(url, {
        ...init,
        signal: AbortSignal.any(signals),
      });
      if (res.ok) {
        const text = await res.text();
        try {
          return JSON.parse(text) as T;
        } catch {
          throw Object.assign(
            new Error(
              `Malformed JSON from ${new URL(url).host}: ${text.slice(0, 80)}`,
            ),
            { retryable: false },
          );
        }
      }
      const error = Object.assign(
        new Error(`${res.status} ${res.statusText} from ${new URL(url).host}`),
        { retryable: isRetryable(res.status) },
      );
      const retryAfter = Number(res.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0) {
        retryAfterMs = Math.min(retryAfter * 1000, 30_000);
      }
      throw error;
    } catch (e) {
      const error = e as Error & { retryable?: boolean };
      if (signal?.aborted) throw signal.reason ?? error;
      lastError = error;
      // Network errors and timeouts have no `retryable` flag: retry them.
      if (error.retryable === false || attempt === attempts) break;
      const delay = retryAfterMs ?? random() * backoffMs * 2 ** (attempt - 1);
      await sleep(delay, signal);
    }
  }
  throw lastError ?? new Error(`No attempt made to fetch ${url}`);
}
