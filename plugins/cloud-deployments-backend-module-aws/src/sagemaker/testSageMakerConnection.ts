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
  EvaluationResult,
  IAMClient,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  ConnectionCheck,
  NeededPermission,
  unknownPermissions,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { SANDBOX_CREDENTIALS } from './createSageMakerClient';
import { SageMakerAccount } from './readSageMakerConfig';

/**
 * The IAM actions of what the provider calls (SageMakerCalls, the listings,
 * CloudWatch), on any resource. Tags go on with the create calls, which
 * needs `sagemaker:AddTags`.
 */
export const SAGEMAKER_ACTIONS: readonly NeededPermission[] = [
  { name: 'sagemaker:CreateModel', purpose: 'provision, update' },
  { name: 'sagemaker:CreateEndpointConfig', purpose: 'provision, update' },
  { name: 'sagemaker:CreateEndpoint', purpose: 'provision, start' },
  { name: 'sagemaker:UpdateEndpoint', purpose: 'update' },
  { name: 'sagemaker:AddTags', purpose: 'tags on what it creates' },
  { name: 'sagemaker:DescribeEndpoint', purpose: 'status, reconcile' },
  { name: 'sagemaker:DescribeEndpointConfig', purpose: 'status, reconcile' },
  { name: 'sagemaker:DescribeModel', purpose: 'status, reconcile' },
  { name: 'sagemaker:ListEndpoints', purpose: 'reconcile, orphans' },
  { name: 'sagemaker:ListEndpointConfigs', purpose: 'cleanup of revisions' },
  { name: 'sagemaker:ListModels', purpose: 'cleanup of revisions' },
  { name: 'sagemaker:ListTags', purpose: 'orphans, drift of labels' },
  { name: 'sagemaker:DeleteEndpoint', purpose: 'destroy, stop' },
  { name: 'sagemaker:DeleteEndpointConfig', purpose: 'destroy, cleanup' },
  { name: 'sagemaker:DeleteModel', purpose: 'destroy, cleanup' },
  {
    name: 'cloudwatch:GetMetricData',
    purpose: 'traffic (idle recommendations)',
  },
];

/** `iam:PassRole` on the execution role, which CreateModel hands to SageMaker. */
const PASS_ROLE = 'iam:PassRole';

/**
 * The IAM principal to simulate for a caller ARN: an assumed role's session
 * ARN (`arn:aws:sts::1:assumed-role/Role/session`) is simulated as its role.
 */
export function principalArn(callerArn: string): string {
  const assumed =
    /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(
      callerArn,
    );
  return assumed
    ? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`
    : callerArn;
}

type SdkError = {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
};

/** One sentence about a failed call; the SDK's messages carry no credentials. */
function describeFailure(call: string, error: unknown): string {
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const message = String(e.message ?? error)
    .replace(/\s*Deserialization error: to see the raw response.*$/s, '')
    .trim();
  if (e.name === 'AbortError') return `${call} was interrupted: ${message}`;
  const code = e.name && e.name !== 'Error' ? e.name : undefined;
  return `${call} failed${status ? ` (HTTP ${status})` : ''}: ${
    code ? `${code}: ` : ''
  }${message}`;
}

/**
 * The connection test of an account: STS `GetCallerIdentity` for who the
 * portal is, then IAM `SimulatePrincipalPolicy` of that principal for
 * {@link SAGEMAKER_ACTIONS} and `iam:PassRole` on the execution role. When
 * the simulation is refused (it needs `iam:SimulatePrincipalPolicy`), the
 * permissions are `unknown`, with the reason.
 */
export async function testSageMakerConnection(
  account: SageMakerAccount,
  options: { signal: AbortSignal; timeoutMs: number; sandboxUrl?: string },
): Promise<ConnectionCheck> {
  const { signal, timeoutMs, sandboxUrl } = options;
  const config = {
    region: account.regions?.[0] ?? 'us-east-1',
    endpoint: sandboxUrl,
    credentials: sandboxUrl
      ? { ...SANDBOX_CREDENTIALS }
      : account.credentials && { ...account.credentials },
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      connectionTimeout: timeoutMs,
    },
  };
  const needed = [
    ...SAGEMAKER_ACTIONS,
    {
      name: PASS_ROLE,
      purpose: `hand the execution role ${account.executionRoleArn} to SageMaker`,
    },
  ];
  const sts = new STSClient(config);
  const iam = new IAMClient({ ...config, region: 'us-east-1' });
  try {
    let callerArn: string;
    const identity: Record<string, string> = {};
    try {
      const who = await sts.send(new GetCallerIdentityCommand({}), {
        abortSignal: signal,
      });
      if (!who.Arn || !who.Account) {
        throw new Error('the answer names no Arn or Account');
      }
      callerArn = who.Arn;
      identity.arn = who.Arn;
      identity.account = who.Account;
      if (who.UserId) identity.userId = who.UserId;
    } catch (error) {
      const problem = describeFailure('STS GetCallerIdentity', error);
      return {
        identity: {},
        permissions: unknownPermissions(needed, 'who the portal is is unknown'),
        problems: [problem],
      };
    }
    try {
      const decisions = new Map<string, string>();
      const simulate = async (actions: string[], resource: string) => {
        let marker: string | undefined;
        do {
          const page = await iam.send(
            new SimulatePrincipalPolicyCommand({
              PolicySourceArn: principalArn(callerArn),
              ActionNames: actions,
              ResourceArns: [resource],
              Marker: marker,
            }),
            { abortSignal: signal },
          );
          // An answer that parses but says nothing (an HTML page read as
          // XML) is no decision.
          if (!page.EvaluationResults?.length) {
            throw new Error('the answer holds no evaluation results');
          }
          for (const result of page.EvaluationResults) {
            record(decisions, result);
          }
          marker = page.IsTruncated ? page.Marker : undefined;
        } while (marker);
      };
      await simulate(
        SAGEMAKER_ACTIONS.map(p => p.name),
        '*',
      );
      await simulate([PASS_ROLE], account.executionRoleArn);
      const permissions = needed.map(p => {
        const decision = decisions.get(p.name.toLowerCase());
        if (decision === undefined) {
          return {
            ...p,
            status: 'unknown' as const,
            reason: 'IAM returned no decision for it',
          };
        }
        return {
          ...p,
          status:
            decision === 'allowed'
              ? ('granted' as const)
              : ('missing' as const),
        };
      });
      return { identity, permissions, problems: [] };
    } catch (error) {
      const reason = describeFailure('IAM SimulatePrincipalPolicy', error);
      return {
        identity,
        permissions: unknownPermissions(needed, reason),
        problems: [
          `${reason} (the permissions cannot be checked without iam:SimulatePrincipalPolicy on ${principalArn(
            callerArn,
          )})`,
        ],
      };
    }
  } finally {
    sts.destroy();
    iam.destroy();
  }
}

function record(decisions: Map<string, string>, result: EvaluationResult) {
  if (!result.EvalActionName || !result.EvalDecision) return;
  const key = result.EvalActionName.toLowerCase();
  // Denied on one resource is denied.
  if (decisions.get(key) !== 'allowed' && decisions.has(key)) return;
  decisions.set(key, result.EvalDecision);
}
