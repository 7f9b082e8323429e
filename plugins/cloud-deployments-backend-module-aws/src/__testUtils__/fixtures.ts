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

// Test fixtures in the shapes the AWS Pricing API returns. Not part of the
// package's API.

/**
 * A SageMaker `GetProducts` PriceList entry as the API returns it (a JSON
 * document in a string), from the shared format sample
 * `aws-getproducts-response.sagemaker.json`: ml.m5.large real-time hosting in
 * us-east-1 at $0.115 an hour. `<SKU>`, `<ISO date>`, `<text>` and `<ts>`
 * are placeholders of the sample; {@link sageMakerEntry} fills them in.
 */
export const SAGEMAKER_SAMPLE_ENTRY =
  '{"product":{"productFamily":"ML Instance","attributes":{"servicecode":"AmazonSageMaker","servicename":"Amazon SageMaker","location":"US East (N. Virginia)","locationType":"AWS Region","regionCode":"us-east-1","instanceName":"ml.m5.large","instanceType":"ml.m5.large-Hosting","component":"Hosting","usagetype":"USE1-Host:ml.m5.large","operation":"RunInstance","vCpu":"2","memory":"8 GiB"},"sku":"<SKU>"},"serviceCode":"AmazonSageMaker","terms":{"OnDemand":{"<SKU>.JRTCKXETXF":{"offerTermCode":"JRTCKXETXF","sku":"<SKU>","effectiveDate":"<ISO date>","termAttributes":{},"priceDimensions":{"<SKU>.JRTCKXETXF.6YS6EN2CT7":{"rateCode":"<SKU>.JRTCKXETXF.6YS6EN2CT7","unit":"Hrs","beginRange":"0","endRange":"Inf","appliesTo":[],"description":"<text>","pricePerUnit":{"USD":"0.1150000000"}}}}}},"version":"<ts>","publicationDate":"<ISO date>"}';

/**
 * A real AmazonEC2 PriceList entry (m5.large, Linux, shared tenancy,
 * us-east-1, publication date 2020-07-09), from the shared format sample
 * `aws-getproducts-item.ec2-m5.large.2020.json`; Reserved terms and some
 * attributes were dropped there. The prices are from 2020.
 */
export const EC2_SAMPLE_ITEM = {
  product: {
    productFamily: 'Compute Instance',
    attributes: {
      servicecode: 'AmazonEC2',
      servicename: 'Amazon Elastic Compute Cloud',
      location: 'US East (N. Virginia)',
      locationType: 'AWS Region',
      instanceType: 'm5.large',
      instanceFamily: 'General purpose',
      vcpu: '2',
      memory: '8 GiB',
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      licenseModel: 'No License required',
      usagetype: 'BoxUsage:m5.large',
      operation: 'RunInstances',
      normalizationSizeFactor: '4',
      currentGeneration: 'Yes',
      physicalProcessor: 'Intel Xeon Platinum 8175 (Skylake)',
      storage: 'EBS only',
    } as Record<string, string>,
    sku: '6C86BEPQVG73ZGGR',
  },
  serviceCode: 'AmazonEC2',
  publicationDate: '2020-07-09T22:30:13Z',
  terms: {
    OnDemand: {
      '6C86BEPQVG73ZGGR.JRTCKXETXF': {
        effectiveDate: '2020-07-01T00:00:00Z',
        offerTermCode: 'JRTCKXETXF',
        sku: '6C86BEPQVG73ZGGR',
        termAttributes: {},
        priceDimensions: {
          '6C86BEPQVG73ZGGR.JRTCKXETXF.6YS6EN2CT7': {
            appliesTo: [],
            beginRange: '0',
            endRange: 'Inf',
            description: '$0.096 per On Demand Linux m5.large Instance Hour',
            pricePerUnit: { USD: '0.0960000000' } as Record<string, string>,
            rateCode: '6C86BEPQVG73ZGGR.JRTCKXETXF.6YS6EN2CT7',
            unit: 'Hrs',
          },
        },
      },
    },
  },
};

let skuCounter = 0;
function nextSku(): string {
  skuCounter += 1;
  return `TESTSKU${String(skuCounter).padStart(9, '0')}`;
}

/**
 * A SageMaker hosting entry built from {@link SAGEMAKER_SAMPLE_ENTRY}; the
 * defaults reproduce the sample with its placeholders filled in.
 */
export function sageMakerEntry(
  options: {
    instance?: string;
    usd?: string;
    usagetype?: string;
    effectiveDate?: string;
    region?: string;
  } = {},
): string {
  const {
    instance = 'ml.m5.large',
    usd = '0.1150000000',
    usagetype = `USE1-Host:${instance}`,
    effectiveDate = '2026-07-01T00:00:00Z',
    region = 'us-east-1',
  } = options;
  const sku = nextSku();
  const item = JSON.parse(
    SAGEMAKER_SAMPLE_ENTRY.replaceAll('<SKU>', sku)
      .replaceAll('<ISO date>', effectiveDate)
      .replaceAll('<ts>', '20260701000000')
      .replaceAll('<text>', `$${usd} per Hour for Hosting ${instance}`),
  );
  Object.assign(item.product.attributes, {
    instanceName: instance,
    instanceType: `${instance}-Hosting`,
    regionCode: region,
    usagetype,
  });
  const [term] = Object.values(item.terms.OnDemand) as any[];
  const [dimension] = Object.values(term.priceDimensions) as any[];
  dimension.pricePerUnit.USD = usd;
  return JSON.stringify(item);
}

/**
 * An EC2 entry built from {@link EC2_SAMPLE_ITEM}; the defaults reproduce
 * the sample.
 */
export function ec2Entry(
  options: { instanceType?: string; usd?: string; regionCode?: string } = {},
): string {
  const item = structuredClone(EC2_SAMPLE_ITEM);
  const instanceType = options.instanceType ?? 'm5.large';
  item.product.sku = nextSku();
  item.product.attributes.instanceType = instanceType;
  item.product.attributes.usagetype = `BoxUsage:${instanceType}`;
  if (options.regionCode) {
    item.product.attributes.regionCode = options.regionCode;
  }
  const [term] = Object.values(item.terms.OnDemand);
  const [dimension] = Object.values(term.priceDimensions);
  if (options.usd !== undefined) dimension.pricePerUnit.USD = options.usd;
  return JSON.stringify(item);
}
