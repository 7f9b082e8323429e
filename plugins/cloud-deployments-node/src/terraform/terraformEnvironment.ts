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
import { existsSync } from 'node:fs';
import { TerraformRunnerOptions } from './types';

/**
 * The environment Terraform runs in: this process's (unless `inheritEnv` is
 * false) without anything that could redirect state or add arguments, never
 * prompting, and the HTTP backend's address and credentials (unless the
 * state is local).
 */
export function terraformEnvironment(
  options: TerraformRunnerOptions,
  dir: string,
): NodeJS.ProcessEnv {
  const { env = {}, inheritEnv = true } = options;
  // A local state replaces the HTTP backend: it gets no address or token.
  const backend = options.localState ? undefined : options.backend;
  const base: NodeJS.ProcessEnv = {};
  if (inheritEnv) {
    for (const [key, value] of Object.entries(process.env)) {
      if (!/^TF_(HTTP_|CLI_ARGS|WORKSPACE|DATA_DIR)/.test(key)) {
        base[key] = value;
      }
    }
    // A CLI configuration that is not there only adds a warning to every run.
    if (base.TF_CLI_CONFIG_FILE && !existsSync(base.TF_CLI_CONFIG_FILE)) {
      delete base.TF_CLI_CONFIG_FILE;
    }
  } else {
    base.PATH = process.env.PATH;
    base.HOME = dir;
  }
  return {
    ...base,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    ...(backend
      ? {
          TF_HTTP_ADDRESS: backend.address,
          TF_HTTP_LOCK_ADDRESS: backend.address,
          TF_HTTP_LOCK_METHOD: 'LOCK',
          TF_HTTP_UNLOCK_ADDRESS: backend.address,
          TF_HTTP_UNLOCK_METHOD: 'UNLOCK',
          TF_HTTP_USERNAME: backend.username,
          TF_HTTP_PASSWORD: backend.password,
        }
      : {}),
    ...env,
  };
}
