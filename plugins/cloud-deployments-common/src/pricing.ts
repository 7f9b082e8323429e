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
import { EmissionsEstimate } from './emissions';

/**
 * The clouds prices come from.
 *
 * @public
 */
export type PriceProvider = 'aws' | 'gcp' | 'azure';

/**
 * Which layer of the price catalogue a price came from: fetched from the
 * provider's price API by this process (`live`), read from the database cache
 * that a previous fetch filled (`cache`), or the dated snapshot shipped in the
 * package (`snapshot`).
 *
 * @public
 */
export type PriceSourceKind = 'live' | 'cache' | 'snapshot';

/**
 * The units prices are normalised to, whatever the provider's own unit
 * ("Hrs", "1 GB Hour", "100 Seconds", …).
 *
 * @public
 */
export type PriceUnit =
  | 'hour'
  | 'vcpu-hour'
  | 'gib-hour'
  | 'vcpu-second'
  | 'gib-second'
  | 'request'
  | 'gpu-hour';

/**
 * One price: what one unit of a SKU costs in a region, in USD, list
 * (on-demand / pay-as-you-go) price.
 *
 * @public
 */
export type PricePoint = {
  provider: PriceProvider;
  /** Our service key, e.g. `AmazonSageMaker`, `AmazonEC2`, `CloudRun`, `ComputeEngine`, `ContainerInstances`, `VirtualMachines`. */
  service: string;
  region: string;
  /** Our SKU key within the service, e.g. an instance type or `request-cpu`. */
  sku: string;
  unit: PriceUnit;
  usd: number;
  /** The date the price was published or observed, `YYYY-MM-DD`. */
  effectiveDate: string;
  /**
   * Set when the source states no date of its own for the price: what is
   * known of when it held, e.g. `undated: observed between 2025-01-01 and
   * 2026-08-31`. `effectiveDate` is then the latest date by which the price
   * was certainly observed, not a publication date.
   */
  dateNote?: string;
  source: PriceSourceKind;
  /** Where the price came from: an API, a page, or a repository at a commit. */
  origin: string;
  /** Set when the value needs checking, e.g. `VERIFY: single source`; lines priced from it carry it as a warning. */
  caveat?: string;
};

/**
 * How sure a line's price is: `exact` is the asked region's own price,
 * `approximate` is another region's (the line says which and why), `missing`
 * is no price at all (never $0).
 *
 * @public
 */
export type PriceKind = 'exact' | 'approximate' | 'missing';

/**
 * How sure an estimate's total is: `exact` when every line is exact,
 * `approximate` when every line has a price but some are borrowed from another
 * region, `partial` when some lines have no price (the priced subtotal is a
 * lower bound), `unknown` when no line has a price.
 *
 * @public
 */
export type EstimateTotalKind = 'exact' | 'approximate' | 'partial' | 'unknown';

/**
 * One billed component of an estimate.
 *
 * @public
 */
export type EstimateLine = {
  /** What is billed, e.g. `Instance hours (ml.m5.large × 2)`. */
  description: string;
  quantity: number;
  /** The unit of `quantity`, the same as the price's. */
  unit: PriceUnit;
  /** USD per unit; `null` when no price is known (the line is then missing, not $0). */
  unitPrice: number | null;
  /** USD per month; `null` when no price is known. */
  monthlyCost: number | null;
  /** The SKU and region of the price used. */
  sku: string;
  region: string;
  /** Whether the price is this region's own, another region's, or missing. */
  kind: PriceKind;
  /** For an `approximate` line: the region asked for, and why another region's price stands in. */
  approximation?: { requestedRegion: string; reason: string };
  source?: PriceSourceKind;
  origin?: string;
  effectiveDate?: string;
  /** The price's {@link PricePoint.dateNote}: set when its source is undated. */
  dateNote?: string;
  /** The price's {@link PricePoint.caveat}, also in `note` and the estimate's warnings. */
  caveat?: string;
  /** Why this line is special, e.g. a price from another region, or missing. */
  note?: string;
};

