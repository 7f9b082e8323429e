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
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { TestApiRegistry } from '@backstage/test-utils';
import { isValidElement } from 'react';
import { cloudDeploymentsApiRef } from '../api';
import { pageLoader } from './pageLoader';

/** Lets a primed request, which waits for the identity, go out. */
const flush = () => new Promise(r => setTimeout(r, 0));

describe('pageLoader', () => {
  function setUp(location: string) {
    window.history.pushState({}, '', location);
    const listDeployments = jest.fn(async () => ({ items: [], totalCount: 0 }));
    const apis = TestApiRegistry.from(
      [cloudDeploymentsApiRef, { listDeployments }],
      [identityApiRef, mockApis.identity()],
    );
    return { load: pageLoader(apis, '/cloud-deployments'), listDeployments };
  }

  afterEach(() => window.history.pushState({}, '', '/'));

  it.each([
    ['/cloud-deployments'],
    ['/cloud-deployments/?owner=all'],
    ['/portal/cloud-deployments'],
  ])(
    "at %s, asks for the list's first page while the page loads",
    async location => {
      const { load, listDeployments } = setUp(location);

      const element = await load();

      expect(isValidElement(element)).toBe(true);
      await flush();
      expect(listDeployments).toHaveBeenCalledTimes(1);
    },
  );

  it.each([
    ['/cloud-deployments/deployments/x'],
    ['/cloud-deployments/budgets'],
  ])('at %s, another page of the plugin, asks for no list', async location => {
    const { load, listDeployments } = setUp(location);

    await load();

    expect(listDeployments).not.toHaveBeenCalled();
  });
});
