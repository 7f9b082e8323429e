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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ProviderContext,
  ProviderError,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CloudRunSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { CloudRunProvider } from './CloudRunProvider';
import { CLOUD_RUN_REGIONS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  DEPLOYMENT_ID_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
} from './cloudRunService';
import { createServicesClient } from './createServicesClient';
import { CloudRunAccount } from './readCloudRunConfig';

const ML: CloudRunAccount = {
  id: 'ml',
  projectId: 'acme-ml',
  regions: ['us-central1', 'europe-west1'],
};

function service(
  labels: Record<string, string>,
  template: Record<string, unknown> = {},
) {
  return {
    labels,
    template: {
      containers: [
        {
          image: 'us-docker.pkg.dev/acme/models/model:1.0.0',
          env: [{ name: 'SECRET_NAME', value: 'not in the answer' }],
          resources: { limits: { cpu: '2', memory: '1Gi' } },
        },
      ],
      scaling: { minInstanceCount: 1, maxInstanceCount: 4 },
      ...template,
    },
  };
}

const tagged = (id: string) => ({
  [MANAGED_BY_LABEL]: MANAGED_BY,
  [DEPLOYMENT_ID_LABEL]: id,
});

describe('CloudRunProvider.listTaggedResources', () => {
  let sandbox: CloudRunSandbox;
  let provider: CloudRunProvider;

  const start = (accounts: CloudRunAccount[], pageSize?: number) => {
    provider = new CloudRunProvider({
      accounts,
      sandboxUrl: sandbox.url,
      timeoutMs: 2000,
      pageSize,
    });
    return provider;
  };
  const ctx = () => ({
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
  });
  const lists = () =>
    sandbox.requests.filter(
      r => r.method === 'GET' && r.path.endsWith('/services'),
    );
  const seed = (
    project: string,
    region: string,
    id: string,
    body: Record<string, unknown>,
  ) =>
    sandbox.seedService(
      `projects/${project}/locations/${region}/services/${id}`,
      body,
    );

  beforeEach(async () => {
    sandbox = await CloudRunSandbox.start({ readyAfterMs: 20 });
  });

  afterEach(async () => {
    await provider?.close();
    await sandbox.close();
  });

  it('reports a service the provider made, with its labelled id and what it runs', async () => {
    start([ML]);
    const deployment: Deployment = {
      id: '6f1d0c2a-9b7e-4e21-8f3a-0a2b4c6d8e10',
      name: 'scoring',
      status: 'provisioning',
      outputs: {},
      createdBy: 'user:default/ada',
      createdAt: '2026-01-01T00:00:00Z',
      updatedBy: 'user:default/ada',
      updatedAt: '2026-01-01T00:00:00Z',
      version: 1,
      spec: {
        owner: 'group:default/ml',
        component: 'component:default/scoring',
        environment: 'development',
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        engine: 'sdk',
        artifact: { image: 'us-docker.pkg.dev/acme/models/scoring:2.0.0' },
        compute: { cpu: 0.5, memoryMiB: 256, minInstances: 0, maxInstances: 3 },
      },
    };
    const providerCtx: ProviderContext = {
      ...ctx(),
      log: async () => {},
    };
    await provider.provision(deployment, providerCtx);

    const resources = await provider.listTaggedResources(ctx());

    expect(resources).toEqual([
      {
        deploymentId: deployment.id,
        kind: 'Cloud Run service',
        resourceId: 'projects/acme-ml/locations/europe-west1/services/scoring',
        name: 'scoring',
        region: 'europe-west1',
        location: 'ml',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        config: {
          image: 'us-docker.pkg.dev/acme/models/scoring:2.0.0',
          cpu: 0.5,
          memoryMiB: 256,
          minInstances: 0,
          maxInstances: 3,
        },
      },
    ]);
    expect(Date.now() - Date.parse(resources[0].createdAt!)).toBeLessThan(
      60_000,
    );
  });

  it('reads every page of every configured project and region, and only labelled services', async () => {
    start(
      [ML, { id: 'web', projectId: 'acme-web', regions: ['asia-east1'] }],
      50,
    );
    for (let i = 0; i < 120; i++) {
      const id = `svc-${String(i).padStart(3, '0')}`;
      const labels =
        i % 2 === 0 ? tagged(`id-${i}`) : { [MANAGED_BY_LABEL]: MANAGED_BY };
      seed('acme-ml', 'us-central1', id, service(labels));
    }
    seed('acme-ml', 'europe-west1', 'eu', service(tagged('id-eu')));
    seed('acme-web', 'asia-east1', 'web', service(tagged('id-web')));
    // Neither a configured project nor a configured region.
    seed('acme-other', 'us-central1', 'x', service(tagged('id-x')));
    seed('acme-ml', 'us-east1', 'y', service(tagged('id-y')));

    const resources = await provider.listTaggedResources(ctx());

    expect(resources).toHaveLength(62);
    expect(
      resources
        .filter(r => ['id-eu', 'id-web'].includes(r.deploymentId))
        .map(r => [r.name, r.region, r.location]),
    ).toEqual([
      ['eu', 'europe-west1', 'ml'],
      ['web', 'asia-east1', 'web'],
    ]);
    expect(resources.find(r => r.deploymentId === 'id-42')).toEqual({
      deploymentId: 'id-42',
      kind: 'Cloud Run service',
      resourceId: 'projects/acme-ml/locations/us-central1/services/svc-042',
      name: 'svc-042',
      region: 'us-central1',
      location: 'ml',
      createdAt: expect.any(String),
      // Its environment is left out.
      config: {
        image: 'us-docker.pkg.dev/acme/models/model:1.0.0',
        cpu: 2,
        memoryMiB: 1024,
        minInstances: 1,
        maxInstances: 4,
      },
    });
    // 120 services by 50: 3 pages; one each for the other two locations.
    const paths = lists().map(r => r.path);
    expect(paths).toHaveLength(5);
    expect(
      paths.filter(p => p.includes('acme-ml/locations/us-central1')),
    ).toHaveLength(3);
    expect(lists().every(r => r.query.pageSize === '50')).toBe(true);
  });

  it('looks in every region the portal accepts for a project without regions', async () => {
    start([{ id: 'any', projectId: 'acme-any' }]);
    seed('acme-any', 'me-central2', 'far', service(tagged('id-far')));

    const resources = await provider.listTaggedResources(ctx());

    expect(resources.map(r => [r.name, r.region])).toEqual([
      ['far', 'me-central2'],
    ]);
    const regions = lists().map(r => r.path.split('/')[5]);
    expect(new Set(regions)).toEqual(new Set(CLOUD_RUN_REGIONS));
    expect(regions).toHaveLength(CLOUD_RUN_REGIONS.length);
  });

  it('reports a service once when two accounts name the same project', async () => {
    start([ML, { ...ML, id: 'ml-again', regions: ['europe-west1'] }]);
    seed('acme-ml', 'europe-west1', 'eu', service(tagged('id-eu')));
    const resources = await provider.listTaggedResources(ctx());
    expect(resources.map(r => [r.name, r.location])).toEqual([['eu', 'ml']]);
  });

  it('leaves out services being deleted', async () => {
    start([ML]);
    seed('acme-ml', 'us-central1', 'going', service(tagged('id-going')));
    seed('acme-ml', 'us-central1', 'staying', service(tagged('id-staying')));
    const client = createServicesClient(ML, sandbox.url);
    await client.deleteService({
      name: 'projects/acme-ml/locations/us-central1/services/going',
    });
    await client.close();

    const resources = await provider.listTaggedResources(ctx());
    expect(resources.map(r => r.name)).toEqual(['staying']);
  });

  it('keeps unusual label values as they are and ignores empty ones', async () => {
    start([ML]);
    // Written through the API: Cloud Run takes international lowercase
    // letters in labels, up to 63 characters.
    const client = createServicesClient(ML, sandbox.url);
    const values: Record<string, string> = {
      long: 'x'.repeat(63),
      unicode: 'ünïcødé-漢字-ελληνικά_٣',
      empty: '',
    };
    for (const [id, value] of Object.entries(values)) {
      await client.createService({
        parent: 'projects/acme-ml/locations/us-central1',
        serviceId: id,
        service: service({ [DEPLOYMENT_ID_LABEL]: value }),
      });
    }
    await client.close();
    // Seeded past the API's checks, as a broken tool might have left them.
    seed('acme-ml', 'europe-west1', 'odd', {
      ...service({ [DEPLOYMENT_ID_LABEL]: '\u{1F600} \u202Eevil\u0000' }),
    });
    seed('acme-ml', 'europe-west1', 'huge', {
      ...service({ [DEPLOYMENT_ID_LABEL]: 'h'.repeat(10_000) }),
    });
    seed('acme-ml', 'europe-west1', 'blank', {
      ...service({ [DEPLOYMENT_ID_LABEL]: '  ' }),
    });

    const resources = await provider.listTaggedResources(ctx());

    expect(
      Object.fromEntries(resources.map(r => [r.name, r.deploymentId])),
    ).toEqual({
      long: values.long,
      unicode: values.unicode,
      odd: '\u{1F600} \u202Eevil\u0000',
      huge: 'h'.repeat(10_000),
    });
  });

  it('throws, naming the project and region, when a location cannot be listed', async () => {
    start([ML]);
    seed('acme-ml', 'us-central1', 'a', service(tagged('id-a')));
    sandbox.rejectNext({
      pathPrefix: '/v2/projects/acme-ml/locations/europe-west1/',
      status: 'PERMISSION_DENIED',
      message:
        "Permission 'run.services.list' denied on resource 'namespaces/acme-ml/services' (or resource may not exist).",
    });

    const error = await provider.listTaggedResources(ctx()).catch(e => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toBe(
      "Cannot list the tagged resources of Cloud Run in project acme-ml (account 'ml'), region europe-west1: Cloud Run list of services in projects/acme-ml/locations/europe-west1 failed with PERMISSION_DENIED: Permission 'run.services.list' denied on resource 'namespaces/acme-ml/services' (or resource may not exist).",
    );
    expect(error).toMatchObject({
      kind: 'permanent',
      code: 'PERMISSION_DENIED',
    });
  });
});
