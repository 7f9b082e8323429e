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
 * An error as the SageMaker API answers it over awsJson1_1: an HTTP status
 * and a body of `{ "__type": ..., "message": ... }`.
 */
export class SageMakerApiError extends Error {
  readonly status: number;
  readonly type: string;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }

  get body() {
    return { __type: this.type, message: this.message };
  }
}

/** SageMaker's error for bad input, and for missing and existing resources. */
export function validationError(message: string): SageMakerApiError {
  return new SageMakerApiError('ValidationException', message);
}

/** SageMaker's answer when a caller exceeds the request rate. */
export function throttlingError(): SageMakerApiError {
  return new SageMakerApiError('ThrottlingException', 'Rate exceeded');
}

/**
 * The pattern of SageMaker model, endpoint-config and endpoint names.
 *
 * @public
 */
export const SAGEMAKER_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Throws SageMaker's validation error unless `value` is a valid name. */
export function checkName(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SAGEMAKER_NAME_PATTERN.test(value)) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ` +
        `Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`,
    );
  }
  return value;
}

/** Throws SageMaker's validation error unless `value` is a non-empty string. */
export function checkRequired(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw validationError(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}
