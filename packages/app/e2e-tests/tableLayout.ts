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

import { expect, Locator } from '@playwright/test';

type CellFault = { text: string; fault: string };

/**
 * The faults of the cells of a table, or of one block of text taken as a
 * single cell (`cells: null`): a word or number that the layout broke over
 * two lines, or text that overflows its cell (other than a name cut with an
 * ellipsis on purpose, which carries its full text as a title); and of a
 * table itself, wider than the box it scrolls in.
 */
async function cellFaults(
  root: Locator,
  cells: string | null,
): Promise<CellFault[]> {
  return root.evaluate((top, selector) => {
    const faults: { text: string; fault: string }[] = [];
    const lineTops = (range: Range) =>
      new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
    const all = selector ? Array.from(top.querySelectorAll(selector)) : [top];
    for (const cell of all) {
      const el = cell as HTMLElement;
      const text = (el.textContent ?? '').trim();
      if (!text) continue;
      const style = getComputedStyle(el);
      const cutOnPurpose = style.textOverflow === 'ellipsis' && !!el.title;
      if (!cutOnPurpose && el.scrollWidth > el.clientWidth + 1) {
        faults.push({
          text,
          fault: `overflows: ${el.scrollWidth} > ${el.clientWidth}`,
        });
      }
      // Each word of each visible text node must stay on one line (text
      // for screen readers only, clipped to a pixel, is not laid out). Long
      // ids are split into several text nodes at their separators (<wbr>),
      // so they may wrap there and only there.
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const visible: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent && parent.getBoundingClientRect().width > 1) {
          visible.push(node as Text);
        }
      }
      const tops = new Set<number>();
      for (const node of visible) {
        const value = node.nodeValue ?? '';
        for (const match of value.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const wordTops = lineTops(range);
          wordTops.forEach(t => tops.add(t));
          if (wordTops.size > 1) {
            faults.push({ text, fault: `breaks "${match[0]}"` });
          }
        }
      }
      // Figures (money, quantities, dates) are on one line altogether.
      if (style.whiteSpace === 'nowrap' && tops.size > 1) {
        faults.push({ text, fault: 'a one-line cell wraps' });
      }
    }
    // A table fits the box it scrolls in: no column hidden to the right.
    const scrolls = selector ? top.parentElement : null;
    for (let box = scrolls; box; box = box.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(box).overflowX)) {
        if (box.scrollWidth > box.clientWidth + 1) {
          faults.push({
            text: '(the table)',
            fault: `scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}`,
          });
        }
        break;
      }
    }
    return faults;
  }, cells);
}

/**
 * A table is visible and readable: no word or figure broken over two
 * lines, nothing overflowing its cell, and no column out of sight.
 */
export async function expectReadable(table: Locator) {
  await expect(table).toBeVisible();
  expect(await cellFaults(table, 'td, th')).toEqual([]);
}

/**
 * A block outside tables (a heading, a card) keeps its words whole and its
 * text inside its edges.
 */
export async function expectWordsWhole(block: Locator) {
  await expect(block).toBeVisible();
  expect(await cellFaults(block, null)).toEqual([]);
}
