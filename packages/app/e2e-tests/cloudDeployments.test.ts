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
import { shot, signIn } from './portal';
import { expectReadable } from './tableLayout';

// Against the real portal (sandbox providers, fresh SQLite); screenshots of
// each page go to .cache/e2e/screenshots.

test('the deployments page and the deployment templates', async ({ page }) => {
  await signIn(page);

  await page.goto('/cloud-deployments');
  await expect(
    page.getByRole('heading', { name: /Deployments/ }).first(),
  ).toBeVisible();
  await shot(page, 'deployments-page');

  await page.goto('/create');
  const cloudRun = page.getByText('Deploy a container to Cloud Run');
  await expect(cloudRun.first()).toBeVisible();
  await expect(
    page.getByText('Deploy a container to Azure Container Instances').first(),
  ).toBeVisible();
  await shot(page, 'create-page');

  await page.goto('/create/templates/default/deploy-cloud-run-service');
  await expect(page.getByLabel('Name').first()).toBeVisible();
  await shot(page, 'cloud-run-template-form');
});

// A monthly total as MonthlyTotal shows it, e.g. "$9.85 per month", or
// "≥ $9.85 per month" when some prices are missing.
const monthlyTotal = /(≥ )?\$\d[\d,]*\.\d{2} per month/;

