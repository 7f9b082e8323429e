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
import { makeEstimate } from '../../__testUtils__/fixtures';
import { makeEmissions } from '../../__testUtils__/emissions';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { cloudCostEstimateFieldOptions } from './CloudCostEstimateField';
import { ESTIMATE_DEBOUNCE_MS } from './useLiveEstimate';

type JsonObject = NonNullable<StepperProps['initialState']>;

const DEFAULT_USAGE: Record<string, number | string> = {
  hoursPerMonth: 730,
  requestsPerMonth: 1_000_000,
  avgRequestDurationMs: 200,
  billing: 'request',
  os: 'linux',
};

/**
 * The backend's `POST /estimates` as far as the usage section reads it: the
 * assumptions used, and `defaults` naming those the request did not give.
 */
function fakeBackend() {
  const received: any[] = [];
  const fetchApi = {
    fetch: jest.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body));
      received.push(body);
      const keys =
        body.provider === 'gcp-cloud-run'
          ? ['requestsPerMonth', 'avgRequestDurationMs', 'billing']
          : ['os'];
      const assumptions: Record<string, string | number | boolean> = {};
      const defaults: string[] = [];
      for (const key of [...keys, 'hoursPerMonth']) {
        assumptions[key] = body.usage?.[key] ?? DEFAULT_USAGE[key];
        if (body.usage?.[key] === undefined) defaults.push(key);
      }
      if (body.provider === 'gcp-cloud-run') {
        assumptions.freeTierApplied = body.usage?.applyFreeTier ?? true;
        if (body.usage?.applyFreeTier === undefined)
          defaults.push('freeTierApplied');
        assumptions.concurrency = body.compute.concurrency ?? 80;
        if (body.compute.concurrency === undefined)
          defaults.push('concurrency');
      }
      // Utilisation is read by the emissions only, and listed there.
      const utilisation = body.usage?.cpuUtilization;
      const estimate = makeEstimate({
        assumptions: { ...assumptions, defaults: defaults.join(', ') },
        emissions: makeEmissions({
          assumptions: {
            cpuUtilization: utilisation ?? 0.5,
            defaults: utilisation === undefined ? 'cpuUtilization' : '',
          },
        }),
      });
      return new Response(JSON.stringify(estimate), {
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  };
  return { received, fetchApi };
}

function manifest(provider: string) {
  return {
    title: 'Deploy',
    steps: [
      {
        title: 'Deployment',
        schema: {
          type: 'object',
          properties: {
            region: { type: 'string', title: 'Region' },
            compute: {
              type: 'object',
              title: 'Compute',
              properties: {
                cpu: { type: 'number', title: 'CPU' },
                memoryMiB: { type: 'integer', title: 'Memory (MiB)' },
                concurrency: { type: 'integer', title: 'Max concurrency' },
              },
            },
            costEstimate: {
              type: 'object',
              title: 'Estimated monthly cost',
              'ui:field': 'CloudCostEstimate',
              'ui:options': { provider },
            },
          },
        },
      },
    ],
  };
}

async function renderForm(provider: string, initialState: JsonObject) {
  const backend = fakeBackend();
  const onCreate = jest.fn(async (_values: JsonObject) => {});
  await renderInTestApp(
    <Stepper
      manifest={manifest(provider)}
      extensions={[cloudCostEstimateFieldOptions]}
      initialState={initialState}
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
            fetchApi: backend.fetchApi,
          }),
        ],
      ],
    },
  );
  await settle();
  return { ...backend, onCreate };
}

async function settle(ms = ESTIMATE_DEBOUNCE_MS) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

const usageSection = () =>
  screen.getByRole('region', { name: 'Usage assumptions' });
const input = (name: string) =>
  within(usageSection()).getByRole('spinbutton', { name });
/** The helper text under an input: the default, "your value" or the error. */
const helper = (name: string) =>
  document.getElementById(`${input(name).id}-helper-text`)?.textContent;

const cloudRunForm = {
  region: 'europe-west1',
  compute: { cpu: 1, memoryMiB: 512 },
};

