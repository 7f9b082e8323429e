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
import { createActiveAciDeployment } from './pipeline';
import { signIn } from './portal';
import { expectReadable, expectWordsWhole } from './tableLayout';

const WIDTHS = [1024, 1440, 1920] as const;

/** Screenshots the issue asks for are kept in the repository. */
const keep = (name: string) => `docs/screenshots/${name}.png`;

/** The card (an InfoCard, a Material UI Card) whose title is this heading. */
const card = (page: Page, title: string) =>
  page
    .getByRole('heading', { level: 2, name: title })
    .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');

test('layout: the deployment page, its events and its cost card are readable at 1024, 1440 and 1920 px', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);
  const name = `e2e-layout-${Date.now().toString(36)}`;
  const id = await createActiveAciDeployment(request, name);

  await signIn(page);
  for (const width of WIDTHS) {
    await test.step(`the deployment page at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`/cloud-deployments/deployments/${id}`);
      // The name and the stages' steps (URLs among them) break at spaces
      // and separators only, and stay inside their boxes.
      await expectWordsWhole(page.getByRole('heading', { level: 1, name }));
      await expectWordsWhole(card(page, 'Progress'));

      const cost = card(page, 'Monthly cost estimate');
      await expectReadable(cost.getByRole('table', { name: 'Cost breakdown' }));
      await expectReadable(
        card(page, 'Endpoint and outputs').getByRole('table', {
          name: 'Outputs',
        }),
      );
      // Figures are whole and nothing of the card scrolls the page sideways.
      await expect(cost.getByText(/^\$\d[\d,]*\.\d\d$/).first()).toBeVisible();
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth <= window.innerWidth,
        ),
      ).toBe(true);
      // Sandbox prices come from the shipped snapshot alone: nothing to warn
      // about, and no file path anywhere in the card.
      await expect(cost.getByText(/prices are missing|fallback/i)).toHaveCount(
        0,
      );
      await expect(cost).not.toContainText(/\.json|\.go\b|shared pricing/);

      if (width !== 1920) {
        await page.screenshot({
          path: keep(`deployment-page-${width}`),
          fullPage: true,
        });
        await cost.screenshot({ path: keep(`cost-card-${width}`) });
      }
    });

    await test.step(`the events tab at ${width} px`, async () => {
      await page.getByRole('tab', { name: 'Events' }).click();
      const events = page.getByRole('tabpanel').getByRole('table').first();
      await expect(events.getByRole('row').nth(1)).toBeVisible();
      await expectReadable(events);
      // The message column gets the room: at least a third of the table.
      const header = events.getByRole('columnheader', { name: 'Message' });
      const [messageWidth, tableWidth] = await Promise.all([
        header.evaluate(el => el.getBoundingClientRect().width),
        events.evaluate(el => el.getBoundingClientRect().width),
      ]);
      expect(messageWidth).toBeGreaterThan(tableWidth / 3);
      if (width !== 1920) {
        await page.screenshot({
          path: keep(`deployment-events-${width}`),
          fullPage: true,
        });
      }
    });
  }

  await test.step('a malformed id gets the same page as an unknown one', async () => {
    await page.goto('/cloud-deployments/deployments/not-a-deployment-id');
    await expect(page.getByText('No such deployment')).toBeVisible();
    await expect(page.getByText(/Request failed/)).toHaveCount(0);
    await page.goto(
      '/cloud-deployments/deployments/00000000-0000-4000-8000-00000000dead',
    );
    await expect(page.getByText('No such deployment')).toBeVisible();
  });
});
