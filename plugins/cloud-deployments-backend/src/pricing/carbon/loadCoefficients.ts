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
import fs from 'node:fs';
import { CarbonCloud, CarbonCoefficients } from './CarbonCoefficients';

const CLOUDS: CarbonCloud[] = ['aws', 'gcp', 'azure'];

const isPositive = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * Parses the coefficients file and checks what a wrong figure would hide: a
 * missing section, or a coefficient that is not a positive number.
 */
export function parseCoefficients(
  text: string,
  path: string,
): CarbonCoefficients {
  let parsed: CarbonCoefficients;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `The carbon coefficients ${path} are not JSON: ${stringifyError(error)}`,
    );
  }
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(
    /^\d{4}-\d{2}-\d{2}$/.test(parsed?.header?.builtAt ?? ''),
    'header.builtAt is not a date',
  );
  check(isPositive(parsed?.lifespanHours), 'lifespanHours');
  check(isPositive(parsed?.memoryKwhPerGbHour), 'memoryKwhPerGbHour');
  for (const cloud of CLOUDS) {
    for (const [region, f] of Object.entries(parsed?.grid?.[cloud] ?? {})) {
      check(isPositive(f.gPerKwh) && !!f.year, `grid.${cloud}.${region}`);
    }
    check(isPositive(parsed?.pue?.[cloud]?.average), `pue.${cloud}.average`);
    const cpu = parsed?.cpuWatts?.[cloud];
    check(
      isPositive(cpu?.average?.min) && isPositive(cpu?.average?.max),
      `cpuWatts.${cloud}.average`,
    );
    for (const [name, m] of Object.entries(parsed?.[cloud] ?? {})) {
      check(
        isPositive(m.vcpu) &&
          isPositive(m.familyLargestVcpu) &&
          (m.platformEmbodiedKg === null || isPositive(m.platformEmbodiedKg)),
        `${cloud}.${name}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `The carbon coefficients ${path} are invalid: ${problems
        .slice(0, 10)
        .join('; ')}`,
    );
  }
  return parsed;
}

let loaded: CarbonCoefficients | undefined;

/** The embedded coefficients, read once. */
export function loadCarbonCoefficients(): CarbonCoefficients {
  if (!loaded) {
    const path = resolvePackagePath(
      '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend',
      'carbon/coefficients.json',
    );
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(
        `Cannot read the carbon coefficients ${path}: ${stringifyError(error)}`,
      );
    }
    loaded = parseCoefficients(text, path);
  }
  return loaded;
}
