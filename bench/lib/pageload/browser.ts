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
import { Browser, BrowserContext, Page } from 'playwright-core';

/** The first data row of the deployments table: a link to a deployment. */
const FIRST_ROW = 'table tbody tr a[href*="/cloud-deployments/deployments/"]';

// The global `performance` throughout, not node:perf_hooks': the functions
// run in the page are compiled with this file, and an import would be
// rewritten into them.

export type Load = {
  /** Navigation start to the frame showing the first row, in the page. */
  firstRowMs: number;
  /** The same, as Playwright saw it from outside (includes its polling). */
  wallMs: number;
  responseEndMs: number;
  domContentLoadedMs: number;
  /** When the first page of deployments had arrived. */
  listResponseEndMs?: number;
  /** The API requests of the load, in the order they started. */
  api: { path: string; startMs: number; endMs: number }[];
  scripts: { url: string; transferSize: number; encodedBodySize: number }[];
};

/**
 * Records, in the page, when the first data row shows: checked every
 * animation frame, the time is that of the frame that first paints it.
 */
function watchFirstRow(selector: string) {
  const w = window as unknown as { __firstRowAt?: number };
  performance.setResourceTimingBufferSize(2000);
  const check = (frameTime: number) => {
    const row = document.querySelector(selector);
    if (row && row.getClientRects().length > 0) {
      w.__firstRowAt = frameTime;
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

export async function loadPage(page: Page, url: string): Promise<Load> {
  await page.goto('about:blank');
  const wallStart = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(FIRST_ROW).first().waitFor({ state: 'visible' });
  const wallMs = performance.now() - wallStart;
  await page.waitForFunction(() => (window as any).__firstRowAt !== undefined);
  // The lazy chunks the page asks for after its first render count too.
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {
    // Something keeps a request open; what has loaded by now is counted.
  });
  const timings = await page.evaluate(() => {
    const nav = performance.getEntriesByType(
      'navigation',
    )[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType(
      'resource',
    ) as PerformanceResourceTiming[];
    return {
      firstRowMs: (window as any).__firstRowAt as number,
      responseEndMs: nav.responseEnd,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      listResponseEndMs: resources.find(r =>
        /\/api\/cloud-deployments\/deployments\?/.test(r.name),
      )?.responseEnd,
      api: resources
        .filter(r => r.name.includes('/api/'))
        .map(r => ({
          path: new URL(r.name).pathname,
          startMs: r.startTime,
          endMs: r.responseEnd,
        })),
      scripts: resources
        .filter(r => /\.js(\?|$)/.test(r.name))
        .map(r => ({
          url: r.name,
          transferSize: r.transferSize,
          encodedBodySize: r.encodedBodySize,
        })),
    };
  });
  return { ...timings, wallMs };
}

export async function signIn(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(baseUrl);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click({ timeout: 60_000 });
  await enter.waitFor({ state: 'detached', timeout: 60_000 });
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .first()
    .waitFor({ state: 'attached', timeout: 60_000 });
  const state = await context.storageState();
  await context.close();
  return state;
}

export async function newContext(
  browser: Browser,
  state: Awaited<ReturnType<typeof signIn>>,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    storageState: state,
  });
  await context.addInitScript(watchFirstRow, FIRST_ROW);
  return { context, page: await context.newPage() };
}
