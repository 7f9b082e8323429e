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
import { execSync } from 'node:child_process';
import { asPipeline, pipelineHeaders } from './pipeline';
import { api, shot, signIn } from './portal';

// scripts/e2e-portal.sh points the runner at the machine's offline provider
// mirror; without one Terraform cannot install the AWS provider here.
const mirror = execSync(
  'find / -maxdepth 2 -type d -name tf-plugins 2>/dev/null | head -1 || true',
  { encoding: 'utf8' },
).trim();

test('terraform: a SageMaker deployment changed through the real plan, shown before it applies', async ({
  page,
  request,
}) => {
  test.skip(!mirror, 'no offline Terraform provider mirror on this machine');
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const name = `e2e-tf-${Date.now().toString(36)}`;

  const created = await asPipeline(request, '/deployments', {
    name,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'staging',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    engine: 'terraform',
    artifact: {
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.0',
      modelDataUrl: 's3://models/fraud/model.tar.gz',
    },
    compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
  });
  expect(created.status).toBe(202);
  const { id } = created.body;
  await expect(async () => {
    const res = await request.get(`${api}/deployments/${id}`, {
      headers: pipelineHeaders(),
    });
    expect((await res.json()).status).toBe('active');
  }).toPass({ timeout: 240_000, intervals: [2_000] });

  await signIn(page);
  await page.goto(`/cloud-deployments/deployments/${id}`);

  await test.step('preview: the fields, the cost, and Terraform’s own plan', async () => {
    await page.getByRole('button', { name: `Change ${name}` }).click();
    const form = page.getByRole('dialog', { name: `Change ${name}` });
    await form.getByRole('spinbutton', { name: 'Instances' }).fill('2');
    await form
      .getByRole('textbox', { name: 'Environment variables' })
      .fill('THRESHOLD=0.7');
    await form.getByRole('button', { name: 'Preview' }).click();

    const review = page.getByRole('dialog', {
      name: `Review the change of ${name}`,
    });
    const plan = review.getByRole('region', { name: 'Terraform plan' });
    await expect(plan).toContainText(
      'Terraform plan: 2 to add, 1 to change, 2 to destroy',
      { timeout: 180_000 },
    );
    await expect(
      plan.getByRole('list', { name: 'Planned resources' }),
    ).toContainText('aws_sagemaker_model.this: replace');
    await expect(plan).toContainText(
      'Monthly cost by the plan: $83.95 → $167.90 (+$83.95)',
    );
    await expect(
      review.getByRole('row', { name: 'compute.instanceCount 1 2' }),
    ).toBeVisible();
    await shot(page, 'edit-preview-terraform');

    await review.getByRole('button', { name: 'Apply' }).click();
    await expect(review).toBeHidden();
  });

  await test.step('the confirmed change applies through Terraform', async () => {
    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('active', { exact: true })).toBeVisible({
      timeout: 240_000,
    });
    await expect(async () => {
      const res = await request.get(`${api}/deployments/${id}`, {
        headers: pipelineHeaders(),
      });
      const deployment = await res.json();
      expect(deployment.status).toBe('active');
      expect(deployment.spec.compute.instanceCount).toBe(2);
      expect(deployment.spec.env).toEqual({ THRESHOLD: '0.7' });
    }).toPass({ timeout: 60_000, intervals: [1_000] });
    const events = await request.get(
      `${api}/deployments/${id}/events?limit=500`,
      { headers: pipelineHeaders() },
    );
    const messages = (await events.json()).items.map((e: any) => e.message);
    expect(messages).toContain(
      'Plan: 2 to add, 1 to change, 2 to destroy; monthly cost $83.95 → $167.90 (+$83.95)',
    );
  });
});
