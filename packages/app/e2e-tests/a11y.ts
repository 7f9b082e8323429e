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

import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';

type Result = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];
type ImpactValue = NonNullable<Result['impact']>;

/** The WCAG 2.0 and 2.1 success criteria at levels A and AA. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Impacts that fail a test; moderate and minor ones are only counted. */
const failing: ImpactValue[] = ['serious', 'critical'];

/**
 * Violations inside Backstage's own components, not this repository's, that
 * we cannot fix here. Each drops some rules on the elements that match a
 * selector (checked in the page, so `:has()` works), never a rule
 * everywhere: our components are still checked against every rule.
 */
const upstreamExclusions: { rules: string[]; selector: string; why: string }[] =
  [
    {
      rules: ['nested-interactive'],
      selector:
        'th > .MuiTableSortLabel-root:has([data-rbd-drag-handle-draggable-id])',
      why:
        "@backstage/core-components' Table (material-table) makes each " +
        'sortable column header a react-beautiful-dnd drag handle inside the ' +
        'sort button unless its options say draggable: false, as ours do; ' +
        "the catalog's CatalogTable does not let the app say so.",
    },
    {
      rules: ['aria-command-name', 'nested-interactive'],
      selector: 'th [data-rbd-draggable-id]',
      why:
        'The same drag handles of material-table, on the headers that do ' +
        "not sort: in @backstage/plugin-notifications' NotificationsTable " +
        'they are unnamed role="button" elements inside the header cell.',
    },
    {
      rules: ['aria-valid-attr-value'],
      selector: '.bui-TabList > .bui-Tab[role="tab"][aria-controls]',
      why:
        "@backstage/ui's Tabs in a PluginHeader (the scaffolder's Templates / " +
        'Tasks / Actions) are links to routes, with no TabPanel; react-aria ' +
        "still points each tab's aria-controls at a panel id that is not in " +
        'the page.',
    },
    {
      rules: ['label-content-name-mismatch'],
      selector: 'nav[aria-label="sidebar nav"] a[href="/notifications"]',
      why:
        "@backstage/plugin-notifications' NotificationsSidebarItem shows the " +
        "unread count beside its text, but core-components' SidebarItem sets " +
        'the aria-label to the text alone.',
    },
    {
      rules: ['link-name', 'nested-interactive'],
      selector: '[id^="viewDetail-template:"], [id^="viewDetail-template:"] a',
      why:
        "@backstage/plugin-scaffolder-react's TemplateDetailButton, on each " +
        'template card: a link holding only an icon, inside an IconButton.',
    },
    {
      rules: ['aria-progressbar-name'],
      selector:
        '.MuiPaper-root:has(.MuiStepper-root) > .MuiLinearProgress-root',
      why:
        "@backstage/plugin-scaffolder-react's TaskSteps: its TaskBorder, the " +
        "bar over a task's steps, is a LinearProgress with no label.",
    },
    {
      rules: [
        'aria-required-children',
        'aria-required-parent',
        'color-contrast',
      ],
      selector: 'a[role="row"][href^="#line-"]',
      why:
        "@backstage/core-components' LogViewer (the scaffolder task's log): " +
        'each line number is a link with role="row" outside any table, in a ' +
        "light blue (Material blue 300) of the viewer's own palette.",
    },
    {
      rules: ['color-contrast'],
      selector: '[class*="BackstageLogViewer-modifierForeground"]',
      why:
        "@backstage/core-components' LogViewer colours ANSI escapes with its " +
        'own fixed palette (Material green 500, 2.8:1 on white).',
    },
    {
      rules: ['button-name'],
      selector: '[class*="BackstageLogViewer-header"] button',
      why:
        "@backstage/core-components' LogViewerControls: the filter toggle is " +
        'an icon button with no label.',
    },
  ];

/** How many of each impact, and which rules, as written to the summary. */
export type A11ySummary = {
  page: string;
  url: string;
  counts: Record<ImpactValue, number>;
  rules: {
    id: string;
    impact: Result['impact'];
    help: string;
    targets: string[];
  }[];
  excluded: string[];
};

