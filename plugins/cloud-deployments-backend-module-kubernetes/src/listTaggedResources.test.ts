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
import { mockServices } from '@backstage/backend-test-utils';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { KubernetesSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  kubernetesDeployment,
  SETTINGS,
} from './__testUtils__/kubernetesCases';
import { KubernetesApplier } from './cluster/KubernetesApplier';
import { KubernetesCluster } from './cluster/readKubernetesConfig';
import {
  DEPLOYMENT_ID_LABEL,
  deploymentManifests,
  Manifest,
} from './manifests/deploymentManifests';
import { KubernetesProvider } from './KubernetesProvider';

// listTaggedResources against sandbox API servers, through
// @kubernetes/client-node's list with limit and continue.

const ctx = () => ({
  signal: new AbortController().signal,
  logger: mockServices.logger.mock(),
});

function clusterOf(
  sandbox: KubernetesSandbox,
  name: string,
): KubernetesCluster {
  return { name, url: sandbox.url, token: sandbox.token, skipTLSVerify: true };
}

/** The objects of a deployment of that id and name, made by the portal. */
function manifestsOf(
  id: string,
  name: string,
  compute?: Deployment['spec']['compute'],
  namespace = SETTINGS.namespace,
): Manifest[] {
  return deploymentManifests(
    kubernetesDeployment({ id, name, ...(compute ? { compute } : {}) }),
    { ...SETTINGS, namespace },
  );
}

/** A Deployment whose id label is changed (or dropped, with undefined). */
function relabelled(id: string | undefined, name: string): Manifest {
  const [deployment] = manifestsOf(
    '5f1c7c4e-aaaa-4bbb-8ccc-000000000000',
    name,
  );
  const labels = { ...deployment.metadata.labels };
  if (id === undefined) delete labels[DEPLOYMENT_ID_LABEL];
  else labels[DEPLOYMENT_ID_LABEL] = id;
  return { ...deployment, metadata: { ...deployment.metadata, labels } };
}

