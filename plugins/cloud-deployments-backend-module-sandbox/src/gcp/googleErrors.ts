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

/**
 * The canonical Google API error codes the sandbox answers with, and the
 * HTTP status each travels with over REST (google.rpc.Code).
 *
 * @public
 */
export const GOOGLE_API_STATUSES = {
  CANCELLED: 499,
  UNKNOWN: 500,
  INVALID_ARGUMENT: 400,
  DEADLINE_EXCEEDED: 504,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PERMISSION_DENIED: 403,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DATA_LOSS: 500,
  UNAUTHENTICATED: 401,
} as const;

/**
 * A canonical Google API error status, e.g. `RESOURCE_EXHAUSTED`.
 *
 * @public
 */
export type GoogleApiStatus = keyof typeof GOOGLE_API_STATUSES;

/** An error as a Google API sends it over REST, with its HTTP status. */
export type GoogleApiError = {
  httpStatus: number;
  body: {
    error: {
      code: number;
      message: string;
      status: GoogleApiStatus;
      details?: unknown[];
    };
  };
};

/**
 * Builds `{"error":{"code","message","status","details"}}`; `reason` adds
 * the google.rpc.ErrorInfo that clients read to tell, e.g., a rate limit
 * (`RATE_LIMIT_EXCEEDED`) from an exhausted quota.
 */
export function googleApiError(
  status: GoogleApiStatus,
  message: string,
  options: { reason?: string; fieldViolation?: string } = {},
): GoogleApiError {
  const httpStatus = GOOGLE_API_STATUSES[status];
  const details: unknown[] = [];
  if (options.reason) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: options.reason,
      domain: 'googleapis.com',
      metadata: { service: 'run.googleapis.com' },
    });
  }
  if (options.fieldViolation) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [
        { field: options.fieldViolation, description: message },
      ],
    });
  }
  return {
    httpStatus,
    body: {
      error: {
        code: httpStatus,
        message,
        status,
        ...(details.length ? { details } : {}),
      },
    },
  };
}
