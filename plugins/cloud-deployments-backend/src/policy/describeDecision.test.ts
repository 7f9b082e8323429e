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
import { describeDecision, PolicyRefusedError } from './PolicyService';

describe('describeDecision', () => {
  it('names each policy with its message and lists the values seen, leaving out empty ones', () => {
    const decision = {
      outcome: 'refuse' as const,
      reasons: [
        {
          policy: 'no-gpu-in-development',
          message: 'GPUs are not allowed in development.',
          effect: 'refuse' as const,
        },
        {
          policy: 'allowed-regions',
          message: 'Development runs in us-east-1 only',
          effect: 'refuse' as const,
        },
      ],
      values: {
        environment: 'development',
        system: '',
        gpuCount: 1,
        findings: ['sagemaker-no-kms-key'],
        costComplete: true,
      },
    };
    expect(describeDecision(decision)).toBe(
      'Refused by policy no-gpu-in-development (GPUs are not allowed in development); allowed-regions (Development runs in us-east-1 only). Values seen: environment: development, gpuCount: 1, findings: [sagemaker-no-kms-key], costComplete: true',
    );
    const error = new PolicyRefusedError(decision);
    expect(error.name).toBe('NotAllowedError');
    expect(error.decision).toBe(decision);
  });

  it('says when a decision asks for an approval', () => {
    expect(
      describeDecision({
        outcome: 'approval',
        reasons: [
          {
            policy: 'production-needs-approval',
            message: 'Changes to production deployments need an approval.',
            effect: 'approval',
          },
        ],
        values: { environment: 'production' },
      }),
    ).toBe(
      'Needs approval by production-needs-approval (Changes to production deployments need an approval). Values seen: environment: production',
    );
  });
});
