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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import {
  CostEstimate,
  DeploymentSpec,
  QuotaCheck,
  QuotaSuggestion,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  PRICE_KEYS,
  QuotaReading,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { liveSpecsIn } from '../database/quotaUsage';
import { EstimationService } from '../pricing/EstimationService';

/** What the portal does with a GPU deployment past its quota. */
export type QuotaOnExceeded = 'refuse' | 'warn';

/** The config key of {@link QuotaOnExceeded}. */
export const QUOTA_ON_EXCEEDED_KEY = 'cloudDeployments.quota.onExceeded';

/** `cloudDeployments.quota.onExceeded` (default `refuse`); throws naming the key. */
export function readQuotaOnExceeded(config: Config): QuotaOnExceeded {
  const value = config.getOptionalString(QUOTA_ON_EXCEEDED_KEY) ?? 'refuse';
  if (value !== 'refuse' && value !== 'warn') {
    throw new Error(
      `Invalid config ${QUOTA_ON_EXCEEDED_KEY}: refuse or warn, got ${value}`,
    );
  }
  return value;
}

/**
 * A GPU deployment refused by its quota: a 409, since it conflicts with what
 * the account runs now (freeing capacity or raising the quota makes the
 * same request pass), with the numbers and the suggestion.
 */
export class QuotaExceededError extends ConflictError {
  readonly check: QuotaCheck;

  constructor(check: QuotaCheck) {
    super(check.message);
    this.check = check;
  }
}

// How long the quota API may take before the check reports it unknown.
const READ_TIMEOUT_MS = 10_000;
// How many equivalent types a check asks the quota API about.
const MAX_EQUIVALENTS = 12;

type Equivalent = { instanceType: string; hourly?: number };

/**
 * The pre-flight check of a GPU deployment against its quota: reads the
 * quota of its instance type (through the provider's `readQuotas`) and what
 * runs against it (the cloud's count where the quota has one, else this
 * portal's live deployments of the same provider, account, region and
 * type), and when the deployment would go past it, refuses (409) or warns,
 * naming an equivalent type with quota free and its monthly price
 * difference. A quota that cannot be read never refuses: it is reported
 * unknown. Deployments without GPUs, and targets without `readQuotas`, are
 * not checked.
 */
export class QuotaPreflight {
  readonly #knex: Knex;
  readonly #estimates: EstimationService;
  readonly #onExceeded: QuotaOnExceeded;
  readonly #logger: LoggerService;

  constructor(options: {
    knex: Knex;
    estimates: EstimationService;
    onExceeded: QuotaOnExceeded;
    logger: LoggerService;
  }) {
    this.#knex = options.knex;
    this.#estimates = options.estimates;
    this.#onExceeded = options.onExceeded;
    this.#logger = options.logger;
  }

  /** Whether a deployment past its quota is refused (rather than warned about). */
  get refuses(): boolean {
    return this.#onExceeded === 'refuse';
  }

  /**
   * Checks a spec about to be created (or to replace the spec of the
   * deployment `replacing`, which is then not counted against itself);
   * throws a {@link QuotaExceededError} when it goes past its quota and the
   * portal refuses; otherwise what it found, or undefined when nothing was
   * checked.
   */
  async check(
    spec: DeploymentSpec,
    provider: CloudDeploymentProvider,
    options: Replacing = {},
  ): Promise<QuotaCheck | undefined> {
    const found = await this.inspect(spec, provider, options);
    if (found?.outcome === 'exceeded' && this.#onExceeded === 'refuse') {
      throw new QuotaExceededError(found);
    }
    return found;
  }

  /** What {@link QuotaPreflight.check} finds, without refusing. */
  async inspect(
    spec: DeploymentSpec,
    provider: CloudDeploymentProvider,
    options: Replacing = {},
  ): Promise<QuotaCheck | undefined> {
    const gpus = this.#estimates.gpusOf(spec);
    if (!provider.readQuotas || gpus === 0) return undefined;
    const type = spec.compute.instanceType ?? '*';
    const equivalents = this.#equivalents(spec);
    let readings: Map<string, QuotaReading>;
    try {
      readings = await provider.readQuotas(
        {
          spec,
          instanceTypes: [type, ...equivalents.map(e => e.instanceType)],
        },
        { signal: AbortSignal.timeout(READ_TIMEOUT_MS), logger: this.#logger },
      );
    } catch (error) {
      return unknown(
        `The ${describeType(type)} quota ${where(
          spec,
        )} could not be read, so it was not checked: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    const own = readings.get(type);
    if (!own) {
      return unknown(
        `${provider.title} reports no ${describeType(type)} quota ${where(
          spec,
        )}, so it was not checked`,
      );
    }
    const live = await liveSpecsIn(this.#knex, {
      provider: spec.provider,
      region: spec.region,
      excludeId: options.replacing?.id,
    });
    const sameAccount = live.filter(s => s.account === spec.account);
    const requested = this.#units(spec, own, gpus);
    const portalRuns = this.#portalUse(sameAccount, type, own);
    // The cloud's count holds what the changed deployment runs now.
    const inUse =
      own.used === undefined
        ? portalRuns
        : Math.max(
            0,
            own.used -
              this.#portalUse(
                options.replacing ? [options.replacing.spec] : [],
                type,
                own,
                spec,
              ),
          );
    const numbers = {
      quotaName: own.name,
      unit: own.unit,
      limit: own.limit,
      inUse,
      requested,
    };
    const sentence = `${quotaLabel(spec, type, own)} ${where(spec)} is ${
      own.limit
    }; ${
      own.used === undefined
        ? `this portal runs ${portalRuns}`
        : `${inUse} in use`
    }; this deployment asks for ${requested}`;
    if (inUse + requested <= own.limit) {
      return { outcome: 'within', message: `${sentence}.`, ...numbers };
    }
    const suggestion = this.#suggest(
      spec,
      equivalents,
      readings,
      sameAccount,
      requested,
    );
    return {
      outcome: 'exceeded',
      message: `${sentence}. ${
        suggestion
          ? `${describeSuggestion(suggestion)}.`
          : 'No equivalent type with a GPU has quota free for it.'
      }`,
      ...numbers,
      ...(suggestion ? { suggestion } : {}),
    };
  }

  /**
   * An equivalent type to name after a capacity error of `spec`: the
   * cheapest with quota free where the quotas can be read, else undefined.
   */
  async suggestFor(
    spec: DeploymentSpec,
    provider: CloudDeploymentProvider,
    excludeId: string,
  ): Promise<QuotaSuggestion | undefined> {
    const equivalents = this.#equivalents(spec);
    if (!provider.readQuotas || equivalents.length === 0) return undefined;
    try {
      const readings = await provider.readQuotas(
        { spec, instanceTypes: equivalents.map(e => e.instanceType) },
        { signal: AbortSignal.timeout(READ_TIMEOUT_MS), logger: this.#logger },
      );
      const live = await liveSpecsIn(this.#knex, {
        provider: spec.provider,
        region: spec.region,
        excludeId,
      });
      return this.#suggest(
        spec,
        equivalents,
        readings,
        live.filter(s => s.account === spec.account),
        spec.compute.instanceCount ?? 1,
      );
    } catch (error) {
      this.#logger.warn(
        `No equivalent type could be suggested after a capacity error: ${error}`,
      );
      return undefined;
    }
  }

  /** What the spec asks of a quota, in its unit. */
  #units(spec: DeploymentSpec, reading: QuotaReading, gpus: number): number {
    const instances =
      spec.compute.instanceCount ?? spec.compute.minInstances ?? 1;
    return reading.unit === 'gpus' ? instances * gpus : instances;
  }

  /**
   * What deployments hold of a type's quota: those of `like`'s provider,
   * account and region, when given (the caller's list is of them already).
   */
  #portalUse(
    specs: DeploymentSpec[],
    type: string,
    reading: QuotaReading,
    like?: DeploymentSpec,
  ): number {
    let total = 0;
    for (const s of specs) {
      if (type !== '*' && s.compute.instanceType !== type) continue;
      if (
        like &&
        (s.provider !== like.provider ||
          s.account !== like.account ||
          s.region !== like.region)
      ) {
        continue;
      }
      const gpus = this.#estimates.gpusOf(s);
      if (gpus === 0) continue;
      total += this.#units(s, reading, gpus);
    }
    return total;
  }

  /**
   * The types that keep the spec's GPUs: as many GPUs or more, on at least
   * its vCPUs and memory, by the price snapshot's machine sizes (from AWS's
   * instance type data; they hold GPU counts, not GPU models or their
   * memory), cheapest first in the spec's region. SageMaker only: the other
   * targets' quotas are not per type.
   */
  #equivalents(spec: DeploymentSpec): Equivalent[] {
    const type = spec.compute.instanceType;
    if (spec.provider !== 'aws-sagemaker' || !type) return [];
    const catalog = this.#estimates.catalog;
    const own = catalog.machineSpec('aws', type);
    if (!own?.gpu) return [];
    const service = PRICE_KEYS.aws.sagemaker;
    return [...catalog.skus('aws', service)]
      .flatMap(candidate => {
        const size = catalog.machineSpec('aws', candidate);
        if (
          candidate === type ||
          !candidate.startsWith('ml.') ||
          !size ||
          (size.gpu ?? 0) < own.gpu! ||
          size.vcpu < own.vcpu ||
          size.memoryGiB < own.memoryGiB
        ) {
          return [];
        }
        const hourly = catalog.lookup('aws', service, spec.region, candidate)
          .point?.usd;
        return [{ instanceType: candidate, hourly }];
      })
      .sort(
        (a, b) =>
          (a.hourly ?? Infinity) - (b.hourly ?? Infinity) ||
          a.instanceType.localeCompare(b.instanceType),
      )
      .slice(0, MAX_EQUIVALENTS);
  }

  /** The cheapest equivalent with enough quota free, with its price difference. */
  #suggest(
    spec: DeploymentSpec,
    equivalents: Equivalent[],
    readings: Map<string, QuotaReading>,
    live: DeploymentSpec[],
    requested: number,
  ): QuotaSuggestion | undefined {
    for (const { instanceType } of equivalents) {
      const reading = readings.get(instanceType);
      if (!reading) continue;
      const used = reading.used ?? this.#portalUse(live, instanceType, reading);
      const free = reading.limit - used;
      if (free < requested) continue;
      const asked = this.#estimates.estimate(spec);
      const other = this.#estimates.estimate({
        ...spec,
        compute: { ...spec.compute, instanceType },
      });
      return { instanceType, free, ...priceDelta(asked, other) };
    }
    return undefined;
  }
}

/** The difference of two estimates, as sure as the less sure of them. */
export function priceDelta(
  asked: CostEstimate,
  other: CostEstimate,
): Pick<
  QuotaSuggestion,
  'monthlyDelta' | 'certainty' | 'approximateFrom' | 'pricedFrom'
> {
  const approximateFrom = [
    ...new Set([...asked.approximateFrom, ...other.approximateFrom]),
  ].sort();
  const pricedFrom = [
    ...new Set(
      [...asked.lines, ...other.lines]
        .filter(l => l.unitPrice !== null)
        .map(
          l =>
            // An origin's closing parenthesis only explains it.
            `${(l.origin ?? l.source ?? 'unknown source').replace(
              /\s*\([^()]*\)$/,
              '',
            )}${l.effectiveDate ? ` of ${l.effectiveDate}` : ''}`,
        ),
    ),
  ].sort();
  if (asked.monthlyTotal === null || other.monthlyTotal === null) {
    return {
      monthlyDelta: null,
      certainty: 'missing',
      approximateFrom,
      pricedFrom,
    };
  }
  const monthlyDelta =
    Math.round((other.monthlyTotal - asked.monthlyTotal) * 100) / 100;
  const exact = asked.totalKind === 'exact' && other.totalKind === 'exact';
  return {
    monthlyDelta,
    certainty: exact ? 'exact' : 'approximate',
    approximateFrom,
    pricedFrom,
  };
}

/** `ml.g4dn.xlarge has quota 4 free, $230.14/month less (approximate, priced from us-east-1)`. */
export function describeSuggestion(s: QuotaSuggestion): string {
  const head = `${s.instanceType} has quota ${s.free} free`;
  if (s.monthlyDelta === null) {
    return `${head}; its price difference is unknown (a price is missing)`;
  }
  const amount = `$${Math.abs(s.monthlyDelta).toFixed(2)}/month ${
    s.monthlyDelta < 0 ? 'less' : 'more'
  }`;
  const how = [
    s.certainty,
    ...(s.approximateFrom.length
      ? [`${s.approximateFrom.join(', ')} prices standing in`]
      : []),
    ...(s.pricedFrom.length ? [`priced from ${s.pricedFrom.join('; ')}`] : []),
  ].join(', ');
  return s.monthlyDelta === 0
    ? `${head}, at the same price (${how})`
    : `${head}, ${amount} (${how})`;
}

/** What a deployment leaves out of a quota's count when it is changed. */
type Replacing = { replacing?: { id: string; spec: DeploymentSpec } };

function describeType(type: string): string {
  return type === '*' ? 'GPU' : type;
}

/** `ml.g5.xlarge endpoint quota`, `GPU quota ResourceQuota ml/gpu-quota (…)`. */
function quotaLabel(
  spec: DeploymentSpec,
  type: string,
  reading: QuotaReading,
): string {
  if (spec.provider === 'aws-sagemaker') return `${type} endpoint quota`;
  return `${describeType(type)} quota ${reading.name}`;
}

function where(spec: DeploymentSpec): string {
  return `in ${spec.region} (account ${spec.account ?? 'default'})`;
}

function unknown(message: string): QuotaCheck {
  return { outcome: 'unknown', message };
}
