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
  finding,
  policyRequest,
  RequestChanges,
  shippedPolicy,
  Target,
  TARGETS,
} from '../__testUtils__/policyRequests';
import { PolicyEngine } from './PolicyEngine';

type Case = {
  file: string;
  policy: string;
  effect: 'refuse' | 'approval';
  targets: Target[];
  /** Changes that make the policy match, per target where they differ. */
  matches: (target: Target) => RequestChanges;
  /** Close calls it lets through. */
  passes: (target: Target) => RequestChanges[];
  /** The values the decision must show when it matches. */
  shows: (target: Target) => Record<string, unknown>;
};

const productionRegion: Record<Target, [string, string]> = {
  sagemaker: ['us-east-1', 'ap-south-1'],
  cloudrun: ['europe-west1', 'asia-east1'],
  aci: ['westeurope', 'japaneast'],
  kubernetes: ['eu-west-1', 'eu-central-1'],
};
const developmentRegion: Record<Target, [string, string]> = {
  sagemaker: ['us-east-1', 'eu-west-1'],
  cloudrun: ['us-central1', 'europe-west1'],
  aci: ['eastus', 'westeurope'],
  kubernetes: ['us-east-1', 'eu-central-1'],
};
const publicExposure: Partial<
  Record<Target, 'aci-public-ip' | 'cloud-run-unauthenticated'>
> = {
  aci: 'aci-public-ip',
  cloudrun: 'cloud-run-unauthenticated',
};

const cost = (monthly: number, increase = 0) => ({
  cost: { monthly, complete: true, increase },
});

const cases: Case[] = [
  {
    file: 'production-needs-approval.cedar',
    policy: 'production-needs-approval',
    effect: 'approval',
    targets: TARGETS,
    matches: () => ({ deployment: { environment: 'production' } }),
    passes: () => [
      { deployment: { environment: 'staging' } },
      { deployment: { environment: undefined } },
    ],
    shows: () => ({ environment: 'production' }),
  },
  {
    file: 'no-gpu-in-development.cedar',
    policy: 'no-gpu-in-development',
    effect: 'refuse',
    targets: TARGETS,
    matches: t => ({
      deployment: {
        environment: 'development',
        gpuCount: 1,
        instanceType: t === 'sagemaker' ? 'ml.g5.xlarge' : undefined,
      },
    }),
    passes: () => [
      { deployment: { environment: 'development', gpuCount: 0 } },
      { deployment: { environment: 'production', gpuCount: 8 } },
    ],
    shows: () => ({ environment: 'development', gpuCount: 1 }),
  },
  {
    file: 'over-10000-a-month-needs-approval.cedar',
    policy: 'over-10000-a-month-needs-approval',
    effect: 'approval',
    targets: TARGETS,
    matches: () => cost(10_000.01),
    passes: () => [
      cost(10_000),
      cost(0),
      { cost: { monthly: 9_000, complete: false, increase: 0 } },
    ],
    shows: () => ({ monthlyCost: 10_000.01 }),
  },
  {
    file: 'kubernetes-privileged-refused.cedar',
    policy: 'kubernetes-privileged-refused',
    effect: 'refuse',
    targets: ['kubernetes'],
    matches: () => ({ findings: [finding('kubernetes-privileged')] }),
    passes: () => [
      { findings: [] },
      {
        findings: [finding('kubernetes-root'), finding('kubernetes-no-limits')],
      },
    ],
    shows: () => ({ findings: ['kubernetes-privileged'] }),
  },
  {
    file: 'budget-overrun-needs-approval.cedar',
    policy: 'budget-overrun-needs-approval',
    effect: 'approval',
    targets: TARGETS,
    matches: () => ({
      budget: {
        scope: 'group:default/ml-team',
        amount: 1000,
        useBefore: 900,
        useAfter: 1000.5,
        exceeded: true,
      },
    }),
    passes: () => [
      {},
      {
        budget: {
          scope: 'group:default/ml-team',
          amount: 1000,
          useBefore: 900,
          useAfter: 1000,
          exceeded: false,
        },
      },
    ],
    shows: () => ({
      budgetExceeded: true,
      budgetAmount: 1000,
      budgetUseAfter: 1000.5,
    }),
  },
  {
    file: 'allowed-regions.cedar',
    policy: 'production-regions',
    effect: 'refuse',
    targets: TARGETS,
    matches: t => ({
      deployment: { environment: 'production', region: productionRegion[t][1] },
    }),
    passes: t => [
      {
        deployment: {
          environment: 'production',
          region: productionRegion[t][0],
        },
      },
      {
        deployment: { environment: 'staging', region: productionRegion[t][1] },
      },
    ],
    shows: t => ({ environment: 'production', region: productionRegion[t][1] }),
  },
  {
    file: 'allowed-regions.cedar',
    policy: 'development-regions',
    effect: 'refuse',
    targets: TARGETS,
    matches: t => ({
      deployment: {
        environment: 'development',
        region: developmentRegion[t][1],
      },
    }),
    passes: t => [
      {
        deployment: {
          environment: 'development',
          region: developmentRegion[t][0],
        },
      },
    ],
    shows: t => ({
      environment: 'development',
      region: developmentRegion[t][1],
    }),
  },
  {
    file: 'allowed-instance-types.cedar',
    policy: 'development-instance-types',
    effect: 'refuse',
    targets: ['sagemaker'],
    matches: () => ({
      deployment: { environment: 'development', instanceType: 'ml.p3.2xlarge' },
    }),
    passes: () => [
      {
        deployment: { environment: 'development', instanceType: 'ml.m5.large' },
      },
      {
        deployment: {
          environment: 'production',
          instanceType: 'ml.p3.2xlarge',
        },
      },
    ],
    shows: () => ({
      environment: 'development',
      instanceType: 'ml.p3.2xlarge',
    }),
  },
  {
    file: 'allowed-instance-types.cedar',
    policy: 'production-instance-types',
    effect: 'refuse',
    targets: ['sagemaker'],
    matches: () => ({
      deployment: { environment: 'production', instanceType: 'ml.t2.medium' },
    }),
    passes: () => [
      {
        deployment: { environment: 'production', instanceType: 'ml.m5.large' },
      },
      { deployment: { environment: 'staging', instanceType: 'ml.t2.medium' } },
    ],
    shows: () => ({ environment: 'production', instanceType: 'ml.t2.medium' }),
  },
  {
    file: 'allowed-providers.cedar',
    policy: 'production-providers',
    effect: 'refuse',
    targets: ['aci'],
    matches: () => ({ deployment: { environment: 'production' } }),
    passes: () => [{ deployment: { environment: 'development' } }],
    shows: () => ({
      environment: 'production',
      provider: 'azure-container-instances',
    }),
  },
  {
    file: 'max-monthly-cost.cedar',
    policy: 'max-monthly-cost',
    effect: 'refuse',
    targets: TARGETS,
    matches: () => cost(50_000.01),
    passes: () => [cost(50_000)],
    shows: () => ({ monthlyCost: 50_000.01 }),
  },
  {
    file: 'cost-increase-needs-approval.cedar',
    policy: 'cost-increase-needs-approval',
    effect: 'approval',
    targets: TARGETS,
    matches: () => cost(1_500, 1_000.01),
    passes: () => [cost(1_500, 1_000), cost(100, -5_000)],
    shows: () => ({ monthlyCost: 1_500, monthlyCostIncrease: 1_000.01 }),
  },
  {
    file: 'iac-public-exposure.cedar',
    policy: 'public-endpoint-refused-in-production',
    effect: 'refuse',
    targets: ['aci', 'cloudrun'],
    matches: t => ({
      deployment: { environment: 'production' },
      findings: [finding(publicExposure[t]!)],
    }),
    passes: t => [
      {
        deployment: { environment: 'staging' },
        findings: [finding(publicExposure[t]!)],
      },
      { deployment: { environment: 'production' } },
    ],
    shows: t => ({ environment: 'production', findings: [publicExposure[t]] }),
  },
  {
    file: 'iac-public-exposure.cedar',
    policy: 'kubernetes-host-access-refused',
    effect: 'refuse',
    targets: ['kubernetes'],
    matches: () => ({
      findings: [
        finding('kubernetes-host-network'),
        finding('kubernetes-root'),
      ],
    }),
    passes: () => [{ findings: [finding('kubernetes-privileged')] }],
    shows: () => ({ findings: ['kubernetes-host-network', 'kubernetes-root'] }),
  },
  {
    file: 'iac-public-exposure.cedar',
    policy: 'kubernetes-no-limits-needs-approval',
    effect: 'approval',
    targets: ['kubernetes'],
    matches: () => ({ findings: [finding('kubernetes-no-limits')] }),
    passes: () => [{ findings: [] }],
    shows: () => ({ findings: ['kubernetes-no-limits'] }),
  },
  {
    file: 'sagemaker-needs-kms-in-production.cedar',
    policy: 'sagemaker-needs-kms-in-production',
    effect: 'refuse',
    targets: ['sagemaker'],
    matches: () => ({
      deployment: { environment: 'production' },
      findings: [finding('sagemaker-no-kms-key')],
    }),
    passes: () => [
      {
        deployment: { environment: 'staging' },
        findings: [finding('sagemaker-no-kms-key')],
      },
      { deployment: { environment: 'production' } },
    ],
    shows: () => ({
      environment: 'production',
      provider: 'aws-sagemaker',
      findings: ['sagemaker-no-kms-key'],
    }),
  },
];

