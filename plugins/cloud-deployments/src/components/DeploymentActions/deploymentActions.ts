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
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  CANCELLABLE_STATUSES,
  cloudDeploymentDestroyPermission,
  cloudDeploymentUpdatePermission,
  Deployment,
  DeploymentStatus,
  DeploymentWithApproval,
  describeMonthlyCost,
  normalizeEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentsApi } from '../../api';
import { statusLabel } from '../../utils/statusLabel';

/**
 * The actions a person can take on a deployment from the UI.
 *
 * @internal
 */
export type DeploymentActionId =
  | 'redeploy'
  | 'rollback'
  | 'stop'
  | 'start'
  | 'cancel'
  | 'destroy';

/**
 * What the UI needs to offer, confirm and run one action.
 *
 * @internal
 */
export type DeploymentAction = {
  id: DeploymentActionId;
  /** The button's verb, e.g. `Roll back`. */
  label: string;
  /** The statuses the backend accepts the action from. */
  allowedFrom: readonly DeploymentStatus[];
  permission: ResourcePermission<'cloud-deployment'>;
  /** Why the button is disabled when the permission is denied. */
  denied: string;
  /** The confirmation dialog's title. */
  title(deployment: Deployment): string;
  /** What confirming will do, in the dialog. */
  consequence(deployment: Deployment): string;
  /** The dialog's confirm button. */
  confirmLabel(deployment: Deployment): string;
  /** The dialog's dismiss button. */
  dismissLabel(deployment: Deployment): string;
  /** What the button will do, in a few words: its tooltip and accessible name. */
  hint(deployment: Deployment): string;
  /** Runs the action; a policy may hold it, returning the request in `approval`. */
  run(api: CloudDeploymentsApi, id: string): Promise<DeploymentWithApproval>;
};

/**
 * Every action, in the order its buttons are shown.
 *
 * @internal
 */
export const DEPLOYMENT_ACTIONS: readonly DeploymentAction[] = [
  {
    id: 'redeploy',
    label: 'Redeploy',
    allowedFrom: ['active', 'drifted', 'failed'],
    permission: cloudDeploymentUpdatePermission,
    denied: 'You are not allowed to change deployments',
    title: d => `Redeploy ${d.name}?`,
    consequence: d =>
      `The current spec of ${d.name} is applied again to ${d.spec.provider} in ${d.spec.region}.`,
    confirmLabel: () => 'Redeploy',
    dismissLabel: () => 'Cancel',
    hint: d => `Applies the current spec of ${d.name} again`,
    run: (api, id) => api.redeployDeployment(id),
  },
  {
    id: 'rollback',
    label: 'Roll back',
    allowedFrom: ['active', 'drifted', 'failed'],
    permission: cloudDeploymentUpdatePermission,
    denied: 'You are not allowed to change deployments',
    title: d => `Roll back ${d.name}?`,
    consequence: d =>
      `The revision of ${d.name} before the current one is applied again, as a new revision. To pick another, use the Revisions tab.`,
    confirmLabel: () => 'Roll back',
    dismissLabel: () => 'Cancel',
    hint: d => `Restores the revision of ${d.name} before the current one`,
    run: (api, id) => api.rollbackDeployment(id),
  },
  {
    id: 'stop',
    label: 'Stop',
    allowedFrom: ['active', 'drifted', 'failed'],
    permission: cloudDeploymentUpdatePermission,
    denied: 'You are not allowed to change deployments',
    title: d => `Stop ${d.name}?`,
    consequence: d =>
      `${d.name} stops running${
        d.endpoint ? ` and ${d.endpoint} stops answering` : ''
      } until it is started again; its spec and what starting needs are kept. ${stopSaving(
        d,
      )}`,
    confirmLabel: () => 'Stop',
    dismissLabel: () => 'Keep running',
    hint: d => `Stops ${d.name}: it stops answering and billing compute`,
    run: (api, id) => api.stopDeployment(id),
  },
  {
    id: 'start',
    label: 'Start',
    allowedFrom: ['stopped'],
    permission: cloudDeploymentUpdatePermission,
    denied: 'You are not allowed to change deployments',
    title: d => `Start ${d.name}?`,
    consequence: d =>
      `${d.name} runs its current spec again in ${d.spec.region}${startCost(
        d,
      )}.`,
    confirmLabel: () => 'Start',
    dismissLabel: () => 'Keep stopped',
    hint: d => `Starts ${d.name} again with its current spec`,
    run: (api, id) => api.startDeployment(id),
  },
  {
    id: 'cancel',
    label: 'Cancel',
    allowedFrom: CANCELLABLE_STATUSES,
    permission: cloudDeploymentUpdatePermission,
    denied: 'You are not allowed to change deployments',
    title: d => cancelWording(d).title,
    consequence: d => cancelWording(d).consequence,
    confirmLabel: d => cancelWording(d).confirm,
    dismissLabel: d => cancelWording(d).keep,
    hint: d => cancelWording(d).confirm,
    run: (api, id) => api.cancelDeployment(id),
  },
  {
    id: 'destroy',
    label: 'Destroy',
    allowedFrom: [
      'awaiting_approval',
      'pending',
      'provisioning',
      'active',
      'drifted',
      'updating',
      'stopping',
      'stopped',
      'starting',
      'failed',
    ],
    permission: cloudDeploymentDestroyPermission,
    denied: 'You are not allowed to destroy deployments',
    title: d => `Destroy ${d.name}?`,
    consequence: d =>
      d.status === 'awaiting_approval'
        ? `Nothing of ${d.name} was created yet: its request for approval is withdrawn and the deployment ends as destroyed.`
        : `The resources of ${d.name} in ${d.spec.provider} (${
            d.spec.region
          }) are deleted${
            d.endpoint ? ` and ${d.endpoint} stops answering` : ''
          }. This cannot be undone.`,
    confirmLabel: () => 'Destroy',
    dismissLabel: () => 'Cancel',
    hint: d =>
      d.status === 'awaiting_approval'
        ? `Withdraws the request of ${d.name}; nothing was created`
        : `Deletes the resources of ${d.name} for good`,
    run: (api, id) => api.destroyDeployment(id),
  },
];

