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
import fc from 'fast-check';
import {
  compareBodies,
  estimateBodies,
  kubernetesApplyBody,
  oneOf,
  planBody,
} from '../realisticBodies';
import { hostileString } from '../hostileValues';
import { manifests } from '../yamlAttacks';
import { path, route, RouteEntry } from './requestParts';

/** A provider id or account: installed ones mostly, then anything. */
const providerPart = (...known: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: hostileString },
  );

/** kubernetesRoute.ts, pricingRoutes.ts and connectionTestRoute.ts. */
export const kubernetesAndPricingRoutes: RouteEntry[] = [
  {
    label: 'POST /kubernetes/apply',
    weight: 6,
    arbitrary: route('POST /kubernetes/apply', {
      method: 'POST',
      path: path('kubernetes', 'apply'),
      bodies: manifests.map(m => ({ ...kubernetesApplyBody, manifests: m })),
    }),
  },
  {
    label: 'POST /providers/:provider/accounts/:account/test',
    weight: 2,
    arbitrary: route('POST /providers/:provider/accounts/:account/test', {
      method: 'POST',
      path: path(
        'providers',
        providerPart(
          'aws-sagemaker',
          'gcp-cloud-run',
          'azure-aci',
          'kubernetes',
        ),
        'accounts',
        providerPart('sandbox', '123456789012', 'local', 'default'),
        'test',
      ),
    }),
  },
  {
    label: 'POST /estimates',
    weight: 5,
    arbitrary: route('POST /estimates', {
      method: 'POST',
      path: path('estimates'),
      bodies: oneOf(estimateBodies),
    }),
  },
  {
    label: 'POST /estimates/compare',
    weight: 4,
    arbitrary: route('POST /estimates/compare', {
      method: 'POST',
      path: path('estimates', 'compare'),
      bodies: oneOf(compareBodies),
    }),
  },
  {
    label: 'POST /estimates/plan',
    weight: 5,
    arbitrary: route('POST /estimates/plan', {
      method: 'POST',
      path: path('estimates', 'plan'),
      bodies: fc.constant(planBody),
    }),
  },
  {
    label: 'GET /prices',
    weight: 2,
    arbitrary: route('GET /prices', {
      method: 'GET',
      path: path('prices'),
      query: {
        provider: fc.constantFrom('aws', 'gcp', 'azure', 'ibm'),
        service: fc.constantFrom('AmazonSageMaker', 'AmazonEC2', 'x'),
        region: fc.constantFrom('us-east-1', 'europe-west1', 'eastus'),
        sku: fc.constantFrom('ml.m5.large', 't3.micro'),
        limit: fc.constantFrom('1', '1000', '1001', 'x'),
      },
    }),
  },
];
