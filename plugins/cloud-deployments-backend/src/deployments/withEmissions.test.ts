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
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { sagemakerRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { testSnapshot } from '../__testUtils__/snapshot';
import { EstimationService } from '../pricing/EstimationService';
import { PriceCatalog } from '../pricing/PriceCatalog';
import { stoppedEstimate } from './stoppedEstimate';
import { withEmissions } from './withEmissions';

const estimates = new EstimationService({
  catalog: PriceCatalog.fromSnapshot(testSnapshot),
});
const spec = toNewDeployment(sagemakerRequest).spec as DeploymentSpec;

/** A deployment as stored before emissions were estimated. */
function storedBefore(status: Deployment['status'] = 'active'): Deployment {
  const { emissions: _emissions, ...estimate } = estimates.estimate(spec);
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'fraud-model',
    resourceName: 'fraud-model',
    spec,
    status,
    outputs: {},
    estimate:
      status === 'stopped'
        ? stoppedEstimate(spec.provider, estimate)
        : estimate,
    createdBy: 'user:default/a',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'user:default/a',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
}

describe('withEmissions', () => {
  it('computes the emissions of an estimate stored without them from its spec, saying so', () => {
    const read = withEmissions(storedBefore(), estimates);
    expect(read.estimate?.emissions).toMatchObject({
      monthlyTotalGrams: 3017.4,
      totalKind: 'exact',
      assumptions: { defaults: 'cpuUtilization, hoursPerMonth' },
    });
    expect(read.estimate?.emissions?.warnings.join(' ')).toMatch(
      /Estimated when read/,
    );
    // The price is left as stored.
    expect(read.estimate?.monthlyTotal).toBe(
      storedBefore().estimate?.monthlyTotal,
    );
  });

  it('gives a stopped deployment a stopped one’s emissions: known zeros, each line saying what is counted', () => {
    const e = withEmissions(storedBefore('stopped'), estimates).estimate!
      .emissions!;
    expect(e).toMatchObject({
      monthlyTotalGrams: 0,
      totalKind: 'exact',
      assumptions: { stopped: true, runningMonthlyTotalGrams: 3017.4 },
    });
    expect(e.lines.map(l => [l.component, l.gramsPerMonth])).toEqual([
      ['cpu', 0],
      ['memory', 0],
      ['embodied', 0],
    ]);
    expect(e.lines[2].note).toMatch(/endpoint is deleted.*manufacture/);
  });

  it('leaves an estimate that has emissions, and a spec that no longer validates, as they are', () => {
    const current = { ...storedBefore(), estimate: estimates.estimate(spec) };
    expect(withEmissions(current, estimates)).toBe(current);
    const gone = {
      ...storedBefore(),
      spec: { ...spec, compute: { instanceType: 'ml.no-such.type' } },
    };
    expect(withEmissions(gone, estimates).estimate?.emissions).toBeUndefined();
  });
});

describe('stoppedEstimate', () => {
  it('stops the emissions of a running estimate that has them', () => {
    const stopped = stoppedEstimate(
      'kubernetes',
      estimates.estimate({
        ...spec,
        provider: 'kubernetes',
        compute: { cpu: 0.5, memoryMiB: 512 },
      }),
    );
    expect(stopped.emissions?.monthlyTotalGrams).toBe(0);
    expect(
      stopped.emissions?.lines.find(l => l.component === 'cpu')?.note,
    ).toBe('Stopped: nothing runs, so no energy is drawn');
  });
});
