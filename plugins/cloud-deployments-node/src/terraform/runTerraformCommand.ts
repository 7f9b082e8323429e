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
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { TerraformCommandError } from './errors';
import { terraformEnvironment } from './terraformEnvironment';
import { TerraformCommand, TerraformRunnerOptions } from './types';

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

/** The runner a command runs for: its work directory, options and masking. */
export type TerraformCommandContext = {
  dir: string;
  options: TerraformRunnerOptions;
  mask(line: string): string;
};

/**
 * Runs one command. Output lines go to `onLine` unless `quiet` (for
 * machine-readable output: `show -json` holds the plan's values, `state
 * pull` the whole state, `output -json` sensitive values).
 */
export function runTerraformCommand(
  context: TerraformCommandContext,
  command: TerraformCommand,
  args: string[],
  options: { okExitCodes?: number[]; quiet?: boolean } = {},
): Promise<{ exitCode: number; stdout: string }> {
  const { onLine, signal, graceMs = 15_000 } = context.options;
  const timeoutMs =
    context.options.timeouts?.[command] ?? DEFAULT_TIMEOUTS[command];
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
    const child = spawn(context.options.terraformPath ?? 'terraform', args, {
      cwd: context.dir,
      env: terraformEnvironment(context.options, context.dir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: string[] = [];
    const errorTail: string[] = [];
    let delivered: Promise<void> = Promise.resolve();
    let stopped: 'timeout' | 'cancelled' | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    let inError = false;
    const deliver = (stream: 'stdout' | 'stderr', raw: string) => {
      const line = context.mask(raw);
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
