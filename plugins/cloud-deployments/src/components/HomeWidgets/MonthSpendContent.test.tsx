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
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { baseUrl } from '../../__testUtils__/fixtures';
import {
  makeForecast,
  renderWidget,
  setupBackend,
} from '../../__testUtils__/homeWidgets';
import { MonthSpendContent } from './MonthSpendContent';

describe('MonthSpendContent', () => {
  const { server } = setupBackend();

  it('splits the month so far into actual and estimated, and gives the forecast', async () => {
    server.use(
      http.get(`${baseUrl}/costs/forecast`, () =>
        HttpResponse.json(
          makeForecast({
            monthToDate: {
              actual: 100.25,
              estimated: 20,
              total: 120.25,
              withoutFigure: 3,
            },
            rest: {
              total: 300,
              deployments: 4,
              withoutEstimate: 1,
              ttlEnding: [],
            },
            forecast: 420.25,
            forecastKind: 'approximate',
          }),
        ),
      ),
    );
    await renderWidget(<MonthSpendContent />);

    expect(
      await screen.findByText('December 2026 so far', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('$120.25')).toBeInTheDocument();
    expect(
      screen.getByText(
        /\$100\.25 actual .* \+ \$20\.00 estimated for the days/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Not counted: 3 deployment-days/),
    ).toBeInTheDocument();
    expect(screen.getByText('≈ $420.25')).toBeInTheDocument();
    expect(
      screen.getByText(/1 without a priced estimate left out/),
    ).toBeInTheDocument();
  });

  it('says when all of it is actual, and never shows an unknown forecast as $0', async () => {
    server.use(
      http.get(`${baseUrl}/costs/forecast`, () =>
        HttpResponse.json(
          makeForecast({
            monthToDate: {
              actual: 5,
              estimated: 0,
              total: 5,
              withoutFigure: 0,
            },
            forecastKind: 'unknown',
          }),
        ),
      ),
    );
    await renderWidget(<MonthSpendContent />);

    expect(
      await screen.findByText(/All of it actual cost/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('unknown (no prices)')).toBeInTheDocument();
    expect(screen.queryByText('$0.00')).not.toBeInTheDocument();
  });
});
