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
  fail,
  readJson,
  dateIn,
  shortCommit,
  priceTable,
  dataset,
} from './common';

export function awsDatasets(pricingDir: any) {
  const datasets: any[] = [];

  // SageMaker real-time hosting, fmbench's pricing.yml (file last changed
  // 2025-01-26; region not stated in the file, values match us-east-1).
  const sm = readJson(
    pricingDir,
    'aws/sagemaker-hosting-us-east-1.fmbench-2025-01.json',
  );
  const smSource = sm._source;
  datasets.push(
    dataset({
      id: 'aws-sagemaker-fmbench-2025-01-26',
      provider: 'aws',
      service: PRICE_KEYS.aws.sagemaker,
      unit: 'hour',
      effectiveDate: dateIn(
        smSource.fileLastChanged,
        'SageMaker fileLastChanged',
      ),
      origin:
        `${smSource.repo} @ ${shortCommit(
          smSource.commit,
          'SageMaker source',
        )}, ${smSource.path} ` +
        '(SageMaker real-time hosting, on-demand; the file names no region, its values match us-east-1 list prices)',
      prices: priceTable(
        { 'us-east-1': sm['us-east-1'] },
        'SageMaker us-east-1',
      ),
    }),
  );

  // ml.m5.large, not in fmbench's table: a live AWS Pricing API pull of
  // 2026-07-30 quoted in a public document. Its own dataset, so it keeps its
  // own source and date.
  const extra = sm.extra && sm.extra['ml.m5.large'];
  if (!extra) fail('SageMaker extra ml.m5.large is missing');
  datasets.push(
    dataset({
      id: 'aws-sagemaker-pricing-api-2026-07-30',
      provider: 'aws',
      service: PRICE_KEYS.aws.sagemaker,
      unit: 'hour',
      effectiveDate: dateIn(extra.src, 'SageMaker extra ml.m5.large src'),
      origin:
        'AWS Price List API (GetProducts, ServiceCode AmazonSageMaker, usagetype USE1-Host:ml.m5.large: SageMaker hosting, us-east-1), a live pull quoted in a public document, not linkable',
      prices: priceTable(
        { 'us-east-1': { 'ml.m5.large': extra.usdPerHour } },
        'SageMaker extra',
      ),
    }),
  );

  // EC2 on-demand Linux, shared tenancy, from Karpenter's generated tables.
  const ec2Files = [
    ['aws/ec2-ondemand-us-east-1.karpenter-2026-07-20.json', 'us-east-1'],
    ['aws/ec2-ondemand-us-gov.karpenter.json', 'us-gov'],
  ];
  for (const [file, label] of ec2Files) {
    const data = readJson(pricingDir, file);
    const src = data._source;
    const effectiveDate = dateIn(src.generatedAt, `${file} generatedAt`);
    datasets.push(
      dataset({
        id: `aws-ec2-karpenter-${label}-${effectiveDate}`,
        provider: 'aws',
        service: PRICE_KEYS.aws.ec2,
        unit: 'hour',
        effectiveDate,
        origin:
          `${src.repo} @ ${shortCommit(src.commit, file)}, ${src.path} ` +
          `(generated ${src.generatedAt} from the AWS Pricing API: on-demand, Linux, shared tenancy)`,
        prices: priceTable(data.regions, file),
      }),
    );
  }
  return datasets;
}

