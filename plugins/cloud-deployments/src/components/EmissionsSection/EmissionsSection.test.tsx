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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeCoefficient,
  makeEmissions,
  makeEmissionsLine,
  workedExampleLines,
} from '../../__testUtils__/emissions';
import { EmissionsSection } from './EmissionsSection';

/** The table's rows as the text of their cells, header row first. */
function rows(): string[][] {
  const table = screen.getByRole('table', { name: 'Emissions breakdown' });
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(
        row.querySelectorAll('th, td'),
        cell => cell.textContent ?? '',
      ),
    );
}

describe('EmissionsSection', () => {
  it('shows the worked example: its total, a line per component with its figure, and each line’s coefficients folded away', async () => {
    await renderInTestApp(<EmissionsSection emissions={makeEmissions()} />);

    const section = screen.getByRole('region', {
      name: 'Estimated emissions',
    });
    expect(
      within(section).getByRole('heading', {
        level: 3,
        name: 'Estimated emissions',
      }),
    ).toBeInTheDocument();
    expect(within(section).getByText('3.0 kgCO2e')).toBeInTheDocument();

    const [header, cpu, memory, embodied] = rows();
    expect(header).toEqual([
      'Component',
      'What is counted',
      'Energy',
      'Monthly',
    ]);
    expect(cpu[0]).toBe('CPU');
    expect(cpu.slice(2)).toEqual(['4.07 kWh', '1.5 kgCO2e']);
    expect(memory[0]).toBe('Memory');
    expect(memory.slice(2)).toEqual(['2.05 kWh', '776 gCO2e']);
    // Embodied emissions draw no energy while running.
    expect(embodied[0]).toBe('Embodied');
    expect(embodied.slice(2)).toEqual(['—', '699 gCO2e']);

    // Each coefficient with its value, unit, year and source, closed until asked.
    const details = screen.getByText('4 coefficients').closest('details')!;
    expect(details).not.toHaveAttribute('open');
    await userEvent.click(screen.getByText('4 coefficients'));
    expect(details).toHaveAttribute('open');
    const items = within(details)
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(items[0]).toBe(
      'grid factor: 379.069 gCO2e/kWh (2020, EPA eGRID2020 NERC region SERC, region us-east-1)',
    );
    expect(items[1]).toBe('PUE: 1.135 ratio (2021)');
    // One source for all of them, said once.
    expect(details).toHaveTextContent(
      /From Cloud Carbon Footprint @ b7a049c \(Apache-2\.0\)\.$/,
    );
  });

  it("gives each coefficient its source when a line's come from several", async () => {
    const lines = [
      makeEmissionsLine({
        coefficients: [
          makeCoefficient(),
          makeCoefficient({
            name: 'grid factor',
            value: 103.37,
            unit: 'gCO2e/kWh',
            year: '2024',
            source: 'Google region-carbon-info @ 49f3f26 (Apache-2.0)',
          }),
        ],
      }),
    ];
    await renderInTestApp(
      <EmissionsSection emissions={makeEmissions({ lines })} />,
    );
    await userEvent.click(screen.getByText('2 coefficients'));
    expect(screen.getAllByRole('listitem').map(li => li.textContent)).toEqual([
      'PUE: 1.135 ratio (2021) — Cloud Carbon Footprint @ b7a049c (Apache-2.0)',
      'grid factor: 103.37 gCO2e/kWh (2024) — Google region-carbon-info @ 49f3f26 (Apache-2.0)',
    ]);
    expect(screen.queryByText(/^From /)).not.toBeInTheDocument();
  });

  it('labels the default utilisation, and says how old the coefficients are and where they come from', async () => {
    await renderInTestApp(<EmissionsSection emissions={makeEmissions()} />);
    expect(
      screen.getByText(
        'Assumes CPU utilisation: 50 % (default); Hours per month: 730.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Coefficients built 2026-12-07 from Cloud Carbon Footprint @ b7a049c \(2024-03-25, Apache-2\.0\); grid factors 2020, 2021\./,
      ),
    ).toBeInTheDocument();
  });

  it('shows a missing line as missing, never 0, and the total as a lower bound', async () => {
    const lines = [
      ...workedExampleLines().slice(0, 2),
      makeEmissionsLine({
        component: 'embodied',
        description: 'Embodied: ml.x9.large',
        gramsPerMonth: null,
        kind: 'missing',
        coefficients: [],
        note: 'No embodied emissions are known for x9.large.',
      }),
    ];
    await renderInTestApp(
      <EmissionsSection
        emissions={makeEmissions({
          lines,
          warnings: ['x9.large is not in the coefficients.'],
        })}
      />,
    );
    expect(screen.getByText('≥ 2.3 kgCO2e')).toBeInTheDocument();
    expect(
      screen.getByText(
        'A lower bound: 1 line has no figure and is not included.',
      ),
    ).toBeInTheDocument();
    const embodied = rows()[3];
    expect(embodied[3]).toBe('missing');
    expect(embodied[1]).toContain(
      'No embodied emissions are known for x9.large.',
    );
    expect(screen.queryByText(/^0 gCO2e/)).not.toBeInTheDocument();
    expect(
      screen.getByText('x9.large is not in the coefficients.'),
    ).toBeInTheDocument();
  });

  it('has no figure at all when no line has one', async () => {
    const lines = [
      makeEmissionsLine({
        gramsPerMonth: null,
        kwhPerMonth: null,
        kind: 'missing',
      }),
    ];
    await renderInTestApp(
      <EmissionsSection emissions={makeEmissions({ lines })} />,
    );
    expect(screen.getByText('Unknown')).toBeInTheDocument();
    expect(
      screen.getByText('No figure is known: 1 line has no coefficients.'),
    ).toBeInTheDocument();
    expect(rows()[1].slice(2)).toEqual(['missing', 'missing']);
  });

  it('marks an approximate total and line with where the stand-in is from and why', async () => {
    const lines = [
      makeEmissionsLine({
        kind: 'approximate',
        approximation: {
          requested: 'grid factor of me-central-1',
          reason: 'none in the data: eu-central-1 stands in',
        },
        coefficients: [
          makeCoefficient({
            name: 'grid factor',
            value: 311,
            unit: 'gCO2e/kWh',
            region: 'eu-central-1',
          }),
        ],
      }),
    ];
    await renderInTestApp(
      <EmissionsSection
        emissions={makeEmissions({ lines, approximateFrom: ['eu-central-1'] })}
      />,
    );
    // The total, in large type; the line's figure is in the table.
    expect(
      screen.getByText('≈ 1.5 kgCO2e', { selector: 'p' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Approximate: some coefficients are from eu-central-1, not this region's own.",
      ),
    ).toBeInTheDocument();
    const cpu = rows()[1];
    expect(cpu[3]).toBe('≈ 1.5 kgCO2e');
    expect(cpu[1]).toContain(
      'Approximate grid factor of me-central-1: none in the data: eu-central-1 stands in',
    );
  });

  it('says "not estimated" for an estimate stored before emissions were estimated', async () => {
    await renderInTestApp(<EmissionsSection headingLevel="h4" />);
    expect(
      screen.getByRole('heading', { level: 4, name: 'Estimated emissions' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Not estimated: this estimate was made before emissions were estimated.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText(/CO2e/)).not.toBeInTheDocument();
  });
});
