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
  CostEstimate,
  deploymentComputeSchema,
  DeploymentProvider,
  usageAssumptionsSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { EstimateInputs, UsageAssumptions } from './estimateInputs';

/**
 * What the user chose in the usage section: the API's usage assumptions,
 * plus Cloud Run's concurrency, which the API takes under `compute`.
 */
export type ChosenUsage = UsageAssumptions & { concurrency?: number };

/** A usage input: its key in `ChosenUsage` and in the estimate's assumptions. */
export type UsageFieldKey = keyof ChosenUsage;

/** A zod schema as this file uses it (the package does not depend on zod). */
type Rule = {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: { message: string }[] } };
};

export type UsageField = {
  key: UsageFieldKey;
  label: string;
  /** How the default reads, e.g. `default: 730 h, a full month`. */
  describeDefault: (value: unknown) => string;
  /** The rule the backend applies, so an out-of-range value is never sent. */
  schema: Rule;
  /** The values of a choice; a number input when absent. */
  options?: { value: string; label: string }[];
  /** Its key in the estimate's assumptions, where that differs from `key`. */
  assumption?: string;
  /** A choice's value as the API takes it, where that is not the text. */
  fromOption?: (value: string) => unknown;
  /** Typed and shown as a percentage of the API's 0–1 fraction. */
  percent?: boolean;
};

const usageShape = usageAssumptionsSchema.shape;
const computeShape = deploymentComputeSchema.innerType().shape;

const count = (value: unknown) =>
  typeof value === 'number' ? value.toLocaleString('en-US') : String(value);

/** 0.125 as `12.5`: a fraction as a percentage, without float noise. */
const toPercent = (fraction: number) =>
  String(Math.round(fraction * 100 * 1e6) / 1e6);

const FIELDS: Record<UsageFieldKey, UsageField> = {
  requestsPerMonth: {
    key: 'requestsPerMonth',
    label: 'Requests per month',
    describeDefault: v => `default: ${count(v)} requests`,
    schema: usageShape.requestsPerMonth,
  },
  avgRequestDurationMs: {
    key: 'avgRequestDurationMs',
    label: 'Request duration (ms)',
    describeDefault: v => `default: ${count(v)} ms`,
    schema: usageShape.avgRequestDurationMs,
  },
  concurrency: {
    key: 'concurrency',
    label: 'Concurrency (requests per instance)',
    describeDefault: v => `default: ${count(v)}, Cloud Run's own`,
    schema: computeShape.concurrency,
  },
  billing: {
    key: 'billing',
    label: 'Billing',
    describeDefault: v =>
      `default: ${v === 'instance' ? 'instance-based' : 'request-based'}`,
    schema: usageShape.billing,
    options: [
      { value: 'request', label: 'Request-based (CPU only while serving)' },
      { value: 'instance', label: 'Instance-based (CPU always allocated)' },
    ],
  },
  hoursPerMonth: {
    key: 'hoursPerMonth',
    label: 'Hours per month',
    describeDefault: v =>
      `default: ${count(v)} h${v === 730 ? ', a full month' : ''}`,
    schema: usageShape.hoursPerMonth,
  },
  applyFreeTier: {
    key: 'applyFreeTier',
    assumption: 'freeTierApplied',
    label: 'Free tier',
    describeDefault: v =>
      `default: ${v === false ? 'not credited' : 'credited'}`,
    schema: usageShape.applyFreeTier,
    options: [
      { value: 'true', label: 'Credited (per billing account)' },
      { value: 'false', label: 'Not credited (used up elsewhere)' },
    ],
    fromOption: value =>
      (({ true: true, false: false } as Record<string, unknown>)[value] ??
      value),
  },
  cpuUtilization: {
    key: 'cpuUtilization',
    label: 'CPU utilisation (%)',
    // Only the emissions read it: the price is the same at any utilisation.
    describeDefault: v =>
      `default: ${
        typeof v === 'number' ? toPercent(v) : String(v)
      } %, for emissions`,
    schema: usageShape.cpuUtilization,
    percent: true,
  },
  os: {
    key: 'os',
    label: 'Operating system',
    describeDefault: v => `default: ${String(v)}`,
    schema: usageShape.os,
    options: [
      { value: 'linux', label: 'Linux' },
      { value: 'windows', label: 'Windows' },
    ],
  },
};

