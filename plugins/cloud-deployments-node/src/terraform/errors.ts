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
import { ConflictError, CustomErrorBase } from '@backstage/errors';
import { TerraformCommand } from './types';

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
