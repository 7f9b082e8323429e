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
import { makeDeployment } from '../../__testUtils__/fixtures';
import { CloudDeploymentsApi, cloudDeploymentsApiRef } from '../../api';
import { fetchListPage, FIRST_PAGE_SIZE, primeFirstPage } from './firstPage';

/** Lets the primed request, which waits for the identity, go out. */
const flush = () => new Promise(r => setTimeout(r, 0));

describe('primeFirstPage and fetchListPage', () => {
  const mine = {
    owner: ['user:default/jane', 'group:default/ml-team'],
    limit: FIRST_PAGE_SIZE,
  };

  function setUp() {
    let n = 0;
    const listDeployments = jest.fn(async () => ({
      items: [makeDeployment((n += 1))],
      totalCount: 1,
    }));
    const api = { listDeployments } as unknown as CloudDeploymentsApi;
    const apis = TestApiRegistry.from(
      [cloudDeploymentsApiRef, api],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: 'user:default/jane',
          ownershipEntityRefs: ['group:default/ml-team'],
        }),
      ],
    );
    return { api, apis, listDeployments };
  }

  afterEach(() => jest.restoreAllMocks());

  it('asks for the first page of the view in the query string, and hands it over once', async () => {
    const { api, apis, listDeployments } = setUp();

    primeFirstPage(apis, '');
    await flush();
    expect(listDeployments).toHaveBeenCalledTimes(1);
    expect(listDeployments).toHaveBeenCalledWith(mine);

    const first = await fetchListPage(api, mine);
    expect(first.items[0].name).toBe('model-1');
    expect(listDeployments).toHaveBeenCalledTimes(1);

    // Taken: the next ask (a refresh) goes to the backend.
    const again = await fetchListPage(api, mine);
    expect(again.items[0].name).toBe('model-2');
    expect(listDeployments).toHaveBeenCalledTimes(2);
  });

  it('reads the filters, the sort and the order from the query string', async () => {
    const { apis, listDeployments } = setUp();

    primeFirstPage(apis, '?owner=all&status=failed&sort=name&order=asc');
    await flush();

    expect(listDeployments).toHaveBeenCalledWith({
      status: ['failed'],
      sort: 'name',
      order: 'asc',
      limit: FIRST_PAGE_SIZE,
    });
  });

  it('asks the backend for any other query, and drops the primed page', async () => {
    const { api, apis, listDeployments } = setUp();

    primeFirstPage(apis, '?owner=all');
    const page = await fetchListPage(api, mine);

    expect(page.items[0].name).toBe('model-2');
    expect(listDeployments).toHaveBeenLastCalledWith(mine);
    await fetchListPage(api, { limit: FIRST_PAGE_SIZE });
    expect(listDeployments).toHaveBeenCalledTimes(3);
  });

  it('asks again when the primed page failed, and reports that failure', async () => {
    const { api, apis, listDeployments } = setUp();
    listDeployments
      .mockRejectedValueOnce(new Error('primed failed'))
      .mockRejectedValueOnce(new Error('asked again, failed'));

    primeFirstPage(apis, '');

    await expect(fetchListPage(api, mine)).rejects.toThrow(
      'asked again, failed',
    );
    expect(listDeployments).toHaveBeenCalledTimes(2);
  });

  it('does not hand over a page primed more than ten seconds ago', async () => {
    const { api, apis, listDeployments } = setUp();
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);

    primeFirstPage(apis, '');
    await flush();
    now.mockReturnValue(1_010_001);
    const page = await fetchListPage(api, mine);

    expect(page.items[0].name).toBe('model-2');
    expect(listDeployments).toHaveBeenCalledTimes(2);
  });

  it('asks for nothing without the APIs it needs', () => {
    const { listDeployments } = setUp();

    primeFirstPage(TestApiRegistry.from(), '');

    expect(listDeployments).not.toHaveBeenCalled();
  });
});
