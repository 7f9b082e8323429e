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
import { mockServices } from '@backstage/backend-test-utils';
import {
  allShippedPolicies,
  finding,
  policyRequest,
  shippedPolicy,
} from '../__testUtils__/policyRequests';
import { PolicyEngine } from './PolicyEngine';

const DEFAULTS = [
  'production-needs-approval.cedar',
  'no-gpu-in-development.cedar',
  'over-10000-a-month-needs-approval.cedar',
  'kubernetes-privileged-refused.cedar',
  'budget-overrun-needs-approval.cedar',
].map(shippedPolicy);

describe('PolicyEngine.evaluate', () => {
  const engine = PolicyEngine.fromSources(DEFAULTS);

  it('sends the $2.75 M a month production request for approval, naming both reasons and the values', () => {
    const decision = engine.evaluate(
      policyRequest('sagemaker', {
        deployment: {
          environment: 'production',
          instanceType: 'ml.p4d.24xlarge',
          gpuCount: 8,
          replicas: 100,
        },
        cost: { monthly: 2_751_224.4, complete: true, increase: 2_751_224.4 },
      }),
    );
    expect(decision).toEqual({
      outcome: 'approval',
      reasons: [
        {
          policy: 'production-needs-approval',
          message: 'Changes to production deployments need an approval.',
          effect: 'approval',
        },
        {
          policy: 'over-10000-a-month-needs-approval',
          message:
            'Deployments estimated at over $10,000 a month need an approval.',
          effect: 'approval',
        },
      ],
      values: {
        operation: 'create',
        principal: 'user:default/alice',
        groups: ['group:default/ml-team', 'user:default/alice'],
        name: 'fraud-model',
        owner: 'group:default/ml-team',
        system: 'system:default/fraud-detection',
        environment: 'production',
        provider: 'aws-sagemaker',
        region: 'us-east-1',
        engine: 'sdk',
        instanceType: 'ml.p4d.24xlarge',
        gpuCount: 8,
        replicas: 100,
        monthlyCost: 2_751_224.4,
        costComplete: true,
        monthlyCostIncrease: 2_751_224.4,
        findings: [],
      },
    });
  });

  it('reports only the refusals when a request is also one to approve', () => {
    const decision = engine.evaluate(
      policyRequest('kubernetes', {
        operation: 'kubernetes-apply',
        deployment: { environment: 'production', replicas: 50 },
        cost: { monthly: 40_000, complete: true, increase: 0 },
        findings: [
          finding('kubernetes-privileged'),
          finding('kubernetes-host-network'),
          finding('kubernetes-privileged'),
        ],
      }),
    );
    expect(decision.outcome).toBe('refuse');
    expect(decision.reasons).toEqual([
      {
        policy: 'kubernetes-privileged-refused',
        message: 'Privileged Kubernetes containers are not allowed.',
        effect: 'refuse',
      },
    ]);
    expect(decision.values).toMatchObject({
      operation: 'kubernetes-apply',
      findings: ['kubernetes-host-network', 'kubernetes-privileged'],
    });
  });

  it('allows what no forbid matches', () => {
    expect(engine.evaluate(policyRequest('cloudrun'))).toMatchObject({
      outcome: 'allow',
      reasons: [],
    });
  });

  it('shows the budget it saw', () => {
    const decision = engine.evaluate(
      policyRequest('aci', {
        budget: {
          scope: 'group:default/ml-team / development',
          amount: 500,
          useBefore: 450.25,
          useAfter: 550.25,
          exceeded: true,
        },
      }),
    );
    expect(decision.outcome).toBe('approval');
    expect(decision.values).toMatchObject({
      budgetScope: 'group:default/ml-team / development',
      budgetAmount: 500,
      budgetUseBefore: 450.25,
      budgetUseAfter: 550.25,
      budgetExceeded: true,
    });
  });

  it.each([
    [1e15, 'approval', 922_337_203_685_477],
    [0, 'allow', 0],
    [-50, 'allow', -50],
  ])(
    'reads a monthly cost of %p (%s), showing %p',
    (monthly, outcome, shown) => {
      const decision = engine.evaluate(
        policyRequest('cloudrun', {
          cost: { monthly, complete: false, increase: -monthly },
        }),
      );
      expect(decision.outcome).toBe(outcome);
      expect(decision.values.monthlyCost).toBe(shown);
      expect(decision.values.monthlyCostIncrease).toBe(
        shown === 0 ? 0 : -shown,
      );
    },
  );

  it('evaluates every shipped policy together', () => {
    const all = PolicyEngine.fromSources(allShippedPolicies());
    expect(all.policyIds).toHaveLength(16);
    const decision = all.evaluate(
      policyRequest('sagemaker', {
        deployment: {
          environment: 'development',
          instanceType: 'ml.g5.xlarge',
          gpuCount: 1,
        },
        cost: { monthly: 60_000, complete: true, increase: 60_000 },
      }),
    );
    expect(decision.outcome).toBe('refuse');
    expect(decision.reasons.map(r => r.policy)).toEqual([
      'development-instance-types',
      'max-monthly-cost',
      'no-gpu-in-development',
    ]);
  });

  it('allows everything when there are no policies', () => {
    const none = PolicyEngine.fromSources([]);
    expect(
      none.evaluate(
        policyRequest('kubernetes', {
          findings: [finding('kubernetes-privileged')],
        }),
      ),
    ).toMatchObject({ outcome: 'allow', reasons: [] });
  });
});

describe('a policy Cedar cannot evaluate', () => {
  // Long overflow is an evaluation error the validator cannot foresee.
  const overflow = {
    name: 'overflow',
    text: `@id("gpu-hours") @message("Too many GPU hours.")
forbid (principal, action == CloudDeployments::Action::"deployWithoutApproval", resource)
when { resource.gpuCount * resource.replicas * 730 > 100000 };
@id("never") @message("Never matches.")
forbid (principal, action == CloudDeployments::Action::"deploy", resource)
when { resource.replicas < 0 };
`,
  };

  it("counts as matching, with Cedar's message, and is logged once", () => {
    const logger = mockServices.logger.mock();
    const engine = PolicyEngine.fromSources([overflow], logger);
    const request = policyRequest('kubernetes', {
      deployment: { gpuCount: 2 ** 40, replicas: 2 ** 40 },
    });
    const first = engine.evaluate(request);
    const second = engine.evaluate(request);
    expect(first).toEqual(second);
    expect(first.outcome).toBe('approval');
    expect(first.reasons).toEqual([
      {
        policy: 'gpu-hours',
        message: expect.stringMatching(
          /^Too many GPU hours\. \(counted as matching because Cedar could not evaluate it: integer overflow/,
        ),
        effect: 'approval',
      },
    ]);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Policy "gpu-hours" could not be evaluated and counts as matching: integer overflow/,
      ),
    );
  });

  it('matches normally when it can be evaluated', () => {
    const engine = PolicyEngine.fromSources([overflow]);
    expect(
      engine.evaluate(
        policyRequest('kubernetes', {
          deployment: { gpuCount: 100, replicas: 2 },
        }),
      ).outcome,
    ).toBe('approval');
    expect(engine.evaluate(policyRequest('kubernetes')).outcome).toBe('allow');
  });
});
