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
import { randomUUID } from 'crypto';

/** The fields of a service a client sets; the server computes the rest. */
const CLIENT_FIELDS = [
  'description',
  'labels',
  'annotations',
  'client',
  'clientVersion',
  'ingress',
  'launchStage',
  'binaryAuthorization',
  'template',
  'traffic',
  'scaling',
  'invokerIamDisabled',
  'defaultUriDisabled',
];

/** One Cloud Run service as the sandbox holds it. */
export type StoredService = {
  /** `projects/<project>/locations/<region>` */
  parent: string;
  id: string;
  /** `<parent>/services/<id>` */
  name: string;
  uid: string;
  uri: string;
  spec: Record<string, unknown>;
  generation: number;
  createTime: number;
  updateTime: number;
  /** When the current generation is done rolling out. */
  settlesAt: number;
  /** Why the current generation fails, once it settles. */
  failure?: string;
  /** The revision of the current generation. */
  revision: string;
  /** The last revision that became ready before the current generation. */
  previousReadyRevision?: string;
  deleteTime?: number;
  /** When a deleted service disappears. */
  goneAt?: number;
};

export function pickClientFields(service: Record<string, unknown>) {
  const spec: Record<string, unknown> = {};
  for (const field of CLIENT_FIELDS) {
    if (service[field] !== undefined) spec[field] = service[field];
  }
  return spec;
}

export function revisionName(id: string, generation: number) {
  const suffix = randomUUID().slice(0, 3);
  return `${id}-${String(generation).padStart(5, '0')}-${suffix}`;
}

/** The revision serving traffic at `now`: the current one once it is ready. */
export function readyRevisionAt(
  service: StoredService,
  now: number,
): string | undefined {
  return now >= service.settlesAt && !service.failure
    ? service.revision
    : service.previousReadyRevision;
}
