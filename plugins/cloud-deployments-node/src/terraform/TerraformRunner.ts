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
import { ConflictError, CustomErrorBase, InputError } from '@backstage/errors';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Where Terraform keeps state: an HTTP backend (the plugin's own, at
 * `/api/cloud-deployments/terraform/state/<workspace>`), with the
 * workspace's name and token as basic-auth credentials.
 *
 * @public
 */
export type TerraformHttpBackend = {
  address: string;
  username: string;
  /** The workspace token. Passed to Terraform only through its environment. */
  password: string;
};

/**
 * One line Terraform printed, secrets masked.
 *
 * @public
 */
export type TerraformOutputLine = {
  /** The subcommand, e.g. `plan`. */
  command: string;
  stream: 'stdout' | 'stderr';
  line: string;
};

/**
 * The Terraform subcommands the runner runs, each with its own time limit.
 *
 * @public
 */
export type TerraformCommand =
  | 'init'
  | 'validate'
  | 'plan'
  | 'show'
  | 'apply'
  | 'output'
  | 'destroy'
  | 'state';

/**
 * Options of {@link TerraformRunner}.
 *
 * @public
 */
export type TerraformRunnerOptions = {
  /** The directory holding the configuration (`*.tf.json`, `*.tf`). */
  dir: string;
  /** State in an HTTP backend; without it Terraform's own configuration decides. */
  backend?: TerraformHttpBackend;
  /** Called for every line of output, in order; awaited before a command returns. */
  onLine?(line: TerraformOutputLine): void | Promise<void>;
  /** Stops the running command (SIGINT, then SIGKILL after `graceMs`). */
  signal?: AbortSignal;
  /** Milliseconds per command. Defaults: init 5 min, apply/destroy 60 min, others 10 min. */
  timeouts?: Partial<Record<TerraformCommand, number>>;
  /** How long Terraform may take to stop cleanly (release its lock) when interrupted. Default 15 s. */
  graceMs?: number;
  /** Default `terraform` on the PATH. */
  terraformPath?: string;
  /** Extra environment, e.g. `TF_CLI_CONFIG_FILE` or a cloud's credentials. */
  env?: Record<string, string>;
  /**
   * Whether Terraform sees this process's environment, where the clouds'
   * standard credential chains look. Default true; `TF_HTTP_*` and
   * `TF_CLI_ARGS*` from it are never passed on.
   */
  inheritEnv?: boolean;
  /** Values to mask in output lines, besides the backend password. */
  secrets?: string[];
};

/**
 * A saved plan: the file `apply` takes, what `show -json` made of it, the
 * counts of its changes, and the state it was planned against.
 *
 * @public
 */
export type TerraformPlan = {
  /** Absolute path of the plan file. */
  file: string;
  /** `terraform show -json` of the plan. */
  json: TerraformPlanJson;
  changes: { add: number; change: number; destroy: number };
  /** The state's serial and lineage when planned; absent when there was none. */
  state?: TerraformStateRef;
};

/**
 * The part of a plan's JSON representation the runner reads.
 *
 * @public
 */
export type TerraformPlanJson = {
  format_version?: string;
  resource_changes?: Array<{
    address: string;
    type?: string;
    change: { actions: string[] };
  }>;
  [key: string]: unknown;
};

/**
 * Identifies a version of a state.
 *
 * @public
 */
export type TerraformStateRef = { serial: number; lineage: string };

/**
 * An output of `terraform output -json`.
 *
 * @public
 */
export type TerraformOutputValue = {
  value: unknown;
  sensitive: boolean;
  type?: unknown;
};

/**
 * A Terraform command failed, timed out or was cancelled. The message
 * carries the command's last error lines (secrets masked).
 *
 * @public
 */
export class TerraformCommandError extends CustomErrorBase {
  /** Always `TerraformCommandError`, also after serialization. */
  name = 'TerraformCommandError' as const;
  /** The command that failed. */
  readonly command: TerraformCommand;
  /** The exit code, or undefined when the process was stopped. */
  readonly exitCode?: number;
  /** Whether the command failed, ran out of time or was cancelled. */
  readonly reason: 'failed' | 'timeout' | 'cancelled';

