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

const iso = (ms: number) => new Date(ms).toISOString();

function pickClientFields(service: Record<string, unknown>) {
  const spec: Record<string, unknown> = {};
  for (const field of CLIENT_FIELDS) {
    if (service[field] !== undefined) spec[field] = service[field];
  }
  return spec;
}

function revisionName(id: string, generation: number) {
  const suffix = randomUUID().slice(0, 3);
  return `${id}-${String(generation).padStart(5, '0')}-${suffix}`;
}

/** Fills in the defaults Cloud Run adds to a revision template. */
function withTemplateDefaults(template: any = {}) {
  return {
    ...template,
    timeout: template.timeout ?? '300s',
    maxInstanceRequestConcurrency: template.maxInstanceRequestConcurrency || 80,
    containers: (template.containers ?? []).map((c: any) => ({
      ...c,
      ports: c.ports?.length
        ? c.ports
        : [{ name: 'http1', containerPort: 8080 }],
      resources: {
        ...c.resources,
        limits: { cpu: '1000m', memory: '512Mi', ...c.resources?.limits },
      },
    })),
    scaling: { maxInstanceCount: 100, ...template.scaling },
  };
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
    service.previousReadyRevision = this.#readyRevision(service, now);
    service.spec = pickClientFields(body);
    service.generation += 1;
    service.updateTime = now;
    service.settlesAt = now + this.#readyAfterMs;
    service.failure = options.failure;
    service.revision = revisionName(service.id, service.generation);
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

  #readyRevision(service: StoredService, now: number): string | undefined {
    return now >= service.settlesAt && !service.failure
      ? service.revision
      : service.previousReadyRevision;
  }

  /** The service as the Cloud Run Admin API v2 returns it, at `now`. */
  view(service: StoredService, now = Date.now()): Record<string, unknown> {
    const settled = now >= service.settlesAt;
    const deleting = service.deleteTime !== undefined;
    const readyRevision = this.#readyRevision(service, now);
    const lastTransitionTime = iso(
      settled ? service.settlesAt : service.updateTime,
    );
    let terminalCondition: Record<string, unknown>;
    if (deleting) {
      terminalCondition = {
        type: 'Ready',
        state: 'CONDITION_RECONCILING',
        message: 'Deleting service.',
        lastTransitionTime: iso(service.deleteTime!),
      };
    } else if (!settled) {
      terminalCondition = {
        type: 'Ready',
        state:
          service.generation === 1
            ? 'CONDITION_PENDING'
            : 'CONDITION_RECONCILING',
        message: `Deploying revision ${service.revision}.`,
        lastTransitionTime,
      };
    } else if (service.failure) {
      terminalCondition = {
        type: 'Ready',
        state: 'CONDITION_FAILED',
        message: service.failure,
        severity: 'ERROR',
        reason: 'REVISION_FAILED',
        lastTransitionTime,
      };
    } else {
      terminalCondition = {
        type: 'Ready',
        state: 'CONDITION_SUCCEEDED',
        lastTransitionTime,
      };
    }
    const spec = service.spec as Record<string, any>;
    return {
      ...spec,
      name: service.name,
      uid: service.uid,
      generation: String(service.generation),
      labels: spec.labels ?? {},
      annotations: spec.annotations ?? {},
      createTime: iso(service.createTime),
      updateTime: iso(service.updateTime),
      ...(deleting
        ? {
            deleteTime: iso(service.deleteTime!),
            expireTime: iso(service.goneAt!),
          }
        : {}),
      creator: 'sandbox@cloud-deployments.local',
      lastModifier: 'sandbox@cloud-deployments.local',
      launchStage: spec.launchStage ?? 'GA',
      ingress: spec.ingress ?? 'INGRESS_TRAFFIC_ALL',
      template: withTemplateDefaults(spec.template),
      traffic: spec.traffic ?? [
        { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 },
      ],
      observedGeneration: String(service.generation),
      terminalCondition,
      conditions: [
        {
          type: 'RoutesReady',
          state: readyRevision ? 'CONDITION_SUCCEEDED' : 'CONDITION_PENDING',
          lastTransitionTime,
        },
        {
          type: 'ConfigurationsReady',
          state: terminalCondition.state,
          lastTransitionTime,
        },
      ],
      latestCreatedRevision: `${service.name}/revisions/${service.revision}`,
      ...(readyRevision
        ? {
            latestReadyRevision: `${service.name}/revisions/${readyRevision}`,
            trafficStatuses: [
              {
                type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST',
                percent: 100,
              },
            ],
          }
        : {}),
      uri: service.uri,
      urls: [service.uri],
      reconciling: deleting || !settled,
      etag: `"${service.generation}-${service.uid.slice(0, 8)}"`,
    };
  }
}
