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
import { IacFinding } from './iacFinding';
import { MANIFEST_KEYS, podSpecFindings } from './podSpecFindings';
import { field, isObject, text } from './values';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** How deep `kind: List` objects are opened (a list of lists is rare). */
const MAX_LIST_DEPTH = 3;

/**
 * The findings of one Kubernetes object (or a `List` of them, or an array as
 * a JSON file may hold). Anything else, of any type, has none.
 */
export function objectFindings(value: unknown, depth = 0): IacFinding[] {
  if (Array.isArray(value) || field(value, 'kind') === 'List') {
    if (depth >= MAX_LIST_DEPTH) return [];
    const items = Array.isArray(value) ? value : field(value, 'items');
    return Array.isArray(items)
      ? items.flatMap(item => objectFindings(item, depth + 1))
      : [];
  }
  const kind = field(value, 'kind');
  if (
    typeof kind !== 'string' ||
    !Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind)
  ) {
    return [];
  }
  const pod = POD_SPEC_PATHS[kind].reduce<unknown>(field, value);
  if (!isObject(pod)) return [];
  return podSpecFindings(
    objectName(kind, field(value, 'metadata')),
    pod,
    MANIFEST_KEYS,
  );
}

/**
 * `Deployment/web`, or `Deployment/apps/web` in namespace `apps` (a name
 * has no `/`, so the two never mix up).
 */
function objectName(kind: string, metadata: unknown): string {
  const name =
    text(field(metadata, 'name')) ??
    (text(field(metadata, 'generateName')) !== undefined
      ? `${field(metadata, 'generateName')}*`
      : '(unnamed)');
  const namespace = text(field(metadata, 'namespace'));
  return `${kind}/${namespace ? `${namespace}/` : ''}${name}`;
}
