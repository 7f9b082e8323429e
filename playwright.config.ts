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

import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './packages/app/e2e-tests/chromium';

/**
 * End-to-end tests in headless Chromium (Debian's `chromium`, no browser
 * download) against the real portal, which Playwright starts with
 * scripts/e2e-portal.sh (fresh SQLite, sandbox providers) and stops after.
 * Screenshots of every page a test visits go to .cache/e2e/screenshots.
 * Run with `yarn test:e2e`; scripts/test.sh runs it after the unit tests.
 */
// A request made by someone other than the signed-in guest (a release
// pipeline, through a static external-access token of this run only), so that
// the guest can approve it: nobody approves their own request. The workers
// inherit it from the runner's environment.
process.env.E2E_PIPELINE_TOKEN ??= randomBytes(24).toString('hex');
// E2E_APP_PORT and E2E_BACKEND_PORT move the portal off 3000/7007, so that
// two runs can share a machine; scripts/e2e-portal.sh reads them too.
const appPort = process.env.E2E_APP_PORT ?? '3000';
const backendPort = process.env.E2E_BACKEND_PORT ?? '7007';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: '.cache/e2e/report' }],
  ],
  outputDir: '.cache/e2e/test-results',
  webServer: [
    {
      command: 'bash scripts/e2e-portal.sh',
      env: {
        E2E_PIPELINE_TOKEN: process.env.E2E_PIPELINE_TOKEN,
        E2E_APP_PORT: appPort,
        E2E_BACKEND_PORT: backendPort,
      },
      url: `http://localhost:${backendPort}/api/cloud-deployments/providers`,
      // Any answer (401 without a token) means the backend is up; the tests
      // wait for the frontend's dev server themselves.
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? `http://localhost:${appPort}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: 'chromium' }],
});
