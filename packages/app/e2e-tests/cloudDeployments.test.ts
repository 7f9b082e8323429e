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

import { expect, Page, test } from '@playwright/test';

// Against the real portal (sandbox providers, fresh SQLite); screenshots of
// each page go to .cache/e2e/screenshots.
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: `.cache/e2e/screenshots/${name}.png`,
    fullPage: true,
  });

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('link', { name: 'Deployments' })).toBeVisible();
}

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
