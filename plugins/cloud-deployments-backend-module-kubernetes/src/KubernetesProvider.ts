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
import { InputError, isError } from '@backstage/errors';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ManifestApplyRequest,
  ManifestApplyResult,
  ObservedState,
  ConnectionCheck,
  ProviderContext,
  ProviderError,
  QuotaQuery,
  QuotaReading,
  RenderedFiles,
  resourceNameOf,
  TaggedCloudResource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { applyManifestSet, manifestSet } from './cluster/applyManifestSet';
import { KubernetesApplier } from './cluster/KubernetesApplier';
import {
  describeRef,
  MANAGED_KINDS,
  ObjectRef,
  refKey,
} from './cluster/objectRefs';
import { isOwnObject, observeDeployment } from './cluster/observeDeployment';
import {
  isMarkedStopped,
  isStopped,
  stoppedManifest,
} from './cluster/stoppedDeployment';
import { listTaggedDeployments } from './cluster/listTaggedDeployments';
import { readGpuQuota } from './cluster/readGpuQuota';
import { testClusterConnection } from './cluster/testClusterConnection';
import {
  KubernetesCluster,
  KubernetesSettings,
} from './cluster/readKubernetesConfig';
import {
  deploymentManifests,
  DEPLOYMENT_ID_LABEL,
  Manifest,
} from './manifests/deploymentManifests';
import { renderKubernetes } from './manifests/renderKubernetes';
import { isDns1035Label } from './manifests/names';
import { validateManifests } from './manifests/validateManifests';

/** Options of {@link KubernetesProvider}. */
export type KubernetesProviderOptions = {
  settings: KubernetesSettings;
  /** How often `applyManifests` looks at a rollout while waiting. Default 2000 ms. */
  pollMs?: number;
  /** Objects per list request of `listTaggedResources`. Default 500. */
  pageSize?: number;
};

/**
 * Deploys a container to a Kubernetes cluster by server-side apply: a
 * Deployment, a Service, an HPA when it scales and an Ingress when a domain
 * is configured, labelled with the deployment's id so that a new version
 * prunes what it no longer has and destroy finds everything. Clusters come
 * from the Backstage `kubernetes` config; `spec.account` names one.
 *
 * @public
 */
export class KubernetesProvider implements CloudDeploymentProvider {
  readonly id = 'kubernetes';
  readonly title = 'Kubernetes';
  readonly sandbox: boolean;
  readonly #settings: KubernetesSettings;
  readonly #appliers = new Map<string, KubernetesApplier>();
  readonly #pollMs: number;
  readonly #pageSize: number;

  constructor(options: KubernetesProviderOptions) {
    this.#settings = options.settings;
    this.sandbox = options.settings.sandbox;
    this.#pollMs = options.pollMs ?? 2000;
    this.#pageSize = options.pageSize ?? 500;
    if (options.settings.clusters.length === 0) {
      throw new Error('KubernetesProvider needs at least one cluster');
    }
  }

