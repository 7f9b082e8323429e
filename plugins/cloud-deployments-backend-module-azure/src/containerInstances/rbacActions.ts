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
import { Permission } from '@azure/arm-authorization';

const SPECIAL = /[.+?^${}()|[\]\\]/g;

/**
 * Whether an Azure RBAC action pattern names the action, as Azure RBAC
 * reads it: case-insensitively, `*` standing for any run of characters
 * (slashes too): `*`, `Microsoft.ContainerInstance/*`, or a star then
 * `/read` for every read.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .split('*')
    .map(part => part.replace(SPECIAL, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'is').test(action);
}

/**
 * Whether the caller may do the action, by its permissions listing
 * (`Microsoft.Authorization/permissions`, one entry per role it holds at
 * the scope): an entry grants an action one of its `actions` names and
 * none of its `notActions` does. `notActions` are no deny: they take the
 * action out of their own entry only, so another role may still grant it.
 */
export function isPermitted(
  permissions: readonly Permission[],
  action: string,
): boolean {
  return permissions.some(
    entry =>
      (entry.actions ?? []).some(p => actionMatches(p, action)) &&
      !(entry.notActions ?? []).some(p => actionMatches(p, action)),
  );
}
