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
import { ReactElement, useState } from 'react';
import {
  Deployment,
  DeploymentWithApproval,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import DeleteIcon from '@material-ui/icons/Delete';
import HistoryIcon from '@material-ui/icons/History';
import PauseCircleOutlineIcon from '@material-ui/icons/PauseCircleOutline';
import PlayCircleOutlineIcon from '@material-ui/icons/PlayCircleOutline';
import ReplayIcon from '@material-ui/icons/Replay';
import { usePostSuccess } from '../../hooks/usePostSuccess';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import {
  actionOutcome,
  actionsFor,
  DeploymentAction,
  DeploymentActionId,
} from './deploymentActions';
import { ActionPermission, ActionPermissions } from './useActionPermissions';
import { describeRevision, RollbackChoice } from './useRollbackTarget';
import { RollbackDialog } from '../RevisionHistory/RollbackDialog';

const icons: Record<DeploymentActionId, ReactElement> = {
  redeploy: <ReplayIcon fontSize="small" />,
  rollback: <HistoryIcon fontSize="small" />,
  stop: <PauseCircleOutlineIcon fontSize="small" />,
  start: <PlayCircleOutlineIcon fontSize="small" />,
  cancel: <BlockIcon fontSize="small" />,
  destroy: <DeleteIcon fontSize="small" />,
};

const useStyles = makeStyles(
  theme => ({
    unavailable: {
      color: theme.palette.action.disabled,
      cursor: 'not-allowed',
    },
  }),
  { name: 'CloudDeploymentsActions' },
);

function ActionButton(props: {
  action: DeploymentAction;
  permission: ActionPermission;
  /** The button's name, e.g. `Roll back web to revision 3 (…)`. */
  name: string;
  /** What the button will do, in a few words: its tooltip. */
  hint: string;
  onClick(): void;
}) {
  const { action, permission, name, hint, onClick } = props;
  const classes = useStyles();
  const { allowed, loading } = permission;
  let reason: string | undefined;
  if (!allowed) reason = loading ? 'Checking permission…' : action.denied;
  // Without the permission the button stays focusable (aria-disabled rather
  // than disabled) so that keyboard users reach it and hear why. The native
  // title is the tooltip: a Material UI Tooltip per button per row is slow.
  return (
    <IconButton
      size="small"
      aria-label={name}
      title={reason ?? hint}
      aria-disabled={reason ? true : undefined}
      className={reason ? classes.unavailable : undefined}
      onClick={reason ? undefined : onClick}
    >
      {icons[action.id]}
    </IconButton>
  );
}

/**
 * Props of {@link DeploymentActions}.
 *
 * @internal
 */
export type DeploymentActionsProps = {
  deployment: Deployment;
  /** From {@link useActionPermissions}, called once for all rows. */
  permissions: ActionPermissions;
  /**
   * What a rollback would restore, from {@link useRollbackTarget}; without it
   * (e.g. in a list, or when there is no earlier revision) Roll back is not
   * offered.
   */
  rollback?: RollbackChoice;
  /** Called after an action was accepted, with the deployment it returned. */
  onDone?(updated: DeploymentWithApproval, action: DeploymentAction): void;
};

/**
 * Icon buttons for the actions valid in a deployment's status, each asking
 * for confirmation and disabled, with a reason, without the permission.
 *
 * @internal
 */
export function DeploymentActions(props: DeploymentActionsProps) {
  const { deployment, permissions, rollback, onDone } = props;
  const postSuccess = usePostSuccess();
  const [confirming, setConfirming] = useState<DeploymentAction>();
  const actions = actionsFor(deployment.status, {
    canRollBack: rollback !== undefined,
  });
  const name = (action: DeploymentAction) =>
    action.id === 'rollback' && rollback
      ? `Roll back ${deployment.name} to ${describeRevision(rollback.target)}`
      : `${action.label} ${deployment.name}`;
  const hint = (action: DeploymentAction) =>
    action.id === 'rollback' && rollback
      ? `Restores the spec of ${describeRevision(
          rollback.target,
        )} as a new revision`
      : action.hint(deployment);

  if (actions.length === 0) {
    return null;
  }

  const done = (updated: DeploymentWithApproval, action: DeploymentAction) => {
    setConfirming(undefined);
    postSuccess(actionOutcome(action, updated));
    onDone?.(updated, action);
  };

  return (
    <div role="group" aria-label={`Actions for ${deployment.name}`}>
      {actions.map(action => (
        <ActionButton
          key={action.id}
          action={action}
          permission={permissions(action)}
          name={name(action)}
          hint={hint(action)}
          onClick={() => setConfirming(action)}
        />
      ))}
      {confirming?.id === 'rollback' && rollback && (
        <RollbackDialog
          deployment={deployment}
          current={rollback.current}
          target={rollback.target}
          onClose={() => setConfirming(undefined)}
          onDone={updated => done(updated, confirming)}
        />
      )}
      {confirming && confirming.id !== 'rollback' && (
        <ConfirmActionDialog
          action={confirming}
          deployment={deployment}
          onClose={() => setConfirming(undefined)}
          onDone={updated => done(updated, confirming)}
        />
      )}
    </div>
  );
}
