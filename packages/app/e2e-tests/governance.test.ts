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
import { asPipeline } from './pipeline';
import { shot, signIn } from './portal';

test('governance: a policy refuses, a request waits for approval, the guest approves it', async ({
  page,
  request,
}) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const suffix = Date.now().toString(36);
  await signIn(page);

  await test.step('a GPU in development is refused, naming the policy', async () => {
    await page.goto('/create/templates/default/deploy-sagemaker-model');
    await page.getByRole('textbox', { name: 'Name' }).fill(`e2e-gpu-${suffix}`);
    await page.getByRole('textbox', { name: 'Component' }).click();
    await page
      .getByRole('option', { name: 'example-website', exact: true })
      .click();
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: 'guests', exact: true }).click();
    await page.getByRole('button', { name: /^Environment/ }).click();
    await page.getByRole('option', { name: 'development' }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('button', { name: /^Instance type/ }).click();
    await page.getByRole('option', { name: 'ml.g4dn.xlarge' }).click();
    await expect(
      page.getByRole('status', { name: 'Estimated monthly cost' }),
    ).toHaveAttribute('aria-busy', 'false');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    await expect(page).toHaveURL(/\/create\/tasks\//);
    await expect(
      page
        .getByText(
          /Refused by policy no-gpu-in-development \(GPUs are not allowed in development\)\. Values seen: .*gpuCount: 1/,
        )
        .first(),
    ).toBeVisible({ timeout: 120_000 });
    await shot(page, 'policy-refusal');
  });

  const name = `e2e-prod-${suffix}`;
  let id = '';
  await test.step('a production request waits for approval', async () => {
    const created = await asPipeline(request, '/deployments', {
      name,
      title: `E2E ${name}`,
      owner: 'group:default/guests',
      component: 'component:default/example-website',
      environment: 'production',
      provider: 'gcp-cloud-run',
      region: 'europe-west1',
      engine: 'sdk',
      artifact: { image: 'europe-docker.pkg.dev/acme/web/site:1.0.0' },
      compute: { cpu: 1, memoryMiB: 512, minInstances: 1, maxInstances: 2 },
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'awaiting_approval',
      approval: {
        status: 'awaiting_approval',
        requestedBy: 'service:release-pipeline',
        decision: {
          outcome: 'approval',
          reasons: [{ policy: 'production-needs-approval' }],
        },
      },
    });
    id = created.body.id;

    // A budget the request takes to half once it runs: waiting, it uses none.
    const cost = created.body.approval.estimate.monthlyTotal;
    expect(cost).toBeGreaterThan(0);
    const budget = await asPipeline(request, '/budgets', {
      owner: 'group:default/guests',
      environment: 'production',
      amount: Math.floor(cost * 200) / 100,
      thresholds: [50, 80, 100],
    });
    expect(budget.status).toBe(201);

    await page.goto(`/cloud-deployments/deployments/${id}`);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('Waiting for approval')).toBeVisible();
    await expect(
      page.getByText('production-needs-approval').first(),
    ).toBeVisible();
    // The page scrolls inside the app's layout: tall enough for the panel.
    await page.setViewportSize({ width: 1440, height: 2000 });
    await shot(page, 'approval-panel');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  await test.step('the guest approves it with a comment, and it runs', async () => {
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = page.getByRole('dialog', {
      name: `Approve the create of ${name}?`,
    });
    await dialog
      .getByRole('textbox', { name: 'Comment' })
      .fill('Reviewed: the site release 1.0.0');
    await expectNoSeriousA11yViolations(page, 'approve-dialog');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(dialog).toBeHidden();

    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('active', { exact: true })).toBeVisible({
      timeout: 120_000,
    });
    await expect(page.getByText('Waiting for approval')).toBeHidden();
    await shot(page, 'approval-decided');
  });

  await test.step('the guests were told, and the budget shows the use', async () => {
    await page.goto('/notifications');
    await expect(
      page.getByText(`Approval needed: create of ${name}`).first(),
    ).toBeVisible();
    await expect(
      page
        .getByText('Budget of group:default/guests, production passed 50%')
        .first(),
    ).toBeVisible();
    await shot(page, 'notifications');

    await page.goto('/cloud-deployments/budgets');
    await expect(page.getByText('production').first()).toBeVisible();
    await shot(page, 'budgets-page');
  });
});
