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
import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { makeDeployment, makeEstimate } from '../__testUtils__/fixtures';
import { cloudDeploymentsApiRef } from '../api';
import { entityCostEstimateCard, entityDeploymentsCard } from './entityCards';

const entityOfKind = (kind: string): Entity => ({
  apiVersion:
    kind === 'CloudDeployment'
      ? 'cloud-deployments.backstage.io/v1alpha1'
      : 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'fraud-model' },
  spec: {},
});

describe('entity cards', () => {
  it.each([
    ['Component', true, true],
    ['CloudDeployment', true, false],
    ['API', false, false],
    ['System', false, false],
  ])(
    'on a %s page: cost card %s, deployments card %s',
    (kind, showsCost, showsDeployments) => {
      const costFilter = createExtensionTester(entityCostEstimateCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      );
      const deploymentsFilter = createExtensionTester(
        entityDeploymentsCard,
      ).get(EntityCardBlueprint.dataRefs.filterFunction);

      expect(costFilter?.(entityOfKind(kind))).toBe(showsCost);
      expect(deploymentsFilter?.(entityOfKind(kind))).toBe(showsDeployments);
    },
  );

  it('render the cards lazily for the entity in context', async () => {
    const api = {
      listDeployments: jest.fn(async () => ({
        items: [
          makeDeployment(1, { estimate: makeEstimate({ monthlyTotal: 10 }) }),
        ],
        totalCount: 1,
      })),
      listProviders: jest.fn(async () => []),
    };
    const cost = createExtensionTester(entityCostEstimateCard, {
      apis: [[cloudDeploymentsApiRef, api]],
    }).reactElement();
    const deployments = createExtensionTester(entityDeploymentsCard, {
      apis: [[cloudDeploymentsApiRef, api]],
    }).reactElement();

    renderInTestApp(
      <EntityProvider entity={entityOfKind('Component')}>
        {cost}
        {deployments}
      </EntityProvider>,
      { apis: [[cloudDeploymentsApiRef, api]] },
    );

    expect(
      await screen.findByText('Monthly cost estimate'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Deployments')).toBeInTheDocument();
    expect(api.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining({
        component: ['component:default/fraud-model'],
        limit: 200,
      }),
    );
  });
});
