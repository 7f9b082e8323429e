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
import {
  ProviderError,
  ProviderErrorKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/** google.rpc.Code names by number. */
const STATUS_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

const PERMANENT = new Set([
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'FAILED_PRECONDITION',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'UNAUTHENTICATED',
]);

// Credential problems surface from google-auth-library without a status.
const CREDENTIAL_PROBLEM =
  /could not load the default credentials|invalid_grant|invalid_client|unauthorized_client|private key|no key or keyfile|unable to detect a project id/i;
// A quota over a period of time refills; other quotas need a person.
const RATE_QUOTA =
  /per (?:second|minute|min|hour|day|100 seconds)|rate limit|too many requests/i;

const SECRET_PATTERNS = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bya29\.[\w.-]+/g,
  /\bBearer\s+[\w.~+/=-]+/gi,
];

type GaxLikeError = {
  code?: unknown;
  httpStatusCode?: unknown;
  status?: unknown;
  response?: { status?: unknown };
  reason?: unknown;
  message?: unknown;
};

/** The google.rpc.Code name of an SDK error, e.g. `NOT_FOUND`. */
export function statusOf(error: unknown): string | undefined {
  const e = (error ?? {}) as GaxLikeError;
  if (typeof e.code === 'number' && STATUS_NAMES[e.code]) {
    return STATUS_NAMES[e.code];
  }
  if (typeof e.code === 'string' && STATUS_NAMES.includes(e.code)) {
    return e.code;
  }
  return undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  const e = (error ?? {}) as GaxLikeError;
  for (const value of [e.httpStatusCode, e.status, e.response?.status]) {
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/** True when the API said the resource does not exist. */
export function isNotFound(error: unknown): boolean {
  const status = statusOf(error);
  return status ? status === 'NOT_FOUND' : httpStatusOf(error) === 404;
}

/** True when a create found the resource already there. */
export function isAlreadyExists(error: unknown): boolean {
  const status = statusOf(error);
  return status ? status === 'ALREADY_EXISTS' : httpStatusOf(error) === 409;
}

/** The API's own message, one line, without anything that looks secret. */
export function cleanMessage(message: string, secrets: string[] = []): string {
  let text = message;
  // Older transports left the JSON error body as the message.
  if (text.trim().startsWith('{')) {
    try {
      const body = JSON.parse(text);
      if (typeof body?.error?.message === 'string') text = body.error.message;
    } catch {
      // Not JSON after all; keep it.
    }
  }
  for (const secret of secrets) {
    if (secret.length >= 8) text = text.split(secret).join('[redacted]');
  }
  for (const pattern of SECRET_PATTERNS)
    text = text.replace(pattern, '[redacted]');
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

function kindOf(
  status: string | undefined,
  httpStatus: number | undefined,
  error: GaxLikeError,
  message: string,
): ProviderErrorKind {
  if (status === 'RESOURCE_EXHAUSTED' || (!status && httpStatus === 429)) {
    if (error.reason === 'RATE_LIMIT_EXCEEDED' || RATE_QUOTA.test(message)) {
      return 'throttled';
    }
    const quota = error.reason === 'QUOTA_EXCEEDED' || /quota/i.test(message);
    return quota ? 'permanent' : 'throttled';
  }
  if (status && PERMANENT.has(status)) return 'permanent';
  if (status) return 'transient';
  if (CREDENTIAL_PROBLEM.test(message)) return 'permanent';
  if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500) {
    return httpStatus === 408 ? 'transient' : 'permanent';
  }
  return 'transient';
}

/**
 * Classifies an error of the Cloud Run client (gax over REST: `code` is the
 * google.rpc.Code, `httpStatusCode` the HTTP status, `reason` the ErrorInfo
 * reason) for the job engine, with a message naming the API's code and
 * message. Errors without a status are network failures, except credential
 * problems.
 */
export function toProviderError(
  error: unknown,
  action: string,
  secrets: string[] = [],
): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = (error ?? {}) as GaxLikeError;
  const status = statusOf(error);
  const httpStatus = httpStatusOf(error);
  const raw = typeof e.message === 'string' ? e.message : String(error);
  const message = cleanMessage(raw, secrets);
  const kind = kindOf(status, httpStatus, e, message);
  const code = status ?? (httpStatus ? `HTTP ${httpStatus}` : undefined);
  // No `cause`: the SDK's errors carry the request, authorization header
  // included.
  return new ProviderError(
    `Cloud Run ${action} failed${code ? ` with ${code}` : ''}: ${message}`,
    { kind, code },
  );
}
