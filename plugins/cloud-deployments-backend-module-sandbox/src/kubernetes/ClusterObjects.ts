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
import { Manifest } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import { HttpStatus } from './kubernetesStatus';

/** An object as the sandbox holds it. */
export type StoredObject = {
  object: Manifest & { status?: Record<string, unknown> };
  /** When the current generation started rolling out. */
  rolloutStart: number;
  /**
   * The replicas a Deployment had before it was scaled down, which
   * terminate while the current generation rolls out.
   */
  scaledDownFrom?: number;
  deletedAt?: number;
};

/**
 * The objects of the sandbox's cluster, keyed `<groupVersion> <kind>
 * <namespace>/<name>`, with the resource versions and cluster IPs the API
 * server hands out. A Deployment's status is worked out from the clock when
 * it is read, so nothing runs in the background.
 */
export class ClusterObjects {
  readonly #objects = new Map<string, StoredObject>();
  readonly #rolloutMs: number;
  readonly #deletionMs: number;
  #resourceVersion = 1;
  #servicesMade = 0;

  constructor(options: { rolloutMs: number; deletionMs: number }) {
    this.#rolloutMs = options.rolloutMs;
    this.#deletionMs = options.deletionMs;
  }

  /** The resource version of the last change. */
  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  get(key: string): StoredObject | undefined {
    return this.#objects.get(key);
  }

  entries(): IterableIterator<[string, StoredObject]> {
    return this.#objects.entries();
  }

  /** The stored objects as the server shows them. */
  all(): Manifest[] {
    return [...this.#objects.values()].map(s => this.view(s));
  }

  /** Deleted Deployments are gone once their pods would have stopped. */
  purgeDeleted(): void {
    for (const [key, stored] of this.#objects) {
      if (
        stored.deletedAt !== undefined &&
        Date.now() - stored.deletedAt >= this.#deletionMs
      ) {
        this.#objects.delete(key);
      }
    }
  }

  /** A stored object, or the API server's 404. */
  stored(key: string, plural: string, name: string): StoredObject {
    const stored = this.#objects.get(key);
    if (!stored) {
      throw new HttpStatus(404, 'NotFound', `${plural} "${name}" not found`);
    }
    return stored;
  }

  /** Stores an applied object as the next resource version. */
  commit(key: string, stored: StoredObject): void {
    this.#resourceVersion += 1;
    this.#objects.set(key, stored);
  }

  /** Deletes an object: a Deployment after `deletionMs`, anything else at once. */
  delete(key: string, stored: StoredObject, kind: string): void {
    if (kind === 'Deployment' && this.#deletionMs > 0) {
      stored.deletedAt ??= Date.now();
    } else {
      this.#objects.delete(key);
    }
  }

  /**
   * Changes a stored object as someone with kubectl would, outside the
   * portal: a new resource version, and a new rollout when the spec changed.
   * False when there is no such object.
   */
  edit(
    kind: string,
    namespace: string,
    name: string,
    change: (object: Manifest) => void,
  ): boolean {
    const entry = [...this.#objects].find(([key]) =>
      key.endsWith(` ${kind} ${namespace}/${name}`),
    );
    if (!entry) return false;
    const [key, stored] = entry;
    const object = structuredClone(stored.object);
    change(object);
    const specChanged =
      JSON.stringify((object as any).spec) !==
      JSON.stringify((stored.object as any).spec);
    if (specChanged) {
      object.metadata.generation =
        ((object.metadata.generation as number) ?? 0) + 1;
    }
    this.commit(key, {
      ...stored,
      object,
      rolloutStart: specChanged ? Date.now() : stored.rolloutStart,
    });
    return true;
  }

  /** The next cluster IP, in order, as the API server hands them out. */
  allocateIp(): string {
    const n = this.#servicesMade++;
    return `10.96.${Math.floor(n / 250) % 256}.${(n % 250) + 1}`;
  }

  /** An object as the server shows it, with a Deployment's simulated status. */
  view(stored: StoredObject): Manifest {
    const now = Date.now();
    const object = structuredClone(stored.object);
    if (stored.deletedAt !== undefined) {
      object.metadata.deletionTimestamp = new Date(
        stored.deletedAt,
      ).toISOString();
    }
    if (object.kind !== 'Deployment') return object;
    // A Deployment applied without a spec (the fuzzer sends them) still has
    // a status to show, not a crash of the cluster.
    const spec = (object as any).spec ?? {};
    const replicas: number = spec.replicas ?? 1;
    const image: string = spec.template?.spec?.containers?.[0]?.image ?? '';
    const elapsed = now - stored.rolloutStart;
    const crashing = /:crashloop$/.test(image);
    const done = !crashing && elapsed >= this.#rolloutMs;
    const deadlineMs = (spec.progressDeadlineSeconds ?? 600) * 1000;
    object.status = {
      observedGeneration: object.metadata.generation,
      replicas:
        !done && stored.scaledDownFrom !== undefined
          ? stored.scaledDownFrom
          : replicas,
      updatedReplicas: done || crashing ? replicas : 0,
      readyReplicas: done ? replicas : 0,
      availableReplicas: done ? replicas : 0,
      ...(done ? {} : { unavailableReplicas: replicas }),
      conditions: [
        crashing && elapsed >= deadlineMs
          ? {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: `ReplicaSet "${object.metadata.name}" has timed out progressing.`,
            }
          : {
              type: 'Progressing',
              status: 'True',
              reason: done ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
              message: `ReplicaSet "${object.metadata.name}" is progressing.`,
            },
        {
          type: 'Available',
          status: done ? 'True' : 'False',
          reason: done
            ? 'MinimumReplicasAvailable'
            : 'MinimumReplicasUnavailable',
        },
      ],
    };
    return object;
  }
}
