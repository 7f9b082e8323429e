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
import { InputError } from '@backstage/errors';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

// The runner's work directory: what goes in, and nothing outside it.

/** What the runner writes when the configuration declares no backend. */
const BACKEND_FILE = 'zz_cloud_deployments_backend.tf.json';

/** The override that keeps a local state, and that state's file. */
const LOCAL_STATE_OVERRIDE =
  'zz_cloud_deployments_local_state_override.tf.json';
const LOCAL_STATE_FILE = 'cloud-deployments-local.tfstate';

/** Writes files (relative paths → content) into `dir`, refusing any outside it. */
export async function writeFiles(dir: string, files: Record<string, string>) {
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

/** A path (absolute, or relative to `dir`) checked to be inside `dir`. */
export function pathInDir(dir: string, path: string): string {
  const full = isAbsolute(path) ? path : join(dir, path);
  const rel = relative(dir, full);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new InputError(`${path} is outside the work directory`);
  }
  return full;
}

/** Declares `backend "http"` unless the configuration declares a backend. */
export async function ensureBackendBlock(dir: string): Promise<void> {
  const names = await readdir(dir);
  for (const name of names) {
    if (name === BACKEND_FILE) return;
    if (name.endsWith('.tf.json')) {
      const doc = JSON.parse(await readFile(join(dir, name), 'utf8'));
      const blocks = Array.isArray(doc.terraform)
        ? doc.terraform
        : [doc.terraform];
      if (blocks.some((b: any) => b && b.backend)) return;
    } else if (name.endsWith('.tf')) {
      const text = await readFile(join(dir, name), 'utf8');
      if (/^\s*backend\s+"/m.test(text)) return;
    }
  }
  await writeFile(
    join(dir, BACKEND_FILE),
    JSON.stringify({ terraform: { backend: { http: {} } } }, null, 2),
  );
}

/**
 * Makes the backend `local`, with `state` (if any) as its state file: an
 * override file's backend replaces the one the configuration declares.
 */
export async function useLocalState(
  dir: string,
  state: string | undefined,
): Promise<void> {
  await writeFile(
    join(dir, LOCAL_STATE_OVERRIDE),
    JSON.stringify(
      { terraform: { backend: { local: { path: LOCAL_STATE_FILE } } } },
      null,
      2,
    ),
  );
  if (state !== undefined) await writeFile(join(dir, LOCAL_STATE_FILE), state);
}
