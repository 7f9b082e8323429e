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

import { expect, Locator, Page, test } from '@playwright/test';
import { shot, signIn } from './portal';
import { expectReadable } from './tableLayout';

/** Screenshots the issue asks for are kept in the repository. */
const keep = (name: string) => `docs/screenshots/${name}.png`;

// An emissions total as EmissionsTotal shows it: "3.0 kgCO2e per month",
// "≈ 139 gCO2e per month", "≥ 1.2 kgCO2e per month".
const emissionsTotal = /^(≈ |≥ )?\d[\d,.]* k?gCO2e per month$/;

const emissionsOf = (scope: Page | Locator) =>
  scope.getByRole('region', { name: 'Estimated emissions' });

/** What every emissions section shows: a total, its lines and their sources. */
async function expectEmissionsSection(section: Locator) {
  await expect(section.getByText(emissionsTotal)).toBeVisible();
  const lines = section.getByRole('table', { name: 'Emissions breakdown' });
  await expect(lines.getByRole('rowheader')).toHaveText([
    'CPU',
    'Memory',
    'Embodied',
  ]);
  // Nothing unknown reads as 0.
  await expect(lines.getByText(/^0 gCO2e$/)).toHaveCount(0);
  await expect(section).toContainText('CPU utilisation: 50 % (default)');
  await expect(section).toContainText(
    /Coefficients built \d{4}-\d\d-\d\d from .+; grid factors \d{4}/,
  );
  return section.getByText(emissionsTotal).innerText();
}

test('emissions: the create form estimates them live, and the deployment page shows them in its cost card', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const name = `e2e-co2-${Date.now().toString(36)}`;

  let formTotal = '';
  await test.step('the SageMaker form: 1 × ml.m5.large in us-east-1', async () => {
    await signIn(page);
    await page.goto('/create/templates/default/deploy-sagemaker-model');
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'Component' }).click();
    await page
      .getByRole('option', { name: 'example-website', exact: true })
      .click();
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: 'guests', exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    const field = page.getByRole('region', { name: 'Estimated monthly cost' });
    await expect(
      field.getByRole('status', { name: 'Estimated monthly cost' }),
    ).toHaveText(/\$\d[\d,]*\.\d{2} per month/);
    const section = emissionsOf(field);
    formTotal = await expectEmissionsSection(section);
    await shot(page, 'emissions-form');
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 1000 });
      await expectReadable(
        section.getByRole('table', { name: 'Emissions breakdown' }),
      );
      await field.screenshot({ path: keep(`emissions-form-${width}`) });
    }
  });

  await test.step('create it in the sandbox; the task waits until it is active', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(
      page.getByRole('link', { name: 'Deployment', exact: true }),
    ).toBeVisible({ timeout: 180_000 });
    await page.getByRole('link', { name: 'Deployment', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  });

  await test.step('the cost card shows the emissions the form showed', async () => {
    const card = page
      .getByRole('heading', { level: 2, name: 'Monthly cost estimate' })
      .locator('xpath=ancestor::*[.//table][1]');
    const section = emissionsOf(card);
    expect(await expectEmissionsSection(section)).toBe(formTotal);
    await section
      .getByText(/^\d+ coefficients?$/)
      .first()
      .click();
    for (const width of [1920, 1024, 1440]) {
      // Tall enough for the whole card: the page scrolls inside the app's
      // layout, where a screenshot of a taller element comes out cut.
      await page.setViewportSize({ width, height: 2400 });
      await expectReadable(
        section.getByRole('table', { name: 'Emissions breakdown' }),
      );
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth <= window.innerWidth,
        ),
      ).toBe(true);
      if (width !== 1920) {
        await card.screenshot({ path: keep(`emissions-card-${width}`) });
      }
    }
    await shot(page, 'emissions-deployment-page');
  });
});
