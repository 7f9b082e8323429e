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
import { blocks, field } from './values';

/** A resource of Terraform JSON: `type.name` and its body. */
export type Resource = {
  type: string;
  name: string;
  body: Record<string, unknown>;
};

/** Members that let anyone (or anyone with a Google account) in. */
const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);
/** Roles that carry `run.routes.invoke`. */
const INVOKER_ROLES = new Set([
  'roles/run.invoker',
  'roles/run.servicesInvoker',
  'roles/run.developer',
  'roles/run.admin',
  'roles/editor',
  'roles/owner',
]);

/** What an IAM member, binding or policy grants the public, in words. */
export function publicGrants(
  r: Resource,
  policies: Map<string, Record<string, unknown>>,
): string[] {
  let bindings: unknown[];
  let source = '';
  if (r.type.endsWith('_member')) {
    bindings = [
      { role: field(r.body, 'role'), members: [field(r.body, 'member')] },
    ];
  } else if (r.type.endsWith('_binding')) {
    bindings = [r.body];
  } else {
    const data = field(r.body, 'policy_data');
    const ref =
      typeof data === 'string'
        ? /^\$\{\s*data\.google_iam_policy\.([\w-]+)\.policy_data\s*\}$/.exec(
            data,
          )
        : null;
    if (ref && policies.has(ref[1])) {
      bindings = blocks(field(policies.get(ref[1]), 'binding'));
      source = ` (data.google_iam_policy.${ref[1]})`;
    } else {
      bindings = blocks(field(parseJson(data), 'bindings'));
    }
  }
  return bindings.flatMap(binding => {
    const role = field(binding, 'role');
    const members = field(binding, 'members');
    if (typeof role !== 'string' || !INVOKER_ROLES.has(role)) return [];
    return (Array.isArray(members) ? members : [])
      .filter(m => typeof m === 'string' && PUBLIC_MEMBERS.has(m))
      .map(m => `${r.type} grants ${role} to ${m}${source}`);
  });
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
