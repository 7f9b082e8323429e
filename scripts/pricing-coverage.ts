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
import { EstimationService } from '../plugins/cloud-deployments-backend/src/pricing/EstimationService';
import { PriceCatalog } from '../plugins/cloud-deployments-backend/src/pricing/PriceCatalog';
import { loadSnapshot } from '../plugins/cloud-deployments-backend/src/pricing/snapshot/loadSnapshot';
import {
  AKS_TARGET,
  coverageMatrix,
  CoverageChoice,
} from '../plugins/cloud-deployments-backend/src/pricing/offlineCoverage/matrix';
import {
  coverageFailures,
  coverageTable,
  measureCoverage,
  percent,
} from '../plugins/cloud-deployments-backend/src/pricing/offlineCoverage/tally';

/*
 * `yarn pricing:coverage [--json]`: prices the documented matrix of common
 * choices (plugins/cloud-deployments-backend/src/pricing/offlineCoverage/matrix.ts)
 * from the committed snapshot alone — no live source, no database — and prints
 * per target the share exact / approximate / missing / refused. Exits 1 when an
 * estimate with a non-exact line says `complete: true`, or when AKS nodes are
 * under 90 % exact over the regions the Azure VM data covers.
 */

const AKS_MIN_EXACT = 0.9;

const catalog = PriceCatalog.fromSnapshot(loadSnapshot());
const shared = new EstimationService({ catalog });
// The Kubernetes node is the estimator's config, not the request's: each
// Kubernetes choice (one per node type and region) gets its own service.
const serviceFor = (choice: CoverageChoice) =>
  choice.kubernetesNode
    ? new EstimationService({ catalog, kubernetesNode: choice.kubernetesNode })
    : shared;

const choices = coverageMatrix();
const rows = measureCoverage(choices, choice =>
  serviceFor(choice).estimate(choice.estimate),
);
const failures = coverageFailures(rows, {
  aksTarget: AKS_TARGET,
  aksMinExact: AKS_MIN_EXACT,
});

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        snapshotBuiltAt: catalog.snapshotBuiltAt,
        choices: choices.length,
        rows,
        failures,
      },
      null,
      2,
    ),
  );
} else {
  const aks = rows.find(r => r.target === AKS_TARGET)!;
  console.log(
    `Pricing coverage, offline (snapshot built ${catalog.snapshotBuiltAt}), ${choices.length} choices\n`,
  );
  console.log(coverageTable(rows));
  console.log();
  const mislabelled = rows.reduce((n, r) => n + r.completeButNotExact, 0);
  console.log(
    `check: estimates with a non-exact line that say complete: true: ${mislabelled} [must be 0] ${
      mislabelled === 0 ? 'ok' : 'FAIL'
    }`,
  );
  console.log(
    `check: AKS nodes exact over the ${
      new Set(
        choices
          .filter(c => c.target === AKS_TARGET)
          .map(c => c.kubernetesNode!.region),
      ).size
    } regions the Azure VM data covers: ${percent(
      aks.counts.exact,
      aks.total,
    )} [≥ ${percent(AKS_MIN_EXACT, 1)}] ${
      aks.counts.exact / aks.total >= AKS_MIN_EXACT ? 'ok' : 'FAIL'
    }`,
  );
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL ${failure}`);
  process.exitCode = 1;
}
