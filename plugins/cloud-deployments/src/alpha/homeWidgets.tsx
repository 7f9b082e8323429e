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
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/**
 * The home page card of the signed-in user's deployments (theirs and their
 * groups'), with status and cost, and a Deploy button to the templates.
 * Named `CloudDeploymentsMine` in a home layout's `defaultConfig`.
 *
 * @alpha
 */
export const myDeploymentsHomeWidget = HomePageWidgetBlueprint.make({
  name: 'my-deployments',
  params: {
    name: 'CloudDeploymentsMine',
    title: 'My deployments',
    description:
      'Your deployments and your groups’, with status and monthly cost, and a Deploy button',
    layout: {
      width: { minColumns: 4, defaultColumns: 6 },
      height: { minRows: 4, defaultRows: 6 },
    },
    components: () =>
      import('../components/HomeWidgets').then(m => ({
        Content: m.MyDeploymentsContent,
      })),
  },
});

/**
 * The home page card of this month's spend so far, actual and estimated,
 * and its month-end forecast. Named `CloudDeploymentsMonthSpend`.
 *
 * @alpha
 */
export const monthSpendHomeWidget = HomePageWidgetBlueprint.make({
  name: 'month-spend',
  params: {
    name: 'CloudDeploymentsMonthSpend',
    title: 'This month’s spend',
    description:
      'What deployments cost this month so far, actual and estimated, and the month-end forecast',
    layout: {
      width: { minColumns: 3, defaultColumns: 6 },
      height: { minRows: 3, defaultRows: 4 },
    },
    components: () =>
      import('../components/HomeWidgets').then(m => ({
        Content: m.MonthSpendContent,
      })),
  },
});

/**
 * The home page card of what waits for the signed-in user: approvals they
 * can decide, drift, and TTLs ending soon. Named `CloudDeploymentsWaiting`.
 *
 * @alpha
 */
export const waitingForMeHomeWidget = HomePageWidgetBlueprint.make({
  name: 'waiting-for-me',
  params: {
    name: 'CloudDeploymentsWaiting',
    title: 'Waiting for you',
    description:
      'Approvals you can decide, drifted deployments and TTLs ending within a week',
    layout: {
      width: { minColumns: 3, defaultColumns: 6 },
      height: { minRows: 3, defaultRows: 5 },
    },
    components: () =>
      import('../components/HomeWidgets').then(m => ({
        Content: m.WaitingForMeContent,
      })),
  },
});
