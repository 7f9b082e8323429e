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
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Runs the real `terraform` CLI for the tests, offline: providers come only
// from a filesystem mirror, and no environment of the machine (credentials,
// TF_* settings) reaches it. Kept identical in the AWS, GCP and Azure
// modules. Not part of the package's API.

/**
 * How a `terraform` command ended.
 *
 * @alpha
 */
export type TerraformResult = { code: number; stdout: string; stderr: string };

/**
 * The `terraform` version on the PATH, or undefined when there is none.
 *
 * @alpha
 */
export function terraformVersion(): string | undefined {
  try {
    const out = execFileSync('terraform', ['version', '-json'], {
      env: { PATH: process.env.PATH, CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(out).terraform_version;
  } catch {
    return undefined;
  }
}

/**
 * The filesystem mirror (`<mirror>/<host>/hashicorp/<name>/...`) holding a
 * provider: `TF_TEST_PROVIDER_MIRROR`, or a `tf-plugins` folder two levels
 * below the root, where the machines keep it. Undefined when none has it.
 *
 * @alpha
 */
export function findProviderMirror(name: string): string | undefined {
  const candidates = process.env.TF_TEST_PROVIDER_MIRROR
    ? [process.env.TF_TEST_PROVIDER_MIRROR]
    : readdirSync('/').map(top => join('/', top, 'tf-plugins'));
  return candidates.find(
    mirror =>
      existsSync(mirror) &&
      readdirSync(mirror).some(host =>
        existsSync(join(mirror, host, 'hashicorp', name)),
      ),
  );
}

/**
 * A scratch directory for Terraform runs, removed by `dispose`.
 *
 * @alpha
 */
export class TerraformScratch {
  /** The scratch directory. */
  readonly root: string;
  /** The CLI configuration file pointing Terraform at the provider mirror. */
  readonly cliConfig: string;
  #evaluations = 0;

  private constructor(root: string) {
    this.root = root;
    this.cliConfig = join(root, 'cli.tfrc');
  }

  /**
   * `mirror` is where providers are installed from; without one, an empty
   * folder, so that Terraform never turns to the network for a provider.
   */
  static async create(mirror?: string): Promise<TerraformScratch> {
    const scratch = new TerraformScratch(
      await mkdtemp(join(tmpdir(), 'tf-render-')),
    );
    const path = mirror ?? join(scratch.root, 'empty-mirror');
    await mkdir(path, { recursive: true });
    await writeFile(
      scratch.cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(
        path,
      )}\n  }\n}\n`,
    );
    return scratch;
  }

  /** Writes files (paths relative to `dir`, itself relative to the root). */
  async write(dir: string, files: Record<string, string>): Promise<string> {
    const base = join(this.root, dir);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(base, path)), { recursive: true });
      await writeFile(join(base, path), content);
    }
    return base;
  }

  /** Runs `terraform <args>` in `dir` (relative to the root). */
  run(
    dir: string,
    args: string[],
    env: Record<string, string> = {},
  ): Promise<TerraformResult> {
    return new Promise(resolve => {
      execFile(
        'terraform',
        args,
        {
          cwd: join(this.root, dir),
          env: {
            PATH: process.env.PATH,
            HOME: this.root,
            CHECKPOINT_DISABLE: '1',
            TF_IN_AUTOMATION: '1',
            TF_INPUT: '0',
            TF_CLI_CONFIG_FILE: this.cliConfig,
            ...env,
          },
          maxBuffer: 256 * 1024 * 1024,
          // Terraform finishes its work on SIGTERM; a stuck run must end.
          timeout: 180_000,
          killSignal: 'SIGKILL',
        },
        (error, stdout, stderr) => {
          let code = 0;
          if (error) code = typeof error.code === 'number' ? error.code : 1;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /** Runs `terraform <args>` and fails with its output unless it succeeds. */
  async ok(
    dir: string,
    args: string[],
    env: Record<string, string> = {},
  ): Promise<string> {
    const result = await this.run(dir, args, env);
    if (result.code !== 0) {
      throw new Error(
        `terraform ${args.join(' ')} exited with ${result.code}:\n${
          result.stderr
        }\n${result.stdout}`.slice(0, 20000),
      );
    }
    return result.stdout;
  }

  /**
   * What Terraform makes of JSON written where it reads expressions: each
   * value becomes the value of an output of its own module (beside that
   * case's `variables.tf.json`, so that `${var.…}` references resolve), and
   * the outputs come back from an apply with only the built-in provider.
   */
  async evaluate(
    cases: Record<string, { variablesTfJson: string; value: unknown }>,
  ): Promise<Record<string, unknown>> {
    const dir = `evaluate-${++this.#evaluations}`;
    const keys = Object.keys(cases);
    const module: Record<string, { source: string }> = {};
    const output: Record<string, { value: string }> = {};
    for (const [i, key] of keys.entries()) {
      const id = `c${i}`;
      await this.write(`${dir}/${id}`, {
        'variables.tf.json': cases[key].variablesTfJson,
        'value.tf.json': JSON.stringify({
          output: { value: { value: cases[key].value } },
        }),
      });
      module[id] = { source: `./${id}` };
      output[id] = { value: `\${module.${id}.value}` };
    }
    await this.write(dir, {
      'main.tf.json': JSON.stringify({ module, output }),
    });
    await this.ok(dir, ['init', '-input=false', '-no-color']);
    await this.ok(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    const values = JSON.parse(
      await this.ok(dir, ['output', '-json', '-no-color']),
    );
    return Object.fromEntries(
      keys.map((key, i) => [key, values[`c${i}`].value]),
    );
  }

  /** Removes the scratch directory. */
  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