/**
 * A monthly cost estimate with a line per billed component.
 *
 * @public
 */
export type CostEstimate = {
  currency: 'USD';
  /**
   * USD a month when every line has a price (exact or approximate); `null`
   * when any line is missing, so that a partial sum never passes for a total.
   */
  monthlyTotal: number | null;
  /** The sum of the lines that have a price, to the cent. */
  pricedSubtotal: number;
  /** How sure the total is; see {@link EstimateTotalKind}. */
  totalKind: EstimateTotalKind;
  /** Whether every line is exact: the asked region's own price. */
  complete: boolean;
  /** How many lines have no price. */
  missingLines: number;
  /** The regions whose prices stand in for the asked region's, sorted. */
  approximateFrom: string[];
  lines: EstimateLine[];
  /** The usage the estimate assumes, e.g. `{ hoursPerMonth: 730 }`. */
  assumptions: Record<string, string | number | boolean>;
  /** What a reader must know: fallbacks, missing prices, free-tier use. */
  warnings: string[];
  /** When the estimate was made (ISO 8601). */
  estimatedAt: string;
  /**
   * Set on a stopped deployment's estimate, whose lines price what still
   * bills while it is stopped: what it saves against running its spec.
   */
  stopped?: StoppedSavings;
  /**
   * The deployment's estimated emissions a month, beside its price. Absent on
   * estimates stored before emissions were estimated.
   */
  emissions?: EmissionsEstimate;
};

/**
 * What a stopped deployment saves: the monthly estimate of running its spec,
 * as sure as that estimate is.
 *
 * @public
 */
export type StoppedSavings = {
  /** The totals of the running estimate (its lines are not kept). */
  running: Pick<
    CostEstimate,
    | 'monthlyTotal'
    | 'pricedSubtotal'
    | 'totalKind'
    | 'complete'
    | 'missingLines'
    | 'approximateFrom'
  >;
  /** What the target keeps while stopped, and whether it bills. */
  note: string;
};

/**
 * How a resource of a Terraform plan was priced: `free` costs nothing by
 * itself (its cost is on another resource), `priced` has lines (each exact,
 * approximate or missing), `chargeable-unpriced` is billed but the price data
 * has no price for it, `unknown-type` is a type the pricer does not know.
 *
 * @public
 */
export type PlanResourcePricing =
  | 'free'
  | 'priced'
  | 'chargeable-unpriced'
  | 'unknown-type';

/**
 * The cost of one resource of a Terraform plan, before and after.
 *
 * @public
 */
export type PlanResourceCost = {
  address: string;
  type: string;
  /** `create`, `update`, `delete`, `replace`, `no-op` or `read`. */
  action: string;
  /** Monthly USD before and after the change; `null` when it did not exist or could not be priced. */
  monthlyBefore: number | null;
  monthlyAfter: number | null;
  lines: EstimateLine[];
  /** How the resource was priced; see {@link PlanResourcePricing}. */
  pricing: PlanResourcePricing;
  /** For a `priced` resource: how sure its cost is, over its lines before and after. */
  totalKind?: EstimateTotalKind;
  /** Set when the resource is not in the totals, saying why in words. */
  unpriced?: string;
};

/**
 * The cost of a Terraform plan: what runs now, what will run, and the
 * difference.
 *
 * @public
 */
export type PlanEstimate = {
  currency: 'USD';
  /** Sums of the resources that have a price; see `complete`. */
  monthlyBefore: number;
  monthlyAfter: number;
  monthlyDelta: number;
  /** Whether every resource is free or priced exactly (every line its region's own price). */
  complete: boolean;
  resources: PlanResourceCost[];
  /** Addresses of resources that could not be priced (also in `resources`). */
  unpriced: string[];
  warnings: string[];
  estimatedAt: string;
};
