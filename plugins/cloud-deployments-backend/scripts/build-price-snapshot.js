#!/usr/bin/env node
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

/*
 * Builds the embedded price snapshot, snapshot/prices.json (the format is the
 * `PriceSnapshot` type in src/pricing/snapshot/PriceSnapshot.ts), from the
 * shared pricing folder (see its PROVENANCE.md for what each file is).
 *
 *   node scripts/build-price-snapshot.js [pricingDir] [--out <file>]
 *
 * pricingDir defaults to <repo>/../shared/pricing, --out to this package's
 * snapshot/prices.json.
 *
 * Rules:
 * - Every price is copied from a file under the pricing folder; nothing is
 *   computed or typed in here. Only machine specs (vCPU / memory, which are
 *   not prices) are listed here, and each EC2 one must name an instance type
 *   the EC2 price file knows.
 * - Every dataset keeps its own origin (repository @ commit, path) and date,
 *   read from the source file where the file states it.
 * - The output is deterministic: maps are written in sorted key order and
 *   `builtAt` is the newest effective date of the data (not the wall clock),
 *   so a re-run on the same input gives identical bytes. Set
 *   SOURCE_DATE_EPOCH (seconds) to stamp another time.
 * - The coroot/cloud-pricing dump is rejected (PROVENANCE.md) and not read.
 *
 * Keys follow plugins/cloud-deployments-node/src/pricing/keys.ts
 * (PRICE_KEYS, CLOUD_RUN_SKUS, ACI_SKUS); src/pricing/snapshot/snapshot.test.ts
 * checks the output against them.
 *
 * Plain Node (CommonJS, standard library only), so it runs without a build.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(PACKAGE_DIR, '../..');
const DEFAULT_PRICING_DIR = path.resolve(REPO_DIR, '../shared/pricing');
const DEFAULT_OUT = path.join(PACKAGE_DIR, 'snapshot', 'prices.json');

// Service and SKU keys (plugins/cloud-deployments-node/src/pricing/keys.ts).
const SERVICES = {
  sagemaker: 'AmazonSageMaker',
  ec2: 'AmazonEC2',
  cloudRun: 'CloudRun',
  computeEngine: 'ComputeEngine',
  containerInstances: 'ContainerInstances',
  virtualMachines: 'VirtualMachines',
};

const DATE_RE = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/;

// ---------------------------------------------------------------------------
// Helpers

function fail(message) {
  throw new Error(`build-price-snapshot: ${message}`);
}

function readJson(pricingDir, relPath) {
  const file = path.join(pricingDir, relPath);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`cannot read ${file}: ${e.message}`);
  }
}

/** The first YYYY-MM-DD in a string, or a failure naming what was expected. */
function dateIn(text, what) {
  const match = DATE_RE.exec(String(text ?? ''));
  if (!match) fail(`no YYYY-MM-DD date in ${what}: ${JSON.stringify(text)}`);
  return match[1];
}

function shortCommit(commit, what) {
  if (!/^[0-9a-f]{7,40}$/.test(String(commit))) {
    fail(`${what} has no commit hash: ${JSON.stringify(commit)}`);
  }
  return commit.slice(0, 7);
}

function price(value, what) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(`${what} is not a price: ${JSON.stringify(value)}`);
  }
  return value;
}

/** `{ region: { sku: number } }` checked to hold only prices. */
function priceTable(table, what) {
  if (!table || typeof table !== 'object') fail(`${what} is missing`);
  const out = {};
  for (const [region, skus] of Object.entries(table)) {
    if (!skus || typeof skus !== 'object') fail(`${what}.${region} is empty`);
    out[region] = {};
    for (const [sku, usd] of Object.entries(skus)) {
      out[region][sku] = price(usd, `${what}.${region}.${sku}`);
    }
  }
  return out;
}

const byCodePoint = (a, b) => {
  if (a < b) return -1;
  return a > b ? 1 : 0;
};

/**
 * Copies a value with plain objects' keys sorted (arrays keep their order), so
 * that JSON.stringify gives the same bytes whatever order the input had.
 * Objects listed in `keepOrder` (the snapshot and its datasets) keep their
 * insertion order, which follows the PriceSnapshot type.
 */