describe('UsageAssumptions', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('shows the values the Cloud Run estimate used, each default labelled as such', async () => {
    const backend = await renderForm('gcp-cloud-run', cloudRunForm);

    expect(backend.received).toHaveLength(1);
    expect(backend.received[0].usage).toBeUndefined();
    expect(input('Requests per month')).toHaveValue(1_000_000);
    expect(helper('Requests per month')).toBe('default: 1,000,000 requests');
    expect(input('Request duration (ms)')).toHaveValue(200);
    expect(helper('Request duration (ms)')).toBe('default: 200 ms');
    expect(input('Concurrency (requests per instance)')).toHaveValue(80);
    expect(helper('Concurrency (requests per instance)')).toBe(
      "default: 80, Cloud Run's own",
    );
    expect(input('Hours per month')).toHaveValue(730);
    expect(helper('Hours per month')).toBe('default: 730 h, a full month');
  });

  it('re-estimates with what the user types, once typing stops, and stores it for the template', async () => {
    const backend = await renderForm('gcp-cloud-run', cloudRunForm);
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });

    await user.clear(input('Requests per month'));
    await user.type(input('Requests per month'), '5000000');
    await user.clear(input('Concurrency (requests per instance)'));
    await user.type(input('Concurrency (requests per instance)'), '10');
    await settle();

    // Typing is debounced: one request for the settled values, not one a key.
    expect(backend.received).toHaveLength(2);
    expect(backend.received[1]).toEqual({
      provider: 'gcp-cloud-run',
      region: 'europe-west1',
      compute: { cpu: 1, memoryMiB: 512, concurrency: 10 },
      usage: { requestsPerMonth: 5_000_000 },
    });
    expect(helper('Requests per month')).toBe('your value');
    expect(helper('Hours per month')).toBe('default: 730 h, a full month');

    await user.click(screen.getByRole('button', { name: 'Review' }));
    await user.click(await screen.findByRole('button', { name: 'Create' }));
    expect(backend.onCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        costEstimate: expect.objectContaining({
          usage: { requestsPerMonth: 5_000_000 },
          concurrency: 10,
        }),
      }),
    );
  });

  it('shows an out-of-range value as an inline error and does not send it', async () => {
    const backend = await renderForm('azure-container-instances', {
      region: 'westeurope',
      compute: { cpu: 1, memoryMiB: 1536 },
    });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });

    expect(helper('Hours per month')).toBe('default: 730 h, a full month');
    await user.clear(input('Hours per month'));
    await user.type(input('Hours per month'), '800');
    await settle(2 * ESTIMATE_DEBOUNCE_MS);

    expect(input('Hours per month')).toHaveAttribute('aria-invalid', 'true');
    expect(helper('Hours per month')).toBe('must be at most 744 (31 days)');
    expect(backend.received.every(body => body.usage === undefined)).toBe(true);

    await user.clear(input('Hours per month'));
    await user.type(input('Hours per month'), '200');
    await settle();
    expect(input('Hours per month')).toHaveAttribute('aria-invalid', 'false');
    expect(backend.received[backend.received.length - 1].usage).toEqual({
      hoursPerMonth: 200,
    });
    expect(helper('Hours per month')).toBe('your value');
  });

  it('clearing an input goes back to the default', async () => {
    const backend = await renderForm('aws-sagemaker', {
      region: 'us-east-1',
      compute: { instanceType: 'ml.m5.large' },
    });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });

    await user.clear(input('Hours per month'));
    await user.type(input('Hours per month'), '100');
    await settle();
    expect(backend.received[backend.received.length - 1].usage).toEqual({
      hoursPerMonth: 100,
    });

    await user.clear(input('Hours per month'));
    await settle();
    expect(backend.received[backend.received.length - 1].usage).toBeUndefined();
    expect(helper('Hours per month')).toBe('default: 730 h, a full month');
  });

  it("lets the user say the free tier is used up elsewhere, Cloud Run's default being to credit it", async () => {
    const backend = await renderForm('gcp-cloud-run', cloudRunForm);
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const freeTier = () =>
      within(usageSection()).getByRole('button', { name: /Free tier/ });
    const freeTierHelper = () =>
      document.querySelector('[id$="-usage-applyFreeTier-helper-text"]')
        ?.textContent;

    expect(freeTier()).toHaveTextContent('Credited (per billing account)');
    expect(freeTierHelper()).toBe('default: credited');

    await user.click(freeTier());
    await user.click(
      await screen.findByRole('option', {
        name: 'Not credited (used up elsewhere)',
      }),
    );
    await settle();

    expect(backend.received[backend.received.length - 1].usage).toEqual({
      applyFreeTier: false,
    });
    expect(freeTier()).toHaveTextContent('Not credited (used up elsewhere)');
    expect(freeTierHelper()).toBe('your value');
  });

  it("shows the emissions' utilisation as a percentage, and sends what is typed as the API's 0–1", async () => {
    const backend = await renderForm('aws-sagemaker', {
      region: 'us-east-1',
      compute: { instanceType: 'ml.m5.large' },
    });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const utilisation = 'CPU utilisation (%)';

    expect(input(utilisation)).toHaveValue(50);
    expect(helper(utilisation)).toBe('default: 50 %, for emissions');

    await user.clear(input(utilisation));
    await user.type(input(utilisation), '150');
    await settle(2 * ESTIMATE_DEBOUNCE_MS);
    expect(helper(utilisation)).toBe('must be between 0 and 100 %');
    expect(backend.received.every(body => body.usage === undefined)).toBe(true);

    await user.clear(input(utilisation));
    await user.type(input(utilisation), '25');
    await settle();
    expect(backend.received[backend.received.length - 1].usage).toEqual({
      cpuUtilization: 0.25,
    });
    expect(input(utilisation)).toHaveValue(25);
    expect(helper(utilisation)).toBe('your value');
  });

  it('shows a concurrency the form sets, and does not let it be changed here', async () => {
    const backend = await renderForm('gcp-cloud-run', {
      ...cloudRunForm,
      compute: { ...cloudRunForm.compute, concurrency: 40 },
    });

    expect(backend.received[0].compute.concurrency).toBe(40);
    expect(input('Concurrency (requests per instance)')).toHaveValue(40);
    expect(input('Concurrency (requests per instance)')).toBeDisabled();
    expect(helper('Concurrency (requests per instance)')).toBe(
      'set in the form above',
    );
  });
});
