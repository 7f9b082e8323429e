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
import {
  DEFAULT_FILTERS,
  formatIsoDuration,
  hasFilters,
  isMine,
  OWNER_MINE,
  readFilters,
  toDeploymentsFilter,
  writeFilters,
} from './filters';

const none = {
  owner: [],
  component: [],
  provider: [],
  status: [],
  environment: [],
  q: '',
};

describe('readFilters', () => {
  it('reads repeated values and the search', () => {
    const params = new URLSearchParams(
      'owner=mine&owner=group:default/web&provider=kubernetes&status=active&status=failed&environment=staging&q=fraud&component=component:default/api',
    );
    expect(readFilters(params)).toEqual({
      owner: [OWNER_MINE, 'group:default/web'],
      component: ['component:default/api'],
      provider: ['kubernetes'],
      status: ['active', 'failed'],
      environment: ['staging'],
      q: 'fraud',
    });
  });

  it('drops values the backend would refuse, and duplicates', () => {
    const params = new URLSearchParams(
      'provider=heroku&status=sleeping&status=active&status=active&environment=Prod!&owner=',
    );
    expect(readFilters(params)).toEqual({
      ...DEFAULT_FILTERS,
      status: ['active'],
    });
  });

  it('reads the default view, my deployments, from an empty query string', () => {
    expect(readFilters(new URLSearchParams())).toEqual(DEFAULT_FILTERS);
    expect(isMine(DEFAULT_FILTERS)).toBe(true);
    expect(hasFilters(DEFAULT_FILTERS)).toBe(false);
  });

  it('reads "all" as no owner filter, and the sort and order', () => {
    const filters = readFilters(
      new URLSearchParams('owner=all&sort=monthlyCost&order=desc'),
    );
    expect(filters).toEqual({ ...none, sort: 'monthlyCost', order: 'desc' });
    expect(hasFilters(filters)).toBe(false);
    expect(isMine(filters)).toBe(false);
  });

  it('drops a sort or order the backend would refuse', () => {
    expect(
      readFilters(new URLSearchParams('owner=all&sort=cost&order=up')),
    ).toEqual(none);
  });
});

describe('writeFilters', () => {
  it('round-trips, keeps other parameters, and drops empty filters', () => {
    const filters = {
      ...none,
      owner: [OWNER_MINE],
      status: ['pending' as const, 'provisioning' as const],
      q: 'fraud model',
    };
    const params = writeFilters(
      new URLSearchParams('tab=x&provider=kubernetes'),
      filters,
    );

    // My deployments are the default view: no parameter for them.
    expect(params.toString()).toBe(
      'tab=x&status=pending&status=provisioning&q=fraud+model',
    );
    expect(readFilters(params)).toEqual(filters);
    expect(hasFilters(filters)).toBe(true);
  });

  it('writes no owner as "all", and the sort', () => {
    const params = writeFilters(new URLSearchParams('sort=name'), {
      ...none,
      sort: 'region',
      order: 'asc',
    });
    expect(params.toString()).toBe('owner=all&sort=region&order=asc');
  });
});

describe('the window of expiry', () => {
  it('round-trips as a filter, and is dropped when it is not a duration', () => {
    const filters = readFilters(
      new URLSearchParams('expiresWithin=P7D&sort=expiresAt'),
    );
    expect(filters).toEqual({
      ...DEFAULT_FILTERS,
      expiresWithin: 'P7D',
      sort: 'expiresAt',
    });
    expect(hasFilters(filters)).toBe(true);
    expect(writeFilters(new URLSearchParams(), filters).toString()).toBe(
      'expiresWithin=P7D&sort=expiresAt',
    );
    expect(
      readFilters(new URLSearchParams('expiresWithin=7d')).expiresWithin,
    ).toBeUndefined();
  });

  it('reads in words', () => {
    expect(formatIsoDuration('P7D')).toBe('7 days');
    expect(formatIsoDuration('P1DT12H')).toBe('1 day 12 hours');
    expect(formatIsoDuration('PT0S')).toBe('PT0S');
  });
});

describe('toDeploymentsFilter', () => {
  it('replaces "mine" with the ownership refs, lowercased and once each', async () => {
    const filter = await toDeploymentsFilter(
      {
        ...none,
        owner: [OWNER_MINE, 'group:default/web'],
        q: '  fraud ',
      },
      async () => ['user:default/Jane', 'group:default/web'],
    );
    expect(filter).toEqual({
      owner: ['group:default/web', 'user:default/jane'],
      q: 'fraud',
    });
  });

  it('asks for no ownership without "mine", and leaves unset filters out', async () => {
    const getOwnershipRefs = jest.fn();
    await expect(
      toDeploymentsFilter({ ...none, status: ['failed'] }, getOwnershipRefs),
    ).resolves.toEqual({ status: ['failed'] });
    expect(getOwnershipRefs).not.toHaveBeenCalled();
  });
});
