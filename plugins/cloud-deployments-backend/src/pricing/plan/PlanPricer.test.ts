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
import { parseCpu, parseMemoryMiB } from './quantities';

const change = (
  address: string,
  actions: string[],
  before: object | null,
  after: object | null,
) => ({
  address,
  type: address.split('.')[0],
  mode: 'managed',
  change: { actions, before, after },
});

/** The shape `terraform show -json` gives (format 1.2), trimmed to what matters. */
const plan = {
  format_version: '1.2',
  terraform_version: '1.11.4',
  configuration: {
    provider_config: {
      aws: {
        name: 'aws',
        expressions: { region: { constant_value: 'us-east-1' } },
      },
    },
  },
  resource_changes: [
    change('aws_sagemaker_endpoint_configuration.model', ['create'], null, {
      name: 'fraud',
      production_variants: [
        {
          variant_name: 'primary',
          instance_type: 'ml.m5.large',
          initial_instance_count: 2,
          serverless_config: [],
        },
      ],
    }),
    change('aws_sagemaker_model.model', ['create'], null, { name: 'fraud' }),
    change(
      'aws_instance.worker',
      ['update'],
      { instance_type: 'm5.large' },
      { instance_type: 'm5.xlarge' },
    ),
    change(
      'google_cloud_run_v2_service.api',
      ['delete'],
      {
        location: 'europe-west1',
        template: [
          {
            containers: [
              {
                resources: [
                  { cpu_idle: false, limits: { cpu: '1', memory: '512Mi' } },
                ],
              },
            ],
            scaling: [{ min_instance_count: 1, max_instance_count: 3 }],
            max_instance_request_concurrency: 80,
          },
        ],
      },
      null,
    ),
    change('azurerm_container_group.job', ['create'], null, {
      location: 'East US',
      os_type: 'Linux',
      container: [{ cpu: 1, memory: 1.5 }],
    }),
    change('kubernetes_deployment_v1.web', ['create'], null, {
      spec: [
        {
          replicas: '2',
          template: [
            {
              spec: [
                {
                  container: [
                    {
                      resources: [{ requests: { cpu: '500m', memory: '1Gi' } }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    }),
    change('google_compute_instance.vm', ['create'], null, {
      machine_type: 'e2-standard-2',
      zone: 'us-central1-a',
    }),
    change('azurerm_linux_virtual_machine.vm', ['create'], null, {
      size: 'Standard_D2s_v5',
      location: 'westeurope',
    }),
    change('aws_s3_bucket.logs', ['create'], null, { bucket: 'logs' }),
    { ...change('aws_ami.base', ['read'], null, {}), mode: 'data' },
  ],
};

const pricer = () =>
  new PlanPricer(
    new EstimationService({ catalog: PriceCatalog.fromSnapshot(testSnapshot) }),
  );

describe('PlanPricer', () => {
  it('prices every resource before and after, and the difference', () => {
    const result = pricer().price(plan);
    expect(
      result.resources.map(r => [
        r.address,
        r.action,
        r.monthlyBefore,
        r.monthlyAfter,
      ]),
    ).toEqual([
      ['aws_sagemaker_endpoint_configuration.model', 'create', null, 167.9],
      ['aws_sagemaker_model.model', 'create', null, 0],
      ['aws_instance.worker', 'update', 70.08, 140.16],
      ['google_cloud_run_v2_service.api', 'delete', 44.71, null],
      ['azurerm_container_group.job', 'create', null, 34.44],
      ['kubernetes_deployment_v1.web', 'create', null, 35.04],
      ['google_compute_instance.vm', 'create', null, 48.92],
      ['azurerm_linux_virtual_machine.vm', 'create', null, 83.95],
      ['aws_s3_bucket.logs', 'create', null, null],
    ]);
    expect(result.unpriced).toEqual(['aws_s3_bucket.logs']);
    expect(result.resources[8]).toMatchObject({
      pricing: 'chargeable-unpriced',
      unpriced:
        'aws_s3_bucket is billed, but the price data has no price for it: not in the totals',
    });
    expect(result.resources.map(r => [r.pricing, r.totalKind])).toEqual([
      ['priced', 'exact'],
      ['free', undefined],
      ['priced', 'exact'],
      ['priced', 'exact'],
      ['priced', 'exact'],
      ['priced', 'exact'],
      ['priced', 'exact'],
      ['priced', 'exact'],
      ['chargeable-unpriced', undefined],
    ]);
    expect(result.complete).toBe(false);
    expect(result.monthlyBefore).toBe(114.79);
    expect(result.monthlyAfter).toBe(510.41);
    expect(result.monthlyDelta).toBe(395.62);
    expect(result.warnings).toEqual([
      '1 resource(s) could not be priced and are not in the totals (1 billed without a price in the data, 0 of an unknown type, 0 with a missing price line)',
    ]);
  });

  it('lists a resource with a missing price as unpriced', () => {
    const result = pricer().price({
      resource_changes: [
        change('aws_instance.big', ['create'], null, {
          instance_type: 'x9.mega',
        }),
      ],
    });
    expect(result.resources[0]).toMatchObject({
      monthlyAfter: null,
      pricing: 'priced',
      totalKind: 'unknown',
      unpriced:
        '1 of its 1 price line(s) have no price (no price for x9.mega in us-east-1): not in the totals',
    });
    expect(result.resources[0].lines[0].kind).toBe('missing');
    expect(result.complete).toBe(false);
    expect(result.warnings).toContain(
      'AWS region not found in the plan: us-east-1 assumed (pass awsRegion)',
    );
  });

  it('refuses what is not a plan', () => {
    expect(() => pricer().price({ values: {} })).toThrow(
      'Invalid plan: plan.resource_changes: must be the output of `terraform show -json <planfile>`',
    );
  });

  it('refuses resource changes of the wrong shape, naming the field', () => {
    const refused = (resourceChanges: unknown[]) => {
      try {
        pricer().price({ resource_changes: resourceChanges });
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
      return 'priced';
    };
    expect(refused([null])).toBe(
      'InputError: Invalid plan: plan.resource_changes[0]: must be an object',
    );
    expect(refused([1])).toBe(
      'InputError: Invalid plan: plan.resource_changes[0]: must be an object',
    );
    expect(refused([{}])).toBe(
      'InputError: Invalid plan: plan.resource_changes[0].address: is required; plan.resource_changes[0].type: is required',
    );
    expect(refused([{ address: 'a.b', type: 1 }])).toBe(
      'InputError: Invalid plan: plan.resource_changes[0].type: must be a string',
    );
    expect(
      refused([
        change('aws_instance.a', ['create'], null, {}),
        { address: 'b', type: 'aws_instance', change: { actions: 'create' } },
        { address: 'c', type: 'aws_instance', change: { after: 'm5.large' } },
      ]),
    ).toBe(
      'InputError: Invalid plan: plan.resource_changes[1].change.actions: must be a list of strings; plan.resource_changes[2].change.after: must be an object or null',
    );
    // A broken plan can have thousands of problems; the message lists a few.
    expect(refused(Array(1000).fill(null))).toMatch(
      /\[4\]: must be an object; and 995 more$/,
    );
  });

  it('reads the AWS region only where the configuration sets a constant', () => {
    const withRegion = (region: unknown) =>
      pricer().price({
        configuration: {
          provider_config: {
            aws: { expressions: { region: { constant_value: region } } },
          },
        },
        resource_changes: [
          change('aws_instance.a', ['create'], null, {
            instance_type: 'm5.large',
          }),
        ],
      }).warnings;
    expect(withRegion('us-east-1')).toEqual([]);
    expect(withRegion({ x: 1 })).toEqual([
      'AWS region not found in the plan: us-east-1 assumed (pass awsRegion)',
    ]);
  });

  it('reads Kubernetes quantities', () => {
    expect([
      parseCpu('250m'),
      parseCpu('2'),
      parseCpu(1.5),
      parseCpu('x'),
    ]).toEqual([0.25, 2, 1.5, undefined]);
    expect([
      parseMemoryMiB('512Mi'),
      parseMemoryMiB('2Gi'),
      parseMemoryMiB('1G'),
      parseMemoryMiB(1048576),
    ]).toEqual([512, 2048, 1e9 / 2 ** 20, 1]);
  });
});