const perTarget = cases.flatMap(c =>
  c.targets.map(target => ({ ...c, target })),
);

describe.each(perTarget)('$policy on $target', c => {
  const engine = PolicyEngine.fromSources([shippedPolicy(c.file)]);

  it(`answers ${c.effect} when it matches, naming the policy and the values`, () => {
    const decision = engine.evaluate(
      policyRequest(c.target, c.matches(c.target)),
    );
    expect(decision.outcome).toBe(c.effect);
    expect(decision.reasons).toEqual([
      { policy: c.policy, message: expect.any(String), effect: c.effect },
    ]);
    expect(decision.values).toMatchObject(c.shows(c.target));
  });

  it('allows the close calls', () => {
    for (const changes of c.passes(c.target)) {
      const decision = engine.evaluate(policyRequest(c.target, changes));
      expect({ changes, decision }).toEqual({
        changes,
        decision: expect.objectContaining({ outcome: 'allow', reasons: [] }),
      });
    }
  });
});

describe('policies that do not apply to a target', () => {
  it.each(TARGETS.filter(t => t !== 'sagemaker'))(
    'lets %s through the instance-type lists (it has no instance type)',
    target => {
      const engine = PolicyEngine.fromSources([
        shippedPolicy('allowed-instance-types.cedar'),
      ]);
      for (const environment of ['development', 'production']) {
        expect(
          engine.evaluate(
            policyRequest(target, { deployment: { environment } }),
          ).outcome,
        ).toBe('allow');
      }
    },
  );

  it.each(['sagemaker', 'cloudrun', 'kubernetes'] as Target[])(
    'lets %s run in production under the provider list',
    target => {
      const engine = PolicyEngine.fromSources([
        shippedPolicy('allowed-providers.cedar'),
      ]);
      expect(
        engine.evaluate(
          policyRequest(target, { deployment: { environment: 'production' } }),
        ).outcome,
      ).toBe('allow');
    },
  );
});
