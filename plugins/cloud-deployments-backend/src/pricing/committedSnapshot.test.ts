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
import path from 'node:path';
import { loadSnapshot } from './snapshot/loadSnapshot';
import { EstimationService } from './EstimationService';
import { PriceCatalog } from './PriceCatalog';
import { PlanPricer } from './plan/PlanPricer';

// Estimates from the committed snapshot (not the test fixture): the Azure VM
// table and ACI points price exactly in their own regions.
const catalog = PriceCatalog.fromSnapshot(
  loadSnapshot(path.resolve(__dirname, '../../snapshot/prices.json')),
);

const aksNode = (region: string, instanceType: string) =>
  new EstimationService({
    catalog,
    kubernetesNode: {
      provider: 'azure',
      service: 'VirtualMachines',
      region,
      instanceType,
    },
  });

describe('estimates from the committed snapshot', () => {
  it.each([
    ['northeurope', 'Standard_D4s_v5', 0.214],
    ['swedencentral', 'Standard_D4s_v5', 0.204],
    ['japaneast', 'Standard_D2s_v5', 0.124],
  ])('prices an AKS node share in %s (%s) exactly', (region, type, usd) => {
    const estimate = aksNode(region, type).estimate({
      provider: 'kubernetes',
      region,
      compute: { cpu: 1, memoryMiB: 2048 },
    });
    expect(estimate).toMatchObject({ complete: true, totalKind: 'exact' });
    expect(estimate.lines[0]).toMatchObject({
      kind: 'exact',
      region,
      sku: type,
      unitPrice: usd,
      effectiveDate: '2026-06-18',
      origin: expect.stringContaining('Azure/karpenter-provider-azure @'),
    });
    expect(estimate.lines[0].dateNote).toBeUndefined();
  });

  it('prices azurerm_linux_virtual_machine exactly in its own region', () => {
    const result = new PlanPricer(new EstimationService({ catalog })).price({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'azurerm_linux_virtual_machine.vm',
          type: 'azurerm_linux_virtual_machine',
          mode: 'managed',
          change: {
            actions: ['create'],
            before: null,
            after: { size: 'Standard_D4s_v5', location: 'northeurope' },
          },
        },
      ],
    });
    // 0.214/h × 730 h.
    expect(result.resources[0].monthlyAfter).toBe(156.22);
    expect(result.resources[0].lines[0]).toMatchObject({
      kind: 'exact',
      region: 'northeurope',
      unitPrice: 0.214,
    });
  });

  it('prices ACI in swedencentral exactly, with its VERIFY caveat as a warning', () => {
    const estimate = new EstimationService({ catalog }).estimate({
      provider: 'azure-container-instances',
      region: 'swedencentral',
      compute: { cpu: 1, memoryMiB: 1024 },
    });
    expect(estimate.lines.map(l => [l.kind, l.region, l.unitPrice])).toEqual([
      ['exact', 'swedencentral', 0.0466],
      ['exact', 'swedencentral', 0.00511],
    ]);
    expect(estimate.lines[0].caveat).toMatch(/^VERIFY/);
    expect(estimate.lines[0].origin).not.toMatch(/VERIFY/);
    expect(estimate.lines[0].note).toContain('price caveat: VERIFY');
    expect(estimate.warnings.some(w => w.includes('VERIFY'))).toBe(true);
  });

  it('carries an undated price as undated to the line', () => {
    const estimate = new EstimationService({ catalog }).estimate({
      provider: 'azure-container-instances',
      region: 'eastus',
      compute: { cpu: 1, memoryMiB: 1024 },
      usage: { os: 'windows' },
    });
    const windows = estimate.lines.find(l => l.sku === 'windows-software');
    expect(windows).toMatchObject({
      kind: 'exact',
      effectiveDate: '2026-08-31',
      dateNote: expect.stringMatching(/^undated: .*observed between/),
    });
    // The vCPU rate was observed on a known day.
    expect(estimate.lines[0]).toMatchObject({ effectiveDate: '2026-08-27' });
    expect(estimate.lines[0].dateNote).toBeUndefined();
  });
});