  #cluster(name: string | undefined): KubernetesCluster | undefined {
    const clusters = this.#settings.clusters;
    return name === undefined
      ? clusters[0]
      : clusters.find(c => c.name === name);
  }

  #unknownCluster(name: string | undefined) {
    return `no Kubernetes cluster '${name}' is configured (clusters: ${this.#settings.clusters
      .map(c => c.name)
      .join(', ')})`;
  }

  #applier(cluster: KubernetesCluster): KubernetesApplier {
    let applier = this.#appliers.get(cluster.name);
    if (!applier) {
      applier = new KubernetesApplier({
        cluster,
        fieldManager: this.#settings.fieldManager,
      });
      this.#appliers.set(cluster.name, applier);
    }
    return applier;
  }

  validate(spec: DeploymentSpec, name?: string): string[] {
    const problems: string[] = [];
    // Services need a DNS-1035 label: what the common name rule already is.
    if (name !== undefined && !isDns1035Label(name)) {
      problems.push(
        'name: must be at most 63 lowercase letters, digits and dashes, start with a letter and not end with a dash',
      );
    }
    if (!this.#cluster(spec.account)) {
      problems.push(`account: ${this.#unknownCluster(spec.account)}`);
    }
    if (spec.compute.instanceType) {
      problems.push(
        "compute.instanceType: Kubernetes sizes pods by compute.cpu and compute.memoryMiB; the nodes are the cluster's",
      );
    }
    if (
      spec.compute.minInstances !== undefined &&
      spec.compute.instanceCount !== undefined &&
      spec.compute.minInstances !== spec.compute.instanceCount
    ) {
      problems.push(
        'compute.instanceCount: give either instanceCount or minInstances',
      );
    }
    return problems;
  }

  #target(deployment: Pick<Deployment, 'spec'>) {
    const cluster = this.#cluster(deployment.spec.account);
    if (!cluster) {
      throw new ProviderError(this.#unknownCluster(deployment.spec.account), {
        kind: 'permanent',
      });
    }
    return {
      cluster,
      applier: this.#applier(cluster),
      namespace: this.#settings.namespace,
    };
  }

  async render(deployment: Deployment): Promise<RenderedFiles> {
    const problems = this.validate(deployment.spec, resourceNameOf(deployment));
    const cluster = this.#cluster(deployment.spec.account);
    if (problems.length || !cluster) {
      throw new InputError(
        `Cannot render Kubernetes manifests: ${problems.join('; ')}`,
      );
    }
    // A value Terraform or YAML cannot keep (a lone surrogate, over 4096
    // characters) is refused by escapeTemplate as the Terraform is written.
    return renderKubernetes(deployment, cluster, this.#settings);
  }

  /** The deployment's objects, checked as the API server would check them. */
  async #manifests(deployment: Deployment): Promise<Manifest[]> {
    const manifests = deploymentManifests(deployment, this.#settings);
    try {
      await validateManifests(manifests);
    } catch (error) {
      throw new ProviderError(isError(error) ? error.message : String(error), {
        kind: 'permanent',
        cause: error,
      });
    }
    return manifests;
  }

  async provision(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const { cluster, applier, namespace } = this.#target(deployment);
    const manifests = await this.#manifests(deployment);
    // Server-side apply with force takes over any object; one of the same
    // name that is not this deployment's is someone else's. Its own object
    // relabelled outside the portal is taken back (see isOwnObject).
    const existing = await applier.readDeployment(
      namespace,
      resourceNameOf(deployment),
      ctx.signal,
    );
    const owner = existing?.metadata?.labels?.[DEPLOYMENT_ID_LABEL];
    if (existing && !isOwnObject(existing, deployment)) {
      throw new ProviderError(
        `Deployment ${namespace}/${resourceNameOf(
          deployment,
        )} already exists in cluster ${
          cluster.name
        } and was not made by this deployment${
          owner ? ` (it belongs to deployment ${owner})` : ''
        }; choose another name`,
        { kind: 'permanent' },
      );
    }
    if (existing?.metadata?.deletionTimestamp) {
      throw new ProviderError(
        `Deployment ${namespace}/${resourceNameOf(
          deployment,
        )} is still being deleted in cluster ${cluster.name}`,
        { kind: 'transient' },
      );
    }
    await applier.apply(manifests, { dryRun: false, signal: ctx.signal });
    for (const m of manifests) {
      await ctx.log(
        `Applied ${m.kind} ${namespace}/${m.metadata.name} to cluster ${
          cluster.name
        } (server-side apply, field manager ${this.#settings.fieldManager})`,
      );
    }
    const pruned = await applier.prune(
      namespace,
      { [DEPLOYMENT_ID_LABEL]: deployment.id },
      manifests,
      { dryRun: false, signal: ctx.signal },
    );
    for (const ref of pruned) {
      await ctx.log(
        `Pruned ${describeRef(ref)}: the deployment no longer has it`,
      );
    }
    return this.describe(deployment, ctx);
  }

  async describe(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const cluster = this.#cluster(deployment.spec.account);
    if (!cluster) return { state: 'absent' };
    const namespace = this.#settings.namespace;
    const applier = this.#applier(cluster);
    const object = await applier.readDeployment(
      namespace,
      resourceNameOf(deployment),
      ctx.signal,
    );
    const state = observeDeployment(
      object,
      deployment,
      cluster,
      this.#settings,
    );
    // A stopped one has no autoscaler (see stop): its bounds are not read.
    if (state.state === 'absent' || state.state === 'stopped' || !state.config)
      return state;
    // An autoscaled deployment's scale is its HPA's bounds: one more read.
    const scales = deploymentManifests(deployment, this.#settings).some(
      m => m.kind === 'HorizontalPodAutoscaler',
    );
    if (!scales) return state;
    const hpa = await applier.read(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        namespace,
        name: resourceNameOf(deployment),
      },
      ctx.signal,
    );
    const bounds = (hpa as { spec?: any } | undefined)?.spec ?? {};
    return {
      ...state,
      config: {
        ...state.config,
        ...(typeof bounds.minReplicas === 'number'
          ? { minInstances: bounds.minReplicas }
          : {}),
        ...(typeof bounds.maxReplicas === 'number'
          ? { maxInstances: bounds.maxReplicas }
          : {}),
      },
    };
  }

  update(deployment: Deployment, ctx: ProviderContext): Promise<ObservedState> {
    return this.provision(deployment, ctx);
  }

  async destroy(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const cluster = this.#cluster(deployment.spec.account);
    if (!cluster) return { state: 'absent' };
    const applier = this.#applier(cluster);
    const refs = await this.#ownObjects(deployment, applier, ctx.signal);
    if (refs.length === 0) return { state: 'absent' };
    for (const ref of refs) {
      if (await applier.delete(ref, { dryRun: false, signal: ctx.signal })) {
        await ctx.log(
          `Deleted ${describeRef(ref)} from cluster ${cluster.name}`,
        );
      }
    }
    return this.describe(deployment, ctx);
  }

  /**
   * Scales the Deployment to zero replicas, marked with the
   * `cloud-deployments.backstage.io/stopped` annotation (see
   * `stoppedManifest`), and deletes its HorizontalPodAutoscaler, which
   * cannot hold zero replicas; the Service (and Ingress) stay, serving
   * nothing. A second call finishes what a first one left (the autoscaler).
   */
  async stop(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const cluster = this.#cluster(deployment.spec.account);
    if (!cluster) return { state: 'absent' };
    const { applier, namespace } = this.#target(deployment);
    const name = resourceNameOf(deployment);
    const object = await applier.readDeployment(namespace, name, ctx.signal);
    if (!isOwnObject(object, deployment)) return { state: 'absent' };
    if (object.metadata?.deletionTimestamp) {
      return this.describe(deployment, ctx);
    }
    if (!isStopped(object)) {
      const [manifest] = await this.#manifests(deployment);
      await applier.apply([stoppedManifest(manifest)], {
        dryRun: false,
        signal: ctx.signal,
      });
      await ctx.log(
        `Scaled Deployment ${namespace}/${name} to zero replicas in cluster ${cluster.name}`,
      );
    }
    const hpa: ObjectRef = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      namespace,
      name,
    };
    if (
      isOwnObject(await applier.read(hpa, ctx.signal), deployment) &&
      (await applier.delete(hpa, { dryRun: false, signal: ctx.signal }))
    ) {
      await ctx.log(
        `Deleted ${describeRef(
          hpa,
        )}: an autoscaler cannot hold zero replicas; start applies it again`,
      );
    }
    return this.describe(deployment, ctx);
  }

  /**
   * Applies the deployment's spec again to a Deployment `stop` marked, as
   * provision does: its replicas (or autoscaler) come back and the mark
   * goes. One that is not marked is left as it is.
   */
  async start(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const cluster = this.#cluster(deployment.spec.account);
    if (!cluster) return { state: 'absent' };
    const { applier, namespace } = this.#target(deployment);
    const object = await applier.readDeployment(
      namespace,
      resourceNameOf(deployment),
      ctx.signal,
    );
    if (!isOwnObject(object, deployment)) return { state: 'absent' };
    if (!isMarkedStopped(object) || object.metadata?.deletionTimestamp) {
      return this.describe(deployment, ctx);
    }
    return this.provision(deployment, ctx);
  }

  /**
   * What destroy deletes: the objects with the deployment's id label, and
   * those of its name that lost their labels but still select it (see
   * `isOwnObject`), in the order of the managed kinds.
   */
  async #ownObjects(
    deployment: Deployment,
    applier: KubernetesApplier,
    signal: AbortSignal,
  ): Promise<ObjectRef[]> {
    const namespace = this.#settings.namespace;
    const labelled = await applier.list(
      namespace,
      { [DEPLOYMENT_ID_LABEL]: deployment.id },
      signal,
    );
    const found = new Map(labelled.map(ref => [refKey(ref), ref]));
    const refs: ObjectRef[] = [];
    for (const { apiVersion, kind } of MANAGED_KINDS) {
      const byName = {
        apiVersion,
        kind,
        namespace,
        name: resourceNameOf(deployment),
      };
      if (!found.has(refKey(byName))) {
        const object = await applier.read(byName, signal);
        if (isOwnObject(object, deployment)) found.set(refKey(byName), byName);
      }
      refs.push(...[...found.values()].filter(r => r.kind === kind));
    }
    return refs;
  }

  /**
   * The Deployments carrying the deployment-id label
   * (`cloud-deployments.backstage.io/deployment-id`) in the deployments'
   * namespace of every configured cluster, with their replicas, pod requests
   * and autoscaler bounds: label-selected lists of Deployments and HPAs,
   * `pageSize` objects a request. A cluster that cannot be listed fails the
   * whole call, naming it. Objects of a namespace the config named before
   * are not looked for: the provider's credentials are the namespace's.
   */
  /**
   * The GPU quota of the namespace the portal deploys to, in the spec's
   * cluster: a `ResourceQuota` on `requests.nvidia.com/gpu`, under `*`
   * (it counts GPUs of any type).
   */
  async readQuotas(
    query: QuotaQuery,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<Map<string, QuotaReading>> {
    const { applier, namespace } = this.#target(query);
    const reading = await readGpuQuota(applier, namespace, ctx.signal);
    return new Map(reading ? [['*', reading]] : []);
  }

  async listTaggedResources(
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<TaggedCloudResource[]> {
    const found = await Promise.allSettled(
      this.#settings.clusters.map(cluster =>
        listTaggedDeployments(
          this.#applier(cluster),
          this.#settings.namespace,
          { pageSize: this.#pageSize, signal: ctx.signal },
        ),
      ),
    );
    const failed = found.find(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    if (failed) throw failed.reason;
    return found.flatMap(r => (r.status === 'fulfilled' ? r.value : []));
  }

  async applyManifests(
    request: ManifestApplyRequest,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<ManifestApplyResult> {
    const cluster = this.#cluster(request.cluster);
    if (!cluster)
      throw new InputError(`cluster: ${this.#unknownCluster(request.cluster)}`);
    const namespace = request.namespace ?? this.#settings.namespace;
    const labelled = await manifestSet(request, namespace);
    return applyManifestSet(
      request,
      labelled,
      {
        cluster,
        namespace,
        applier: this.#applier(cluster),
        pollMs: this.#pollMs,
      },
      ctx,
    );
  }

  get accounts(): readonly string[] {
    return this.#settings.clusters.map(c => c.name);
  }

  async testConnection(
    account: string,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<ConnectionCheck> {
    const cluster = this.#cluster(account);
    if (!cluster) throw new InputError(this.#unknownCluster(account));
    return testClusterConnection(cluster, {
      namespace: this.#settings.namespace,
      signal: ctx.signal,
    });
  }
}
