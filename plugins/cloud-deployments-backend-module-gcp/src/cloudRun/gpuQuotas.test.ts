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
import { CloudRunSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { CloudRunProvider } from './CloudRunProvider';

const ctx = () => ({
  signal: AbortSignal.timeout(10_000),
  logger: mockServices.logger.mock(),
});
const spec = (region: string): DeploymentSpec =>
  ({
    name: 'llm',
    provider: 'gcp-cloud-run',
    account: 'ml',
    region,
    artifact: { image: 'us-docker.pkg.dev/acme/llm:1' },
    compute: { cpu: 4, memoryMiB: 16384, gpu: 1, maxInstances: 2 },
  } as unknown as DeploymentSpec);
const query = (region: string) => ({
  spec: spec(region),
  instanceTypes: ['*'],
});

describe('CloudRunProvider.readQuotas against the sandbox', () => {
  let sandbox: CloudRunSandbox;
  let provider: CloudRunProvider;

  beforeAll(async () => {
    sandbox = await CloudRunSandbox.start({
      gpuQuotas: { 'us-central1': 3 },
      gpuQuotasNoZonalRedundancy: { 'us-central1': 5 },
    });
    provider = new CloudRunProvider({
      accounts: [{ id: 'ml', projectId: 'acme-ml' }],
      sandboxUrl: sandbox.url,
    });
  });
  afterAll(async () => {
    await provider.close();
    await sandbox.close();
  });

  it('reads the L4 GPU quota with zonal redundancy of the region, in GPUs', async () => {
    sandbox.clearRequests();
    const readings = await provider.readQuotas(query('us-central1'), ctx());
    expect([...readings]).toEqual([
      [
        '*',
        {
          name: 'NvidiaL4GpuAllocPerProjectRegion (Total Nvidia L4 GPU allocation, per project per region)',
          unit: 'gpus',
          limit: 3,
        },
      ],
    ]);
    expect(sandbox.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/projects/acme-ml/locations/global/services/run.googleapis.com/quotaInfos/NvidiaL4GpuAllocPerProjectRegion',
    ]);
  });

  it('reports no quota in a region without a value', async () => {
    expect((await provider.readQuotas(query('europe-west1'), ctx())).size).toBe(
      0,
    );
  });

  it('throws a ProviderError when Cloud Quotas refuses', async () => {
    sandbox.rejectNext({
      pathPrefix: '/v1/projects/acme-ml/',
      status: 'PERMISSION_DENIED',
      message: "Permission 'cloudquotas.quotas.get' denied on resource",
    });
    const error = await provider
      .readQuotas(query('us-central1'), ctx())
      .catch(e => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toMatch(
      /GPU quota read \(Cloud Quotas quotaInfos.get of NvidiaL4GpuAllocPerProjectRegion\) failed.*cloudquotas.quotas.get' denied/,
    );
  });

  it('throws for an account that is not configured', async () => {
    await expect(
      provider.readQuotas(
        {
          spec: { ...spec('us-central1'), account: 'nope' },
          instanceTypes: [],
        },
        ctx(),
      ),
    ).rejects.toThrow("no Google Cloud project 'nope' is configured");
  });
});

describe('CloudRunProvider.readQuotas of what Cloud Quotas sends', () => {
  async function readWith(body: unknown, region = 'us-central1') {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const provider = new CloudRunProvider({
      accounts: [{ id: 'ml', projectId: 'acme-ml' }],
      sandboxUrl: `http://127.0.0.1:${port}`,
    });
    try {
      return await provider.readQuotas(query(region), ctx());
    } finally {
      await provider.close();
      server.closeAllConnections();
      await new Promise(r => server.close(r));
    }
  }

  const info = (dimensionsInfos: unknown[]) => ({
    name: 'projects/acme-ml/locations/global/services/run.googleapis.com/quotaInfos/NvidiaL4GpuAllocPerProjectRegion',
    quotaId: 'NvidiaL4GpuAllocPerProjectRegion',
    dimensions: ['region'],
    dimensionsInfos,
  });

  it('takes the default value for a region the quota does not name', async () => {
    const readings = await readWith(
      info([
        { dimensions: { region: 'asia-southeast1' }, details: { value: '7' } },
        { dimensions: {}, details: { value: '1' } },
      ]),
    );
    expect(readings.get('*')).toEqual({
      name: 'NvidiaL4GpuAllocPerProjectRegion',
      unit: 'gpus',
      limit: 1,
    });
  });

  it('reports an unlimited quota (-1) as none', async () => {
    const readings = await readWith(
      info([{ dimensions: { region: 'us-central1' }, details: { value: -1 } }]),
    );
    expect(readings.size).toBe(0);
  });
});
