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
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';

/*
 * Action inputs the scaffolder's schema lets through as "a string" but Node
 * cannot use as they are: fuzzing the handlers found a 5,000-char name crash
 * resolveSafeChildPath (ENAMETOOLONG). (A NUL, or a lone surrogate that made
 * encodeURIComponent throw, is refused before, by assertWellFormedInput.)
 */

const shown = (value: string) =>
  JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

/**
 * A path inside the workspace, as resolveSafeChildPath gives it, or an
 * InputError naming `field` when the path is not one a file system can have.
 */
export function workspaceChildPath(
  workspacePath: string,
  value: string,
  field: string,
): string {
  try {
    if (value.includes('\0')) throw new Error('NUL in a path');
    return resolveSafeChildPath(workspacePath, value);
  } catch (error) {
    if (error instanceof NotAllowedError) {
      throw new InputError(
        `${field}: ${shown(value)} is outside the workspace`,
      );
    }
    throw new InputError(
      `${field}: ${shown(value)} is not a path in the workspace (${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      })`,
    );
  }
}