/** What stopping saves, as sure as the running estimate. */
function stopSaving(d: Deployment): string {
  if (!d.estimate)
    return 'It has no estimate, so what stopping saves is not known.';
  return `Stopping saves what its compute costs: ${describeMonthlyCost(
    normalizeEstimate(d.estimate),
    ' a month',
  )}.`;
}

/** What starting costs again, from the stopped estimate's record of it. */
function startCost(d: Deployment): string {
  const running = d.estimate?.stopped?.running;
  return running
    ? `, billing ${describeMonthlyCost(running, ' a month')} again`
    : '';
}

/** What a cancel stops in each status, and what it leaves behind. */
function cancelWording(d: Deployment): {
  title: string;
  consequence: string;
  confirm: string;
  keep: string;
} {
  switch (d.status) {
    case 'updating':
      return {
        title: `Cancel the update of ${d.name}?`,
        consequence: `The update of ${d.name} stops and it is marked failed. The cloud may be part-way through the change; roll back or redeploy afterwards to apply a known spec.`,
        confirm: 'Cancel update',
        keep: 'Keep updating',
      };
    case 'stopping':
    case 'starting':
      return {
        title: `Cancel ${d.status} ${d.name}?`,
        consequence: `${d.status === 'stopping' ? 'Stopping' : 'Starting'} ${
          d.name
        } stops and it is marked failed. The cloud may be part-way through it; stop it again or redeploy afterwards.`,
        confirm: `Cancel ${d.status === 'stopping' ? 'stop' : 'start'}`,
        keep: `Keep ${d.status}`,
      };
    case 'destroying':
      return {
        title: `Cancel destroying ${d.name}?`,
        consequence: `Destroying ${d.name} stops and it is marked failed. Resources not yet deleted remain and are still billed; destroy it again to delete them.`,
        confirm: 'Cancel destroy',
        keep: 'Keep destroying',
      };
    default:
      return {
        title: `Cancel provisioning ${d.name}?`,
        consequence: `Provisioning of ${d.name} stops and it is marked failed. Resources created so far remain until it is destroyed.`,
        confirm: 'Cancel provisioning',
        keep: 'Keep provisioning',
      };
  }
}

/**
 * What an action did, in words: `Redeploy: model-1 is now updating`, or
 * `Redeploy: model-1 waits for approval` when a policy held it.
 *
 * @internal
 */
export function actionOutcome(
  action: DeploymentAction,
  updated: DeploymentWithApproval,
): string {
  return updated.approval
    ? `${action.label}: ${updated.name} waits for approval`
    : `${action.label}: ${updated.name} is now ${statusLabel(updated.status)}`;
}

/**
 * The actions that can run on a deployment in a status. Rolling back needs
 * an earlier revision with another spec, which the status does not tell:
 * it is offered only when the caller found one (`canRollBack`).
 *
 * @internal
 */
export function actionsFor(
  status: DeploymentStatus,
  options: { canRollBack?: boolean } = {},
): DeploymentAction[] {
  return DEPLOYMENT_ACTIONS.filter(
    a =>
      a.allowedFrom.includes(status) &&
      (a.id !== 'rollback' || options.canRollBack === true),
  );
}