// vCPU and memory (GiB) of EC2 instance types. Standard families have a fixed
// memory per vCPU; sizes map to vCPUs. Only sizes that exist for the family
// are listed, and build() checks each against the EC2 price table.
export const SIZE_VCPU: Record<string, number> = {
  medium: 1,
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '8xlarge': 32,
  '9xlarge': 36,
  '12xlarge': 48,
  '16xlarge': 64,
  '18xlarge': 72,
  '24xlarge': 96,
  '32xlarge': 128,
  '48xlarge': 192,
};
export const M_SIZES = [
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
];
export const GRAVITON_SIZES = [
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
];
export const EC2_FAMILIES: Array<[string, number, string[]]> = [
  // [family, GiB per vCPU, sizes]
  ['m5', 4, M_SIZES],
  ['m6i', 4, [...M_SIZES, '32xlarge']],
  ['m7i', 4, [...M_SIZES, '48xlarge']],
  [
    'c5',
    2,
    [
      'large',
      'xlarge',
      '2xlarge',
      '4xlarge',
      '9xlarge',
      '12xlarge',
      '18xlarge',
      '24xlarge',
    ],
  ],
  ['c6i', 2, [...M_SIZES, '32xlarge']],
  ['c7i', 2, [...M_SIZES, '48xlarge']],
  ['r5', 8, M_SIZES],
  ['r6i', 8, [...M_SIZES, '32xlarge']],
  ['m6g', 4, GRAVITON_SIZES],
  ['c6g', 2, GRAVITON_SIZES],
  ['r6g', 8, GRAVITON_SIZES],
];
export const EC2_EXPLICIT = {
  // Burstable: 2 vCPU up to large.
  't3.nano': { vcpu: 2, memoryGiB: 0.5 },
  't3.micro': { vcpu: 2, memoryGiB: 1 },
  't3.small': { vcpu: 2, memoryGiB: 2 },
  't3.medium': { vcpu: 2, memoryGiB: 4 },
  't3.large': { vcpu: 2, memoryGiB: 8 },
  't3.xlarge': { vcpu: 4, memoryGiB: 16 },
  't3.2xlarge': { vcpu: 8, memoryGiB: 32 },
  // NVIDIA T4.
  'g4dn.xlarge': { vcpu: 4, memoryGiB: 16, gpu: 1 },
  'g4dn.2xlarge': { vcpu: 8, memoryGiB: 32, gpu: 1 },
  'g4dn.4xlarge': { vcpu: 16, memoryGiB: 64, gpu: 1 },
  'g4dn.8xlarge': { vcpu: 32, memoryGiB: 128, gpu: 1 },
  'g4dn.12xlarge': { vcpu: 48, memoryGiB: 192, gpu: 4 },
  'g4dn.16xlarge': { vcpu: 64, memoryGiB: 256, gpu: 1 },
  // NVIDIA A10G.
  'g5.xlarge': { vcpu: 4, memoryGiB: 16, gpu: 1 },
  'g5.2xlarge': { vcpu: 8, memoryGiB: 32, gpu: 1 },
  'g5.4xlarge': { vcpu: 16, memoryGiB: 64, gpu: 1 },
  'g5.8xlarge': { vcpu: 32, memoryGiB: 128, gpu: 1 },
  'g5.12xlarge': { vcpu: 48, memoryGiB: 192, gpu: 4 },
  'g5.16xlarge': { vcpu: 64, memoryGiB: 256, gpu: 1 },
  'g5.24xlarge': { vcpu: 96, memoryGiB: 384, gpu: 4 },
  'g5.48xlarge': { vcpu: 192, memoryGiB: 768, gpu: 8 },
  // NVIDIA L4.
  'g6.xlarge': { vcpu: 4, memoryGiB: 16, gpu: 1 },
  'g6.2xlarge': { vcpu: 8, memoryGiB: 32, gpu: 1 },
  'g6.4xlarge': { vcpu: 16, memoryGiB: 64, gpu: 1 },
  'g6.8xlarge': { vcpu: 32, memoryGiB: 128, gpu: 1 },
  'g6.12xlarge': { vcpu: 48, memoryGiB: 192, gpu: 4 },
  'g6.16xlarge': { vcpu: 64, memoryGiB: 256, gpu: 1 },
  'g6.24xlarge': { vcpu: 96, memoryGiB: 384, gpu: 4 },
  'g6.48xlarge': { vcpu: 192, memoryGiB: 768, gpu: 8 },
  // NVIDIA V100 / A100 / H100.
  'p3.2xlarge': { vcpu: 8, memoryGiB: 61, gpu: 1 },
  'p3.8xlarge': { vcpu: 32, memoryGiB: 244, gpu: 4 },
  'p3.16xlarge': { vcpu: 64, memoryGiB: 488, gpu: 8 },
  'p4d.24xlarge': { vcpu: 96, memoryGiB: 1152, gpu: 8 },
  'p5.48xlarge': { vcpu: 192, memoryGiB: 2048, gpu: 8 },
  // AWS Inferentia2 / Trainium (accelerators, not GPUs: no gpu count).
  'inf2.xlarge': { vcpu: 4, memoryGiB: 16 },
  'inf2.8xlarge': { vcpu: 32, memoryGiB: 128 },
  'inf2.24xlarge': { vcpu: 96, memoryGiB: 384 },
  'inf2.48xlarge': { vcpu: 192, memoryGiB: 768 },
  'trn1.32xlarge': { vcpu: 128, memoryGiB: 512 },
};

export function awsMachineSpecs(datasets: any) {
  const specs: any = {};
  for (const [family, gibPerVcpu, sizes] of EC2_FAMILIES) {
    for (const size of sizes) {
      const vcpu = SIZE_VCPU[size];
      specs[`${family}.${size}`] = { vcpu, memoryGiB: vcpu * gibPerVcpu };
    }
  }
  Object.assign(specs, EC2_EXPLICIT);

  // Guard against typos: every EC2 type must have a price in us-east-1.
  const ec2 = datasets.find(
    (d: any) => d.service === PRICE_KEYS.aws.ec2 && d.prices['us-east-1'],
  );
  const unknown = Object.keys(specs).filter(
    t => !(t in ec2.prices['us-east-1']),
  );
  if (unknown.length) {
    fail(`machine specs for types without an EC2 price: ${unknown.join(', ')}`);
  }

  // SageMaker ml.* types have the specs of the EC2 type they run on; list
  // those the snapshot prices.
  for (const d of datasets.filter(
    (x: any) => x.service === PRICE_KEYS.aws.sagemaker,
  )) {
    for (const skus of Object.values(d.prices)) {
      for (const sku of Object.keys(skus as object)) {
        const base = specs[sku.replace(/^ml\./, '')];
        if (!base) fail(`no machine spec for SageMaker type ${sku}`);
        specs[sku] = base;
      }
    }
  }
  return specs;
}
