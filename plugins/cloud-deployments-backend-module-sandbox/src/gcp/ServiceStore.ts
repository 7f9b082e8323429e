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
import { createHash, randomUUID } from 'crypto';
import { isDeepStrictEqual } from 'util';
import { withTemplateDefaults } from './serviceView';
import {
  pickClientFields,
  readyRevisionAt,
  revisionName,
  StoredService,
} from './storedService';

/**
 * A message without the fields that hold proto3's default values (`''`,
 * `0`, `false`, empty lists and maps), which Cloud Run reads as unset: a
 * client that sends back the service it read (the SDK fills them in) sends
 * the same template.
 */
function withoutProtoDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProtoDefaults);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const kept = withoutProtoDefaults(field);
    const empty =
      kept === '' ||
      kept === 0 ||
      kept === false ||
      kept === null ||
      kept === undefined ||
      (Array.isArray(kept) && kept.length === 0) ||
      (typeof kept === 'object' &&
        !Array.isArray(kept) &&
        Object.keys(kept as object).length === 0);
    if (!empty) result[key] = kept;
  }
  return result;
}

/**
 * The services of the sandbox, by parent, with the lifecycle computed from
 * the clock on every read (so nothing runs in the background): a service is
 * reconciling for `readyAfterMs` after each create or update, then ready or
 * failed; a deleted one is reconciling for `readyAfterMs` and then gone.
 */
export class ServiceStore {
  readonly #byParent = new Map<string, Map<string, StoredService>>();
  /** Sorted service ids per parent, for paging; dropped on every change. */
  readonly #sortedIds = new Map<string, string[]>();
  readonly #readyAfterMs: number;
  readonly #uriBase: () => string;

  constructor(options: { readyAfterMs: number; uriBase: () => string }) {
    this.#readyAfterMs = options.readyAfterMs;
    this.#uriBase = options.uriBase;
  }

  get(parent: string, id: string, now = Date.now()): StoredService | undefined {
    const service = this.#byParent.get(parent)?.get(id);
    if (service?.goneAt !== undefined && service.goneAt <= now) {
      this.remove(parent, id);
      return undefined;
    }
    return service;
  }

  create(
    parent: string,
    id: string,
    body: Record<string, unknown>,
    options: { failure?: string; now?: number; settled?: boolean } = {},
  ): StoredService {
    const now = options.now ?? Date.now();
    const [, project, , region] = parent.split('/');
    const hash = createHash('sha256')
      .update(project)
      .digest('hex')
      .slice(0, 10);
    const service: StoredService = {
      parent,
      id,
      name: `${parent}/services/${id}`,
      uid: randomUUID(),
      uri: `${this.#uriBase()}/run/${project}/${region}/${id}-${hash}`,
      spec: pickClientFields(body),
      generation: 1,
      createTime: now,
      updateTime: now,
      settlesAt: options.settled ? now : now + this.#readyAfterMs,
      failure: options.failure,
      revision: revisionName(id, 1),
    };
    let services = this.#byParent.get(parent);
    if (!services) {
      services = new Map();
      this.#byParent.set(parent, services);
    }
    services.set(id, service);
    this.#sortedIds.delete(parent);
    return service;
  }

  update(
    service: StoredService,
    body: Record<string, unknown>,
    options: { failure?: string; now?: number } = {},
  ): void {
    const now = options.now ?? Date.now();
    const spec = pickClientFields(body);
    service.previousReadyRevision = readyRevisionAt(service, now);
    service.generation += 1;
    service.updateTime = now;
    service.settlesAt = now + this.#readyAfterMs;
    // As Cloud Run, a new revision only for a new template: a change of
    // labels or of the service-level scaling keeps the one that serves. A
    // failed revision is tried again as a new one (the sandbox's redeploy).
    if (
      service.failure !== undefined ||
      !isDeepStrictEqual(
        withoutProtoDefaults(withTemplateDefaults(service.spec.template)),
        withoutProtoDefaults(withTemplateDefaults(spec.template)),
      )
    ) {
      service.failure = options.failure;
      service.revision = revisionName(service.id, service.generation);
    }
    service.spec = spec;
  }

  delete(service: StoredService, now = Date.now()): void {
    service.deleteTime = now;
    service.goneAt = now + this.#readyAfterMs;
  }

  /** Takes a service away at once, as if deleted outside the portal. */
  remove(parent: string, id: string): boolean {
    const removed = this.#byParent.get(parent)?.delete(id) ?? false;
    if (removed) this.#sortedIds.delete(parent);
    return removed;
  }

  /** Up to `pageSize` services of a parent after `afterId`, in id order. */
  list(
    parent: string,
    pageSize: number,
    afterId?: string,
    now = Date.now(),
  ): { services: StoredService[]; more: boolean } {
    const services = this.#byParent.get(parent);
    if (!services) return { services: [], more: false };
    let ids = this.#sortedIds.get(parent);
    if (!ids) {
      ids = [...services.keys()].sort();
      this.#sortedIds.set(parent, ids);
    }
    let start = 0;
    if (afterId !== undefined) {
      let hi = ids.length;
      while (start < hi) {
        const mid = (start + hi) >>> 1;
        if (ids[mid] <= afterId) start = mid + 1;
        else hi = mid;
      }
    }
    const page: StoredService[] = [];
    let i = start;
    for (; i < ids.length && page.length < pageSize; i++) {
      const service = services.get(ids[i]);
      if (service && !(service.goneAt !== undefined && service.goneAt <= now)) {
        page.push(service);
      }
    }
    return { services: page, more: i < ids.length };
  }

  all(now = Date.now()): StoredService[] {
    const result: StoredService[] = [];
    for (const services of this.#byParent.values()) {
      for (const service of services.values()) {
        if (!(service.goneAt !== undefined && service.goneAt <= now)) {
          result.push(service);
        }
      }
    }
    return result;
  }
}
