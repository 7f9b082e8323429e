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
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  PriceProvider,
  PriceUnit,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import fs from 'node:fs';
import { PriceSnapshot } from './PriceSnapshot';

// Records, so that the compiler flags a provider or unit added to the types.
const PROVIDERS: Record<PriceProvider, true> = {
  aws: true,
  gcp: true,
  azure: true,
};
const UNITS: Record<PriceUnit, true> = {
  hour: true,
  'vcpu-hour': true,
  'gib-hour': true,
  'vcpu-second': true,
  'gib-second': true,
  request: true,
  'gpu-hour': true,
};

/** Stop listing problems after this many; the first ones are enough to act on. */
const MAX_PROBLEMS = 10;

const has = (record: object, k: string) =>
  Object.prototype.hasOwnProperty.call(record, k);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const key = (k: string) =>
  /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${show(k)}]`;

function isDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.getUTCMonth() + 1 === Number(match[2]) &&
    date.getUTCDate() === Number(match[3])
  );
}

/** Collects what is wrong with a parsed snapshot, with a path to each problem. */
class Checker {
  readonly problems: string[] = [];

  fail(where: string, what: string, value: unknown) {
    if (this.problems.length < MAX_PROBLEMS + 1) {
      this.problems.push(`${where} ${what}, got ${show(value)}`);
    }
  }

  text(where: string, value: unknown): value is string {
    if (typeof value === 'string' && value.trim() !== '') return true;
    this.fail(where, 'must be a non-empty string', value);
    return false;
  }

  date(where: string, value: unknown) {
    if (!isDate(value)) this.fail(where, 'must be a date YYYY-MM-DD', value);
  }

  oneOf(where: string, value: unknown, allowed: Record<string, true>) {
    if (typeof value !== 'string' || !has(allowed, value)) {
      this.fail(
        where,
        `must be one of ${Object.keys(allowed).join(', ')}`,
        value,
      );
    }
  }

  amount(where: string, value: unknown, what = 'a finite number >= 0') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.fail(where, `must be ${what}`, value);
    }
  }

  object(where: string, value: unknown): value is Record<string, unknown> {
    if (isObject(value)) return true;
    this.fail(where, 'must be an object', value);
    return false;
  }
}

function check(data: unknown): string[] {
  const c = new Checker();
  if (!c.object('the file', data)) return c.problems;

  if (data.version !== 1) c.fail('version', 'must be 1', data.version);
  if (
    typeof data.builtAt !== 'string' ||
    Number.isNaN(Date.parse(data.builtAt))
  ) {
    c.fail('builtAt', 'must be an ISO 8601 date-time', data.builtAt);
  }

  if (!Array.isArray(data.datasets)) {
    c.fail('datasets', 'must be an array', data.datasets);
  } else {
    const ids = new Set<string>();
    data.datasets.forEach((dataset: unknown, i: number) => {
      let where = `datasets[${i}]`;
      if (!c.object(where, dataset)) return;
      if (c.text(`${where}.id`, dataset.id)) {
        if (ids.has(dataset.id))
          c.fail(`${where}.id`, 'must be unique', dataset.id);
        ids.add(dataset.id);
        where = `${where} (${dataset.id})`;
      }
      c.oneOf(`${where}.provider`, dataset.provider, PROVIDERS);
      c.text(`${where}.service`, dataset.service);
      c.oneOf(`${where}.unit`, dataset.unit, UNITS);
      c.date(`${where}.effectiveDate`, dataset.effectiveDate);
      if (dataset.dateNote !== undefined)
        c.text(`${where}.dateNote`, dataset.dateNote);
      c.text(`${where}.origin`, dataset.origin);
      if (dataset.caveat !== undefined)
        c.text(`${where}.caveat`, dataset.caveat);
      if (!c.object(`${where}.prices`, dataset.prices)) return;
      for (const [region, skus] of Object.entries(dataset.prices)) {
        const regionWhere = `${where}.prices${key(region)}`;
        if (!c.object(regionWhere, skus)) continue;
        for (const [sku, usd] of Object.entries(skus)) {
          c.amount(`${regionWhere}${key(sku)}`, usd);
        }
      }
    });
  }

  if (c.object('machineSpecs', data.machineSpecs)) {
    for (const [provider, specs] of Object.entries(data.machineSpecs)) {
      const where = `machineSpecs${key(provider)}`;
      if (!has(PROVIDERS, provider)) {
        c.fail('machineSpecs', 'has an unknown provider', provider);
      }
      if (!c.object(where, specs)) continue;
      for (const [type, spec] of Object.entries(specs)) {
        const specWhere = `${where}${key(type)}`;
        if (!c.object(specWhere, spec)) continue;
        for (const field of ['vcpu', 'memoryGiB'] as const) {
          const value = spec[field];
          if (
            typeof value !== 'number' ||
            !Number.isFinite(value) ||
            value <= 0
          ) {
            c.fail(
              `${specWhere}.${field}`,
              'must be a finite number > 0',
              value,
            );
          }
        }
        if (
          spec.gpu !== undefined &&
          !(Number.isInteger(spec.gpu) && (spec.gpu as number) >= 0)
        ) {
          c.fail(`${specWhere}.gpu`, 'must be a whole number >= 0', spec.gpu);
        }
      }
    }
  }

  if (!Array.isArray(data.allowances)) {
    c.fail('allowances', 'must be an array', data.allowances);
  } else {
    data.allowances.forEach((allowance: unknown, i: number) => {
      const where = `allowances[${i}]`;
      if (!c.object(where, allowance)) return;
      c.oneOf(`${where}.provider`, allowance.provider, PROVIDERS);
      c.text(`${where}.service`, allowance.service);
      c.text(`${where}.scope`, allowance.scope);
      c.oneOf(`${where}.unit`, allowance.unit, UNITS);
      c.amount(`${where}.monthlyQuantity`, allowance.monthlyQuantity);
      c.date(`${where}.effectiveDate`, allowance.effectiveDate);
      if (allowance.dateNote !== undefined)
        c.text(`${where}.dateNote`, allowance.dateNote);
      c.text(`${where}.origin`, allowance.origin);
    });
  }

  if (c.object('fallbackRegions', data.fallbackRegions)) {
    for (const [provider, services] of Object.entries(data.fallbackRegions)) {
      const where = `fallbackRegions${key(provider)}`;
      if (!has(PROVIDERS, provider)) {
        c.fail('fallbackRegions', 'has an unknown provider', provider);
      }
      if (!c.object(where, services)) continue;
      for (const [service, region] of Object.entries(services)) {
        c.text(`${where}${key(service)}`, region);
      }
    }
  }
  return c.problems;
}

/**
 * Reads and validates a price snapshot file.
 *
 * @param path - The file to read; by default the snapshot shipped in this
 *   package, `snapshot/prices.json`.
 * @returns The snapshot, checked to be format version 1 with every dataset
 *   naming its provider, service, unit, effective date (`YYYY-MM-DD`) and
 *   origin, and every price a finite number of at least 0.
 * @throws Error naming the file and what is wrong with it (up to ten
 *   problems, each with its place in the file), if it cannot be read, is not
 *   JSON or does not match the format.
 */
export function loadSnapshot(
  path: string = resolvePackagePath(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend',
    'snapshot/prices.json',
  ),
): PriceSnapshot {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the price snapshot ${path}: ${stringifyError(error)}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `The price snapshot ${path} is not valid JSON: ${stringifyError(error)}`,
    );
  }
  const problems = check(data);
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length > MAX_PROBLEMS ? '\n  - and more' : '';
    throw new Error(
      `Invalid price snapshot ${path}:\n  - ${shown.join('\n  - ')}${more}`,
    );
  }
  return data as PriceSnapshot;
}
