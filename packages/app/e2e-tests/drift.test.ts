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

import { expect, test } from '@playwright/test';
import { asPipeline, pipelineHeaders } from './pipeline';
import { api, shot, signIn } from './portal';

test('drift: a Kubernetes Deployment changed behind the portal is found, shown and re-applied', async ({
  page,
  request,
}) => {
  // Reconciliation runs every 60 s: finding the drift takes up to two passes.
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const name = `e2e-k8s-${Date.now().toString(36)}`;

  const created = await asPipeline(request, '/deployments', {
    name,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'staging',
    provider: 'kubernetes',
    region: 'local',
    engine: 'kubernetes',
    artifact: { image: 'ghcr.io/acme/shop:1.0.0' },
    compute: { cpu: 0.5, memoryMiB: 512, instanceCount: 3 },
  });
  expect(created.status).toBe(202);
  const { id } = created.body;
  let deployment: any;
  await expect(async () => {
    const res = await request.get(`${api}/deployments/${id}`, {
      headers: pipelineHeaders(),
    });
    deployment = await res.json();
    expect(deployment.status).toBe('active');
  }).toPass({ timeout: 120_000, intervals: [1_000] });

  await test.step('someone changes it with kubectl-style apply: one replica, another image, no labels', async () => {
    const namespace = deployment.outputs.namespace;
    const intruder = await asPipeline(request, '/kubernetes/apply', {
      cluster: 'local',
      namespace,
      applySet: 'e2e-intruder',
      manifests: JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace },
        spec: {
          replicas: 1,
          // A Deployment's selector cannot change: the same one, but the
          // portal's other labels are gone.
          selector: {
            matchLabels: {
              'app.kubernetes.io/name': name,
              'cloud-deployments.backstage.io/deployment-id': id,
            },
          },
          template: {
            metadata: {
              labels: {
                'app.kubernetes.io/name': name,
                'cloud-deployments.backstage.io/deployment-id': id,
              },
            },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'evil/miner:latest',
                  resources: { limits: { cpu: '1', memory: '512Mi' } },
                },
              ],
            },
          },
        },
      }),
    });
    expect(intruder.status).toBe(200);
  });

  await test.step('the page shows it drifted, with the fields that differ', async () => {
    await signIn(page);
    await page.goto(`/cloud-deployments/deployments/${id}`);
    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('drifted', { exact: true })).toBeVisible({
      timeout: 180_000,
    });
    // DriftCard: the fields, desired and observed.
    const drift = page
      .getByRole('table')
      .filter({ hasText: 'Observed (running)' });
    await expect(drift).toContainText('evil/miner:latest');
    await expect(
      drift.getByRole('row', { name: 'compute.instanceCount 3 1' }),
    ).toBeVisible();
    await shot(page, 'drifted-deployment');
  });

  await test.step('re-apply the spec: it runs as declared again', async () => {
    await page.getByRole('button', { name: 'Re-apply the spec' }).click();
    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('active', { exact: true })).toBeVisible({
      timeout: 120_000,
    });
    const res = await request.get(`${api}/deployments/${id}`, {
      headers: pipelineHeaders(),
    });
    expect((await res.json()).drift).toBeUndefined();
  });
});