function sortKeys(value, keepOrder) {
  if (Array.isArray(value)) return value.map(v => sortKeys(v, keepOrder));
  if (!value || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (!keepOrder.has(value)) keys.sort(byCodePoint);
  const out = {};
  for (const key of keys) out[key] = sortKeys(value[key], keepOrder);
  return out;
}

function countPrices(ds) {
  return Object.values(ds.prices).reduce(
    (sum, skus) => sum + Object.keys(skus).length,
    0,
  );
}

function dataset(fields) {
  // Field order follows the PriceDataset type.
  const { id, provider, service, unit, effectiveDate, origin, caveat, prices } =
    fields;
  if (!DATE_RE.test(effectiveDate) || effectiveDate.length !== 10) {
    fail(`dataset ${id} has no YYYY-MM-DD effectiveDate: ${effectiveDate}`);
  }
  return {
    id,
    provider,
    service,
    unit,
    effectiveDate,
    origin,
    ...(caveat ? { caveat } : {}),
    prices,
  };
}

// ---------------------------------------------------------------------------
// AWS

function awsDatasets(pricingDir) {
  const datasets = [];

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
      service: SERVICES.sagemaker,
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
  const extraIndexId = /index \(id (\d+)\)/.exec(extra.src);
  datasets.push(
    dataset({
      id: 'aws-sagemaker-pricing-api-2026-07-30',
      provider: 'aws',
      service: SERVICES.sagemaker,
      unit: 'hour',
      effectiveDate: dateIn(extra.src, 'SageMaker extra ml.m5.large src'),
      origin: `AWS Pricing API, usage type USE1-Host:ml.m5.large (SageMaker hosting, us-east-1), live pull quoted in a public document${
        extraIndexId ? ` (code-search index id ${extraIndexId[1]})` : ''
      }`,
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
        service: SERVICES.ec2,
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
const SIZE_VCPU = {
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
const M_SIZES = [
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
];
const GRAVITON_SIZES = [
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
];
const EC2_FAMILIES = [
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
const EC2_EXPLICIT = {
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

function awsMachineSpecs(datasets) {
  const specs = {};
  for (const [family, gibPerVcpu, sizes] of EC2_FAMILIES) {
    for (const size of sizes) {
      const vcpu = SIZE_VCPU[size];
      specs[`${family}.${size}`] = { vcpu, memoryGiB: vcpu * gibPerVcpu };
    }
  }
  Object.assign(specs, EC2_EXPLICIT);

  // Guard against typos: every EC2 type must have a price in us-east-1.
  const ec2 = datasets.find(
    d => d.service === SERVICES.ec2 && d.prices['us-east-1'],
  );
  const unknown = Object.keys(specs).filter(
    t => !(t in ec2.prices['us-east-1']),
  );
  if (unknown.length) {
    fail(`machine specs for types without an EC2 price: ${unknown.join(', ')}`);
  }

  // SageMaker ml.* types have the specs of the EC2 type they run on; list
  // those the snapshot prices.
  for (const d of datasets.filter(x => x.service === SERVICES.sagemaker)) {
    for (const skus of Object.values(d.prices)) {
      for (const sku of Object.keys(skus)) {
        const base = specs[sku.replace(/^ml\./, '')];
        if (!base) fail(`no machine spec for SageMaker type ${sku}`);
        specs[sku] = base;
      }
    }
  }
  return specs;
}

// ---------------------------------------------------------------------------
// GCP

function gceDataset(pricingDir) {
  const file = 'gcp/gce-ondemand-hourly.cyclenerd-2026-07-30.json';
  const data = readJson(pricingDir, file);
  const src = data._source;
  // `generated` reads like "Thu Jul 30 06:13:17 2026" (no time zone): take
  // the calendar date as written.
  const gen = /^\w{3} (\w{3}) +(\d{1,2}) [\d:]+ (\d{4})$/.exec(src.generated);
  const months = 'JanFebMarAprMayJunJulAugSepOctNovDec';
  if (!gen || months.indexOf(gen[1]) % 3 !== 0) {
    fail(
      `${file}: unexpected _source.generated ${JSON.stringify(src.generated)}`,
    );
  }
  const effectiveDate = `${gen[3]}-${String(
    months.indexOf(gen[1]) / 3 + 1,
  ).padStart(2, '0')}-${gen[2].padStart(2, '0')}`;

  const prices = {};
  const specs = {};
  for (const [type, machine] of Object.entries(data.machineTypes)) {
    // On-demand `hour` only; `hour_spot` is ignored.
    for (const [region, usd] of Object.entries(machine.hour ?? {})) {
      prices[region] = prices[region] ?? {};
      prices[region][type] = price(usd, `${file} ${type}.hour.${region}`);
    }
    const { cpu, ram } = machine;
    if (!(cpu > 0) || !(ram > 0)) fail(`${file}: ${type} has no cpu/ram`);
    // The GPU count, where the file gives one (fields named after the GPU
    // model, e.g. a100, l4).
    const gpu = Object.entries(machine)
      .filter(
        ([k, v]) =>
          !['cpu', 'ram', 'hour', 'hour_spot'].includes(k) &&
          typeof v === 'number',
      )
      .reduce((sum, [, v]) => sum + v, 0);
    // Cyclenerd's `ram` is Google's "GB" of machine memory, which is GiB.
    specs[type] = { vcpu: cpu, memoryGiB: ram, ...(gpu > 0 ? { gpu } : {}) };
  }
  return {
    dataset: dataset({
      id: `gcp-compute-engine-cyclenerd-${effectiveDate}`,
      provider: 'gcp',
      service: SERVICES.computeEngine,
      unit: 'hour',
      effectiveDate,
      origin:
        `${src.repo} @ ${shortCommit(src.commit, file)}, ${src.path} ` +
        `(compute.instance.<type>.cost.<region>.hour, on-demand; generated ${src.generated} from the Cloud Billing Catalog API)`,
      prices,
    }),
    specs,
  };
}

/**
 * Cloud Run. cloud-run-prices.json gives tier-1 and tier-2 rates and a
 * region -> tier map (S4); every rate is expanded to every region of the map.
 *
 * Which source backs which value, from the file's `_sources[*].gives` and
 * the tiers' `src`:
 *   tier 1 request-based CPU 0.000024: S1 and S2; the other request-based
 *     tier-1 rates (memory, idle CPU/memory, requests): S2 (V2_RATES);
 *     instance-based CPU 0.000018: S1; instance-based memory: no source
 *     (marked VERIFY), its own dataset with a caveat.
 *   tier 2 request-based CPU/memory: S2, S3 and S5; idle CPU/memory: S2;
 *     requests: S2 and S3; instance-based CPU/memory: S3 and S5.
 *   every regional value also rests on S4 (the tier map).
 *
 * Dates: a source's date is the YYYY-MM-DD its entry states, which only S4
 * (fileLastChanged 2024-05-27) and S5 (rates confirmed on 2026-07-06) do; S1
 * (undated page excerpt), S2 and S3 (commits, no date in the file) and S6
 * give none, and S7 (2026-04-23) gives SKU names, no values. A dataset's
 * effectiveDate is the newest date among its values' sources: 2026-07-06 for
 * the tier-2 values S5 confirms (request-based and instance-based CPU and
 * memory), 2024-05-27 for everything else. Values are grouped into datasets
 * by tier, unit and that date, so no value claims a newer date than its own
 * sources give.
 */
// prettier-ignore
const RUN_SKUS = [
  // [sku, unit, billing block, field, sources per tier]
  ['request-cpu', 'vcpu-second', 'requestBased', 'cpuPerVcpuSecond', { 1: ['S1', 'S2'], 2: ['S2', 'S3', 'S5'] }],
  ['request-memory', 'gib-second', 'requestBased', 'memPerGibSecond', { 1: ['S2'], 2: ['S2', 'S3', 'S5'] }],
  ['request-idle-cpu', 'vcpu-second', 'requestBased', 'idleMinInstanceCpuPerVcpuSecond', { 1: ['S2'], 2: ['S2'] }],
  ['request-idle-memory', 'gib-second', 'requestBased', 'idleMinInstanceMemPerGibSecond', { 1: ['S2'], 2: ['S2'] }],
  ['requests', 'request', 'requestBased', 'perRequest', { 1: ['S2'], 2: ['S2', 'S3'] }],
  ['instance-cpu', 'vcpu-second', 'instanceBased', 'cpuPerVcpuSecond', { 1: ['S1'], 2: ['S3', 'S5'] }],
  ['instance-memory', 'gib-second', 'instanceBased', 'memPerGibSecond', { 1: [], 2: ['S3', 'S5'] }],
];

function cloudRunSourceName(id, source) {
  if (source.repo) {
    return `${id} ${source.repo} @ ${shortCommit(source.commit, id)}, ${
      source.path
    }`;
  }
  if (source.page) return `${id} ${source.page}`;
  if (source.indexId) return `${id} code-search index id ${source.indexId}`;
  return fail(
    `cloud-run-prices.json: source ${id} has no repo, page or index id`,
  );
}

function cloudRunSourceDate(source) {
  if (source.fileLastChanged)
    return dateIn(source.fileLastChanged, 'fileLastChanged');
  const match = DATE_RE.exec(`${source.what ?? ''} ${source.seen ?? ''}`);
  return match ? match[1] : undefined;
}

function cloudRun(pricingDir) {
  const file = 'gcp/cloud-run-prices.json';
  const data = readJson(pricingDir, file);
  const sources = data._sources;
  const sourceDate = id => {
    if (!sources[id]) fail(`${file}: unknown source ${id}`);
    return cloudRunSourceDate(sources[id]);
  };
  const newest = ids =>
    ids.map(sourceDate).filter(Boolean).sort(byCodePoint).pop();
  const tierSource = 'S4';
  if (!/^S4\b/.test(data.regionTiersSrc)) {
    fail(`${file}: regionTiersSrc is not S4: ${data.regionTiersSrc}`);
  }

  const regionsByTier = { 1: [], 2: [] };
  for (const [region, tier] of Object.entries(data.regionTiers)) {
    if (!regionsByTier[tier]) fail(`${file}: ${region} has tier ${tier}`);
    regionsByTier[tier].push(region);
  }

  const groups = new Map();
  for (const [sku, unit, block, field, sourcesByTier] of RUN_SKUS) {
    for (const tier of [1, 2]) {
      const rates = data[block][`tier${tier}`];
      const usd = price(rates[field], `${file} ${block}.tier${tier}.${field}`);
      const verify = sourcesByTier[tier].length === 0;
      if (verify && !/VERIFY/.test(rates.src)) {
        fail(
          `${file}: ${block}.tier${tier}.${field} has no source here but is not marked VERIFY`,
        );
      }
      const ids = [...sourcesByTier[tier], tierSource];
      for (const id of sourcesByTier[tier]) {
        // Each source named here must be one the file credits for the tier.
        if (!new RegExp(`\\b${id}\\b`).test(rates.src)) {
          fail(`${file}: ${block}.tier${tier}.src does not name ${id}`);
        }
      }
      const effectiveDate = newest(ids);
      const key = `tier${tier}-${unit}-${effectiveDate}${
        verify ? '-verify' : ''
      }`;
      if (!groups.has(key)) {
        groups.set(key, {
          tier,
          unit,
          effectiveDate,
          verify,
          sources: new Set(),
          values: {},
        });
      }
      const group = groups.get(key);
      ids.forEach(id => group.sources.add(id));
      group.values[sku] = usd;
    }
  }

  const datasets = [];
  for (const [key, group] of groups) {
    const prices = {};
    for (const region of regionsByTier[group.tier])
      prices[region] = { ...group.values };
    const sourceNames = [...group.sources]
      .sort(byCodePoint)
      .map(id => cloudRunSourceName(id, sources[id]));
    datasets.push(
      dataset({
        id: `gcp-cloud-run-${key}`,
        provider: 'gcp',
        service: SERVICES.cloudRun,
        unit: group.unit,
        effectiveDate: group.effectiveDate,
        origin: `shared pricing ${file} (hand-assembled; tier-${
          group.tier
        } rates for the tier-${group.tier} regions): ${sourceNames.join('; ')}`,
        ...(group.verify
          ? {
              caveat:
                'VERIFY: tier-1 instance-based memory rate not seen in a source excerpt (recalled figure, consistent with the 1.2x tier-2 ratio)',
            }
          : {}),
        prices,
      }),
    );
  }

  // Free tiers (per billing account, per month). The file dates none of
  // their sources (S1, S2, S6); the request-based one is applied at tier-1
  // prices, so each allowance takes the date of the tier-1 prices of its
  // billing model.
  const tier1Date = groups.get(
    [...groups.keys()].find(k => k.startsWith('tier1-vcpu-second')),
  ).effectiveDate;
  const allowances = [];
  const free = [
    ['request-based', data.requestBased.freeTierMonthly],
    ['instance-based', data.instanceBased.freeTierMonthly],
  ];
  for (const [scope, tier] of free) {
    const ids = String(tier.src).match(/S\d+/g);
    if (!ids) fail(`${file}: ${scope} free tier names no source`);
    const names = ids.map(id => cloudRunSourceName(id, sources[id]));
    const origin = `shared pricing ${file} (${scope} free tier, per billing account per month; no source date, dated as the tier-1 prices): ${names.join(
      '; ',
    )}`;
    for (const [field, unit] of [
      ['vcpuSeconds', 'vcpu-second'],
      ['gibSeconds', 'gib-second'],
      ['requests', 'request'],
    ]) {
      const monthlyQuantity = price(
        tier[field],
        `${file} ${scope} free tier ${field}`,
      );
      if (monthlyQuantity === 0) continue; // no allowance of this unit
      allowances.push({
        provider: 'gcp',
        service: SERVICES.cloudRun,
        scope,
        unit,
        monthlyQuantity,
        effectiveDate: tier1Date,
        origin,
      });
    }
  }
  return { datasets, allowances };
}

// ---------------------------------------------------------------------------
// Azure

// The file's Azure points give no observation date; PROVENANCE.md dates them
// "2025–2026". Where a point states no date of its own, the start of that
// range is used (a conservative "as of").
const AZURE_UNDATED = '2025-01-01';

function azureDatasets(pricingDir) {
  const file = 'azure/azure-points.json';
  const data = readJson(pricingDir, file);
  const datasets = [];

  const aci = data.containerInstances.eastus;
  const aciIds = [
    ...new Set((String(aci.src).match(/id \d+/g) ?? []).map(m => m.slice(3))),
  ];
  const aciOrigin = `shared pricing ${file}: Azure Retail Prices API, serviceName 'Container Instances', skuName Standard, eastus, as quoted in public documents (code-search index ids ${aciIds.join(
    ', ',
  )}; undated, 2025–2026)`;
  const meters = [
    // [sku, unit, meter, expected unitOfMeasure]
    ['vcpu', 'vcpu-hour', 'Standard vCPU Duration', '1 Hour'],
    ['memory', 'gib-hour', 'Standard Memory Duration', '1 GB Hour'],
    [
      'windows-software',
      'vcpu-second',
      'Standard Windows Software Duration',
      '1 Second',
    ],
  ];
  for (const [sku, unit, meter, uom] of meters) {
    const point = aci.Standard[meter];
    if (!point || point.unitOfMeasure !== uom) {
      fail(`${file}: ACI meter ${meter} missing or not per ${uom}`);
    }
    datasets.push(
      dataset({
        id: `azure-aci-eastus-${sku}`,
        provider: 'azure',
        service: SERVICES.containerInstances,
        unit,
        effectiveDate: AZURE_UNDATED,
        origin: `${aciOrigin}; meter '${meter}' per ${uom}`,
        prices: {
          eastus: { [sku]: price(point.retailPrice, `${file} ${meter}`) },
        },
      }),
    );
  }

  // VMs: one dataset per region, as each point has its own source.
  for (const [region, sizes] of Object.entries(data.virtualMachines)) {
    const prices = { [region]: {} };
    const notes = [];
    let effectiveDate = AZURE_UNDATED;
    for (const [size, point] of Object.entries(sizes)) {
      prices[region][size] = price(
        point.linux,
        `${file} ${region}.${size}.linux`,
      );
      if (point.windows !== undefined) {
        prices[region][`${size}:windows`] = price(
          point.windows,
          `${file} ${region}.${size}.windows`,
        );
      }
      // A Retail API item's own effectiveStartDate, where the point quotes it.
      const start = /effectiveStartDate (\d{4}-\d{2}-\d{2})/.exec(point.src);
      if (start) effectiveDate = start[1];
      const id = /index id (\d+)/.exec(point.src);
      const where = id ? `code-search index id ${id[1]}` : 'unnamed source';
      const when = start
        ? `Retail API item effectiveStartDate ${start[1]}`
        : 'undated, 2025–2026';
      notes.push(`${size}: ${where}, ${when}`);
    }
    datasets.push(
      dataset({
        id: `azure-vm-${region}`,
        provider: 'azure',
        service: SERVICES.virtualMachines,
        unit: 'hour',
        effectiveDate,
        origin: `shared pricing ${file}: Azure Retail Prices API, pay-as-you-go (Linux; '<size>:windows' includes the Windows licence), as quoted in public sources (${notes.join(
          '; ',
        )})`,
        prices,
      }),
    );
  }
  return datasets;
}

// vCPU and memory (GiB) of Azure D-series v5 sizes: 4 GiB per vCPU, in 2, 4,
// 8, 16, 32, 48, 64 and 96 vCPUs, for Dv5, Dsv5, Ddv5, Ddsv5, Dasv5, Dadsv5.
function azureMachineSpecs() {
  const specs = {};
  for (const n of [2, 4, 8, 16, 32, 48, 64, 96]) {
    for (const suffix of ['', 's', 'd', 'ds', 'as', 'ads']) {
      specs[`Standard_D${n}${suffix}_v5`] = { vcpu: n, memoryGiB: 4 * n };
    }
  }
  return specs;
}

// ---------------------------------------------------------------------------

function build(pricingDir) {
  const aws = awsDatasets(pricingDir);
  const gce = gceDataset(pricingDir);
  const run = cloudRun(pricingDir);
  const azure = azureDatasets(pricingDir);
  const datasets = [...aws, gce.dataset, ...run.datasets, ...azure];

  const ids = new Set();
  for (const d of datasets) {
    if (ids.has(d.id)) fail(`duplicate dataset id ${d.id}`);
    ids.add(d.id);
  }

  const epoch = process.env.SOURCE_DATE_EPOCH;
  let builtAt;
  if (epoch) {
    if (!/^\d+$/.test(epoch))
      fail(`SOURCE_DATE_EPOCH is not a number: ${epoch}`);
    builtAt = new Date(Number(epoch) * 1000).toISOString();
  } else {
    const newestDate = datasets
      .map(d => d.effectiveDate)
      .sort(byCodePoint)
      .pop();
    builtAt = `${newestDate}T00:00:00.000Z`;
  }

  // Field order follows the PriceSnapshot type.
  const snapshot = {
    version: 1,
    builtAt,
    datasets,
    machineSpecs: {
      aws: awsMachineSpecs(aws),
      gcp: gce.specs,
      azure: azureMachineSpecs(),
    },
    allowances: run.allowances,
    fallbackRegions: {
      aws: { [SERVICES.sagemaker]: 'us-east-1', [SERVICES.ec2]: 'us-east-1' },
      gcp: {
        [SERVICES.computeEngine]: 'us-central1',
        // Every tier-1 region is in the tier map, and the source (S4) prices regions
        // missing from it as tier 2: borrow a tier-2 region, not us-central1 (tier 1).
        [SERVICES.cloudRun]: 'europe-west3',
      },
      azure: {
        [SERVICES.containerInstances]: 'eastus',
        [SERVICES.virtualMachines]: 'eastus',
      },
    },
  };
  // Every fallback region must have prices of its service.
  for (const [provider, services] of Object.entries(snapshot.fallbackRegions)) {
    for (const [service, region] of Object.entries(services)) {
      const covered = datasets.some(
        d =>
          d.provider === provider && d.service === service && d.prices[region],
      );
      if (!covered)
        fail(
          `fallback region ${region} of ${provider} ${service} has no prices`,
        );
    }
  }
  const keepOrder = new Set([snapshot, ...datasets, ...run.allowances]);
  return sortKeys(snapshot, keepOrder);
}

function parseArgs(argv) {
  let pricingDir = DEFAULT_PRICING_DIR;
  let out = DEFAULT_OUT;
  let positional = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      if (!argv[i + 1]) fail('--out needs a file');
      out = path.resolve(argv[++i]);
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(
        'Usage: node scripts/build-price-snapshot.js [pricingDir] [--out <file>]\n',
      );
      process.exit(0);
    } else if (!arg.startsWith('-') && positional === 0) {
      pricingDir = path.resolve(arg);
      positional++;
    } else {
      fail(`unexpected argument ${arg}`);
    }
  }
  return { pricingDir, out };
}

function main() {
  const { pricingDir, out } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(pricingDir)) fail(`no pricing folder at ${pricingDir}`);
  const snapshot = build(pricingDir);
  const text = JSON.stringify(snapshot);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);

  const lines = [
    `Wrote ${out} (${Buffer.byteLength(text)} bytes), built at ${
      snapshot.builtAt
    }, from ${pricingDir}`,
  ];
  let total = 0;
  for (const d of snapshot.datasets) {
    const n = countPrices(d);
    total += n;
    lines.push(
      `  ${d.id}: ${n} prices, ${Object.keys(d.prices).length} region(s), ${
        d.unit
      }, ${d.effectiveDate}${d.caveat ? ' [caveat]' : ''}`,
    );
  }
  lines.push(`  datasets: ${snapshot.datasets.length}, prices: ${total}`);
  lines.push(
    `  machine specs: ${Object.entries(snapshot.machineSpecs)
      .map(([p, s]) => `${p} ${Object.keys(s).length}`)
      .join(', ')}`,
  );
  lines.push(`  allowances: ${snapshot.allowances.length}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}

module.exports = { build };
