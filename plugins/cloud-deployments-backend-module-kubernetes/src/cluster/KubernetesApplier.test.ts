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
  kubernetesDeployment,
  SETTINGS,
} from '../__testUtils__/kubernetesCases';
import { deploymentManifests } from '../manifests/deploymentManifests';
import { KubernetesSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { KubernetesApplier } from './KubernetesApplier';

// @kubernetes/client-node against the sandbox API server on loopback: the
// sandbox records every request and checks it as an API server would.

describe('KubernetesApplier', () => {
  let sandbox: KubernetesSandbox;
  let applier: KubernetesApplier;
  const deployment = kubernetesDeployment();
  const manifests = deploymentManifests(deployment, SETTINGS);
  const idLabel = {
    'cloud-deployments.backstage.io/deployment-id': deployment.id,
  };

  beforeEach(async () => {
    sandbox = await KubernetesSandbox.start({
      rolloutMs: 300,
      deletionMs: 0,
      token: 'test-token-123',
    });
    applier = new KubernetesApplier({
      cluster: {
        name: 'test',
        url: sandbox.url,
        token: 'test-token-123',
        skipTLSVerify: true,
      },
      fieldManager: 'backstage-cloud-deployments',
    });
  });
  afterEach(() => sandbox.close());

  it('applies server-side: PATCH with the apply content type, field manager and force, the object as body', async () => {
    const applied = await applier.apply(manifests, { dryRun: false });
    expect(applied.map(o => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Deployment/web',
      'Service/web',
      'HorizontalPodAutoscaler/web',
    ]);
    expect(applied[0].metadata).toMatchObject({
      uid: expect.any(String),
      generation: 1,
    });

    const patches = sandbox.requests.filter(r => r.method === 'PATCH');
    expect(
      patches.map(({ path, query, contentType, authorization, body }) => ({
        path,
        query,
        contentType,
        authorization,
        body,
      })),
    ).toEqual([
      {
        path: '/apis/apps/v1/namespaces/apps/deployments/web',
        query: { fieldManager: 'backstage-cloud-deployments', force: 'true' },
        contentType: 'application/apply-patch+yaml',
        authorization: 'Bearer test-token-123',
        body: manifests[0],
      },
      {
        path: '/api/v1/namespaces/apps/services/web',
        query: { fieldManager: 'backstage-cloud-deployments', force: 'true' },
        contentType: 'application/apply-patch+yaml',
        authorization: 'Bearer test-token-123',
        body: manifests[1],
      },
      {
        path: '/apis/autoscaling/v2/namespaces/apps/horizontalpodautoscalers/web',
        query: { fieldManager: 'backstage-cloud-deployments', force: 'true' },
        contentType: 'application/apply-patch+yaml',
        authorization: 'Bearer test-token-123',
        body: manifests[2],
      },
    ]);
    // Discovery tells the client each kind's resource name.
    expect(
      sandbox.requests.filter(r => r.method === 'GET').map(r => r.path),
    ).toEqual(
      expect.arrayContaining([
        '/apis/apps/v1',
        '/api/v1',
        '/apis/autoscaling/v2',
      ]),
    );
    expect(sandbox.objects()).toHaveLength(3);
  });

  it('persists nothing in a dry run, though the server checks everything', async () => {
    await applier.apply(manifests, { dryRun: true });
    expect(
      sandbox.requests
        .filter(r => r.method === 'PATCH')
        .map(r => r.query.dryRun),
    ).toEqual(['All', 'All', 'All']);
    expect(sandbox.objects()).toEqual([]);

    const bad = structuredClone(manifests);
    (
      bad[0] as any
    ).spec.template.spec.containers[0].ports[0].containerPort = 70000;
    await expect(applier.apply(bad, { dryRun: true })).rejects.toMatchObject({
      name: 'ProviderError',
      kind: 'permanent',
      code: '422',
      message: expect.stringContaining(
        'Kubernetes cluster test refused to apply Deployment apps/web: The manifests are not valid: Deployment/web: spec.template.spec.containers[0].ports[0].containerPort: must be a port number between 1 and 65535 (HTTP 422)',
      ),
    });
  });

  it('loses unknown fields in the client: why manifests are validated before they are sent', async () => {
    const typo = structuredClone(manifests);
    (typo[0] as any).spec.replica = 2;
    await applier.apply(typo.slice(0, 1), { dryRun: false });
    const sent = sandbox.requests.find(r => r.method === 'PATCH')?.body as any;
    expect(sent.spec).not.toHaveProperty('replica');
  });

  it('prunes the objects the set no longer has, and only those', async () => {
    await applier.apply(manifests, { dryRun: false });
    const other = deploymentManifests(
      kubernetesDeployment({
        id: '00000000-0000-4000-8000-000000000001',
        name: 'other',
      }),
      SETTINGS,
    );
    await applier.apply(other, { dryRun: false });

    // The new version has a fixed size: no HPA.
    const fixed = manifests.slice(0, 2);
    expect(
      await applier.prune('apps', idLabel, fixed, { dryRun: true }),
    ).toEqual([
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        namespace: 'apps',
        name: 'web',
      },
    ]);
    expect(sandbox.objects()).toHaveLength(6);
    const pruned = await applier.prune('apps', idLabel, fixed, {
      dryRun: false,
    });
    expect(pruned.map(r => r.kind)).toEqual(['HorizontalPodAutoscaler']);
    expect(
      sandbox
        .objects()
        .map(o => `${o.kind}/${o.metadata.name}`)
        .sort(),
    ).toEqual([
      'Deployment/other',
      'Deployment/web',
      'HorizontalPodAutoscaler/other',
      'Service/other',
      'Service/web',
    ]);
    const lists = sandbox.requests.filter(
      r => r.method === 'GET' && r.query.labelSelector,
    );
    expect(lists[0].query.labelSelector).toBe(
      `cloud-deployments.backstage.io/deployment-id=${deployment.id}`,
    );
    const deletes = sandbox.requests.filter(r => r.method === 'DELETE');
    expect(deletes.map(r => [r.path, r.query])).toEqual([
      [
        '/apis/autoscaling/v2/namespaces/apps/horizontalpodautoscalers/web',
        { dryRun: 'All', propagationPolicy: 'Background' },
      ],
      [
        '/apis/autoscaling/v2/namespaces/apps/horizontalpodautoscalers/web',
        { propagationPolicy: 'Background' },
      ],
    ]);
  });

  it('waits for a rollout, and says where it stopped when the time is up', async () => {
    await applier.apply(manifests, { dryRun: false });
    expect(
      await applier.waitForRollout('apps', 'web', {
        timeoutMs: 5000,
        pollMs: 50,
      }),
    ).toEqual({
      state: 'done',
      message: 'web rolled out: 1 of 1 replicas available',
    });

    const crashing = deploymentManifests(
      kubernetesDeployment({
        spec: { artifact: { image: 'ghcr.io/acme/web:crashloop' } },
      }),
      SETTINGS,
    );
    await applier.apply(crashing, { dryRun: false });
    const waited = await applier.waitForRollout('apps', 'web', {
      timeoutMs: 300,
      pollMs: 50,
    });
    expect(waited).toEqual({
      state: 'progressing',
      message:
        'Waiting for the rollout of web: 0 of 1 updated replicas available (gave up after 0 s)',
    });
    expect(
      await applier.waitForRollout('apps', 'nope', { timeoutMs: 300 }),
    ).toEqual({
      state: 'failed',
      message: 'Deployment apps/nope does not exist',
    });
  });

  it('stops waiting when aborted', async () => {
    await applier.apply(
      deploymentManifests(
        kubernetesDeployment({
          spec: { artifact: { image: 'ghcr.io/acme/web:crashloop' } },
        }),
        SETTINGS,
      ),
      { dryRun: false },
    );
    const controller = new AbortController();
    const waiting = applier.waitForRollout('apps', 'web', {
      timeoutMs: 60_000,
      pollMs: 50,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('cancelled')), 200);
    await expect(waiting).rejects.toThrow('cancelled');
  });

  it('classifies what the server says: 401 permanent, unreachable transient; the token never in a message', async () => {
    const wrong = new KubernetesApplier({
      cluster: {
        name: 'test',
        url: sandbox.url,
        token: 'wrong-token-456',
        skipTLSVerify: true,
      },
      fieldManager: 'm',
    });
    const refused = wrong.apply(manifests, { dryRun: false });
    await expect(refused).rejects.toMatchObject({
      kind: 'permanent',
      code: '401',
    });
    await expect(refused).rejects.not.toThrow(/wrong-token-456/);

    await sandbox.close();
    const down = applier.readDeployment('apps', 'web');
    await expect(down).rejects.toMatchObject({
      name: 'ProviderError',
      kind: 'transient',
    });
    await expect(down).rejects.toThrow(
      /Kubernetes cluster test could not be reached to read Deployment apps\/web/,
    );
    sandbox = await KubernetesSandbox.start();
  });
});
