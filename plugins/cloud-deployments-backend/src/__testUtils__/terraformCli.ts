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
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Needs no provider download: built-in `terraform_data` only. `slow` sleeps in
 * a provisioner while the run holds the lock.
 */
export const TERRAFORM_CONFIG = `
terraform {
  backend "http" {}
}

variable "revision" {
  type    = string
  default = "1"
}

variable "sleep" {
  type    = number
  default = 0
}

variable "secret" {
  type      = string
  default   = "none"
  sensitive = true
}

resource "terraform_data" "app" {
  input = var.revision
}

resource "terraform_data" "slow" {
  count            = var.sleep > 0 ? 1 : 0
  triggers_replace = [var.revision]
  provisioner "local-exec" {
    command = "sleep \${var.sleep}"
  }
}

output "revision" {
  value = terraform_data.app.output
}

output "secret" {
  value     = var.secret
  sensitive = true
}
`;

export type TerraformResult = { code: number | null; output: string };

/** A Terraform working directory pointed at one workspace of the backend. */
export class TerraformWorkDir {
  readonly dir: string;
  readonly #env: NodeJS.ProcessEnv;

  static async create(options: {
    address: string;
    username: string;
    password: string;
  }): Promise<TerraformWorkDir> {
    const dir = await mkdtemp(join(tmpdir(), 'tf-state-test-'));
    await writeFile(join(dir, 'main.tf'), TERRAFORM_CONFIG);
    // An empty CLI config: no user settings, no plugin cache.
    await writeFile(join(dir, 'cli.tfrc'), '');
    return new TerraformWorkDir(dir, {
      PATH: process.env.PATH,
      HOME: dir,
      TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_HTTP_ADDRESS: options.address,
      TF_HTTP_LOCK_ADDRESS: options.address,
      TF_HTTP_UNLOCK_ADDRESS: options.address,
      TF_HTTP_LOCK_METHOD: 'LOCK',
      TF_HTTP_UNLOCK_METHOD: 'UNLOCK',
      TF_HTTP_USERNAME: options.username,
      TF_HTTP_PASSWORD: options.password,
      TF_HTTP_RETRY_MAX: '0',
    });
  }

  private constructor(dir: string, env: NodeJS.ProcessEnv) {
    this.dir = dir;
    this.#env = env;
  }

  /** Runs in the background, in its own process group (see kill). */
  start(args: string[], vars: Record<string, string> = {}): ChildProcess {
    return spawn('terraform', args, {
      cwd: this.dir,
      env: {
        ...this.#env,
        ...Object.fromEntries(
          Object.entries(vars).map(([k, v]) => [`TF_VAR_${k}`, v]),
        ),
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  async run(
    args: string[],
    vars: Record<string, string> = {},
  ): Promise<TerraformResult> {
    return completion(this.start(args, vars));
  }

  /** Runs and fails the test with Terraform's output when it fails. */
  async ok(args: string[], vars: Record<string, string> = {}): Promise<string> {
    const result = await this.run(args, vars);
    if (result.code !== 0) {
      throw new Error(
        `terraform ${args.join(' ')} exited with ${result.code}:\n${
          result.output
        }`,
      );
    }
    return result.output;
  }

  async remove() {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Collects a process's output until it exits. */
export function completion(child: ChildProcess): Promise<TerraformResult> {
  let output = '';
  child.stdout?.on('data', chunk => (output += chunk));
  child.stderr?.on('data', chunk => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', code => resolve({ code, output }));
  });
}

/** Resolves once the process has printed `text`. */
export function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes(text)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('close', code =>
      reject(
        new Error(`exited with ${code} before printing "${text}":\n${output}`),
      ),
    );
  });
}

/** SIGKILLs Terraform and what it started (the provisioner's shell and sleep). */
export function killGroup(child: ChildProcess) {
  process.kill(-child.pid!, 'SIGKILL');
}
