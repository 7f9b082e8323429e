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
import { PRICE_KEYS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  classifyCloudRunSku,
  classifyComputeSku,
  SkuCategory,
  SkuMapping,
} from '../skus';

/** A Catalog API service and how to read its SKUs. */
export type Catalog = {
  serviceId: string;
  name: string;
  /** Our service key. */
  service: string;
  classify(description: string, category: SkuCategory): SkuMapping | undefined;
};

export const CATALOGS: readonly Catalog[] = [
  {
    serviceId: '152E-C115-5142',
    name: 'Cloud Run',
    service: PRICE_KEYS.gcp.cloudRun,
    classify: classifyCloudRunSku,
  },
  {
    serviceId: '6F81-5844-456A',
    name: 'Compute Engine',
    service: PRICE_KEYS.gcp.computeEngine,
    classify: classifyComputeSku,
  },
];
