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
/* eslint-disable no-console */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCarbonCoefficients } from '../plugins/cloud-deployments-backend/src/pricing/carbon/buildCoefficients';
import { parseCoefficients } from '../plugins/cloud-deployments-backend/src/pricing/carbon/loadCoefficients';

/*
 * Rebuilds the embedded carbon coefficients
 * (plugins/cloud-deployments-backend/carbon/coefficients.json) from the
 * shared extracts, keeping only what the estimator reads, stamped with
 * today's date:
 *
 *   yarn carbon:refresh [--from ../shared/carbon] [--out <file>]
 *
 * The shared directory's PROVENANCE.md says where each file comes from.
 */

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    out: { type: 'string' },
  },
});

const root = resolve(__dirname, '..');
const from = resolve(root, values.from ?? '../shared/carbon');
const out = resolve(
  root,
  values.out ?? 'plugins/cloud-deployments-backend/carbon/coefficients.json',
);
const read = (name: string) =>
  JSON.parse(readFileSync(resolve(from, name), 'utf8'));

const coefficients = buildCarbonCoefficients(
  {
    gridCcf: read('grid_factors_ccf.json'),
    gridGoogle: read('grid_factors_gcp_google.json'),
    power: read('power_coefficients.json'),
    embodied: read('embodied.json'),
  },
  new Date().toISOString().slice(0, 10),
);
const text = `${JSON.stringify(coefficients, null, 1)}\n`;
// Through the loader's checks before it is written: never leave a broken file.
parseCoefficients(text, out);
writeFileSync(out, text);
console.log(
  `${out}: grid factors for ${Object.keys(coefficients.grid.aws).length} AWS, ${
    Object.keys(coefficients.grid.gcp).length
  } GCP, ${Object.keys(coefficients.grid.azure).length} Azure regions; ${
    Object.keys(coefficients.aws).length
  } EC2, ${Object.keys(coefficients.gcp).length} GCE, ${
    Object.keys(coefficients.azure).length
  } Azure machine types (${text.length} bytes)`,
);
