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
import { useState } from 'react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  canTransition,
  cloudDeploymentUpdatePermission,
  Deployment,
  DeploymentWithApproval,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import IconButton from '@material-ui/core/IconButton';
import EditIcon from '@material-ui/icons/Edit';
import { usePostSuccess } from '../../hooks/usePostSuccess';
import { statusLabel } from '../../utils/statusLabel';
import { EditDeploymentDialog } from './EditDeploymentDialog';

/**
 * Opens the change screen of a deployment, for those who may change it and
 * while it can be changed; otherwise says why not.
 *
 * @internal
 */
export function EditDeploymentButton(props: {
  deployment: Deployment;
  onDone?(updated: DeploymentWithApproval): void;
}) {
  const { deployment, onDone } = props;
  const postSuccess = usePostSuccess();
  const [open, setOpen] = useState(false);
  const { allowed, loading } = usePermission({
    permission: cloudDeploymentUpdatePermission,
    resourceRef: deployment.id,
  });
  // A change updates what runs, or replaces a request still waiting.
  if (
    !canTransition(deployment.status, 'updating') &&
    deployment.status !== 'awaiting_approval'
  ) {
    return null;
  }
  let reason: string | undefined;
  if (!allowed) {
    reason = loading
      ? 'Checking permission…'
      : 'You may not change this deployment';
  }
  return (
    <>
      <IconButton
        size="small"
        aria-label={`Change ${deployment.name}`}
        title={reason ?? 'Change'}
        aria-disabled={reason ? true : undefined}
        onClick={reason ? undefined : () => setOpen(true)}
        color="inherit"
      >
        <EditIcon fontSize="small" />
      </IconButton>
      {open && (
        <EditDeploymentDialog
          deployment={deployment}
          onClose={() => setOpen(false)}
          onDone={updated => {
            setOpen(false);
            postSuccess(
              updated.approval
                ? `Change: ${updated.name} waits for approval`
                : `Change: ${updated.name} is now ${statusLabel(
                    updated.status,
                  )}`,
            );
            onDone?.(updated);
          }}
        />
      )}
    </>
  );
}
