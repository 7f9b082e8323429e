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
import { expectNoSeriousA11yViolations } from './a11y';
import { asPipeline, pipelineHeaders } from './pipeline';
import { api, shot, signIn } from './portal';

test('recommendations: a GPU type under a workload that declares none is right-sized through the change screen', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const name = `e2e-rec-${Date.now().toString(36)}`;

  // Declares 2 vCPU and 4 GiB, no GPU, on a GPU type: ml.m5.large holds it.
  const created = await asPipeline(request, '/deployments', {
    name,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'staging',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    engine: 'sdk',
    artifact: {
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.0',
      modelDataUrl: 's3://models/fraud/model.tar.gz',
    },
    compute: {
      instanceType: 'ml.g5.xlarge',
      instanceCount: 1,
      cpu: 2,
      memoryMiB: 4096,
    },
  });
  expect(created.status).toBe(202);
  const { id } = created.body;

  // The job runs every 2 minutes here (app-config.yaml), once it is active.
  let found: any;
  await expect(async () => {
    const res = await request.get(`${api}/recommendations?deploymentId=${id}`, {
      headers: pipelineHeaders(),
    });
    expect(res.status()).toBe(200);
    found = (await res.json()).items.find((r: any) => r.kind === 'rightsizing');
    expect(found).toBeDefined();
  }).toPass({ timeout: 240_000, intervals: [5_000] });
  // 730 h × (1.4084 − 0.115) $/h = $944.18 a month, from the snapshot's
  // us-east-1 list prices.
  expect(found).toMatchObject({
    status: 'open',
    proposal: {
      type: 'change',
      spec: { compute: { instanceType: 'ml.m5.large' } },
    },
    savings: { monthlyTotal: 944.18, totalKind: 'exact' },
  });

  await signIn(page);
  await page.goto(`/cloud-deployments/deployments/${id}`);
  await page.getByRole('tab', { name: 'Costs' }).click();
  const item = page.getByRole('listitem', {
    name: `Move ${name} off a GPU it does not need`,
  });
  await expect(item).toContainText('Saves $944.18 a month (list prices)');
  await shot(page, 'recommendations');
  await item.getByRole('button', { name: 'Review change' }).click();
  const dialog = page.getByRole('dialog', { name: `Change ${name}` });
  await expect(dialog).toContainText('Filled in from a recommendation');
  await expect(dialog.getByLabel('Instance type')).toHaveValue('ml.m5.large');
  await expectNoSeriousA11yViolations(page, 'recommendation-change-form');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const review = page.getByRole('dialog', {
    name: `Review the change of ${name}`,
  });
  await expect(review).toContainText('−$944.18 a month');
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(item).toContainText('accepted');

  // The Costs page lists every recommendation, with the demo history's.
  await page.goto('/cloud-deployments/costs');
  await expect(
    page.getByRole('listitem', {
      name: 'Move demo-embeddings off a GPU it does not need',
    }),
  ).toContainText('Saves $388.65 a month (list prices)');
  await expect(page.getByText(/^Open ones save /)).toBeVisible();
  await page
    .getByRole('heading', { name: 'Recommendations' })
    .scrollIntoViewIfNeeded();
  await shot(page, 'cost-recommendations');

  // A seeded deployment of the demo: 30 days of estimate and actual, and
  // its own recommendations.
  await page.goto(
    '/cloud-deployments/deployments/de300000-0000-4000-8000-000000000001',
  );
  await page.getByRole('tab', { name: 'Costs' }).click();
  await expect(page.getByText('Estimate vs actual')).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Recommendations' }),
  ).toBeVisible();
  await shot(page, 'demo-deployment-costs');

  const after = await request.get(`${api}/deployments/${id}`, {
    headers: pipelineHeaders(),
  });
  expect((await after.json()).spec.compute.instanceType).toBe('ml.m5.large');
});