  constructor(
    message: string,
    options: {
      command: TerraformCommand;
      exitCode?: number;
      reason: 'failed' | 'timeout' | 'cancelled';
    },
  ) {
    super(message);
    this.command = options.command;
    this.exitCode = options.exitCode;
    this.reason = options.reason;
  }
}

/**
 * A saved plan was made against a state that has changed since: applying it
 * could undo someone else's change, so it must be planned again.
 *
 * @public
 */
export class StalePlanError extends ConflictError {}

const DEFAULT_TIMEOUTS: Record<TerraformCommand, number> = {
  init: 5 * 60_000,
  validate: 10 * 60_000,
  plan: 10 * 60_000,
  show: 10 * 60_000,
  apply: 60 * 60_000,
  output: 10 * 60_000,
  destroy: 60 * 60_000,
  state: 10 * 60_000,
};

/** Error lines kept for a failure's message. */
const ERROR_LINES = 20;

/** What the runner writes when the configuration declares no backend. */
const BACKEND_FILE = 'zz_cloud_deployments_backend.tf.json';

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

  /** `terraform init`; with `backend: false`, without touching any state. */
  async init(options: { backend?: boolean } = {}): Promise<void> {
    const useBackend = options.backend !== false;
    if (useBackend && this.#options.backend) await this.#ensureBackendBlock();
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
    const file = this.#inDir(options.out ?? 'tfplan');
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
      this.#inDir(plan.file),
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

  #inDir(path: string): string {
    const full = isAbsolute(path) ? path : join(this.dir, path);
    const rel = relative(this.dir, full);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new InputError(`${path} is outside the work directory`);
    }
    return full;
  }

  /** Declares `backend "http"` unless the configuration declares a backend. */
  async #ensureBackendBlock(): Promise<void> {
    const names = await readdir(this.dir);
    for (const name of names) {
      if (name === BACKEND_FILE) return;
      if (name.endsWith('.tf.json')) {
        const doc = JSON.parse(await readFile(join(this.dir, name), 'utf8'));
        const blocks = Array.isArray(doc.terraform)
          ? doc.terraform
          : [doc.terraform];
        if (blocks.some((b: any) => b && b.backend)) return;
      } else if (name.endsWith('.tf')) {
        const text = await readFile(join(this.dir, name), 'utf8');
        if (/^\s*backend\s+"/m.test(text)) return;
      }
    }
    await writeFile(
      join(this.dir, BACKEND_FILE),
      JSON.stringify({ terraform: { backend: { http: {} } } }, null, 2),
    );
  }

  #environment(): NodeJS.ProcessEnv {
    const { backend, env = {}, inheritEnv = true } = this.#options;
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
      base.HOME = this.dir;
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

  /**
   * Runs one command. Output lines go to `onLine` unless `quiet` (for
   * machine-readable output: `show -json` holds the plan's values, `state
   * pull` the whole state, `output -json` sensitive values).
   */
  #run(
    command: TerraformCommand,
    args: string[],
    options: { okExitCodes?: number[]; quiet?: boolean } = {},
  ): Promise<{ exitCode: number; stdout: string }> {
    const { onLine, signal, graceMs = 15_000 } = this.#options;
    const timeoutMs =
      this.#options.timeouts?.[command] ?? DEFAULT_TIMEOUTS[command];
    const okExitCodes = options.okExitCodes ?? [0];

    if (signal?.aborted) {
      return Promise.reject(
        new TerraformCommandError(
          `terraform ${command} was cancelled before it started`,
          {
            command,
            reason: 'cancelled',
          },
        ),
      );
    }

    return new Promise((resolvePromise, rejectPromise) => {
      const child = spawn(this.#options.terraformPath ?? 'terraform', args, {
        cwd: this.dir,
        env: this.#environment(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout: string[] = [];
      const errorTail: string[] = [];
      let delivered: Promise<void> = Promise.resolve();
      let stopped: 'timeout' | 'cancelled' | undefined;
      let killTimer: NodeJS.Timeout | undefined;

      let inError = false;
      const deliver = (stream: 'stdout' | 'stderr', raw: string) => {
        const line = this.mask(raw);
        // The message of a failure: from Terraform's first "Error:" on, the
        // diagnostics' box drawing and blank lines left out.
        const text = line.replace(/^[│╷╵]\s?/, '').trimEnd();
        if (/^Error: /.test(text)) inError = true;
        if (inError && text && errorTail.length < ERROR_LINES) {
          errorTail.push(text);
        }
        if (options.quiet && stream === 'stdout') return;
        if (onLine) {
          delivered = delivered.then(() => onLine({ command, stream, line }));
        }
      };
      child.stdout.setEncoding('utf8');
      if (options.quiet) {
        child.stdout.on('data', chunk => stdout.push(chunk));
      } else {
        createInterface({ input: child.stdout, crlfDelay: Infinity }).on(
          'line',
          line => deliver('stdout', line),
        );
      }
      createInterface({ input: child.stderr, crlfDelay: Infinity }).on(
        'line',
        line => deliver('stderr', line),
      );

      // Terraform stops cleanly on SIGINT (it saves state and releases its
      // lock); only a run that ignores it is killed.
      const stop = (why: 'timeout' | 'cancelled') => {
        if (stopped || child.exitCode !== null) return;
        stopped = why;
        child.kill('SIGINT');
        killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        killTimer.unref?.();
      };
      const timer = setTimeout(() => stop('timeout'), timeoutMs);
      const onAbort = () => stop('cancelled');
      signal?.addEventListener('abort', onAbort);

      child.on('error', error => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        rejectPromise(
          new TerraformCommandError(
            `terraform ${command} could not start: ${error.message}`,
            { command, reason: 'failed' },
          ),
        );
      });
      child.on('close', code => {
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        signal?.removeEventListener('abort', onAbort);
        delivered
          .catch(() => undefined)
          .then(() => {
            const tail = errorTail.join('\n').trim();
            if (stopped) {
              rejectPromise(
                new TerraformCommandError(
                  stopped === 'timeout'
                    ? `terraform ${command} timed out after ${Math.round(
                        timeoutMs / 1000,
                      )} s and was stopped${tail ? `: ${tail}` : ''}`
                    : `terraform ${command} was cancelled${
                        tail ? `: ${tail}` : ''
                      }`,
                  { command, reason: stopped, exitCode: code ?? undefined },
                ),
              );
            } else if (code === null || !okExitCodes.includes(code)) {
              rejectPromise(
                new TerraformCommandError(
                  `terraform ${command} failed (exit ${code ?? 'signal'})${
                    tail ? `: ${tail}` : ''
                  }`,
                  { command, reason: 'failed', exitCode: code ?? undefined },
                ),
              );
            } else {
              resolvePromise({ exitCode: code, stdout: stdout.join('') });
            }
          });
      });
    });
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

/** The counts `plan` prints, from the plan's resource changes. */
function countChanges(json: TerraformPlanJson) {
  const changes = { add: 0, change: 0, destroy: 0 };
  for (const { change } of json.resource_changes ?? []) {
    const actions = change.actions;
    if (actions.includes('create')) changes.add += 1;
    if (actions.includes('delete')) changes.destroy += 1;
    if (actions.includes('update')) changes.change += 1;
  }
  return changes;
}

function isStale(
  planned: TerraformStateRef | undefined,
  current: TerraformStateRef | undefined,
): boolean {
  if (!current) return false;
  if (!planned) return true;
  return (
    planned.lineage !== current.lineage || planned.serial !== current.serial
  );
}

function describeState(state: TerraformStateRef | undefined): string {
  return state ? `serial ${state.serial} (lineage ${state.lineage})` : 'empty';
}

async function writeFiles(dir: string, files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    const full = resolve(dir, path);
    const rel = relative(dir, full);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) {
      throw new InputError(`${path} is not a path inside the work directory`);
    }
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}
