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
// Usage: node scripts/install-proof-browser.js <url of the Deployments page>
//
// Loads the install proof app's Deployments page in headless Chromium (CHROMIUM_PATH,
// from scripts/chromium.sh), as a guest, and checks that the page renders and that its
// listing of deployments and of the (sandbox) providers succeeds.
const { chromium } = require('playwright-core');

async function main() {
  const [url] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH,
  });
  try {
    const page = await browser.newPage();
    const answered = path =>
      page.waitForResponse(
        response =>
          new URL(response.url()).pathname ===
            `/api/cloud-deployments${path}` &&
          response.request().method() === 'GET',
        { timeout: 60_000 },
      );
    const listing = answered('/deployments');
    const providers = answered('/providers');
    // Both are awaited below; a failure of one must not go unhandled first.
    providers.catch(() => {});
    page.on('pageerror', error => console.error(`page error: ${error}`));
    await page.goto(url);
    // Signs in as the guest, as a person would.
    await page
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 30_000 });

    const list = await listing;
    if (list.status() !== 200) {
      throw new Error(
        `GET /deployments answered ${list.status()}: ${await list.text()}`,
      );
    }
    const body = await list.json();
    if (!Array.isArray(body.items) || typeof body.totalCount !== 'number') {
      throw new Error(
        `GET /deployments answered no page: ${JSON.stringify(body)}`,
      );
    }
    const providerList = await (await providers).json();
    const sandboxes = providerList.filter(p => p.sandbox).map(p => p.id);
    if (sandboxes.length === 0) {
      throw new Error(`no sandbox provider: ${JSON.stringify(providerList)}`);
    }

    // The page itself: its header, and the list it made of the answer (the
    // table, or its empty state in a fresh install).
    await page
      .getByRole('heading', { name: 'Deployments', exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    await page
      .getByRole('table')
      .or(page.getByText('No deployments yet'))
      .first()
      .waitFor({ timeout: 30_000 });
    if (process.env.INSTALL_PROOF_SCREENSHOT) {
      await page.screenshot({ path: process.env.INSTALL_PROOF_SCREENSHOT });
    }
    console.log(
      `install-proof: the Deployments page rendered; GET /deployments 200 (${
        body.totalCount
      } deployments), sandbox providers: ${sandboxes.join(', ')}`,
    );
  } catch (error) {
    const [page] = browser.contexts().flatMap(c => c.pages());
    if (page && process.env.INSTALL_PROOF_SCREENSHOT) {
      await page.screenshot({ path: process.env.INSTALL_PROOF_SCREENSHOT });
      console.error(
        `install-proof: the page as it was: ${process.env.INSTALL_PROOF_SCREENSHOT}`,
      );
    }
    throw error;
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(`install-proof: ${error.stack ?? error}`);
  process.exit(1);
});
