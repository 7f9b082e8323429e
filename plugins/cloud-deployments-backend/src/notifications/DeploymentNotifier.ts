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
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationRecipients,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Deployment,
  DriftField,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { TTL_LEAD_WORDS, TtlLead } from './ttlLeads';

/** Where the portal shows a deployment (the frontend's `/deployments/:id`). */
export function deploymentLink(id: string): string {
  return `/cloud-deployments/deployments/${encodeURIComponent(id)}`;
}

/** Where the portal shows budgets. */
export const BUDGETS_LINK = '/cloud-deployments/budgets';

/** The signal channel a deployment's live page listens on. */
export function deploymentChannel(id: string): string {
  return `cloud-deployments:deployment:${id}`;
}

/** The signal channel the budgets page listens on. */
export const BUDGETS_CHANNEL = 'cloud-deployments:budgets';

/** What a notice is about; also the `kind` of its signal and metadata. */
export type NoticeKind =
  | 'deployment-failed'
  | 'drift-found'
  | 'ttl-expiring'
  | 'approval-needed'
  | 'approval-decided'
  | 'budget-threshold-crossed';

/** An approval request, as {@link DeploymentNotifier.approvalNeeded} tells it. */
export type ApprovalRequestNotice = {
  id: string;
  requestedBy: string;
  operation: string;
  reasons: string[];
};

/** An approval decision, as {@link DeploymentNotifier.approvalDecided} tells it. */
export type ApprovalDecisionNotice = {
  id: string;
  decision: 'approved' | 'rejected';
  decidedBy: string;
  comment: string;
  requestedBy: string;
};

/** A budget, as {@link DeploymentNotifier.budgetThresholdCrossed} tells it. */
export type BudgetNotice = {
  id: string;
  owner: string;
  system?: string;
  environment?: string;
  amount: number;
  currency: string;
};

/**
 * Tells the group that owns a deployment what happened to it, through
 * Backstage notifications (kept, shown in the bell) and a signal on the
 * deployment's channel (so an open page refreshes). A notice is a side
 * effect of a change already made: it never fails the change, so every
 * method catches and logs instead of throwing.
 */
export class DeploymentNotifier {
  readonly #notifications: NotificationService;
  readonly #signals: SignalsService;
  readonly #logger: LoggerService;

  private constructor(options: {
    notifications: NotificationService;
    signals: SignalsService;
    logger: LoggerService;
  }) {
    this.#notifications = options.notifications;
    this.#signals = options.signals;
    this.#logger = options.logger;
  }

  static create(options: {
    notifications: NotificationService;
    signals: SignalsService;
    logger: LoggerService;
  }): DeploymentNotifier {
    return new DeploymentNotifier(options);
  }

