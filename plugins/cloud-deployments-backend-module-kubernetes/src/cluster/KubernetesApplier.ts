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
import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import {
  ProviderError,
  sleep,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Manifest } from '../manifests/deploymentManifests';
import {
  labelSelector,
  MANAGED_KINDS,
  ObjectRef,
  refKey,
  refOf,
} from './objectRefs';
import { KubernetesCluster } from './readKubernetesConfig';
import { rolloutStatus, RolloutStatus } from './rolloutStatus';
import { toProviderError } from './toProviderError';

/**
 * Talks to one cluster with `@kubernetes/client-node`: server-side apply
 * (`PATCH ?fieldManager=…&force=true` with `application/apply-patch+yaml`),
 * prune and delete by label, and rollout status. Every call checks the
 * abort signal first; errors come out as {@link ProviderError}s.
 */
export class KubernetesApplier {
  readonly cluster: KubernetesCluster;
  readonly #api: KubernetesObjectApi;
  readonly #fieldManager: string;

  constructor(options: { cluster: KubernetesCluster; fieldManager: string }) {
    this.cluster = options.cluster;
    this.#fieldManager = options.fieldManager;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: options.cluster.name,
          server: options.cluster.url,
          caData: options.cluster.caData,
          skipTLSVerify: Boolean(options.cluster.skipTLSVerify),
        },
      ],
      users: [{ name: 'cloud-deployments', token: options.cluster.token }],
      contexts: [
        {
          name: 'cloud-deployments',
          cluster: options.cluster.name,
          user: 'cloud-deployments',
        },
      ],
      currentContext: 'cloud-deployments',
    });
    this.#api = KubernetesObjectApi.makeApiClient(kc);
  }

  async #call<T>(
    what: string,
    signal: AbortSignal | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    signal?.throwIfAborted();
    try {
      return await call();
    } catch (error) {
      throw toProviderError(error, this.cluster.name, what);
    }
  }

  /** Server-side applies each object, in order; returns what the server made. */
  async apply(
    manifests: Manifest[],
    options: { dryRun: boolean; signal?: AbortSignal },
  ): Promise<KubernetesObject[]> {
    const applied: KubernetesObject[] = [];
    for (const m of manifests) {
      applied.push(
        await this.#call(
          `apply ${m.kind} ${m.metadata.namespace}/${m.metadata.name}`,
          options.signal,
          () =>
            this.#api.patch(
              m,
              undefined,
              options.dryRun ? 'All' : undefined,
              this.#fieldManager,
              true,
              PatchStrategy.ServerSideApply,
            ),
        ),
      );
    }
    return applied;
  }

  /** The objects of the managed kinds with all these labels, in a namespace. */
  async list(
    namespace: string,
    labels: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<ObjectRef[]> {
    const found: ObjectRef[] = [];
    for (const { apiVersion, kind } of MANAGED_KINDS) {
      const list = await this.#call(
        `list ${kind} in ${namespace}`,
        signal,
        () =>
          this.#api.list(
            apiVersion,
            kind,
            namespace,
            undefined,
            undefined,
            undefined,
            undefined,
            labelSelector(labels),
          ),
      );
      for (const item of list.items) {
        found.push(refOf({ ...item, apiVersion, kind }, namespace));
      }
    }
    return found;
  }

  /**
   * Every object of a kind in a namespace that `selector` (a label selector
   * such as `key` or `a=b`) selects, `pageSize` a request, following the
   * `continue` tokens.
   */
  async listAll(
    ref: { apiVersion: string; kind: string; namespace: string },
    selector: string,
    options: { pageSize: number; signal?: AbortSignal },
  ): Promise<KubernetesObject[]> {
    const { apiVersion, kind, namespace } = ref;
    const items: KubernetesObject[] = [];
    let token: string | undefined;
    do {
      const next = token;
      const page = await this.#call(
        `list ${kind} in ${namespace}`,
        options.signal,
        () =>
          this.#api.list(
            apiVersion,
            kind,
            namespace,
            undefined,
            undefined,
            undefined,
            undefined,
            selector,
            options.pageSize,
            next,
          ),
      );
      if (!Array.isArray(page?.items)) {
        throw new ProviderError(
          `Kubernetes cluster ${this.cluster.name} answered the list of ${kind} in ${namespace} without items`,
          { kind: 'transient', code: 'MalformedResponse' },
        );
      }
      items.push(...page.items);
      const metadata = page.metadata as
        | { _continue?: string; continue?: string }
        | undefined;
      // Decoded, the client names it `_continue`; a list of a kind it does
      // not know keeps the wire's name.
      token = metadata?._continue || metadata?.continue || undefined;
    } while (token);
    return items;
  }

  /** Deletes an object; true when it existed. */
  async delete(
    ref: ObjectRef,
    options: { dryRun: boolean; signal?: AbortSignal },
  ): Promise<boolean> {
    try {
      await this.#call(
        `delete ${ref.kind} ${ref.namespace}/${ref.name}`,
        options.signal,
        () =>
          this.#api.delete(
            {
              apiVersion: ref.apiVersion,
              kind: ref.kind,
              metadata: { name: ref.name, namespace: ref.namespace },
            },
            undefined,
            options.dryRun ? 'All' : undefined,
            undefined,
            undefined,
            'Background',
          ),
      );
      return true;
    } catch (error) {
      if (error instanceof ProviderError && error.code === '404') return false;
      throw error;
    }
  }

  /**
   * Deletes the objects with these labels that `keep` does not have: what a
   * new version of a set no longer contains.
   */
  async prune(
    namespace: string,
    labels: Record<string, string>,
    keep: Manifest[],
    options: { dryRun: boolean; signal?: AbortSignal },
  ): Promise<ObjectRef[]> {
    const kept = new Set(keep.map(m => refKey(refOf(m, namespace))));
    const pruned: ObjectRef[] = [];
    for (const ref of await this.list(namespace, labels, options.signal)) {
      if (kept.has(refKey(ref))) continue;
      if (await this.delete(ref, options)) pruned.push(ref);
    }
    return pruned;
  }

  /** A Deployment, or undefined when there is none. */
  async readDeployment(
    namespace: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<KubernetesObject | undefined> {
    return this.read(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name },
      signal,
    );
  }

  /** An object, or undefined when there is none. */
  async read(
    ref: ObjectRef,
    signal?: AbortSignal,
  ): Promise<KubernetesObject | undefined> {
    try {
      return await this.#call(
        `read ${ref.kind} ${ref.namespace}/${ref.name}`,
        signal,
        () =>
          this.#api.read({
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { name: ref.name, namespace: ref.namespace },
          }),
      );
    } catch (error) {
      if (error instanceof ProviderError && error.code === '404')
        return undefined;
      throw error;
    }
  }

  /**
   * Polls a Deployment until its rollout is done or failed, or the time is
   * up (then `progressing`, with where it stopped).
   */
  async waitForRollout(
    namespace: string,
    name: string,
    options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
  ): Promise<RolloutStatus> {
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      const deployment = await this.readDeployment(
        namespace,
        name,
        options.signal,
      );
      const status: RolloutStatus = deployment
        ? rolloutStatus(deployment)
        : {
            state: 'failed',
            message: `Deployment ${namespace}/${name} does not exist`,
          };
      if (status.state !== 'progressing') return status;
      if (Date.now() >= deadline) {
        return {
          state: 'progressing',
          message: `${status.message} (gave up after ${Math.round(
            options.timeoutMs / 1000,
          )} s)`,
        };
      }
      await sleep(
        Math.min(options.pollMs ?? 2000, Math.max(0, deadline - Date.now())),
        options.signal,
      );
    }
  }
}
