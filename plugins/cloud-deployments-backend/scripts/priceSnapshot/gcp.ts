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
  PRICE_KEYS,
  CLOUD_RUN_SKUS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  fail,
  readJson,
  shortCommit,
  price,
  byCodePoint,
  dataset,
  DATE_RE,
  FIRST_READ_BY,
} from './common';

export function gceDataset(pricingDir: any) {
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

  const prices: any = {};
  const specs: any = {};
  for (const [type, machine] of Object.entries<any>(data.machineTypes)) {
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
      .reduce((sum: number, [, v]) => sum + (v as number), 0);
    // Cyclenerd's `ram` is Google's "GB" of machine memory, which is GiB.
    specs[type] = { vcpu: cpu, memoryGiB: ram, ...(gpu > 0 ? { gpu } : {}) };
  }
  return {
    dataset: dataset({
      id: `gcp-compute-engine-cyclenerd-${effectiveDate}`,
      provider: 'gcp',
      service: PRICE_KEYS.gcp.computeEngine,
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
 * Dates: a source's date is the YYYY-MM-DD its entry states, which only S5
 * (rates confirmed on 2026-07-06) does (S4's 2024-05-27 is its file's last
 * change, not a price date); S1
 * (undated page excerpt), S2 and S3 (commits, no date in the file) and S6
 * give none, and S7 (2026-04-23) gives SKU names, no values. A dataset's
 * effectiveDate is the newest date among its values' sources: 2026-07-06 for
 * the tier-2 values S5 confirms (request-based and instance-based CPU and
 * memory); everything else is undated (dateNote), with effectiveDate the
 * date by which the sources were read. Values are grouped into datasets
 * by tier, unit and that date, so no value claims a newer date than its own
 * sources give.
 */
// prettier-ignore
export const RUN_SKUS: Array<
  [string, string, string, string, Record<number, string[]>]
> = [
  // [sku, unit, billing block, field, sources per tier]
  [CLOUD_RUN_SKUS.requestCpu, 'vcpu-second', 'requestBased', 'cpuPerVcpuSecond', { 1: ['S1', 'S2'], 2: ['S2', 'S3', 'S5'] }],
  [CLOUD_RUN_SKUS.requestMemory, 'gib-second', 'requestBased', 'memPerGibSecond', { 1: ['S2'], 2: ['S2', 'S3', 'S5'] }],
  [CLOUD_RUN_SKUS.requestIdleCpu, 'vcpu-second', 'requestBased', 'idleMinInstanceCpuPerVcpuSecond', { 1: ['S2'], 2: ['S2'] }],
  [CLOUD_RUN_SKUS.requestIdleMemory, 'gib-second', 'requestBased', 'idleMinInstanceMemPerGibSecond', { 1: ['S2'], 2: ['S2'] }],
  [CLOUD_RUN_SKUS.requests, 'request', 'requestBased', 'perRequest', { 1: ['S2'], 2: ['S2', 'S3'] }],
  [CLOUD_RUN_SKUS.instanceCpu, 'vcpu-second', 'instanceBased', 'cpuPerVcpuSecond', { 1: ['S1'], 2: ['S3', 'S5'] }],
  [CLOUD_RUN_SKUS.instanceMemory, 'gib-second', 'instanceBased', 'memPerGibSecond', { 1: [], 2: ['S3', 'S5'] }],
];

export function cloudRunSourceName(id: any, source: any) {
  if (source.repo) {
    return `${id} ${source.repo} @ ${shortCommit(source.commit, id)}, ${
      source.path
    }`;
  }
  if (source.page) return `${id} ${source.page}`;
  if (source.indexId) {
    // A research index hit: name the public API it quotes, not the index.
    const service = /service ([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})/.exec(
      source.what ?? '',
    );
    const api = service
      ? `Cloud Billing Catalog API, https://cloudbilling.googleapis.com/v1/services/${service[1]}/skus`
      : 'Cloud Billing Catalog API';
    return `${id} ${api}, as quoted in a public document, not linkable`;
  }
  return fail(
    `cloud-run-prices.json: source ${id} has no repo, page or index id`,
  );
}

// A file's last-change date (S4's) is not a price date, so it is not used.
export function cloudRunSourceDate(source: any) {
  const match = DATE_RE.exec(`${source.what ?? ''} ${source.seen ?? ''}`);
  return match ? match[1] : undefined;
}

// Rates (and free tiers) whose sources give no date: a page excerpt and
// commits read in 2026-08 (PROVENANCE.md).
const UNDATED_RUN =
  'undated: no source gives a date for these values (the tier map file, S4, last changed 2024-05-27); read by 2026-08-31';

export function cloudRun(pricingDir: any) {
  const file = 'gcp/cloud-run-prices.json';
  const data = readJson(pricingDir, file);
  const sources = data._sources;
  const sourceDate = (id: string) => {
    if (!sources[id]) fail(`${file}: unknown source ${id}`);
    return cloudRunSourceDate(sources[id]);
  };
  const newest = (ids: string[]) =>
    ids
      .map(sourceDate)
      .filter((date): date is string => Boolean(date))
      .sort(byCodePoint)
      .pop();
  const tierSource = 'S4';
  if (!/^S4\b/.test(data.regionTiersSrc)) {
    fail(`${file}: regionTiersSrc is not S4: ${data.regionTiersSrc}`);
  }

  const regionsByTier: Record<string, string[]> = { 1: [], 2: [] };
  for (const [region, tier] of Object.entries<any>(data.regionTiers)) {
    if (!regionsByTier[tier]) fail(`${file}: ${region} has tier ${tier}`);
    regionsByTier[tier].push(region);
  }

  const groups = new Map<string, any>();
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
      const key = `tier${tier}-${unit}-${effectiveDate ?? 'undated'}${
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

  const datasets: any[] = [];
  for (const [key, group] of groups) {
    const prices: any = {};
    for (const region of regionsByTier[group.tier])
      prices[region] = { ...group.values };
    const sourceNames = [...group.sources]
      .sort(byCodePoint)
      .map(id => cloudRunSourceName(id, sources[id]));
    datasets.push(
      dataset({
        id: `gcp-cloud-run-${key}`,
        provider: 'gcp',
        service: PRICE_KEYS.gcp.cloudRun,
        unit: group.unit,
        effectiveDate: group.effectiveDate ?? FIRST_READ_BY,
        ...(group.effectiveDate ? {} : { dateNote: UNDATED_RUN }),
        origin: `Google Cloud Run price list, hand-assembled from public sources (tier-${
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
  const allowances: any[] = [];
  const free = [
    ['request-based', data.requestBased.freeTierMonthly],
    ['instance-based', data.instanceBased.freeTierMonthly],
  ];
  for (const [scope, tier] of free) {
    const ids = String(tier.src).match(/S\d+/g);
    if (!ids) fail(`${file}: ${scope} free tier names no source`);
    const names = ids.map(id => cloudRunSourceName(id, sources[id]));
    const origin = `Google Cloud Run free tier, hand-assembled from public sources (${scope} free tier, per billing account per month): ${names.join(
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
        service: PRICE_KEYS.gcp.cloudRun,
        scope,
        unit,
        monthlyQuantity,
        effectiveDate: FIRST_READ_BY,
        dateNote: UNDATED_RUN,
        origin,
      });
    }
  }
  return { datasets, allowances };
}

// ---------------------------------------------------------------------------
// Azure
