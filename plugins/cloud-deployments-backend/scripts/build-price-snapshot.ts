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
 *   node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/build-price-snapshot.ts [pricingDir] [--out <file>]
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
 * The service and SKU keys are imported from -node (PRICE_KEYS,
 * CLOUD_RUN_SKUS, ACI_SKUS), the ones the estimators look up;
 * src/pricing/snapshot/snapshot.test.ts checks the output against them. The
 * parts are in priceSnapshot/ (common helpers, one file per cloud, build).
 */
import fs from 'fs';
import path from 'path';
import { build } from './priceSnapshot/build';
import {
  countPrices,
  DEFAULT_OUT,
  DEFAULT_PRICING_DIR,
  fail,
} from './priceSnapshot/common';

function parseArgs(argv: string[]) {
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
        'Usage: node --require @backstage/cli-node/config/nodeTransform.cjs scripts/build-price-snapshot.ts [pricingDir] [--out <file>]\n',
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
    const n: number = countPrices(d);
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
      .map(([p, s]) => `${p} ${Object.keys(s as object).length}`)
      .join(', ')}`,
  );
  lines.push(`  allowances: ${snapshot.allowances.length}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}

export { build };