// Each element with axe's first reason, e.g. a contrast ratio and colours.
const describe = (v: Result) =>
  `${v.id} (${v.impact}): ${v.help}\n${v.nodes
    .map(n => {
      const reason = n.failureSummary?.split('\n')[1]?.trim();
      return `    ${n.target.join(' ')}${reason ? `\n      ${reason}` : ''}`;
    })
    .join('\n')}`;

/**
 * Waits for the app's toasts (from @backstage/plugin-app, role="alertdialog")
 * to leave the page, then for any that stay to be at rest. A transient toast
 * closes 5 s after it opens and fades out with its opacity: if that fade
 * overlaps axe's run, axe measures the half-faded text against the page
 * behind it (1.04:1 in one CI run), a contrast failure of a frame, not of
 * the toast. A toast that stays (an error, or one under the pointer, whose
 * timer react-aria pauses) does not fade during the run, and is checked
 * like the rest of the page.
 */
async function toastsSettled(page: Page) {
  const toast = '[role="alertdialog"]';
  const gone = await page
    .waitForFunction(t => !document.querySelector(t), toast, {
      timeout: 8_000,
    })
    .then(
      () => true,
      () => false,
    );
  if (gone) return;
  await page
    .waitForFunction(
      t =>
        Array.from(document.querySelectorAll(t)).every(
          el => getComputedStyle(el).opacity === '1',
        ),
      toast,
      { timeout: 2_000 },
    )
    .catch(() => undefined);
}

/**
 * Runs axe on the page as it is now (WCAG 2 A and AA) and fails on any
 * serious or critical violation, naming each rule, its impact and the
 * elements that break it. Writes the page's summary, counts by impact and
 * the rules, to .cache/e2e/a11y/<name>.json and prints it on one line.
 */
export async function expectNoSeriousA11yViolations(page: Page, name: string) {
  await toastsSettled(page);
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  // Which nodes an upstream exclusion covers, decided in the page in one
  // pass: axe's targets are CSS selectors, and an element gone since axe ran
  // (a toast that closed) is not waited for; it stays reported.
  const candidates = results.violations.flatMap(v =>
    v.nodes.map(n => ({
      target: n.target.join(' '),
      selectors: upstreamExclusions
        .filter(e => e.rules.includes(v.id))
        .map(e => e.selector),
    })),
  );
  const upstream = await page.evaluate(
    nodes =>
      nodes.map(({ target, selectors }) => {
        if (selectors.length === 0) return false;
        const el = document.querySelector(target);
        return !!el && selectors.some(s => el.matches(s));
      }),
    candidates,
  );
  const excluded: string[] = [];
  const violations: Result[] = [];
  let i = 0;
  for (const v of results.violations) {
    const nodes: Result['nodes'] = [];
    for (const n of v.nodes) {
      if (upstream[i++]) excluded.push(`${v.id}: ${n.target.join(' ')}`);
      else nodes.push(n);
    }
    if (nodes.length) violations.push({ ...v, nodes });
  }

  const counts: Record<ImpactValue, number> = {
    critical: 0,
    serious: 0,
    moderate: 0,
    minor: 0,
  };
  for (const v of violations) {
    if (v.impact) counts[v.impact] += v.nodes.length;
  }
  const summary: A11ySummary = {
    page: name,
    url: new URL(page.url()).pathname,
    counts,
    rules: violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map(n => n.target.join(' ')),
    })),
    excluded,
  };
  mkdirSync('.cache/e2e/a11y', { recursive: true });
  writeFileSync(
    `.cache/e2e/a11y/${name}.json`,
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  const rules = violations.map(v => `${v.id}:${v.impact}`).join(', ');
  // eslint-disable-next-line no-console
  console.log(
    `a11y ${name}: ${counts.critical} critical, ${counts.serious} serious, ${
      counts.moderate
    } moderate, ${counts.minor} minor${rules ? ` (${rules})` : ''}${
      excluded.length ? `; ${excluded.length} upstream excluded` : ''
    }`,
  );

  const serious = violations.filter(
    v => v.impact && failing.includes(v.impact),
  );
  expect(
    serious.map(describe),
    `serious or critical accessibility violations on ${name}`,
  ).toEqual([]);
}
