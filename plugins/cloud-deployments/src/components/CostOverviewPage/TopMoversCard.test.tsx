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
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import {
  CostMover,
  CostMovers,
  MoverSpan,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { TopMoversCard } from './TopMoversCard';

const span = (
  from: string,
  to: string,
  daily: number | null,
  more: Partial<MoverSpan> = {},
): MoverSpan => ({
  from,
  to,
  total: daily === null ? null : daily * 7,
  daily,
  basis: 'actual',
  kind: 'exact',
  actualKinds: ['billed'],
  daysWithoutFigure: 0,
  ...more,
});

const mover = (
  n: number,
  name: string,
  before: MoverSpan,
  after: MoverSpan,
  relative: number | null,
  kind: CostMover['kind'] = 'exact',
): CostMover => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  name,
  environment: 'production',
  owner: 'group:default/ml-team',
  provider: 'aws-sagemaker',
  previous: before,
  recent: after,
  change: (after.daily ?? 0) - (before.daily ?? 0),
  relative,
  kind,
});

const movers: CostMovers = {
  days: 7,
  previous: { from: '2026-11-23', to: '2026-11-30' },
  recent: { from: '2026-11-30', to: '2026-12-07' },
  up: [
    mover(
      1,
      'fraud-model',
      span('2026-11-23', '2026-11-30', 10),
      span('2026-11-30', '2026-12-07', 17),
      0.7,
    ),
    mover(
      2,
      'preview-7',
      span('2026-11-23', '2026-11-30', 0, { basis: 'none', total: 0 }),
      span('2026-11-30', '2026-12-07', 2.5, {
        basis: 'estimated',
        kind: 'approximate',
      }),
      null,
      'approximate',
    ),
  ],
  down: [
    mover(
      3,
      'shop-api',
      span('2026-11-23', '2026-11-30', 8, {
        basis: 'estimated',
        kind: 'partial',
        daysWithoutFigure: 1,
      }),
      span('2026-11-30', '2026-12-07', 2),
      -0.75,
      'partial',
    ),
  ],
  withoutFigure: 2,
};

describe('TopMoversCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const asked: string[] = [];

  beforeEach(() => {
    asked.length = 0;
    server.use(
      http.get(`${baseUrl}/costs/movers`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json(movers);
      }),
    );
  });

  it('lists rises and falls with what each figure rests on', async () => {
    await renderInTestApp(<TopMoversCard />, {
      apis: [
        [
          cloudDeploymentsApiRef,
          new CloudDeploymentsClient({
            discoveryApi: mockApis.discovery({
              baseUrl: 'http://localhost:7007',
            }),
            fetchApi: mockApis.fetch(),
          }),
        ],
      ],
    });
    expect(
      await screen.findByText(
        /\$10\.00 → \$17\.00 a day \(\+\$7\.00, \+70 %; actual\)/,
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual(['?days=7&limit=5']);
    expect(
      screen.getByText(
        /\$0\.00 → ≈ \$2\.50 a day \(\+\$2\.50, new; not billing, then estimated\)/,
      ),
    ).toBeInTheDocument();
    // A lower bound is said as one, and why.
    expect(
      screen.getByText(
        /≥ \$8\.00 → \$2\.00 a day \(−\$6\.00, −75 %; estimated, then actual; some days have no figure\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/2 deployments are not ranked: a span has no figure/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Average daily cost, 2026-11-30 to 2026-12-06 against 2026-11-23 to 2026-11-29 (UTC): actual where read, else the estimate',
      ),
    ).toBeInTheDocument();
  });
});
