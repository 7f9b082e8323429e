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
import { RootConfigService } from '@backstage/backend-plugin-api';
import { findTextIssue } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * Refuses to start on config under `key` that holds ill-formed text (an
 * unpaired UTF-16 surrogate or NUL, e.g. from a `"\ud800"` escape in YAML
 * or an environment variable): it would reach a cloud API, a database row or
 * the catalog as other text. Throws, naming the key, so the backend stops
 * with a clear error instead of failing later far from the cause.
 *
 * @public
 */
export function assertWellFormedConfig(
  config: RootConfigService,
  key: string,
): void {
  const issue = findTextIssue(config.getOptional(key), { root: key });
  if (issue) {
    throw new Error(`Invalid config ${issue.path}: ${issue.message}`);
  }
}
