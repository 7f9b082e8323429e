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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CloudDeploymentsClient } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { AddressInfo } from 'node:net';
import { cloudRunRequest } from '../__testUtils__/fixtures';
import { cloudRunSandboxModule } from '../__testUtils__/sandboxProviders';
import { specAjv, withSpecRefs } from '../__testUtils__/specSchemas';
import { cloudDeploymentsPlugin } from '../plugin';
import { spec } from './openapi/generated/router';

// The answers of the running plugin, checked against the response schemas of
// the spec (which are written by hand, unlike the request schemas).
describe('openapi.yaml responses', () => {
  type Answer = { method: string; path: string; status: number; body: unknown };
  const answers: Answer[] = [];
  let client: CloudDeploymentsClient;
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const cloudRun = await cloudRunSandboxModule();
    const backend = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        cloudRun.module,
        mockServices.rootConfig.factory({
          data: { cloudDeployments: { jobs: { enabled: false } } },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    base = `http://localhost:${port}/api/cloud-deployments`;
    client = new CloudDeploymentsClient({
      discoveryApi: { getBaseUrl: async () => base },
      fetchApi: { fetch: record },
    });
    stop = async () => {
      await backend.stop();
      await cloudRun.sandbox.close();
    };
  });

  afterAll(() => stop());

  async function record(input: RequestInfo | URL, init?: RequestInit) {
    const request = new Request(input, init);
    const response = await fetch(request);
    const text = await response.clone().text();
    answers.push({
      method: request.method.toLowerCase(),
      path: new URL(request.url).pathname.slice(
        '/api/cloud-deployments'.length,
      ),
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    });
    return response;
  }

  /** The operation of the spec a request went to, most literal path first. */
  function operationOf(method: string, path: string) {
    const [template] = Object.keys(spec.paths)
      .filter(t => new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`).test(path))
      .sort((a, b) => a.split('{').length - b.split('{').length);
    const item = (spec.paths as Record<string, any>)[template];
    if (!item?.[method]) throw new Error(`No operation for ${method} ${path}`);
    return { template, operation: item[method] };
  }

  function schemaOf(method: string, path: string, status: number) {
    const { template, operation } = operationOf(method, path);
    let response =
      operation.responses[String(status)] ?? operation.responses.default;
    if (response.$ref) {
      response = (spec.components.responses as Record<string, any>)[
        response.$ref.split('/').pop()
      ];
    }
    const schema = response.content?.['application/json']?.schema;
    if (!schema) {
      throw new Error(`${method} ${template} ${status}: no JSON schema`);
    }
    return schema;
  }

  it('match the spec, successes and refusals alike', async () => {
    await client.listProviders();
    const request = { ...cloudRunRequest, engine: 'sdk' as const };
    const created = await client.createDeployment(request);
    await client.getDeployment(created.id);
    await client.listRevisions(created.id, { limit: 5 });
    await client.getRevision(created.id, 1);
    await client.listDeployments({ status: ['pending'], limit: 5 });
    await client.listEvents(created.id, { after: 0 });
    await client.getDeploymentsSummary({});
    await client.estimateCost(request);
    await client.compareEstimates({
      compute: { cpu: 1, memoryMiB: 2048 },
      regions: { 'gcp-cloud-run': ['us-central1', 'europe-west1'] },
    });
    // Cloud Run has no GPU prices: an option without an estimate.
    await client.compareEstimates({
      compute: { cpu: 1, memoryMiB: 2048, gpu: 1 },
    });
    await client.renderDeployment({ ...cloudRunRequest, name: 'rendered' });
    await client.updateDeployment(created.id, {
      version: created.version,
      title: 'Web API',
    });
    await client.cancelDeployment(created.id);
    const workspace = await client.createTerraformWorkspace({
      deploymentId: created.id,
    });
    await client.getTerraformWorkspace(workspace.name);
    await client.listTerraformStateVersions(workspace.name, { limit: 5 });
    await client.replaceTerraformWorkspaceToken(workspace.name);
    await record(`${base}/prices?provider=gcp&limit=3`);
    const refusals = [
      () => client.getDeployment('00000000-0000-4000-8000-000000000000'),
      () => client.updateDeployment(created.id, { version: created.version }),
      () => client.createDeployment({ ...request, name: 'Not A Name' }),
      () => client.compareEstimates({ compute: { cpu: 0, memoryMiB: 512 } }),
      // Cancelled already: it is failed.
      () => client.cancelDeployment(created.id),
      () => client.getRevision(created.id, 9),
      // Only revision 1: nothing before it to restore.
      () => client.rollbackDeployment(created.id),
    ];
    for (const refusal of refusals) {
      await expect(refusal()).rejects.toMatchObject({ name: 'ResponseError' });
    }

    const ajv = specAjv();
    const problems = answers.flatMap(({ method, path, status, body }) => {
      const validate = ajv.compile(
        withSpecRefs(schemaOf(method, path, status)),
      );
      return validate(body)
        ? []
        : [`${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`];
    });

    // 19 calls answered, 7 refused: every kind of answer was checked.
    expect(answers).toHaveLength(26);
    expect(new Set(answers.map(a => a.status))).toEqual(
      new Set([200, 201, 202, 400, 404, 409]),
    );
    expect(problems).toEqual([]);
  });
});
