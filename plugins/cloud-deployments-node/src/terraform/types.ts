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
 * A local state for {@link TerraformRunnerOptions.localState}.
 *
 * @public
 */
export type TerraformLocalState = {
  /** The state document to start from (a copy of another state); none: empty. */
  state?: string;
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
  /**
   * State in a local file of the work directory instead, whatever backend
   * the configuration (or `backend`) names: for a read-only plan against a
   * copy of a state, which never writes or locks the real one.
   */
  localState?: TerraformLocalState;
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
