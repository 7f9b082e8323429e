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
import { createActiveAciDeployment, pipelineHeaders } from './pipeline';
import { api, shot, signIn } from './portal';

const backend = api.replace(/\/api\/cloud-deployments$/, '');

test('home: my deployments, this month’s spend, what waits, the way to deploy, nothing 404s; the entity page sums up the deployment', async ({
  page,
  request,
}) => {
  test.setTimeout(400_000);
  const name = `e2e-home-${Date.now().toString(36)}`;

  // One of the guest's (group:default/guests) deployments, in a sandbox.
  const id = await createActiveAciDeployment(request, name);

  // A fresh database: wait until the catalog has read the org data and the
  // deployment's entity, as it has in any portal that has run a minute.
  for (const path of [
    'user/default/guest',
    `clouddeployment/staging/${name}`,
  ]) {
    await expect(async () => {
      const res = await request.get(
        `${backend}/api/catalog/entities/by-name/${path}`,
        { headers: pipelineHeaders() },
      );
      expect(res.status()).toBe(200);
    }).toPass({ timeout: 120_000, intervals: [2_000] });
  }

  const notFound: string[] = [];
  page.on('response', res => {
    if (res.status() === 404) {
      notFound.push(`${res.request().method()} ${res.url()}`);
    }
  });

  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
  const mine = page.getByRole('table', { name: 'My deployments' });
  const row = mine.getByRole('row').filter({ hasText: name });
  await expect(row.getByRole('link', { name })).toHaveAttribute(
    'href',
    `/cloud-deployments/deployments/${id}`,
  );
  await expect(row.getByText('active')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deploy' })).toHaveAttribute(
    'href',
    '/create',
  );
  await expect(page.getByText(/^[A-Z][a-z]+ \d{4} so far$/)).toBeVisible();
  await expect(
    page.getByText('Month-end forecast:', { exact: false }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: /^Approvals you can decide \(\d+\)$/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: /^Drifted \(\d+\)$/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: /^TTL ending within a week \(\d+\)$/ }),
  ).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'docs/screenshots/home-1440.png' });

  await page.setViewportSize({ width: 1024, height: 1000 });
  await page.reload();
  await expect(mine.getByRole('link', { name })).toBeVisible();
  await expect(
    page.getByText('Month-end forecast:', { exact: false }),
  ).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'docs/screenshots/home-1024.png' });

  // The guest exists in the catalog: nothing the portal asks for on load
  // is missing.
  expect(notFound).toEqual([]);

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/catalog/staging/clouddeployment/${name}`);
  const facts = page.locator('dl').filter({ hasText: 'Endpoint' });
  await expect(facts.getByText('active')).toBeVisible();
  // A sandbox's endpoint is marked, and is not a link.
  await expect(facts.getByText('Sandbox').first()).toBeVisible();
  await expect(facts.getByRole('link')).toHaveCount(0);
  await expect(facts.getByText(/\$\d/)).toBeVisible();
  await expect(
    page.getByRole('link', { name: `Open the deployment page of ${name}` }),
  ).toHaveAttribute('href', `/cloud-deployments/deployments/${id}`);
  await shot(page, 'clouddeployment-entity-summary');
});
