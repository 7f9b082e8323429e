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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { recordingNotifier } from '../__testUtils__/recordingNotifier';
import { DeploymentNotifier } from './DeploymentNotifier';

const { name, title, description, spec } = toNewDeployment(cloudRunRequest);
const deployment: Deployment = {
  id: '0d9f6a4e-5b1c-4f2e-9a7b-3c4d5e6f7a8b',
  name,
  title,
  description,
  spec: { ...spec, ttl: 'P7D' },
  status: 'failed',
  outputs: {},
  createdBy: 'user:default/alice',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedBy: 'plugin:cloud-deployments',
  updatedAt: '2026-12-01T10:05:00.000Z',
  version: 3,
};
const OWNER = 'group:default/web-team';
const LINK = `/cloud-deployments/deployments/${deployment.id}`;
const CHANNEL = `cloud-deployments:deployment:${deployment.id}`;

describe('DeploymentNotifier', () => {
  it('tells the owning group a deployment failed, urgently, linking to it', async () => {
    const { notifier, sent, signals } = recordingNotifier();
    await notifier.deploymentFailed(deployment, 'The container exited with 1');
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [OWNER] },
        payload: {
          title: 'Deployment web-api failed',
          description: 'The container exited with 1',
          severity: 'high',
          link: LINK,
          topic: 'web-api (staging)',
          metadata: { deploymentId: deployment.id, kind: 'deployment-failed' },
        },
      },
    ]);
    expect(signals).toEqual([
      {
        recipients: { type: 'user', entityRef: [OWNER] },
        channel: CHANNEL,
        message: { kind: 'deployment-failed', deploymentId: deployment.id },
      },
    ]);
  });

  it('tells of drift as urgently as a failure', async () => {
    const { notifier, sent, signals } = recordingNotifier();
    await notifier.driftFound(deployment, 'Drift: the resources were deleted');
    expect(sent[0].payload).toMatchObject({
      title: 'Drift found in deployment web-api',
      description: 'Drift: the resources were deleted',
      severity: 'high',
      link: LINK,
    });
    expect(signals[0].message).toEqual({
      kind: 'drift-found',
      deploymentId: deployment.id,
    });
  });

  it.each([
    ['2d', '2 days'],
    ['2h', '2 hours'],
    ['30m', '30 minutes'],
  ] as const)('says a TTL runs out within %s', async (lead, words) => {
    const { notifier, sent } = recordingNotifier();
    await notifier.ttlExpiring(deployment, '2026-12-08T10:00:00.000Z', lead);
    expect(sent[0]).toEqual({
      recipients: { type: 'entity', entityRef: [OWNER] },
      payload: {
        title: `Deployment web-api expires within ${words}`,
        description:
          'Its time to live (P7D) runs out at 2026-12-08T10:00:00.000Z; it is then destroyed. Extend the time to live to keep it.',
        severity: 'normal',
        link: LINK,
        topic: 'web-api (staging)',
        metadata: { deploymentId: deployment.id, kind: 'ttl-expiring' },
      },
    });
  });

  it('asks the owning group for an approval, saying why it is needed', async () => {
    const { notifier, sent, signals } = recordingNotifier();
    await notifier.approvalNeeded(deployment, {
      id: 'a-1',
      requestedBy: 'user:default/bob',
      operation: 'create',
      reasons: ['production needs approval', 'over $10,000.00 a month'],
    });
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [OWNER] },
        payload: {
          title: 'Approval needed: create of web-api',
          description:
            'user:default/bob asked to create deployment web-api; it waits for an approver: production needs approval; over $10,000.00 a month',
          severity: 'normal',
          link: LINK,
          topic: 'web-api (staging)',
          metadata: {
            deploymentId: deployment.id,
            kind: 'approval-needed',
            approvalId: 'a-1',
          },
        },
      },
    ]);
    expect(signals[0].message).toEqual({
      kind: 'approval-needed',
      deploymentId: deployment.id,
    });
  });

  it('tells the group and the requester an approval was decided', async () => {
    const { notifier, sent, signals } = recordingNotifier();
    await notifier.approvalDecided(deployment, {
      id: 'a-1',
      decision: 'rejected',
      decidedBy: 'user:default/carol',
      comment: 'Too big for staging',
      requestedBy: 'user:default/bob',
    });
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: [OWNER, 'user:default/bob'],
        },
        payload: {
          title: 'Request rejected for web-api',
          description:
            'user:default/carol rejected the request of user:default/bob: Too big for staging',
          severity: 'normal',
          link: LINK,
          topic: 'web-api (staging)',
          metadata: {
            deploymentId: deployment.id,
            kind: 'approval-decided',
            approvalId: 'a-1',
          },
        },
      },
    ]);
    expect(signals[0].recipients).toEqual({
      type: 'user',
      entityRef: [OWNER, 'user:default/bob'],
    });
  });

  it('tells the budget owner a threshold was crossed, in dollars, linking to budgets', async () => {
    const { notifier, sent, signals } = recordingNotifier();
    await notifier.budgetThresholdCrossed(
      {
        id: 'b-1',
        owner: OWNER,
        environment: 'production',
        amount: 10_000,
        currency: 'USD',
      },
      80,
      8_250.5,
    );
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [OWNER] },
        payload: {
          title: 'Budget of group:default/web-team, production passed 80%',
          description: 'Deployments use $8,250.50 a month of $10,000.00 (83%)',
          severity: 'normal',
          link: '/cloud-deployments/budgets',
          topic: 'budget group:default/web-team, production',
          metadata: {
            budgetId: 'b-1',
            kind: 'budget-threshold-crossed',
            threshold: 80,
          },
        },
      },
    ]);
    expect(signals).toEqual([
      {
        recipients: { type: 'user', entityRef: [OWNER] },
        channel: 'cloud-deployments:budgets',
        message: { kind: 'budget-threshold-crossed', budgetId: 'b-1' },
      },
    ]);
  });

  it('never throws into its caller: a failed send or publish is logged', async () => {
    const logger = mockServices.logger.mock();
    const notifier = DeploymentNotifier.create({
      notifications: {
        send: async () => {
          throw new Error('notifications backend unreachable');
        },
      },
      signals: {
        publish: async () => {
          throw new Error('events bus down');
        },
      },
      logger,
    });
    await expect(
      notifier.deploymentFailed(deployment, 'boom'),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not send the deployment-failed notification: Error: notifications backend unreachable',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not publish the deployment-failed signal: Error: events bus down',
    );
  });
});
