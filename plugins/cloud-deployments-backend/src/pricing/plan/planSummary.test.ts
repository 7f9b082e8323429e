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
import { testSnapshot } from '../../__testUtils__/snapshot';
import { EstimationService } from '../EstimationService';
import { PriceCatalog } from '../PriceCatalog';
import { PlanPricer } from './PlanPricer';

const created = (address: string, after: object) => ({
  address,
  type: address.split('.')[0],
  mode: 'managed',
  change: { actions: ['create'], before: null, after },
});

// The snapshot's one Windows point: Standard_D2s_v5 in eastus, $0.188/h
// with the licence (shared azure/azure-points.json, key `<size>:windows`).
const pricer = () =>
  new PlanPricer(
    new EstimationService({
      catalog: PriceCatalog.fromSnapshot({
        ...testSnapshot,
        datasets: [
          ...testSnapshot.datasets,
          {
            id: 'vm-windows',
            provider: 'azure',
            service: 'VirtualMachines',
            unit: 'hour',
            effectiveDate: '2026-01-01',
            origin: 'test vm windows',
            prices: { eastus: { 'Standard_D2s_v5:windows': 0.188 } },
          },
        ],
      }),
    }),
  );

const windowsVm = (location: string) =>
  created('azurerm_windows_virtual_machine.vm', {
    size: 'Standard_D2s_v5',
    location,
  });

describe('plan pricing status', () => {
  it('is complete when every resource is free or priced exactly', () => {
    const result = pricer().price({
      resource_changes: [
        windowsVm('East US'),
        created('azurerm_resource_group.rg', { name: 'rg' }),
      ],
    });
    // 730 h × 0.188 = 137.24, the Windows price, not Linux's 0.096
    expect(result.resources[0]).toMatchObject({
      monthlyAfter: 137.24,
      pricing: 'priced',
      totalKind: 'exact',
      lines: [{ sku: 'Standard_D2s_v5:windows', kind: 'exact' }],
    });
    expect(result.resources[0].lines[0].description).toBe(
      'VM hours (Standard_D2s_v5, Windows with licence × 730 h)',
    );
    expect(result.resources[1]).toMatchObject({
      pricing: 'free',
      monthlyAfter: 0,
    });
    expect(result).toMatchObject({
      complete: true,
      monthlyAfter: 137.24,
      unpriced: [],
      warnings: [],
    });
  });

  it('carries a price borrowed from another region as approximate, not complete', () => {
    // No Windows price for westeurope: eastus's stands in, and says so.
    const result = pricer().price({
      resource_changes: [windowsVm('westeurope')],
    });
    expect(result.resources[0]).toMatchObject({
      monthlyAfter: 137.24,
      pricing: 'priced',
      totalKind: 'approximate',
      lines: [
        {
          kind: 'approximate',
          region: 'eastus',
          approximation: { requestedRegion: 'westeurope' },
        },
      ],
    });
    expect(result.complete).toBe(false);
    expect(result.warnings).toEqual([
      "1 resource(s) are priced with another region's prices (approximate)",
    ]);
  });

  it('tells chargeable-but-unpriced types from unknown types', () => {
    const result = pricer().price({
      resource_changes: [
        created('aws_nat_gateway.nat', {}),
        created('google_sql_database_instance.db', {}),
        created('azurerm_public_ip.ip', {}),
        created('acme_widget.w', {}),
      ],
    });
    expect(result.resources.map(r => [r.pricing, r.unpriced])).toEqual([
      [
        'chargeable-unpriced',
        'aws_nat_gateway is billed, but the price data has no price for it: not in the totals',
      ],
      [
        'chargeable-unpriced',
        'google_sql_database_instance is billed, but the price data has no price for it: not in the totals',
      ],
      [
        'chargeable-unpriced',
        'azurerm_public_ip is billed, but the price data has no price for it: not in the totals',
      ],
      [
        'unknown-type',
        'acme_widget is a resource type this pricer does not know (it may cost money): not in the totals',
      ],
    ]);
    expect(result.complete).toBe(false);
    expect(result.monthlyAfter).toBe(0);
    expect(result.warnings).toContain(
      '4 resource(s) could not be priced and are not in the totals (3 billed without a price in the data, 1 of an unknown type, 0 with a missing price line)',
    );
  });

  it('says a known type it cannot price is billed, with why', () => {
    const result = pricer().price({
      resource_changes: [
        created('aws_sagemaker_endpoint_configuration.s', {
          production_variants: [{ serverless_config: [{ memory: 2048 }] }],
        }),
      ],
    });
    expect(result.resources[0]).toMatchObject({
      pricing: 'chargeable-unpriced',
      unpriced:
        'aws_sagemaker_endpoint_configuration is billed, but not priced here: serverless inference is not priced',
    });
  });
});
