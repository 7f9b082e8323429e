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

/** A product's attributes in the price list. */
export type Attributes = Record<string, unknown>;

/** One kind of product this source prices and how to find it. */
export type ProductQuery = {
  /** The Pricing API's service code. */
  serviceCode: string;
  /** Our service key. */
  service: string;
  /** TERM_MATCH filters besides `regionCode`. */
  filters: Record<string, string>;
  /** Our SKU for an in-scope product, undefined for products to skip. */
  skuOf(attributes: Attributes): string | undefined;
};

export const QUERIES: readonly ProductQuery[] = [
  {
    serviceCode: 'AmazonSageMaker',
    service: PRICE_KEYS.aws.sagemaker,
    filters: { component: 'Hosting' },
    skuOf(attributes) {
      const name = attributes.instanceName;
      if (typeof name !== 'string' || !name.startsWith('ml.')) {
        return undefined;
      }
      // Real-time endpoints bill as `<region prefix>-Host:<instance>`;
      // serverless, asynchronous and storage hosting usage is billed under
      // other usage types and is not an instance hour of an endpoint.
      const usage = attributes.usagetype;
      if (typeof usage !== 'string') return undefined;
      const match = /^(?:[A-Z0-9]+-)?Host:(.+)$/.exec(usage);
      return match?.[1] === name ? name : undefined;
    },
  },
  {
    serviceCode: 'AmazonEC2',
    service: PRICE_KEYS.aws.ec2,
    filters: {
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      marketoption: 'OnDemand',
    },
    skuOf(attributes) {
      const type = attributes.instanceType;
      if (typeof type !== 'string' || type === '') return undefined;
      // On-demand instance hours are `BoxUsage`; the filters above already
      // exclude most other rows, this keeps out any that slip through.
      const usage = attributes.usagetype;
      if (typeof usage !== 'string' || !/^(?:[A-Z0-9]+-)?BoxUsage:/.test(usage))
        return undefined;
      const operation = attributes.operation;
      if (operation !== undefined && operation !== 'RunInstances') {
        return undefined;
      }
      return type;
    },
  },
];
