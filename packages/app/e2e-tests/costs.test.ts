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

test('costs: a sandbox deployment gets its day so far, on its Costs tab and the cost overview, beside the demo history', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const name = `e2e-cost-${Date.now().toString(36)}`;

  const id = await createActiveAciDeployment(request, name);

  // The portal works out its figures every minute (app-config.yaml): today
  // so far appears once the deployment has billed, as synthetic usage.
  let today: any;
  await expect(async () => {
    const res = await request.get(`${api}/deployments/${id}/costs?days=1`, {
      headers: pipelineHeaders(),
    });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.actualSource).toMatchObject({
      id: 'sandbox-usage',
      kind: 'sandbox',
    });
    today = body.days.find((d: any) => !d.complete);
    expect(today?.actual).toBeGreaterThan(0);
  }).toPass({ timeout: 180_000, intervals: [3_000] });
  expect(today).toMatchObject({ actualKind: 'sandbox', estimateKind: 'exact' });
  // Synthetic usage counts the running hours, the estimate every billing
  // hour (provisioning too): never more than the estimate.
  expect(today.actual).toBeLessThanOrEqual(today.estimated);

  await signIn(page);
  await test.step('the Costs tab of the deployment', async () => {
    await page.goto(`/cloud-deployments/deployments/${id}`);
    await page.getByRole('tab', { name: 'Costs' }).click();
    await expect(page.getByText('Estimate vs actual')).toBeVisible();
    await expect(
      page.getByText(
        /^Actual cost: Sandbox usage \(running time × list price\) \(sandbox, synthetic\)\./,
      ),
    ).toBeVisible();
    const row = page.getByRole('row', { name: /\(so far\)/ });
    await expect(row).toBeVisible();
    await expect(row).toContainText('(sandbox, synthetic)');
    // The chart draws with real layout here: a bar for today.
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await shot(page, 'deployment-costs');
  });

  await test.step('the cost overview, by owner and by provider', async () => {
    await page.goto('/cloud-deployments/costs');
    await expect(page.getByRole('heading', { name: 'Costs' })).toBeVisible();
    await expect(page.getByText('Daily cost by owner')).toBeVisible();
    await expect(page.getByText(/by the end of the month$/)).toBeVisible();
    await expect(
      page.locator('.recharts-legend-item-text', {
        hasText: 'group:default/guests',
      }),
    ).toBeVisible();
    await page.getByLabel('Group by').click();
    await page.getByRole('option', { name: 'Provider' }).click();
    await expect(page.getByText('Daily cost by provider')).toBeVisible();
    await expect(
      page.locator('.recharts-legend-item-text', {
        hasText: 'azure-container-instances',
      }),
    ).toBeVisible();
    await shot(page, 'cost-overview');
  });

  await test.step('the demo history: 30 days, movers, budgets and TTL savings', async () => {
    // cloudDeployments.demo.seedHistoryDays: 30 (app-config.yaml) seeded
    // sandbox deployments made 30 days ago.
    const daily = await request.get(`${api}/costs/daily?days=30`, {
      headers: pipelineHeaders(),
    });
    expect(daily.status()).toBe(200);
    expect((await daily.json()).days.length).toBeGreaterThanOrEqual(30);
    const movers = await request.get(`${api}/costs/movers`, {
      headers: pipelineHeaders(),
    });
    const moved = await movers.json();
    expect(moved.up.map((m: any) => m.name)).toContain('demo-fraud-scorer');
    expect(moved.down.map((m: any) => m.name)).toContain('demo-shop-api');

    await page.goto('/cloud-deployments/costs');
    await page.setViewportSize({ width: 1440, height: 2400 });
    await expect(
      page.getByRole('heading', { name: 'Top movers' }),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'demo-fraud-scorer' }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: /^Budgets in \d{4}-\d{2}$/ }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'TTL savings' }),
    ).toBeVisible();
    await page.getByLabel('Period').click();
    await page.getByRole('option', { name: 'All time' }).click();
    await expect(
      page.getByRole('link', { name: 'demo-preview-42' }).first(),
    ).toBeVisible();
    await expect(
      page.getByText(/saved by \d+ TTL destroys?/).first(),
    ).toBeVisible();
    await shot(page, 'cost-overview-cards');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });
});
