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
import { googleApiError, GoogleApiError } from './googleErrors';

const SERVICE_ID = /^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/;
// Lowercase letters (international ones too), digits, `_` and `-`; keys
// start with a letter; at most 63 characters.
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const WHOLE_CPUS = [1, 2, 4, 6, 8];

/** Cores of a Kubernetes-style CPU quantity (`"2"`, `"0.5"`, `"500m"`). */
function parseCpu(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(value);
  if (!match) return undefined;
  return match[2] ? Number(match[1]) / 1000 : Number(match[1]);
}

/** MiB of a memory quantity (`"512Mi"`, `"2Gi"`, `"1G"`). */
function parseMemoryMiB(value: string): number | undefined {
  const match = /^(\d+)(Mi|Gi|M|G)$/.exec(value);
  if (!match) return undefined;
  const n = Number(match[1]);
  switch (match[2]) {
    case 'Gi':
      return n * 1024;
    case 'G':
      return (n * 1e9) / 2 ** 20;
    case 'M':
      return (n * 1e6) / 2 ** 20;
    default:
      return n;
  }
}

function invalid(field: string, message: string): GoogleApiError {
  return googleApiError('INVALID_ARGUMENT', `${field}: ${message}`, {
    fieldViolation: field,
  });
}

/** The minimum CPUs Cloud Run requires for an amount of memory. */
function minCpuFor(memoryMiB: number): number {
  if (memoryMiB > 24 * 1024) return 8;
  if (memoryMiB > 16 * 1024) return 6;
  if (memoryMiB > 8 * 1024) return 4;
  if (memoryMiB > 4 * 1024) return 2;
  return 0;
}

/**
 * The checks Cloud Run makes of a service on create and update that a
 * portal could get wrong, answered the way the API answers them (400
 * INVALID_ARGUMENT naming the field). Undefined when the service is valid.
 */
export function validateService(
  service: any,
  serviceId?: string,
): GoogleApiError | undefined {
  if (serviceId !== undefined && !SERVICE_ID.test(serviceId)) {
    return invalid(
      'service_id',
      `Invalid value '${serviceId}': must contain only lowercase letters, digits and hyphens, begin with a letter, not end with a hyphen, and be fewer than 50 characters`,
    );
  }
  if (typeof service !== 'object' || service === null) {
    return invalid('service', 'Required');
  }
  for (const [key, value] of Object.entries(service.labels ?? {})) {
    if (!LABEL_KEY.test(key) || typeof value !== 'string') {
      return invalid('labels', `Invalid label key '${key}'`);
    }
    if (!LABEL_VALUE.test(value)) {
      return invalid('labels', `Invalid value '${value}' of label '${key}'`);
    }
  }
  const template = service.template;
  const containers = template?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    return invalid('template.containers', 'At least one container is required');
  }
  let totalCpu = 0;
  for (const [i, container] of containers.entries()) {
    const field = `template.containers[${i}]`;
    if (typeof container?.image !== 'string' || !container.image.trim()) {
      return invalid(`${field}.image`, 'Required');
    }
    const limits = container.resources?.limits ?? {};
    const cpuText = limits.cpu ?? '1';
    const cpu = parseCpu(String(cpuText));
    if (
      cpu === undefined ||
      !(WHOLE_CPUS.includes(cpu) || (cpu >= 0.08 && cpu <= 1))
    ) {
      return invalid(
        `${field}.resources.limits.cpu`,
        `Invalid value specified for cpu '${cpuText}': Cloud Run supports 1, 2, 4, 6 or 8 CPUs, or a fraction of one CPU between 0.08 and 1`,
      );
    }
    totalCpu += cpu;
    const memoryText = limits.memory ?? '512Mi';
    const memory = parseMemoryMiB(String(memoryText));
    if (memory === undefined || memory < 128 || memory > 32 * 1024) {
      return invalid(
        `${field}.resources.limits.memory`,
        `Invalid value specified for memory '${memoryText}': must be between 128Mi and 32Gi`,
      );
    }
    if (cpu < minCpuFor(memory)) {
      return invalid(
        `${field}.resources.limits.cpu`,
        `Invalid value specified for cpu '${cpuText}': memory ${memoryText} requires at least ${minCpuFor(
          memory,
        )} CPUs`,
      );
    }
  }
  const concurrency = Number(template.maxInstanceRequestConcurrency ?? 0);
  if (!Number.isInteger(concurrency) || concurrency < 0 || concurrency > 1000) {
    return invalid(
      'template.max_instance_request_concurrency',
      `Invalid value ${concurrency}: must be between 1 and 1000`,
    );
  }
  if (totalCpu < 1 && concurrency > 1) {
    return invalid(
      'template.max_instance_request_concurrency',
      'Total cpu < 1 is not supported with concurrency > 1',
    );
  }
  const scalingProblem = validateServiceScaling(service.scaling);
  if (scalingProblem) return scalingProblem;
  const min = Number(template.scaling?.minInstanceCount ?? 0);
  const max = Number(template.scaling?.maxInstanceCount ?? 0);
  if (min < 0 || max < 0 || (max > 0 && min > max)) {
    return invalid(
      'template.scaling',
      `Invalid scaling: min_instance_count ${min} must not be greater than max_instance_count ${max}`,
    );
  }
  return undefined;
}

const SCALING_MODES = ['SCALING_MODE_UNSPECIFIED', 'AUTOMATIC', 'MANUAL'];

/**
 * A `ServiceScaling.ScalingMode` by name, whether the client sent its name
 * or, as the SDKs do (`enum-encoding=int`), its number.
 */
export function scalingModeName(value: unknown): string {
  if (value === undefined || value === null) return SCALING_MODES[0];
  return typeof value === 'number'
    ? SCALING_MODES[value] ?? String(value)
    : String(value);
}

/**
 * The service-level `scaling` (v2 `ServiceScaling`): an automatic mode with
 * service-wide min and max instances, or a manual one with a fixed
 * `manual_instance_count` (0 serves nothing) that only the manual mode
 * takes.
 */
function validateServiceScaling(scaling: any): GoogleApiError | undefined {
  if (scaling === undefined || scaling === null) return undefined;
  const mode = scalingModeName(scaling.scalingMode);
  if (!SCALING_MODES.includes(mode)) {
    return invalid(
      'service.scaling.scaling_mode',
      `Invalid value '${mode}': must be one of ${SCALING_MODES.join(', ')}`,
    );
  }
  const manual = scaling.manualInstanceCount;
  if (manual !== undefined && manual !== null) {
    if (mode !== 'MANUAL') {
      return invalid(
        'service.scaling.manual_instance_count',
        'manual_instance_count can only be set when scaling_mode is MANUAL',
      );
    }
    if (!Number.isInteger(Number(manual)) || Number(manual) < 0) {
      return invalid(
        'service.scaling.manual_instance_count',
        `Invalid value ${manual}: must be a non-negative integer`,
      );
    }
  }
  const min = Number(scaling.minInstanceCount ?? 0);
  const max = Number(scaling.maxInstanceCount ?? 0);
  if (min < 0 || max < 0 || (max > 0 && min > max)) {
    return invalid(
      'service.scaling',
      `Invalid scaling: min_instance_count ${min} must not be greater than max_instance_count ${max}`,
    );
  }
  return undefined;
}
