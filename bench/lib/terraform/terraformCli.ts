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
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';

// Running the terraform CLI and the plugin's state API as the overhead runs do.

export const env = {
  PATH: process.env.PATH!,
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
};

/** Runs terraform without blocking: the state backend answers in this process. */
export function tf(
  dir: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'terraform',
      args,
      {
        cwd: dir,
        env: { ...env, HOME: dir, ...extraEnv },
        maxBuffer: 64 * 1024 * 1024,
      },
      error => (error ? reject(error) : resolve()),
    );
  });
}

export async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** A state workspace; retried once, as a kept-alive connection may have been closed. */
export async function createWorkspace(
  api: string,
  name: string,
): Promise<{ token: string }> {
  const post = () =>
    fetch(`${api}/terraform/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
  const res = await post().catch(post);
  if (res.status !== 201) throw new Error(`workspace: ${await res.text()}`);
  return res.json();
}