/** The usage each target's estimator reads, as `POST /estimates` takes it. */
export function usageFieldsFor(provider: DeploymentProvider): UsageField[] {
  switch (provider) {
    case 'gcp-cloud-run':
      // Hours only matter for minimum instances, kept warm all month.
      return [
        FIELDS.requestsPerMonth,
        FIELDS.avgRequestDurationMs,
        FIELDS.concurrency,
        FIELDS.billing,
        FIELDS.hoursPerMonth,
        FIELDS.applyFreeTier,
        FIELDS.cpuUtilization,
      ];
    case 'azure-container-instances':
      return [FIELDS.hoursPerMonth, FIELDS.os, FIELDS.cpuUtilization];
    default:
      return [FIELDS.hoursPerMonth, FIELDS.cpuUtilization];
  }
}

/**
 * Reads what was typed: `undefined` for an empty input (back to the
 * default), the value, or the message of the rule it breaks.
 */
export function parseUsageInput(
  field: UsageField,
  text: string,
): { value?: number | string | boolean } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  const option = field.fromOption ?? ((value: string) => value);
  const candidate = field.options ? option(trimmed) : Number(trimmed);
  if (typeof candidate === 'number' && Number.isNaN(candidate)) {
    return { error: 'must be a number' };
  }
  if (field.percent) {
    // The API's messages speak of 0–1; the user typed a percentage.
    if ((candidate as number) < 0 || (candidate as number) > 100) {
      return { error: 'must be between 0 and 100 %' };
    }
    return { value: Math.round((candidate as number) * 1e4) / 1e6 };
  }
  const parsed = field.schema.safeParse(candidate);
  if (!parsed.success) {
    return { error: parsed.error.issues[0]?.message ?? 'is not valid' };
  }
  return { value: parsed.data as number | string | boolean };
}

/**
 * A usage value as its input shows it: a percentage for a fraction the
 * API takes as 0–1, the value as text otherwise.
 */
export function usageInputText(field: UsageField, value: unknown): string {
  if (value === undefined) return '';
  if (field.percent && typeof value === 'number') return toPercent(value);
  return String(value);
}

/**
 * The assumptions the usage section shows: the price's, and those only
 * the emissions read (utilisation), with both estimates' defaults.
 */
export function usageAssumptionsOf(
  estimate: CostEstimate | undefined,
): CostEstimate['assumptions'] | undefined {
  if (!estimate) return undefined;
  const price = estimate.assumptions;
  const emissions = estimate.emissions?.assumptions ?? {};
  const defaults = [price.defaults, emissions.defaults]
    .filter((d): d is string => typeof d === 'string' && d.trim() !== '')
    .flatMap(d => d.split(',').map(k => k.trim()));
  return {
    ...emissions,
    ...price,
    ...(defaults.length ? { defaults: [...new Set(defaults)].join(', ') } : {}),
  };
}

/** The API's usage from what was chosen: everything but the concurrency. */
export function splitChosenUsage(chosen: ChosenUsage): {
  usage: UsageAssumptions;
  concurrency?: number;
} {
  const { concurrency, ...usage } = chosen;
  return { usage, ...(concurrency !== undefined ? { concurrency } : {}) };
}

/**
 * The request with the user's choices on top of the template's: their usage
 * over `ui:options.usage`, and their concurrency where the form sets none.
 */
export function withChosenUsage(
  inputs: EstimateInputs,
  chosen: ChosenUsage,
): EstimateInputs {
  if (inputs.kind !== 'ready') return inputs;
  const { usage, concurrency } = splitChosenUsage(chosen);
  const merged = { ...inputs.request.usage, ...usage };
  const compute =
    concurrency !== undefined &&
    inputs.request.compute.concurrency === undefined
      ? { ...inputs.request.compute, concurrency }
      : inputs.request.compute;
  return {
    kind: 'ready',
    request: {
      ...inputs.request,
      compute,
      ...(Object.keys(merged).length > 0 ? { usage: merged } : {}),
    },
  };
}

/** Usage the form's own fields set (Cloud Run's `compute.concurrency`). */
export function formConcurrency(
  formData: unknown,
): Partial<Record<UsageFieldKey, unknown>> {
  const compute = (formData as { compute?: { concurrency?: unknown } })
    ?.compute;
  const value = compute?.concurrency;
  return value === undefined || value === '' ? {} : { concurrency: value };
}