test('deploying from a template: estimate, create, catalog, destroy', async ({
  page,
}) => {
  // The portal runs on a busy machine; each stage waits for a condition.
  test.setTimeout(600_000);
  // Wide enough for the deployment header on one line, and tall enough for
  // pages that scroll inside the app's layout (not in full-page shots).
  await page.setViewportSize({ width: 1440, height: 1000 });
  const name = `e2e-${Date.now().toString(36)}`;

  await test.step('fill the Cloud Run form and see the live estimate', async () => {
    await signIn(page);
    await page.goto('/create/templates/default/deploy-cloud-run-service');

    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'Title' }).fill(`E2E ${name}`);
    await page.getByRole('textbox', { name: 'Component' }).click();
    await page
      .getByRole('option', { name: 'example-website', exact: true })
      .click();
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: 'guests', exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    // CloudCostEstimateField: an aria-live status named after the field.
    const estimate = page.getByRole('status', {
      name: 'Estimated monthly cost',
    });
    await expect(estimate).toHaveText(monthlyTotal);
    // Scaled to zero, the free tier covers it; one warm instance costs.
    await page.getByRole('spinbutton', { name: 'Minimum instances' }).fill('1');
    await expect(estimate).toHaveText(/\$(?!0\.00)\d[\d,]*\.\d{2} per month/);
    await expect(estimate).toHaveAttribute('aria-busy', 'false');
    await expect(
      page.getByRole('table', { name: 'Cost breakdown' }),
    ).toBeVisible();
    await shot(page, 'create-form-estimate');
  });

  // The total the form showed, e.g. "9.85", to find again after deploying.
  const estimateText = await page
    .getByRole('status', { name: 'Estimated monthly cost' })
    .innerText();
  const cost = estimateText.match(/\$([\d,]+\.\d{2})/)![1];

  await test.step('review and create; the task waits until it is active', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: /^How to deploy/ }).click();
    await page
      .getByRole('option', { name: 'Deploy now through the portal' })
      .click();
    await page.getByRole('button', { name: 'Review' }).click();

    await expect(page.getByRole('row', { name: `Name ${name}` })).toBeVisible();
    await expect(
      page.getByRole('row', {
        name: 'How to deploy Deploy now through the portal',
      }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Create' }).click();

    await expect(page).toHaveURL(/\/create\/tasks\//);
    // The outputs show once the task has finished; cloud:deployment:create
    // finishes when the deployment is active.
    await expect(
      page.getByRole('link', { name: 'Deployment', exact: true }),
    ).toBeVisible({ timeout: 180_000 });
    await expect(
      page.getByRole('link', { name: 'Catalog entity', exact: true }),
    ).toHaveAttribute(
      'href',
      // Its namespace is its environment (the template's default, staging).
      new RegExp(`/catalog/staging/clouddeployment/${name}$`, 'i'),
    );
    await expect(page.getByText(`$${cost} a month`)).toBeVisible();
    await shot(page, 'scaffolder-task-done');
  });

  await test.step('the deployment page shows it active', async () => {
    await page.getByRole('link', { name: 'Deployment', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    // DeploymentHeader: the status chip among the header labels.
    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('active', { exact: true })).toBeVisible();
    await expect(
      page.getByRole('group', { name: `Actions for ${name}` }),
    ).toBeVisible();
    await expect(page.getByText(`$${cost} per month`).first()).toBeVisible();
    await shot(page, 'deployment-page');
  });
  const deploymentUrl = page.url();

  await test.step('the catalog publishes it with its cost', async () => {
    // The catalog module applies each change as a delta, and the catalog
    // then processes the new entity: reload until it is there.
    await expect(async () => {
      await page.goto(`/catalog/staging/clouddeployment/${name}`);
      // The heading shows the name from the URL until the entity has loaded,
      // then the entity's title.
      await expect(
        page.getByRole('heading', { level: 2, name: `E2E ${name}` }),
      ).toBeVisible({ timeout: 15_000 });
    }).toPass({ timeout: 180_000, intervals: [2_000, 5_000] });

    // EntityCostEstimateCard, for a CloudDeployment: its own estimate.
    await expect(
      page.getByText('Monthly cost estimate', { exact: true }),
    ).toBeVisible();
    await expect(page.getByText(monthlyTotal)).toHaveText(`$${cost} per month`);
    await expect(
      page.getByRole('table', { name: 'Cost breakdown' }),
    ).toBeVisible();
    await shot(page, 'clouddeployment-entity-page');
  });

  await test.step('change it: preview the fields and cost, then apply', async () => {
    await page.goto(deploymentUrl);
    await page.getByRole('button', { name: `Change ${name}` }).click();
    const form = page.getByRole('dialog', { name: `Change ${name}` });
    const minimum = form.getByRole('spinbutton', {
      name: 'Minimum instances',
    });
    await minimum.fill('2');
    await expectNoSeriousA11yViolations(page, 'edit-form');
    await form.getByRole('button', { name: 'Preview' }).click();

    const review = page.getByRole('dialog', {
      name: `Review the change of ${name}`,
    });
    await expect(review.getByRole('status')).toHaveText(
      `Applies at once: ${name} is updated to the new spec.`,
    );
    await expect(
      review.getByRole('row', { name: 'compute.minInstances 1 2' }),
    ).toBeVisible();
    await expect(review).toContainText(`Now: $${cost} a month`);
    await expect(review.getByText(/^\+\$[\d,]+\.\d{2} a month$/)).toBeVisible();
    await shot(page, 'edit-preview');
    await review.getByRole('button', { name: 'Apply' }).click();
    await expect(review).toBeHidden();

    // The page follows the update until the new spec is active.
    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('active', { exact: true })).toBeVisible({
      timeout: 120_000,
    });
    await expect(page.getByText(`$${cost} per month`).first()).toBeHidden();
  });

  await test.step('roll back to revision 1 from the revision history', async () => {
    await page.getByRole('tab', { name: 'Revisions' }).click();
    const rollBack = page.getByRole('button', {
      name: 'Roll back to revision 1',
    });
    await expect(rollBack).toBeEnabled();
    // The change's toast may still be up here: axe waits for it to close.
    await shot(page, 'revision-history');
    // No word or figure broken, each action whole and in sight, down to
    // 1024 px; back at 1440 px for the steps that follow.
    const revisions = page.getByRole('tabpanel').getByRole('table').first();
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 1000 });
      await expectReadable(revisions);
    }
    await rollBack.click();
    const dialog = page.getByRole('dialog', {
      name: `Roll back ${name} to revision 1?`,
    });
    await expect(
      dialog.getByRole('list', { name: 'What changes' }),
    ).toContainText('compute.minInstances');
    await expectNoSeriousA11yViolations(page, 'rollback-dialog');
    await dialog
      .getByRole('textbox', { name: 'Why (optional)' })
      .fill('Two warm instances were not needed');
    await dialog
      .getByRole('button', { name: 'Roll back to revision 1' })
      .click();
    await expect(dialog).toBeHidden();

    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('active', { exact: true })).toBeVisible({
      timeout: 120_000,
    });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect(page.getByText(`$${cost} per month`).first()).toBeVisible({
      timeout: 30_000,
    });
  });

  await test.step('destroy it, confirming, and see it destroyed', async () => {
    await page.goto(deploymentUrl);
    await page.getByRole('button', { name: `Destroy ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Destroy ${name}?` });
    await expect(dialog).toContainText('This cannot be undone.');
    await expectNoSeriousA11yViolations(page, 'destroy-dialog');
    await dialog.getByRole('button', { name: 'Destroy', exact: true }).click();
    await expect(dialog).toBeHidden();
    // A toast confirms it; it goes by itself, not to hide the page.
    const toast = page.getByText(`Destroy: ${name} is now destroying`);
    await expect(toast).toBeVisible();
    await expect(toast).toBeHidden({ timeout: 30_000 });

    // The page follows the deployment's events until it is destroyed.
    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('destroyed', { exact: true })).toBeVisible({
      timeout: 120_000,
    });
    await expect(
      page.getByRole('group', { name: `Actions for ${name}` }),
    ).toBeHidden();
    await shot(page, 'deployment-destroyed');
  });
});
