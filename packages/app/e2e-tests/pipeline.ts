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

import { APIRequestContext, expect } from '@playwright/test';
import { api } from './portal';

/**
 * A release pipeline's headers: a service with a token of this run only
 * (playwright.config.ts), so that the guest can approve what it asks for.
 */
export const pipelineHeaders = () => ({
  Authorization: `Bearer ${process.env.E2E_PIPELINE_TOKEN}`,
});

/** A POST to the cloud-deployments API as the release pipeline. */
export async function asPipeline(
  request: APIRequestContext,
  path: string,
  data: object,
) {
  const res = await request.post(`${api}${path}`, {
    headers: pipelineHeaders(),
    data,
  });
  return { status: res.status(), body: await res.json() };
}

/**
 * Has the pipeline create a sandbox Azure Container Instances deployment of
 * the example website for the guests (group:default/guests), in staging, and
 * waits until it is active; returns its id.
 */
export async function createActiveAciDeployment(
  request: APIRequestContext,
  name: string,
): Promise<string> {
  const created = await asPipeline(request, '/deployments', {
    name,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'staging',
    provider: 'azure-container-instances',
    region: 'eastus',
    engine: 'sdk',
    artifact: { image: 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' },
    compute: { cpu: 1, memoryMiB: 1536 },
  });
  expect(created.status).toBe(202);
  const { id } = created.body;
  // Provisioning takes a minute or two on a busy machine.
  await expect(async () => {
    const res = await request.get(`${api}/deployments/${id}`, {
      headers: pipelineHeaders(),
    });
    expect((await res.json()).status).toBe('active');
  }).toPass({ timeout: 240_000, intervals: [2_000, 5_000] });
  return id;
}
