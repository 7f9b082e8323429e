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
import { durationToMilliseconds } from '@backstage/types';
import { execFile } from 'node:child_process';

const KEY = 'cloudDeployments.terraform.runner';

/** `cloudDeployments.terraform.runner`, read and checked. */
export type TerraformRunnerConfig = {
  enabled: boolean;
  terraformPath: string;
  cliConfigFile?: string;
  applyTimeoutMs: number;
  previewTimeoutMs: number;
  previewConcurrency: number;
};

export function readRunnerConfig(config: Config): TerraformRunnerConfig {
  const runner = config.getOptionalConfig(KEY);
  const duration = (key: string, fallback: number) =>
    runner?.has(key)
      ? durationToMilliseconds(readDurationFromConfig(runner, { key }))
      : fallback;
  const previewConcurrency =
    runner?.getOptionalNumber('previewConcurrency') ?? 2;
  if (!Number.isInteger(previewConcurrency) || previewConcurrency < 0) {
    throw new Error(
      `${KEY}.previewConcurrency must be a whole number, 0 or more; got ${previewConcurrency}`,
    );
  }
  return {
    enabled: runner?.getOptionalBoolean('enabled') ?? true,
    terraformPath: runner?.getOptionalString('terraformPath') ?? 'terraform',
    cliConfigFile: runner?.getOptionalString('cliConfigFile'),
    applyTimeoutMs: duration('applyTimeout', 60 * 60_000),
    previewTimeoutMs: duration('previewTimeout', 120_000),
    previewConcurrency,
  };
}

/** The version of the `terraform` binary, or undefined when it does not run. */
export function terraformVersion(
  terraformPath: string,
): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile(
      terraformPath,
      ['version', '-json'],
      {
        env: { PATH: process.env.PATH, CHECKPOINT_DISABLE: '1' },
        timeout: 30_000,
      },
      (error, stdout) => {
        if (error) return resolve(undefined);
        try {
          return resolve(JSON.parse(stdout).terraform_version);
        } catch {
          return resolve(undefined);
        }
      },
    );
  });
}
