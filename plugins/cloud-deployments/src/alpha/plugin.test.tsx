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
  ApiBlueprint,
  coreExtensionData,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
} from '@backstage/frontend-test-utils';
import {
  FormFieldBlueprint,
  FormFieldExtensionData,
} from '@backstage/plugin-scaffolder-react/alpha';
import { CloudDeploymentsClient } from '../api';
import { CloudCostEstimateField } from '../components/CloudCostEstimateField';
import { cloudDeploymentsPlugin } from './plugin';
import { budgetsRouteRef, deploymentRouteRef, rootRouteRef } from '../routes';

describe('cloudDeploymentsPlugin', () => {
  it('has the cloud-deployments id, the root route and its deployment and budgets sub-routes', () => {
    expect(cloudDeploymentsPlugin.pluginId).toBe('cloud-deployments');
    expect(cloudDeploymentsPlugin.routes.root).toBe(rootRouteRef);
    expect(cloudDeploymentsPlugin.routes.deployment).toBe(deploymentRouteRef);
    expect(deploymentRouteRef.path).toBe('/deployments/:id');
    expect(cloudDeploymentsPlugin.routes.budgets).toBe(budgetsRouteRef);
    expect(budgetsRouteRef.path).toBe('/budgets');
  });

  it('provides the entity cards', () => {
    expect(
      cloudDeploymentsPlugin.getExtension(
        'entity-card:cloud-deployments/cost-estimate',
      ),
    ).toBeDefined();
    expect(
      cloudDeploymentsPlugin.getExtension(
        'entity-card:cloud-deployments/deployments',
      ),
    ).toBeDefined();
  });

  it('provides the page as page:cloud-deployments, titled for the nav', () => {
    const page = cloudDeploymentsPlugin.getExtension('page:cloud-deployments');
    const tester = createExtensionTester(page);

    expect(tester.get(coreExtensionData.routePath)).toBe('/cloud-deployments');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Deployments');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('provides the API as a CloudDeploymentsClient', () => {
    const api = cloudDeploymentsPlugin.getExtension('api:cloud-deployments');
    const factory = createExtensionTester(api).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe('plugin.cloud-deployments.service');
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
    expect(
      factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: mockApis.fetch(),
      }),
    ).toBeInstanceOf(CloudDeploymentsClient);
  });

  it('provides the CloudCostEstimate field to the scaffolder form', async () => {
    const extension = cloudDeploymentsPlugin.getExtension(
      'scaffolder-form-field:cloud-deployments/cloud-cost-estimate',
    );
    expect(extension).toBeDefined();
    const loader = createExtensionTester(extension).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );

    // The form field is opaque; the scaffolder reads these of it.
    const field = (await loader()) as unknown as FormFieldExtensionData;
    expect(field.name).toBe('CloudCostEstimate');
    expect(field.component).toBe(CloudCostEstimateField);
    expect(field.validation).toBeUndefined();
    // Described for the template editor's field explorer.
    expect(field.schema?.schema.uiOptions).toMatchObject({
      required: ['provider'],
      properties: {
        provider: {
          enum: [
            'aws-sagemaker',
            'gcp-cloud-run',
            'azure-container-instances',
            'kubernetes',
          ],
        },
      },
    });
  });
});