describe('KubernetesProvider.listTaggedResources', () => {
  const sandboxes: KubernetesSandbox[] = [];
  const start = async (options = {}) => {
    const sandbox = await KubernetesSandbox.start({
      rolloutMs: 0,
      deletionMs: 0,
      ...options,
    });
    sandboxes.push(sandbox);
    return sandbox;
  };
  const applierOf = (sandbox: KubernetesSandbox) =>
    new KubernetesApplier({
      cluster: clusterOf(sandbox, 'seed'),
      fieldManager: 'someone-else',
    });
  const providerFor = (clusters: KubernetesCluster[], pageSize?: number) =>
    new KubernetesProvider({
      settings: { ...SETTINGS, clusters, sandbox: false },
      pageSize,
    });

  afterEach(async () => {
    await Promise.all(sandboxes.map(s => s.close()));
    sandboxes.length = 0;
  });

  it('reports the labelled Deployments of every cluster, page by page, with what they run', async () => {
    const eu = await start();
    const us = await start();
    const fixed = manifestsOf('id-fixed', 'fixed', {
      cpu: 2,
      memoryMiB: 4096,
      instanceCount: 3,
    });
    const scaled = manifestsOf('id-scaled', 'scaled');
    const many = Array.from({ length: 5 }, (_, i) =>
      manifestsOf(`id-${i}`, `many-${i}`, { cpu: 0.25, memoryMiB: 256 }),
    ).flat();
    await applierOf(eu).apply(
      [
        ...fixed,
        ...scaled,
        ...many,
        relabelled(undefined, 'unlabelled'),
        // Another namespace: not the deployments'.
        ...manifestsOf('id-elsewhere', 'elsewhere', undefined, 'other'),
      ],
      { dryRun: false },
    );
    await applierOf(us).apply(manifestsOf('id-us', 'web'), { dryRun: false });
    const provider = providerFor(
      [clusterOf(eu, 'prod-eu'), clusterOf(us, 'prod-us')],
      2,
    );

    const resources = await provider.listTaggedResources(ctx());

    expect(resources.map(r => `${r.location} ${r.resourceId}`).sort()).toEqual([
      'prod-eu apps/fixed',
      'prod-eu apps/many-0',
      'prod-eu apps/many-1',
      'prod-eu apps/many-2',
      'prod-eu apps/many-3',
      'prod-eu apps/many-4',
      'prod-eu apps/scaled',
      'prod-us apps/web',
    ]);
    expect(resources.find(r => r.name === 'fixed')).toEqual({
      deploymentId: 'id-fixed',
      kind: 'Kubernetes Deployment',
      resourceId: 'apps/fixed',
      name: 'fixed',
      region: 'prod-eu',
      location: 'prod-eu',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      config: {
        image: 'ghcr.io/acme/web:1.0.0',
        instanceCount: 3,
        cpu: 2,
        memoryMiB: 4096,
      },
    });
    // Autoscaled: the replicas the Deployment has now, and the HPA's bounds.
    expect(resources.find(r => r.name === 'scaled')?.config).toEqual({
      image: 'ghcr.io/acme/web:1.0.0',
      instanceCount: 1,
      cpu: 0.5,
      memoryMiB: 512,
      minInstances: 2,
      maxInstances: 6,
    });
    // Pages of 2 with continue tokens: 8 Deployments in apps (7 labelled),
    // then the HPA (one page).
    const lists = eu.requests.filter(
      r =>
        r.method === 'GET' &&
        r.path === '/apis/apps/v1/namespaces/apps/deployments',
    );
    expect(lists).toHaveLength(4);
    expect(lists.every(r => r.query.limit === '2')).toBe(true);
    expect(
      lists.every(r => r.query.labelSelector === DEPLOYMENT_ID_LABEL),
    ).toBe(true);
    expect(lists.map(r => Boolean(r.query.continue))).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it('keeps unusual label values as they are, ignores empty ones, and leaves out Deployments being deleted', async () => {
    const sandbox = await start({ deletionMs: 60_000 });
    await applierOf(sandbox).apply(
      [
        relabelled('', 'empty'),
        relabelled('x'.repeat(63), 'long'),
        relabelled('A.b_c-9', 'dotted'),
        ...manifestsOf('id-going', 'going'),
        ...manifestsOf('id-odd', 'odd'),
        ...manifestsOf('id-huge', 'huge'),
      ],
      { dryRun: false },
    );
    await applierOf(sandbox).delete(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'apps',
        name: 'going',
      },
      { dryRun: false },
    );
    // Past the API server's checks, as a broken tool might have left them.
    const odd = '\u{1F600} \u202Eevil\u0000';
    sandbox.editBehindTheBack('Deployment', 'apps', 'odd', o => {
      o.metadata.labels![DEPLOYMENT_ID_LABEL] = odd;
    });
    sandbox.editBehindTheBack('Deployment', 'apps', 'huge', o => {
      o.metadata.labels![DEPLOYMENT_ID_LABEL] = 'h'.repeat(100_000);
    });
    const provider = providerFor([clusterOf(sandbox, 'prod-eu')]);

    const resources = await provider.listTaggedResources(ctx());

    expect(
      Object.fromEntries(resources.map(r => [r.name, r.deploymentId])),
    ).toEqual({
      long: 'x'.repeat(63),
      dotted: 'A.b_c-9',
      odd,
      huge: 'h'.repeat(100_000),
    });
  });

  it('throws, naming the cluster and namespace, when a cluster cannot be listed', async () => {
    const ok = await start();
    const locked = await start({ token: 'another-token' });
    const provider = providerFor([
      clusterOf(ok, 'prod-eu'),
      { ...clusterOf(locked, 'prod-us'), token: 'wrong-token' },
    ]);

    const error = await provider.listTaggedResources(ctx()).catch(e => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toBe(
      'Cannot list the tagged resources of Kubernetes cluster prod-us, namespace apps: Kubernetes cluster prod-us refused to list Deployment in apps: Unauthorized (HTTP 401)',
    );
    expect(error).toMatchObject({ kind: 'permanent', code: '401' });

    await locked.close();
    const unreachable = await provider.listTaggedResources(ctx()).catch(e => e);
    expect(unreachable.message).toMatch(
      /^Cannot list the tagged resources of Kubernetes cluster prod-us, namespace apps: Kubernetes cluster prod-us could not be reached to list Deployment in apps: /,
    );
    expect(unreachable.kind).toBe('transient');
  });
});

describe('KubernetesSandbox lists', () => {
  let sandbox: KubernetesSandbox;
  let apps: AppsV1Api;

  beforeEach(async () => {
    sandbox = await KubernetesSandbox.start({ rolloutMs: 0, deletionMs: 0 });
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 's', server: sandbox.url, skipTLSVerify: true }],
      users: [{ name: 'u', token: sandbox.token }],
      contexts: [{ name: 'c', cluster: 's', user: 'u' }],
      currentContext: 'c',
    });
    apps = kc.makeApiClient(AppsV1Api);
    const seed = new KubernetesApplier({
      cluster: clusterOf(sandbox, 'seed'),
      fieldManager: 'seed',
    });
    await seed.apply(
      [
        ...Array.from({ length: 5 }, (_, i) => relabelled(`id-${i}`, `d-${i}`)),
        relabelled(undefined, 'plain'),
        relabelled('other', 'z-other'),
      ],
      { dryRun: false },
    );
  });
  afterEach(() => sandbox.close());

  it('pages a list for the typed client: limit, continue, remainingItemCount, one resourceVersion', async () => {
    const first = await apps.listNamespacedDeployment({
      namespace: 'apps',
      limit: 3,
    });
    expect(first.items.map(d => d.metadata?.name)).toEqual([
      'd-0',
      'd-1',
      'd-2',
    ]);
    expect(first.metadata?.remainingItemCount).toBe(4);
    const second = await apps.listNamespacedDeployment({
      namespace: 'apps',
      limit: 3,
      _continue: first.metadata?._continue,
    });
    expect(second.items.map(d => d.metadata?.name)).toEqual([
      'd-3',
      'd-4',
      'plain',
    ]);
    expect(second.metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    );
    const last = await apps.listNamespacedDeployment({
      namespace: 'apps',
      limit: 3,
      _continue: second.metadata?._continue,
    });
    expect(last.items.map(d => d.metadata?.name)).toEqual(['z-other']);
    expect(last.metadata?._continue).toBeUndefined();
    // The API server's format: base64 of its JSON, after the last name.
    expect(
      JSON.parse(Buffer.from(first.metadata!._continue!, 'base64').toString()),
    ).toEqual({
      v: 'meta.k8s.io/v1',
      rv: expect.any(Number),
      start: 'd-2\u0000',
    });
  });

  it('selects by label existence, inequality and sets', async () => {
    const names = async (labelSelector: string) =>
      (
        await apps.listNamespacedDeployment({
          namespace: 'apps',
          labelSelector,
        })
      ).items.map(d => d.metadata?.name);
    expect(await names(DEPLOYMENT_ID_LABEL)).toEqual([
      'd-0',
      'd-1',
      'd-2',
      'd-3',
      'd-4',
      'z-other',
    ]);
    expect(await names(`!${DEPLOYMENT_ID_LABEL}`)).toEqual(['plain']);
    expect(await names(`${DEPLOYMENT_ID_LABEL} in (id-1, other)`)).toEqual([
      'd-1',
      'z-other',
    ]);
    expect(
      await names(`${DEPLOYMENT_ID_LABEL} notin (id-0,id-1,id-2,id-3,id-4)`),
    ).toEqual(['plain', 'z-other']);
    expect(
      await names(`${DEPLOYMENT_ID_LABEL}!=id-0,${DEPLOYMENT_ID_LABEL}`),
    ).toEqual(['d-1', 'd-2', 'd-3', 'd-4', 'z-other']);
    await expect(
      apps.listNamespacedDeployment({
        namespace: 'apps',
        labelSelector: 'a in b',
      }),
    ).rejects.toMatchObject({ code: 400 });
    await expect(
      apps.listNamespacedDeployment({
        namespace: 'apps',
        limit: 2,
        _continue: 'not-a-token',
      }),
    ).rejects.toMatchObject({ code: 400 });
  });
});
