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
import { ReviewState } from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';

// The cost field as the templates in templates/ declare it (their test in
// scaffolder-backend-module-cloud-deployments checks they do): the review
// step shows its formatted summary, under the field's title, and hides the
// raw figures the later steps read.
const costEstimateField = {
  title: 'Estimated monthly cost',
  type: 'object',
  'ui:field': 'CloudCostEstimate',
  'ui:options': { provider: 'aws-sagemaker' },
  properties: {
    summary: { title: 'Estimated monthly cost', type: 'string' },
  },
  additionalProperties: { 'ui:backstage': { review: { show: false } } },
};

const step = {
  type: 'object',
  properties: {
    name: { title: 'Name', type: 'string' },
    costEstimate: costEstimateField,
  },
};

describe('the review step of a template with the cost field', () => {
  it('shows the formatted estimate, not its raw fields', async () => {
    await renderInTestApp(
      <ReviewState
        schemas={[
          {
            mergedSchema: step as any,
            schema: step as any,
            uiSchema: {},
            title: 'Model',
          },
        ]}
        formState={{
          name: 'fraud-scorer',
          costEstimate: {
            monthlyCost: 9.85,
            pricedSubtotal: 9.85,
            totalKind: 'exact',
            missingLines: 0,
            approximateFrom: [],
            summary: '$9.85 a month',
            currency: 'USD',
            asOf: '2026-07-20',
            usage: { requestsPerMonth: 1000000 },
          },
        }}
      />,
    );
    expect(screen.getByText('Estimated monthly cost')).toBeInTheDocument();
    expect(screen.getByText('$9.85 a month')).toBeInTheDocument();
    expect(
      screen.queryByText(/Monthly Cost|Currency|As Of|Total Kind|Usage/),
    ).toBeNull();
    expect(screen.queryByText('USD')).toBeNull();
  });
});
