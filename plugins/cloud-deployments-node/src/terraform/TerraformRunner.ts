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
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StalePlanError } from './errors';
import { countChanges, describeState, isStale } from './plans';
import { runTerraformCommand } from './runTerraformCommand';
import {
  TerraformCommand,
  TerraformOutputValue,
  TerraformPlan,
  TerraformPlanJson,
  TerraformRunnerOptions,
  TerraformStateRef,
} from './types';
import {
  ensureBackendBlock,
  pathInDir,
  useLocalState,
  writeFiles,
} from './workDir';

/**
 * Runs the `terraform` CLI on a configuration, one subcommand at a time, the
 * way the portal needs it: non-interactive, state in the plugin's HTTP
 * backend (the token only in the child's environment), every output line
 * streamed with secrets masked, each command with a time limit and
 * cancellation that lets Terraform release its lock, and a saved plan
 * applied only while the state it was planned against is still current.
 *
 * @public
 */
export class TerraformRunner {
  /** The working directory holding the configuration and plans. */
  readonly dir: string;
  readonly #options: TerraformRunnerOptions;
  readonly #ownsDir: boolean;
  #secrets: string[];

  constructor(options: TerraformRunnerOptions, ownsDir = false) {
    this.dir = resolve(options.dir);
    this.#options = options;
    this.#ownsDir = ownsDir;
    this.#secrets = [options.backend?.password, ...(options.secrets ?? [])]
      .filter((s): s is string => typeof s === 'string' && s.length >= 4)
      // Longest first, so a secret containing another is masked whole.
      .sort((a, b) => b.length - a.length);
  }

  /**
   * Writes `files` (relative paths → content) into a new temporary directory
   * and returns a runner for it; {@link TerraformRunner.dispose} removes it.
   */
  static async inTempDir(
    files: Record<string, string>,
    options: Omit<TerraformRunnerOptions, 'dir'>,
  ): Promise<TerraformRunner> {
    const dir = await mkdtemp(join(tmpdir(), 'cloud-deployments-tf-'));
    try {
      await writeFiles(dir, files);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return new TerraformRunner({ ...options, dir }, true);
  }

  /**
   * `terraform init`; with `backend: false`, without touching any state.
   * With the `localState` option, it first writes that state and the
   * override that makes the backend local.
   */
  async init(options: { backend?: boolean } = {}): Promise<void> {
    const useBackend = options.backend !== false;
    const { localState } = this.#options;
    if (useBackend && localState) {
      await useLocalState(this.dir, localState.state);
    } else if (useBackend && this.#options.backend) {
      await ensureBackendBlock(this.dir);
    }
    await this.#run('init', [
      'init',
      '-input=false',
      '-no-color',
      ...(useBackend ? [] : ['-backend=false']),
    ]);
  }

  /** Runs `terraform validate`; throws a TerraformCommandError if invalid. */
  async validate(): Promise<void> {
    await this.#run('validate', ['validate', '-no-color']);
  }

  /**
   * `terraform plan -out`, then `show -json` of the saved plan. Remembers
   * the state's serial and lineage so that {@link TerraformRunner.apply} can
   * refuse the plan once the state has moved on.
   */
  async plan(
    options: { destroy?: boolean; out?: string } = {},
  ): Promise<TerraformPlan> {
    const state = await this.currentState();
    const file = pathInDir(this.dir, options.out ?? 'tfplan');
    const { exitCode } = await this.#run(
      'plan',
      [
        'plan',
        '-input=false',
        '-no-color',
        '-detailed-exitcode',
        `-out=${file}`,
        ...(options.destroy ? ['-destroy'] : []),
      ],
      // 2 = the plan has changes; 0 = none.
      { okExitCodes: [0, 2] },
    );
    const { stdout } = await this.#run(
      'show',
      ['show', '-json', '-no-color', file],
      { quiet: true },
    );
    const json = JSON.parse(stdout) as TerraformPlanJson;
    return {
      file,
      json,
      changes:
        exitCode === 0 ? { add: 0, change: 0, destroy: 0 } : countChanges(json),
      ...(state ? { state } : {}),
    };
  }

  /**
   * Applies a saved plan, and only that. Refuses it with a
   * {@link StalePlanError} when the state was written since it was planned
   * (Terraform checks again under the state lock).
   */
  async apply(plan: Pick<TerraformPlan, 'file' | 'state'>): Promise<void> {
    const current = await this.currentState();
    if (isStale(plan.state, current)) {
      throw new StalePlanError(
        `The plan is stale: it was made against state ${describeState(
          plan.state,
        )}, and the state is now ${describeState(
          current,
        )}. Plan again to see what applying would change now.`,
      );
    }
    await this.#run('apply', [
      'apply',
      '-input=false',
      '-no-color',
      '-auto-approve',
      pathInDir(this.dir, plan.file),
    ]);
  }

  /** `terraform output -json`: every root output, sensitive ones included. */
  async output(): Promise<Record<string, TerraformOutputValue>> {
    const { stdout } = await this.#run(
      'output',
      ['output', '-json', '-no-color'],
      { quiet: true },
    );
    return JSON.parse(stdout || '{}');
  }

  /** `terraform destroy -auto-approve`. */
  async destroy(): Promise<void> {
    await this.#run('destroy', [
      'destroy',
      '-input=false',
      '-no-color',
      '-auto-approve',
    ]);
  }

  /** The serial and lineage of the current state; undefined when there is none. */
  async currentState(): Promise<TerraformStateRef | undefined> {
    const { stdout } = await this.#run('state', ['state', 'pull'], {
      quiet: true,
    });
    if (!stdout.trim()) return undefined;
    const { serial, lineage } = JSON.parse(stdout);
    // A backend with no state yet can answer with an empty one.
    return typeof serial === 'number' && typeof lineage === 'string' && lineage
      ? { serial, lineage }
      : undefined;
  }

  /** Removes the work directory when the runner made it. */
  async dispose(): Promise<void> {
    if (this.#ownsDir) await rm(this.dir, { recursive: true, force: true });
  }

  /** Masks every secret the runner knows in a line. */
  mask(line: string): string {
    let masked = line;
    for (const secret of this.#secrets)
      masked = masked.split(secret).join('***');
    return masked;
  }

  #run(
    command: TerraformCommand,
    args: string[],
    options: { okExitCodes?: number[]; quiet?: boolean } = {},
  ): Promise<{ exitCode: number; stdout: string }> {
    return runTerraformCommand(
      { dir: this.dir, options: this.#options, mask: line => this.mask(line) },
      command,
      args,
      options,
    );
  }
}

/**
 * Outputs as the portal shows them: values, with a sensitive one replaced by
 * `(sensitive)`.
 *
 * @public
 */
export function visibleOutputs(
  outputs: Record<string, TerraformOutputValue>,
): Record<string, unknown> {
  const visible: Record<string, unknown> = {};
  for (const [key, output] of Object.entries(outputs)) {
    visible[key] = output.sensitive ? '(sensitive)' : output.value;
  }
  return visible;
}
