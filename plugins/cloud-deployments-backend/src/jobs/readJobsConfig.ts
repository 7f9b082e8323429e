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
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** The job queue's settings, read from `cloudDeployments.jobs`. */
export type JobsConfig = {
  enabled: boolean;
  concurrency: number;
  providerConcurrency: Record<string, number>;
  maxAttempts: number;
  leaseMs: number;
  pollIntervalMs: number;
  idlePollMs: number;
  backoffMs: number;
  maxBackoffMs: number;
  provisionTimeoutMs: number;
  destroyTimeoutMs: number;
};

function duration(
  config: Config | undefined,
  key: string,
  fallback: HumanDuration,
  bounds: { min: HumanDuration; max: HumanDuration },
): number {
  const ms = config?.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : durationToMilliseconds(fallback);
  const min = durationToMilliseconds(bounds.min);
  const max = durationToMilliseconds(bounds.max);
  if (ms < min || ms > max) {
    throw new InputError(
      `cloudDeployments.jobs.${key} must be between ${min} ms and ${max} ms, got ${ms} ms`,
    );
  }
  return ms;
}

function count(
  config: Config | undefined,
  key: string,
  fallback: number,
  max: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError(
      `cloudDeployments.jobs.${key} must be a whole number from 1 to ${max}, got ${value}`,
    );
  }
  return value;
}

/** Reads `cloudDeployments.jobs`, with defaults and clear errors for bad values. */
export function readJobsConfig(root: Config): JobsConfig {
  const config = root.getOptionalConfig('cloudDeployments.jobs');
  const concurrency = count(config, 'concurrency', 8, 1000);
  const providerConcurrency: Record<string, number> = {};
  const perProvider = config?.getOptionalConfig('providerConcurrency');
  for (const provider of perProvider?.keys() ?? []) {
    providerConcurrency[provider] = count(
      perProvider,
      provider,
      concurrency,
      1000,
    );
  }
  const leaseMs = duration(
    config,
    'lease',
    { seconds: 30 },
    { min: { seconds: 1 }, max: { hours: 1 } },
  );
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    concurrency,
    providerConcurrency,
    maxAttempts: count(config, 'maxAttempts', 8, 100),
    leaseMs,
    pollIntervalMs: duration(
      config,
      'pollInterval',
      { seconds: 5 },
      { min: { milliseconds: 10 }, max: { minutes: 10 } },
    ),
    idlePollMs: duration(
      config,
      'idlePollInterval',
      { seconds: 1 },
      { min: { milliseconds: 10 }, max: { minutes: 1 } },
    ),
    backoffMs: duration(
      config,
      'backoff',
      { seconds: 2 },
      { min: { milliseconds: 1 }, max: { minutes: 10 } },
    ),
    maxBackoffMs: duration(
      config,
      'maxBackoff',
      { minutes: 5 },
      { min: { milliseconds: 1 }, max: { hours: 6 } },
    ),
    provisionTimeoutMs: duration(
      config,
      'provisionTimeout',
      { minutes: 60 },
      { min: { seconds: 1 }, max: { hours: 24 } },
    ),
    destroyTimeoutMs: duration(
      config,
      'destroyTimeout',
      { minutes: 30 },
      { min: { seconds: 1 }, max: { hours: 24 } },
    ),
  };
}