  async deploymentFailed(deployment: Deployment, reason: string) {
    await this.#aboutDeployment(deployment, 'deployment-failed', {
      title: `Deployment ${deployment.name} failed`,
      description: reason,
      severity: 'high',
    });
  }

  /**
   * `fields` are what differs from the spec (none when the resources were
   * deleted or failed); their names go into the metadata, so a notice can
   * be filtered on, say, `artifact.image`.
   */
  async driftFound(
    deployment: Deployment,
    reason: string,
    fields: DriftField[] = [],
  ) {
    // Resources changed, deleted or broken outside the portal: as urgent as
    // a failed rollout.
    await this.#aboutDeployment(
      deployment,
      'drift-found',
      {
        title: `Drift found in deployment ${deployment.name}`,
        description: reason,
        severity: 'high',
      },
      fields.length ? { fields: fields.map(f => f.field).join(',') } : {},
    );
  }

  async ttlExpiring(deployment: Deployment, expiresAt: string, lead: TtlLead) {
    await this.#aboutDeployment(deployment, 'ttl-expiring', {
      title: `Deployment ${deployment.name} expires within ${TTL_LEAD_WORDS[lead]}`,
      description: `Its time to live${
        deployment.spec.ttl ? ` (${deployment.spec.ttl})` : ''
      } runs out at ${expiresAt}; it is then destroyed. Extend the time to live to keep it.`,
      severity: 'normal',
    });
  }

  async approvalNeeded(
    deployment: Deployment,
    approval: ApprovalRequestNotice,
  ) {
    const reasons = approval.reasons.length
      ? `: ${approval.reasons.join('; ')}`
      : '';
    await this.#aboutDeployment(
      deployment,
      'approval-needed',
      {
        title: `Approval needed: ${approval.operation} of ${deployment.name}`,
        description: `${approval.requestedBy} asked to ${approval.operation} deployment ${deployment.name}; it waits for an approver${reasons}`,
        severity: 'normal',
      },
      { approvalId: approval.id },
    );
  }

  async approvalDecided(
    deployment: Deployment,
    approval: ApprovalDecisionNotice,
  ) {
    const comment = approval.comment ? `: ${approval.comment}` : '';
    await this.#aboutDeployment(
      deployment,
      'approval-decided',
      {
        title: `Request ${approval.decision} for ${deployment.name}`,
        description: `${approval.decidedBy} ${approval.decision} the request of ${approval.requestedBy}${comment}`,
        severity: 'normal',
      },
      { approvalId: approval.id },
      // The requester waits for the answer, and may not be in the group; a
      // service (a release pipeline) has no inbox.
      approval.requestedBy.startsWith('user:') ? [approval.requestedBy] : [],
    );
  }

  /** `threshold` is a percentage of the budget; `use` is US dollars a month. */
  async budgetThresholdCrossed(
    budget: BudgetNotice,
    threshold: number,
    use: number,
  ) {
    const scope = [budget.owner, budget.system, budget.environment]
      .filter(Boolean)
      .join(', ');
    const percent =
      budget.amount > 0 ? Math.round((use / budget.amount) * 100) : undefined;
    await this.#deliver(
      'budget-threshold-crossed',
      [budget.owner],
      {
        title: `Budget of ${scope} passed ${threshold}%`,
        description: `Deployments use ${formatUsd(use)} a month of ${formatUsd(
          budget.amount,
        )}${percent === undefined ? '' : ` (${percent}%)`}`,
        link: BUDGETS_LINK,
        severity: 'normal',
        topic: `budget ${scope}`,
        metadata: {
          budgetId: budget.id,
          kind: 'budget-threshold-crossed',
          threshold,
        },
      },
      BUDGETS_CHANNEL,
      { kind: 'budget-threshold-crossed', budgetId: budget.id },
    );
  }

  async #aboutDeployment(
    deployment: Deployment,
    kind: NoticeKind,
    text: Pick<NotificationPayload, 'title' | 'description' | 'severity'>,
    metadata: Record<string, string> = {},
    alsoTo: string[] = [],
  ) {
    await this.#deliver(
      kind,
      [deployment.spec.owner, ...alsoTo],
      {
        ...text,
        link: deploymentLink(deployment.id),
        // Names repeat across environments; the topic tells them apart.
        topic: `${deployment.name} (${deployment.spec.environment})`,
        metadata: { deploymentId: deployment.id, kind, ...metadata },
      },
      deploymentChannel(deployment.id),
      { kind, deploymentId: deployment.id },
    );
  }

  /** Sends the notification and the signal; either failing is only logged. */
  async #deliver(
    kind: NoticeKind,
    entityRefs: string[],
    payload: NotificationPayload,
    channel: string,
    message: Record<string, string>,
  ) {
    const recipients: NotificationRecipients = {
      type: 'entity',
      entityRef: [...new Set(entityRefs)],
    };
    try {
      await this.#notifications.send({ recipients, payload });
    } catch (error) {
      this.#logger.warn(`Could not send the ${kind} notification: ${error}`);
    }
    try {
      await this.#signals.publish({
        recipients: { type: 'user', entityRef: recipients.entityRef },
        channel,
        message,
      });
    } catch (error) {
      this.#logger.warn(`Could not publish the ${kind} signal: ${error}`);
    }
  }
}
