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
  CompareOption,
  ComparePriceBand,
  CompareSort,
  LOWER_CARBON_PRICE_BAND_PERCENT,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** An option as priced, before the marks. */
export type PricedOption = Omit<
  CompareOption,
  'cheapestExact' | 'lowerCarbon' | 'carbonSaving'
>;

/** 0: a total (exact or approximate), 1: partial, 2: unknown, 3: cannot run it. */
function costRank(option: PricedOption): number {
  const kind = option.estimate?.totalKind;
  if (kind === 'exact' || kind === 'approximate') return 0;
  if (kind === 'partial') return 1;
  return kind === 'unknown' ? 2 : 3;
}

/**
 * 0: a total (exact or approximate), 1: partial, 2: not estimated or
 * unknown, 3: cannot run it — so an unknown figure is never sorted as 0.
 */
function emissionsRank(option: PricedOption): number {
  if (!option.estimate) return 3;
  const kind = option.estimate.emissions?.totalKind;
  if (kind === 'exact' || kind === 'approximate') return 0;
  return kind === 'partial' ? 1 : 2;
}

const byCost = (a: PricedOption, b: PricedOption) =>
  costRank(a) - costRank(b) ||
  (a.estimate?.pricedSubtotal ?? 0) - (b.estimate?.pricedSubtotal ?? 0);

const byName = (a: PricedOption, b: PricedOption) =>
  a.provider.localeCompare(b.provider) || a.region.localeCompare(b.region);

const byEmissions = (a: PricedOption, b: PricedOption) =>
  emissionsRank(a) - emissionsRank(b) ||
  (a.estimate?.emissions?.knownSubtotalGrams ?? 0) -
    (b.estimate?.emissions?.knownSubtotalGrams ?? 0);

/**
 * The options in the order asked: by monthly cost or by monthly emissions,
 * lowest first, those with a partial figure after those with a total and
 * those with none last; ties by cost, then target and region.
 */
export function sortOptions<T extends PricedOption>(
  options: readonly T[],
  sort: CompareSort,
): T[] {
  return [...options].sort(
    sort === 'emissions'
      ? (a, b) => byEmissions(a, b) || byCost(a, b) || byName(a, b)
      : (a, b) => byCost(a, b) || byName(a, b),
  );
}

const emissionsOf = (option: PricedOption) =>
  option.estimate?.emissions?.monthlyTotalGrams ?? null;

/**
 * The lower-carbon choice at the cheapest option's price: among the options
 * whose monthly total is within {@link LOWER_CARBON_PRICE_BAND_PERCENT} % of
 * the cheapest total, the one with the lowest known emissions, when they are
 * lower than the cheapest's (ties: the cheaper one). None when the cheapest
 * option's emissions are unknown: a saving against an unknown figure is
 * unknown too.
 */
export function lowerCarbonChoice(options: readonly PricedOption[]): {
  priceBand?: ComparePriceBand;
  choice?: { option: PricedOption; saving: CompareOption['carbonSaving'] };
} {
  const priced = sortOptions(
    options.filter(o => typeof o.estimate?.monthlyTotal === 'number'),
    'cost',
  );
  const cheapest = priced[0];
  if (!cheapest) return {};
  const from = cheapest.estimate!.monthlyTotal!;
  const percent = LOWER_CARBON_PRICE_BAND_PERCENT;
  const priceBand = {
    percent,
    from,
    upTo: Math.round(from * (100 + percent)) / 100,
  };
  const cheapestGrams = emissionsOf(cheapest);
  if (cheapestGrams === null) return { priceBand };
  // The band's top is in cents, as it is shown; the epsilon absorbs floating point.
  const inBand = priced.filter(
    o => o.estimate!.monthlyTotal! <= priceBand.upTo + 1e-9,
  );
  const [option] = inBand
    .filter(o => {
      const grams = emissionsOf(o);
      return grams !== null && grams < cheapestGrams;
    })
    .sort((a, b) => emissionsOf(a)! - emissionsOf(b)!);
  if (!option) return { priceBand };
  const grams = cheapestGrams - emissionsOf(option)!;
  return {
    priceBand,
    choice: {
      option,
      saving: {
        comparedWith: { provider: cheapest.provider, region: cheapest.region },
        grams: Math.round(grams * 10) / 10,
        percent: Math.round((grams / cheapestGrams) * 1000) / 10,
        extraMonthlyUsd:
          Math.round((option.estimate!.monthlyTotal! - from) * 100) / 100,
      },
    },
  };
}
