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
import { useEffect, useRef, useState } from 'react';
import { ResponseErrorPanel } from '@backstage/core-components';
import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { cloudDeploymentsApiRef } from '../../api';
import { DeploymentAction } from './deploymentActions';

/**
 * Props of {@link ConfirmActionDialog}.
 *
 * @internal
 */
export type ConfirmActionDialogProps = {
  action: DeploymentAction;
  deployment: Deployment;
  onClose(): void;
  /** Called with the deployment as the backend returned it after the action. */
  onDone(updated: Deployment): void;
};

/**
 * Asks to confirm an action on a deployment, naming it, and runs the action
 * on confirmation. A failure is shown in the dialog, which stays open.
 *
 * @internal
 */
export function ConfirmActionDialog(props: ConfirmActionDialogProps) {
  const { action, deployment, onClose, onDone } = props;
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const dismissRef = useRef<HTMLButtonElement>(null);

  // The safe choice takes the focus, so that Enter does not destroy by
  // accident. Not autoFocus: focusing while the dialog mounts, within the
  // click that opened it, trips React's suspense check for synchronous input.
  useEffect(() => {
    const timer = setTimeout(() => dismissRef.current?.focus());
    return () => clearTimeout(timer);
  }, []);
  const titleId = `confirm-${action.id}-${deployment.id}-title`;
  const descriptionId = `confirm-${action.id}-${deployment.id}-description`;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await action.run(cloudDeploymentsApi, deployment.id);
      onDone(updated);
    } catch (e) {
      setError(toError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
    >
      <DialogTitle id={titleId}>{action.title(deployment)}</DialogTitle>
      <DialogContent>
        <DialogContentText id={descriptionId}>
          {action.consequence(deployment)}
        </DialogContentText>
        {error && <ResponseErrorPanel error={error} />}
      </DialogContent>
      <DialogActions>
        <Button ref={dismissRef} onClick={onClose} disabled={busy}>
          {action.dismissLabel(deployment)}
        </Button>
        <Button
          onClick={confirm}
          disabled={busy}
          color={action.id === 'destroy' ? 'secondary' : 'primary'}
          variant="contained"
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {action.confirmLabel(deployment)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
