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
import {
  Stepper,
  StepperProps,
} from '@backstage/plugin-scaffolder-react/alpha';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeEstimate, makeLine } from '../../__testUtils__/fixtures';
import { makeEmissions } from '../../__testUtils__/emissions';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { cloudCostEstimateFieldOptions } from './CloudCostEstimateField';
import { ESTIMATE_DEBOUNCE_MS } from './useLiveEstimate';

/** A JSON object, as templates and the form hold them. */
type JsonObject = NonNullable<StepperProps['initialState']>;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/**
 * The backend's `POST /estimates`: records each request and answers with
 * `answer`, which may hold a request open until the test settles it.
 */
function fakeEstimates(
  answer: (body: any) => Response | Promise<Response> = () =>
    json(makeEstimate()),
) {
  const received: { path: string; body: any; signal?: AbortSignal }[] = [];
  const fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body));
      received.push({
        path: new URL(String(input)).pathname,
        body,
        signal: init?.signal ?? undefined,
      });
      return answer(body);
    }),
  };
  return { received, fetchApi };
}

/** A create-deployment template's step, as the templates declare it. */
function manifest(uiOptions: JsonObject) {
  return {
    title: 'Deploy a model',
    steps: [
      {
        title: 'Deployment',
        schema: {
          type: 'object',
          properties: {
            name: { type: 'string', title: 'Name' },
            region: { type: 'string', title: 'Region' },
            compute: {
              type: 'object',
              title: 'Compute',
              properties: {
                instanceType: { type: 'string', title: 'Instance type' },
                instanceCount: { type: 'integer', title: 'Instance count' },
                cpu: { type: 'number', title: 'CPU' },
                memoryMiB: { type: 'integer', title: 'Memory (MiB)' },
              },
            },
            costEstimate: {
              type: 'object',
              title: 'Estimated monthly cost',
              'ui:field': 'CloudCostEstimate',
              'ui:options': uiOptions,
            },
          },
        },
      },
    ],
  };
}

const sagemakerForm = {
  name: 'fraud-model',
  component: 'component:default/fraud-model',
  owner: 'group:default/ml-team',
  environment: 'production',
  region: 'us-east-1',
  compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
};

async function renderForm(options: {
  fetchApi: { fetch: typeof fetch };
  initialState?: JsonObject;
  uiOptions?: JsonObject;
}) {
  const onCreate = jest.fn(async (_values: JsonObject) => {});
  await renderInTestApp(
    <Stepper
      manifest={manifest(options.uiOptions ?? { provider: 'aws-sagemaker' })}
      extensions={[cloudCostEstimateFieldOptions]}
      initialState={options.initialState ?? {}}
      onCreate={onCreate}
    />,
    {
      apis: [
        [
          cloudDeploymentsApiRef,
          new CloudDeploymentsClient({
            discoveryApi: mockApis.discovery({
              baseUrl: 'http://localhost:7007',
            }),
            fetchApi: options.fetchApi,
          }),
        ],
      ],
    },
  );
  return { onCreate };
}

/** Lets the debounce run out and the answer arrive. */
async function settle(ms = ESTIMATE_DEBOUNCE_MS) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

const total = () =>
  screen.getByRole('status', { name: 'Estimated monthly cost' });

