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
import { shot } from './portal';

// Everything a user does here is a key press or typed text: no clicks, no
// fill(). Locators only say which element focus has to reach.

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, and fails if it
 * is not reached within `max` presses: a control the keyboard cannot reach.
 */
async function tabTo(
  page: Page,
  target: Locator,
  { max = 150, back = false } = {},
) {
  await expect(target).toBeVisible({ timeout: 120_000 });
  for (let i = 0; i < max; i++) {
    const focused = await target.evaluate(
      el =>
        el === document.activeElement || el.contains(document.activeElement),
    );
    if (focused) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reached with ${max} presses of Tab: ${target}`);
}

/** Types into an autocomplete and picks the option `name` with the arrows. */
async function pick(page: Page, field: Locator, text: string, name: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
  const option = page.getByRole('option', { name, exact: true });
  await expect(option).toBeVisible();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('ArrowDown');
    if ((await option.getAttribute('data-focus')) === 'true') break;
  }
  await page.keyboard.press('Enter');
  // An entity picker shows the chosen entity's reference.
  await expect(field).toHaveValue(new RegExp(`${name}$`));
}

test('keyboard only: sign in, create from a template, follow it until it is active', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const name = `e2e-kbd-${Date.now().toString(36)}`;

  await test.step('sign in and open Create from the sidebar', async () => {
    await page.goto('/');
    await tabTo(page, page.getByRole('button', { name: 'Enter' }));
    await page.keyboard.press('Enter');
    const create = page
      .getByRole('navigation', { name: 'sidebar nav' })
      .locator('a[href="/create"]');
    await tabTo(page, create);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/create(\/templates)?$/);
  });

  await test.step('choose the Cloud Run template', async () => {
    const choose = page
      .locator('.MuiCard-root')
      .filter({ hasText: 'Deploy a container to Cloud Run' })
      .getByRole('button', { name: 'Choose' });
    await tabTo(page, choose, { max: 250 });
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(
      /\/create\/templates\/default\/deploy-cloud-run-service/,
    );
  });

  await test.step('fill the form, see the estimate, review', async () => {
    const nameField = page.getByRole('textbox', { name: 'Name' });
    await tabTo(page, nameField);
    await page.keyboard.type(name);
    await tabTo(page, page.getByRole('textbox', { name: 'Title' }));
    await page.keyboard.type(`E2E ${name}`);
    await pick(
      page,
      page.getByRole('textbox', { name: 'Component' }),
      'example-web',
      'example-website',
    );
    await pick(
      page,
      page.getByRole('textbox', { name: 'Owner' }),
      'guests',
      'guests',
    );
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');

    const estimate = page.getByRole('status', {
      name: 'Estimated monthly cost',
    });
    await expect(estimate).toHaveAttribute('aria-busy', 'false');
    await expect(estimate).toHaveText(/\$\d[\d,]*\.\d{2} per month/);
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');

    // A select opens with the arrow keys and closes with Enter on an option.
    const delivery = page.getByRole('button', { name: /^How to deploy/ });
    await tabTo(page, delivery);
    await page.keyboard.press('ArrowDown');
    const direct = page.getByRole('option', {
      name: 'Deploy now through the portal',
    });
    await expect(direct).toBeVisible();
    for (let i = 0; i < 5; i++) {
      if (await direct.evaluate(el => el === document.activeElement)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expect(direct).toBeHidden();
    await expect(delivery).toHaveText(/Deploy now through the portal/);

    await tabTo(page, page.getByRole('button', { name: 'Review' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('row', { name: `Name ${name}` })).toBeVisible();
    await shot(page, 'keyboard-review');
  });

  await test.step('create, and follow the task to the deployment page', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Create' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/create\/tasks\//);
    const deployment = page.getByRole('link', {
      name: 'Deployment',
      exact: true,
    });
    await expect(deployment).toBeVisible({ timeout: 300_000 });
    await shot(page, 'keyboard-task');
    await tabTo(page, deployment, { max: 250 });
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const header = page.getByRole('main').locator('header');
    await expect(header.getByText('active', { exact: true })).toBeVisible({
      timeout: 180_000,
    });
    await shot(page, 'keyboard-deployment');
  });
});
