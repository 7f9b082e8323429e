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

import { expect, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './a11y';

/** The plugin's API on the portal's backend (E2E_BACKEND_PORT, else 7007). */
export const api = `http://localhost:${
  process.env.E2E_BACKEND_PORT ?? '7007'
}/api/cloud-deployments`;

/**
 * A full-page screenshot in .cache/e2e/screenshots, then an axe check of the
 * same page (a11y.ts): every page a test photographs, once it has loaded
 * what the test waited for, is also checked for accessibility.
 */
export async function shot(page: Page, name: string) {
  await page.screenshot({
    path: `.cache/e2e/screenshots/${name}.png`,
    fullPage: true,
  });
  await expectNoSeriousA11yViolations(page, name);
}

/** Signs in as the guest: user:default/guest, of group:default/guests. */
export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('link', { name: 'Deployments' })).toBeVisible();
}
