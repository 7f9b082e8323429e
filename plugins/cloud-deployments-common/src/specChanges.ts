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
import { DeploymentSpec } from './types';

/**
 * One field a request changes: its path in the spec (e.g.
 * `compute.instanceCount`) and its value before and after, as text (`—` when
 * absent).
 *
 * @public
 */
export type SpecChange = { path: string; before: string; after: string };

type Leaves = Map<string, unknown>;

// An array is one leaf: a list reads better whole than item by item.
function collect(value: unknown, path: string, into: Leaves): Leaves {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) {
      collect(item, path ? `${path}.${key}` : key, into);
    }
  } else if (value !== undefined) {
    into.set(path, value);
  }
  return into;
}

const show = (value: unknown): string => {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

/**
 * The fields that differ between two specs, in the order they appear (those
 * of `before` first, then fields only `after` has).
 *
 * @public
 */
export function specChanges(
  before: DeploymentSpec,
  after: DeploymentSpec,
): SpecChange[] {
  const old = collect(before, '', new Map());
  const next = collect(after, '', new Map());
  const paths = [...new Set([...old.keys(), ...next.keys()])];
  return paths
    .filter(p => show(old.get(p)) !== show(next.get(p)))
    .map(p => ({
      path: p,
      before: show(old.get(p)),
      after: show(next.get(p)),
    }));
}