describe('CloudCostEstimateField', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    // The stepper scrolls to the top of each step, which jsdom cannot do.
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('asks for what is missing, and sends nothing, while the form cannot be priced', async () => {
    const backend = fakeEstimates();
    await renderForm({
      fetchApi: backend.fetchApi,
      initialState: { name: 'fraud-model' },
    });

    await settle(2 * ESTIMATE_DEBOUNCE_MS);

    expect(total()).toHaveTextContent(
      'Choose a region and an instance type to see the estimate.',
    );
    expect(backend.received).toEqual([]);
  });

  it('names what Cloud Run needs', async () => {
    const backend = fakeEstimates();
    await renderForm({
      fetchApi: backend.fetchApi,
      uiOptions: { provider: 'gcp-cloud-run' },
      initialState: { region: 'europe-west1', compute: { cpu: 1 } },
    });

    await settle();

    expect(total()).toHaveTextContent('Choose the memory to see the estimate.');
    expect(backend.received).toEqual([]);
  });

  it('prices a complete form: sends what pricing needs, shows the total and the lines, and stores a summary', async () => {
    const estimate = makeEstimate({
      monthlyTotal: 170.7,
      lines: [
        makeLine({
          description: 'Instance hours (ml.m5.large × 2)',
          quantity: 1460,
          monthlyCost: 167.9,
        }),
        makeLine({
          description: 'Storage',
          quantity: 20,
          unit: 'gib-hour',
          unitPrice: 0.14,
          monthlyCost: 2.8,
          sku: 'storage',
          effectiveDate: '2026-04-01',
        }),
      ],
    });
    const backend = fakeEstimates(() => json(estimate));
    const { onCreate } = await renderForm({
      fetchApi: backend.fetchApi,
      initialState: sagemakerForm,
    });

    expect(total()).toHaveTextContent('Estimating…');
    await settle();

    expect(backend.received).toHaveLength(1);
    expect(backend.received[0].path).toBe('/api/cloud-deployments/estimates');
    expect(backend.received[0].body).toEqual({
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
    });
    expect(await screen.findByText('$170.70')).toBeInTheDocument();
    expect(total()).toHaveTextContent('$170.70 per month');
    expect(total()).toHaveAttribute('aria-live', 'polite');

    const rows = within(
      screen.getByRole('table', { name: 'Cost breakdown' }),
    ).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      'DescriptionQuantityUnit priceMonthly',
      'Instance hours (ml.m5.large × 2)1,460 hours$0.115 / hour$167.90',
      'Storage20 GiB-hours$0.14 / GiB-hour$2.80',
    ]);
    expect(
      screen.getByText(
        /Prices from AWS Pricing API \(live\), as of 2026-04-01/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Some prices are missing/),
    ).not.toBeInTheDocument();

    // The field never blocks the form, and its value reaches the template.
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await user.click(screen.getByRole('button', { name: 'Review' }));
    await user.click(await screen.findByRole('button', { name: 'Create' }));
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        region: 'us-east-1',
        costEstimate: {
          monthlyCost: 170.7,
          pricedSubtotal: 170.7,
          totalKind: 'exact',
          missingLines: 0,
          approximateFrom: [],
          summary: '$170.70 a month',
          currency: 'USD',
          asOf: '2026-04-01',
        },
      }),
    );
  });

  it("shows the live estimate's emissions under its price, one heading level below the field's", async () => {
    const backend = fakeEstimates(() =>
      json(makeEstimate({ emissions: makeEmissions() })),
    );
    await renderForm({
      fetchApi: backend.fetchApi,
      initialState: sagemakerForm,
    });
    await settle();

    const section = await screen.findByRole('region', {
      name: 'Estimated emissions',
    });
    expect(
      within(section).getByRole('heading', { level: 4 }),
    ).toHaveTextContent('Estimated emissions');
    expect(within(section).getByText('3.0 kgCO2e')).toBeInTheDocument();
    expect(
      within(
        within(section).getByRole('table', { name: 'Emissions breakdown' }),
      )
        .getAllByRole('rowheader')
        .map(th => th.textContent),
    ).toEqual(['CPU', 'Memory', 'Embodied']);
    expect(
      within(section).getByText(/CPU utilisation: 50 % \(default\)/),
    ).toBeInTheDocument();
  });

  it('sends one request for fast typing, once the typing stops, and drops the answer of values changed since', async () => {
    const pending: ((response: Response) => void)[] = [];
    const backend = fakeEstimates(
      body =>
        new Promise<Response>(resolve =>
          pending.push(() =>
            resolve(
              json(
                makeEstimate({
                  lines: [
                    makeLine({
                      description: `Instance hours (${body.compute.instanceType} × 1)`,
                      monthlyCost: body.compute.instanceType.length,
                    }),
                  ],
                }),
              ),
            ),
          ),
        ),
    );
    await renderForm({
      fetchApi: backend.fetchApi,
      initialState: { region: 'us-east-1' },
    });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const instanceType = screen.getByRole('textbox', { name: 'Instance type' });

    await user.type(instanceType, 'ml.m5.large');
    await settle(ESTIMATE_DEBOUNCE_MS - 1);
    expect(backend.received).toEqual([]);
    await settle(1);

    expect(backend.received.map(r => r.body.compute)).toEqual([
      { instanceType: 'ml.m5.large' },
    ]);

    // Changed while that request is out: it is cancelled, and its late
    // answer is not shown.
    await user.type(
      instanceType,
      '{Backspace}{Backspace}{Backspace}{Backspace}{Backspace}xlarge',
    );
    await settle();
    expect(backend.received.map(r => r.body.compute)).toEqual([
      { instanceType: 'ml.m5.large' },
      { instanceType: 'ml.m5.xlarge' },
    ]);
    expect(backend.received[0].signal?.aborted).toBe(true);
    expect(backend.received[1].signal?.aborted).toBe(false);

    await act(async () => pending[0](new Response()));
    expect(total()).toHaveTextContent('Estimating…');
    await act(async () => pending[1](new Response()));
    expect(await within(total()).findByText('$12.00')).toHaveTextContent(
      '$12.00 per month',
    );
  });

  it("shows the backend's message when it cannot price the values, and stores nothing", async () => {
    const backend = fakeEstimates(() =>
      json(
        {
          error: {
            name: 'InputError',
            message:
              'Invalid estimate: compute.instanceType: must be a SageMaker instance type like "ml.m5.large"',
          },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const { onCreate } = await renderForm({
      fetchApi: backend.fetchApi,
      initialState: {
        region: 'us-east-1',
        compute: { instanceType: 'm5.large' },
      },
    });

    await settle();

    expect(
      await screen.findByText('Error: These values cannot be priced'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Invalid estimate: compute.instanceType: must be a SageMaker instance type like "ml.m5.large"',
      ),
    ).toBeInTheDocument();
    expect(total()).not.toHaveTextContent('per month');

    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await user.click(screen.getByRole('button', { name: 'Review' }));
    await user.click(await screen.findByRole('button', { name: 'Create' }));
    expect(onCreate.mock.calls[0][0]).not.toHaveProperty('costEstimate');
  });

  it('warns when a price is missing, showing the total as a lower bound', async () => {
    const backend = fakeEstimates(() =>
      json(
        makeEstimate({
          lines: [
            makeLine(),
            makeLine({
              description: 'GPU hours',
              unit: 'gpu-hour',
              unitPrice: null,
              monthlyCost: null,
              sku: 'ml.g5',
              source: undefined,
              origin: undefined,
              effectiveDate: undefined,
            }),
          ],
        }),
      ),
    );
    await renderForm({
      fetchApi: backend.fetchApi,
      initialState: sagemakerForm,
    });

    await settle();

    expect(await screen.findByText('≥ $83.95')).toBeInTheDocument();
    expect(total()).toHaveTextContent(
      '≥ $83.95 per monthA lower bound: 1 line has no price and is not included.',
    );
    expect(screen.getByText('Warning: A price is missing')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No price is known for GPU hours; the total leaves it out and is a lower bound.',
      ),
    ).toBeInTheDocument();
  });

  it('warns when the estimate is over the budget the template states', async () => {
    const backend = fakeEstimates();
    await renderForm({
      fetchApi: backend.fetchApi,
      uiOptions: { provider: 'aws-sagemaker', monthlyBudget: 50 },
      initialState: sagemakerForm,
    });

    await settle();

    expect(await screen.findByText('Warning: Over budget')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Estimated at $83.95 per month, above the budget of $50.00 per month.',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the template does not name the provider', async () => {
    const backend = fakeEstimates();
    await renderForm({
      fetchApi: backend.fetchApi,
      uiOptions: {},
      initialState: sagemakerForm,
    });

    await settle();

    expect(
      screen.getByText('Error: This field is not set up'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/must set ui:options.provider on this field/),
    ).toBeInTheDocument();
    expect(backend.received).toEqual([]);
  });
});
