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
import {
  kubernetesDeployment,
  SETTINGS,
} from './__testUtils__/kubernetesCases';
import { KubernetesProvider } from './KubernetesProvider';
import { KubernetesSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { toYaml } from './manifests/renderKubernetes';
import { deploymentManifests } from './manifests/deploymentManifests';

// The provider's whole cycle against the sandbox API server, through
// @kubernetes/client-node.

describe('KubernetesProvider', () => {
  let sandbox: KubernetesSandbox;
  let provider: KubernetesProvider;
  const lines: string[] = [];
  const ctx = {
    log: async (message: string) => {
      lines.push(message);
    },
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
  };

  beforeEach(async () => {
    sandbox = await KubernetesSandbox.start({
      rolloutMs: 200,
      deletionMs: 200,
    });
    provider = new KubernetesProvider({
      settings: {
        ...SETTINGS,
        clusters: [
          {
            name: 'local',
            url: sandbox.url,
            token: sandbox.token,
            skipTLSVerify: true,
          },
        ],
        sandbox: true,
      },
      pollMs: 50,
    });
    lines.length = 0;
  });
  afterEach(() => sandbox.close());

  /** Calls describe until the state is not in-progress. */
  async function settle(deployment = kubernetesDeployment()) {
    for (let i = 0; i < 100; i++) {
      const state = await provider.describe(deployment, ctx);
      if (state.state !== 'in-progress') return state;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error('did not settle');
  }

  it('provisions, updates with prune, and destroys a deployment', async () => {
    const deployment = kubernetesDeployment();
    expect(await provider.describe(deployment, ctx)).toEqual({
      state: 'absent',
    });
    expect(await provider.provision(deployment, ctx)).toMatchObject({
      state: 'in-progress',
      detail: 'Waiting for the rollout of web: 0 of 1 new replicas updated',
    });
    expect(lines).toEqual([
      'Applied Deployment apps/web to cluster local (server-side apply, field manager backstage-cloud-deployments)',
      'Applied Service apps/web to cluster local (server-side apply, field manager backstage-cloud-deployments)',
      'Applied HorizontalPodAutoscaler apps/web to cluster local (server-side apply, field manager backstage-cloud-deployments)',
    ]);
    expect(await settle()).toEqual({
      state: 'ready',
      endpoint: 'http://web.apps.svc.cluster.local',
      outputs: {
        cluster: 'local',
        namespace: 'apps',
        deployment: 'web',
        service: 'web.apps.svc.cluster.local',
        availableReplicas: 1,
        image: 'ghcr.io/acme/web:1.0.0',
      },
      // Autoscaled: the HPA's bounds, not the replica count it sets.
      config: {
        image: 'ghcr.io/acme/web:1.0.0',
        cpu: 0.5,
        memoryMiB: 512,
        minInstances: 2,
        maxInstances: 6,
        env: {},
      },
    });
    // Someone raises the autoscaler's ceiling: reported as the spec's bound.
    sandbox.editBehindTheBack('HorizontalPodAutoscaler', 'apps', 'web', o => {
      (o.spec as any).maxReplicas = 20;
    });
    expect(await provider.describe(deployment, ctx)).toMatchObject({
      config: { minInstances: 2, maxInstances: 20 },
    });
    // Idempotent: a second provision after a crash applies the same again.
    await provider.provision(deployment, ctx);
    expect(sandbox.objects()).toHaveLength(3);

    // A fixed size: the HPA goes, replicas are set.
    lines.length = 0;
    const fixed = kubernetesDeployment({
      compute: { cpu: 1, memoryMiB: 1024, instanceCount: 2 },
    });
    await provider.update(fixed, ctx);
    expect(lines.at(-1)).toBe(
      'Pruned HorizontalPodAutoscaler apps/web: the deployment no longer has it',
    );
    expect(await settle(fixed)).toMatchObject({
      state: 'ready',
      outputs: { availableReplicas: 2 },
    });
    expect(
      sandbox
        .objects()
        .map(o => o.kind)
        .sort(),
    ).toEqual(['Deployment', 'Service']);

    lines.length = 0;
    expect(await provider.destroy(fixed, ctx)).toEqual({
      state: 'in-progress',
      detail: 'Deployment apps/web is being deleted',
    });
    expect(lines).toEqual([
      'Deleted Service apps/web from cluster local',
      'Deleted Deployment apps/web from cluster local',
    ]);
    expect(await settle(fixed)).toEqual({ state: 'absent' });
    expect(await provider.destroy(fixed, ctx)).toEqual({ state: 'absent' });
    expect(sandbox.objects()).toEqual([]);
  });

  it('stops by scaling to zero without the autoscaler, and starts with both back', async () => {
    const deployment = kubernetesDeployment();
    await provider.provision(deployment, ctx);
    const ready = await settle();
    lines.length = 0;

    expect(await provider.stop(deployment, ctx)).toMatchObject({
      state: 'in-progress',
      detail: 'Scaling Deployment apps/web to zero: 1 replicas left',
    });
    expect(lines).toEqual([
      'Scaled Deployment apps/web to zero replicas in cluster local',
      'Deleted HorizontalPodAutoscaler apps/web: an autoscaler cannot hold zero replicas; start applies it again',
    ]);
    const stopped = await settle();
    expect(stopped).toEqual({
      state: 'stopped',
      outputs: {
        cluster: 'local',
        namespace: 'apps',
        deployment: 'web',
        service: 'web.apps.svc.cluster.local',
        availableReplicas: 0,
        image: 'ghcr.io/acme/web:1.0.0',
      },
      // No replica count or autoscaler bounds: zero on purpose, not drift.
      config: {
        image: 'ghcr.io/acme/web:1.0.0',
        cpu: 0.5,
        memoryMiB: 512,
        env: {},
      },
    });
    const web = sandbox.objects().find(o => o.kind === 'Deployment')!;
    expect(web.metadata.annotations).toMatchObject({
      'cloud-deployments.backstage.io/stopped': 'true',
    });
    expect((web as any).spec.replicas).toBe(0);
    expect(
      sandbox
        .objects()
        .map(o => o.kind)
        .sort(),
    ).toEqual(['Deployment', 'Service']);
    // Nothing runs: listed with no instance.
    expect(
      (await provider.listTaggedResources(ctx)).map(
        r => r.config?.instanceCount,
      ),
    ).toEqual([0]);

    // Idempotent: nothing more to apply or delete.
    lines.length = 0;
    expect(await provider.stop(deployment, ctx)).toEqual(stopped);
    expect(lines).toEqual([]);

    expect(await provider.start(deployment, ctx)).toMatchObject({
      state: 'in-progress',
    });
    expect(await settle()).toEqual(ready);
    expect(
      sandbox
        .objects()
        .map(o => o.kind)
        .sort(),
    ).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Service']);
    const started = sandbox.objects().find(o => o.kind === 'Deployment')!;
    expect(started.metadata.annotations ?? {}).not.toHaveProperty(
      'cloud-deployments.backstage.io/stopped',
    );
    expect((started as any).spec.replicas).toBeUndefined();
    lines.length = 0;
    expect(await provider.start(deployment, ctx)).toEqual(ready);
    expect(lines).toEqual([]);
  });

  it('finishes a stop a crash cut short, starts a fixed size back, and destroys a stopped one', async () => {
    const fixed = kubernetesDeployment({
      compute: { cpu: 1, memoryMiB: 1024, instanceCount: 3 },
    });
    await provider.provision(fixed, ctx);
    await settle(fixed);
    await provider.stop(fixed, ctx);
    expect(await settle(fixed)).toMatchObject({ state: 'stopped' });

    await provider.start(fixed, ctx);
    expect(await settle(fixed)).toMatchObject({
      state: 'ready',
      outputs: { availableReplicas: 3 },
      config: { instanceCount: 3 },
    });

    // Autoscaled, stopped half-way: scaled to zero, the autoscaler left.
    const scaling = kubernetesDeployment();
    await provider.update(scaling, ctx);
    await settle(scaling);
    sandbox.editBehindTheBack('Deployment', 'apps', 'web', o => {
      o.metadata.annotations = {
        'cloud-deployments.backstage.io/stopped': 'true',
      };
      (o.spec as any).replicas = 0;
    });
    lines.length = 0;
    await provider.stop(scaling, ctx);
    expect(lines).toEqual([
      'Deleted HorizontalPodAutoscaler apps/web: an autoscaler cannot hold zero replicas; start applies it again',
    ]);
    expect(await settle(scaling)).toMatchObject({ state: 'stopped' });

    lines.length = 0;
    expect((await provider.destroy(scaling, ctx)).state).toBe('in-progress');
    expect(lines).toEqual([
      'Deleted Service apps/web from cluster local',
      'Deleted Deployment apps/web from cluster local',
    ]);
    expect(await settle(scaling)).toEqual({ state: 'absent' });
    expect(await provider.stop(scaling, ctx)).toEqual({ state: 'absent' });
    expect(await provider.start(scaling, ctx)).toEqual({ state: 'absent' });
  });

  it('reports drift of replicas, image, size, env and labels, and destroys a relabelled Deployment', async () => {
    const deployment = kubernetesDeployment({
      compute: { cpu: 0.5, memoryMiB: 512, instanceCount: 3 },
    });
    await provider.provision(deployment, ctx);
    expect(await settle(deployment)).toMatchObject({
      state: 'ready',
      config: {
        image: 'ghcr.io/acme/web:1.0.0',
        instanceCount: 3,
        cpu: 0.5,
        memoryMiB: 512,
      },
    });

    // What someone with kubectl did: scaled down, swapped the image, gave it
    // more memory and a variable, and dropped every label.
    expect(
      sandbox.editBehindTheBack('Deployment', 'apps', 'web', object => {
        const spec = object.spec as any;
        spec.replicas = 1;
        const container = spec.template.spec.containers[0];
        container.image = 'evil/miner:latest';
        container.resources.requests = { cpu: '2', memory: '1Gi' };
        container.env = [{ name: 'POOL', value: 'pool.example:3333' }];
        object.metadata.labels = {};
      }),
    ).toBe(true);
    const seen = await settle(deployment);
    expect(seen).toMatchObject({
      state: 'ready',
      config: {
        image: 'evil/miner:latest',
        instanceCount: 1,
        cpu: 2,
        memoryMiB: 1024,
        env: { POOL: 'pool.example:3333' },
        missingLabels: {
          'app.kubernetes.io/name': 'web',
          'cloud-deployments.backstage.io/deployment-id': deployment.id,
          'app.kubernetes.io/managed-by': 'backstage-cloud-deployments',
        },
      },
    });

    // A destroy finds the relabelled Deployment by its name too.
    lines.length = 0;
    await provider.destroy(deployment, ctx);
    expect(lines).toEqual([
      'Deleted Service apps/web from cluster local',
      'Deleted Deployment apps/web from cluster local',
    ]);
    expect(await settle(deployment)).toEqual({ state: 'absent' });
    expect(sandbox.objects()).toEqual([]);
  });

  it('re-applies the spec over a relabelled Deployment, and leaves a stranger of the same name alone', async () => {
    const deployment = kubernetesDeployment({
      compute: { cpu: 0.5, memoryMiB: 512, instanceCount: 3 },
    });
    await provider.provision(deployment, ctx);
    await settle(deployment);
    sandbox.editBehindTheBack('Deployment', 'apps', 'web', object => {
      (object.spec as any).replicas = 1;
      object.metadata.labels = {};
    });
    // Its selector still selects the deployment: the object is its own.
    await provider.update(deployment, ctx);
    const state = await settle(deployment);
    expect(state).toMatchObject({
      state: 'ready',
      config: { instanceCount: 3, image: 'ghcr.io/acme/web:1.0.0' },
    });
    expect((state as any).config.missingLabels).toBeUndefined();

    // An unlabelled Deployment of the name that never selected it is not.
    sandbox.editBehindTheBack('Deployment', 'apps', 'web', object => {
      object.metadata.labels = {};
      (object.spec as any).selector = { matchLabels: { app: 'theirs' } };
    });
    const stranger = kubernetesDeployment({
      id: '00000000-0000-4000-8000-0000000000aa',
    });
    expect(await provider.describe(stranger, ctx)).toEqual({ state: 'absent' });
    await expect(provider.provision(stranger, ctx)).rejects.toThrow(
      /already exists/,
    );
    await provider.destroy(stranger, ctx);
    expect(sandbox.objects().map(o => o.kind)).toContain('Deployment');
  });

  it('fails a rollout that exceeds its progress deadline, with the reason', async () => {
    const crashing = kubernetesDeployment({
      spec: { artifact: { image: 'ghcr.io/acme/web:crashloop' } },
    });
    const quick = new KubernetesProvider({
      settings: {
        ...SETTINGS,
        rolloutTimeoutMs: 1000,
        clusters: [
          {
            name: 'local',
            url: sandbox.url,
            token: sandbox.token,
            skipTLSVerify: true,
          },
        ],
      },
    });
    await quick.provision(crashing, ctx);
    let state = await quick.describe(crashing, ctx);
    expect(state).toMatchObject({
      state: 'in-progress',
      detail:
        'Waiting for the rollout of web: 0 of 1 updated replicas available',
    });
    await new Promise(r => setTimeout(r, 1100));
    state = await quick.describe(crashing, ctx);
    expect(state).toMatchObject({
      state: 'failed',
      reason:
        'The rollout of web exceeded its progress deadline: ReplicaSet "web" has timed out progressing.',
    });
  });

  it("refuses to take over an object that is not the deployment's", async () => {
    await provider.provision(kubernetesDeployment(), ctx);
    const other = kubernetesDeployment({
      id: '00000000-0000-4000-8000-00000000000f',
    });
    await expect(provider.provision(other, ctx)).rejects.toMatchObject({
      name: 'ProviderError',
      kind: 'permanent',
      message: `Deployment apps/web already exists in cluster local and was not made by this deployment (it belongs to deployment ${
        kubernetesDeployment().id
      }); choose another name`,
    });
    // And does not see it as its own.
    expect(await provider.describe(other, ctx)).toEqual({ state: 'absent' });
    expect(await provider.destroy(other, ctx)).toEqual({ state: 'absent' });
    expect(sandbox.objects()).toHaveLength(3);
  });

  describe('applyManifests', () => {
    const manifests = toYaml(
      deploymentManifests(kubernetesDeployment(), {
        ...SETTINGS,
        namespace: 'apps',
      }),
    );
    const request = {
      applySet: 'web-shop',
      manifests,
      prune: false,
      dryRun: false,
      wait: false,
    };

    it('dry-runs without persisting anything', async () => {
      const result = await provider.applyManifests(
        { ...request, dryRun: true, wait: true },
        ctx,
      );
      expect(result).toEqual({
        cluster: 'local',
        namespace: 'apps',
        dryRun: true,
        applied: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: 'apps',
            name: 'web',
          },
          { apiVersion: 'v1', kind: 'Service', namespace: 'apps', name: 'web' },
          {
            apiVersion: 'autoscaling/v2',
            kind: 'HorizontalPodAutoscaler',
            namespace: 'apps',
            name: 'web',
          },
        ],
        pruned: [],
        rollouts: [],
        log: [
          'Applied Deployment apps/web to cluster local (dry run: nothing persisted)',
          'Applied Service apps/web to cluster local (dry run: nothing persisted)',
          'Applied HorizontalPodAutoscaler apps/web to cluster local (dry run: nothing persisted)',
        ],
      });
      expect(sandbox.objects()).toEqual([]);
      expect(
        new Set(
          sandbox.requests
            .filter(r => r.method === 'PATCH')
            .map(r => r.query.dryRun),
        ),
      ).toEqual(new Set(['All']));
    });

    it('labels the set, prunes what left it, and waits for rollouts', async () => {
      const first = await provider.applyManifests(
        { ...request, wait: true, timeoutSeconds: 10 },
        ctx,
      );
      expect(first.rollouts).toEqual([
        {
          name: 'web',
          ready: true,
          message: 'web rolled out: 1 of 1 replicas available',
        },
      ]);
      expect(
        sandbox
          .objects()
          .every(
            o =>
              o.metadata.labels?.[
                'cloud-deployments.backstage.io/apply-set'
              ] === 'web-shop',
          ),
      ).toBe(true);

      const withoutHpa = toYaml(
        deploymentManifests(kubernetesDeployment(), SETTINGS).slice(0, 2),
      );
      const second = await provider.applyManifests(
        { ...request, manifests: withoutHpa, prune: true },
        ctx,
      );
      expect(second.pruned).toEqual([
        {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          namespace: 'apps',
          name: 'web',
        },
      ]);
      expect(second.log.at(-1)).toBe(
        'Pruned HorizontalPodAutoscaler apps/web: no longer in the set web-shop',
      );
      expect(
        sandbox
          .objects()
          .map(o => o.kind)
          .sort(),
      ).toEqual(['Deployment', 'Service']);
    });

    it.each([
      [
        'an unknown cluster',
        { cluster: 'prod' },
        "cluster: no Kubernetes cluster 'prod' is configured (clusters: local)",
      ],
      [
        'another namespace',
        { namespace: 'other' },
        "Deployment/web: metadata.namespace 'apps' differs from the namespace of the apply (other)",
      ],
      [
        'no object',
        { manifests: '---\n' },
        'manifests: there is no object to apply',
      ],
      [
        'an unknown field',
        {
          manifests: manifests.replace(
            'progressDeadlineSeconds',
            'progressDeadline',
          ),
        },
        'Deployment/web: spec.progressDeadline: is not a field of Deployment',
      ],
      [
        'a kind it does not apply',
        {
          manifests: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n',
        },
        'Secret/creds: v1 Secret is not a kind the portal applies',
      ],
    ])('refuses %s before sending anything', async (_, change, message) => {
      const applying = provider.applyManifests({ ...request, ...change }, ctx);
      await expect(applying).rejects.toMatchObject({ name: 'InputError' });
      await expect(applying).rejects.toThrow(message);
      expect(sandbox.requests.filter(r => r.method !== 'GET')).toEqual([]);
    });
  });
});
