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

import { mkdirSync } from 'node:fs';
import { expect, Page, test } from '@playwright/test';
import { asPipeline } from './pipeline';
import { signIn } from './portal';

/**
 * Every cell of the deployments table that wraps: a text node laid out on more
 * than one line (a name or a number broken mid-word shows up here), or a cell
 * whose content overflows without an ellipsis to say so.
 */
async function wrappedCells(page: Page) {
  return page.evaluate(() => {
    const faults: string[] = [];
    for (const td of Array.from(document.querySelectorAll('tbody td'))) {
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const tops = new Set(
          Array.from(range.getClientRects()).map(r => Math.round(r.top)),
        );
        if (tops.size > 1) faults.push(`wraps: "${n.textContent}"`);
      }
      const cell = td as HTMLElement;
      if (cell.scrollWidth > cell.clientWidth + 1) {
        const ellipsised = Array.from(cell.querySelectorAll('*')).some(
          el => getComputedStyle(el).textOverflow === 'ellipsis',
        );
        if (!ellipsised) faults.push(`overflows: "${cell.textContent}"`);
      }
    }
    return faults;
  });
}

test('deployments list: one line per row, the columns that matter on screen, at 1024, 1440 and 1920 px', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const stamp = Date.now().toString(36);
  // Long names and a title, so that there is something to break.
  const bodies = [
    {
      name: `e2e-list-${stamp}-a-rather-long-name-for-a-model-endpoint`,
      title: 'A title that is far longer than any table cell has room for',
      provider: 'kubernetes',
      region: 'local',
      engine: 'kubernetes',
      artifact: { image: 'ghcr.io/acme/shop:1.0.0' },
      compute: { cpu: 0.5, memoryMiB: 512, instanceCount: 1 },
    },
    {
      name: `e2e-list-${stamp}-cloud-run`,
      provider: 'gcp-cloud-run',
      region: 'europe-west1',
      engine: 'sdk',
      artifact: { image: 'europe-docker.pkg.dev/acme/web/site:1.0.0' },
      compute: { cpu: 1, memoryMiB: 512, minInstances: 1, maxInstances: 2 },
    },
  ];
  for (const body of bodies) {
    const created = await asPipeline(request, '/deployments', {
      owner: 'group:default/guests',
      component: 'component:default/example-website',
      environment: 'staging',
      ...body,
    });
    expect(created.status).toBe(202);
  }

  await signIn(page);
  mkdirSync('docs/screenshots', { recursive: true });
  for (const width of [1024, 1440, 1920]) {
    await test.step(`at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 1000 });
      // The default view: the guest's own deployments (through group:guests).
      await page.goto('/cloud-deployments');
      await expect(page.getByText('My deployments')).toBeVisible();
      await expect(
        page.getByRole('link', { name: bodies[1].name }),
      ).toBeVisible();

      expect(await wrappedCells(page)).toEqual([]);
      // Compact rows: one line each. A dense row with the status chip and the
      // action buttons is about 57 px; a second line would make it over 75.
      const heights = await page
        .locator('tbody tr')
        .evaluateAll(rows => rows.map(r => r.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(0);
      expect(Math.max(...heights)).toBeLessThan(64);
      // The columns that matter are on screen, not past its right edge.
      for (const name of ['Name', 'Status', 'Monthly cost', 'Actions']) {
        const header = page.getByRole('columnheader', { name, exact: true });
        const box = await header.boundingBox();
        expect(box, name).not.toBeNull();
        expect(box!.x + box!.width, name).toBeLessThanOrEqual(width);
      }
      await page.screenshot({
        path: `docs/screenshots/deployments-list-${width}.png`,
        fullPage: true,
      });
    });
  }
});
