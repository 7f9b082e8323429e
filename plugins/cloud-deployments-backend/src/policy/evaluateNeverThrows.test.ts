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
import fc from 'fast-check';
import { allShippedPolicies } from '../__testUtils__/policyRequests';
import { IacCheck } from './iacFinding';
import { PolicyEngine } from './PolicyEngine';
import { PolicyRequest } from './types';

const CHECKS: IacCheck[] = [
  'aci-public-ip',
  'cloud-run-unauthenticated',
  'kubernetes-privileged',
  'kubernetes-host-network',
  'kubernetes-root',
  'kubernetes-no-limits',
  'sagemaker-no-kms-key',
];

// Any UTF-16 text (lone surrogates included: 'binary' makes only whole code
// points); any double, NaN and infinities included.
const codeUnit = fc.nat(0xffff).map(n => String.fromCharCode(n));
const text = fc.oneof(
  fc.string({ unit: codeUnit }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('production', 'development', 'aws-sagemaker', 'kubernetes'),
);
const amount = fc.oneof(
  fc.double(),
  fc.constantFrom(1e15, -1e15, 10_000.00005),
);

const request: fc.Arbitrary<PolicyRequest> = fc.record({
  operation: fc.constantFrom(
    'create',
    'update',
    'redeploy',
    'rollback',
    'start',
    'terraform-apply',
    'kubernetes-apply',
  ),
  principal: fc.record({ ref: text, groups: fc.array(text) }),
  deployment: fc.record(
    {
      name: text,
      owner: text,
      system: text,
      environment: text,
      provider: text,
      region: text,
      engine: text,
      instanceType: text,
      gpuCount: fc.oneof(fc.integer(), fc.double()),
      replicas: fc.oneof(fc.integer(), fc.double()),
    },
    {
      requiredKeys: [
        'name',
        'owner',
        'provider',
        'region',
        'engine',
        'gpuCount',
        'replicas',
      ],
    },
  ),
  cost: fc.record({
    monthly: amount,
    complete: fc.boolean(),
    increase: amount,
  }),
  findings: fc.array(
    fc.record({
      check: fc.constantFrom(...CHECKS),
      resource: text,
      detail: text,
    }),
  ),
  budget: fc.option(
    fc.record({
      scope: text,
      amount,
      useBefore: amount,
      useAfter: amount,
      exceeded: fc.boolean(),
    }),
    { nil: undefined },
  ),
});

describe('PolicyEngine.evaluate', () => {
  const engine = PolicyEngine.fromSources(allShippedPolicies());

  it('answers every request with a decision from the policies, never an error', () => {
    fc.assert(
      fc.property(request, r => {
        const decision = engine.evaluate(r);
        expect(['allow', 'refuse', 'approval']).toContain(decision.outcome);
        expect(decision.reasons.length === 0).toBe(
          decision.outcome === 'allow',
        );
        for (const reason of decision.reasons) {
          expect(engine.policyIds).toContain(reason.policy);
          expect(reason.effect).toBe(decision.outcome);
          expect(reason.message).not.toContain('could not evaluate');
        }
      }),
      { numRuns: 300 },
    );
  });
});
