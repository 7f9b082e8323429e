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
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Deployment,
  DeploymentRevision,
  DeploymentWithApproval,
  specChanges,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { cloudDeploymentsApiRef } from '../../api';
import { formatAge } from '../../utils/formatAge';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { ConfirmDialog } from '../ConfirmDialog';
import { describeCostDelta } from './revisionCost';

/**
 * Asks to confirm restoring a revision, saying which, what it changes and
 * what it does to the monthly cost, with an optional reason; rolls back on
 * confirmation.
 *
 * @internal
 */
export function RollbackDialog(props: {
  deployment: Deployment;
  current: DeploymentRevision;
  target: DeploymentRevision;
  onClose(): void;
  onDone(updated: DeploymentWithApproval): void;
}) {
  const { deployment, current, target, onClose, onDone } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const [reason, setReason] = useState('');
  const changes = specChanges(current.spec, target.spec);
  return (
    <ConfirmDialog
      id={`rollback-${deployment.id}-${target.number}`}
      title={`Roll back ${deployment.name} to revision ${target.number}?`}
      description={`The spec of revision ${target.number} (${formatAge(
        target.createdAt,
      )}, by ${formatEntityRef(
        target.createdBy,
      )}) is applied again as a new revision, replacing revision ${
        current.number
      }. ${describeCostDelta(current, target)}`}
      confirmLabel={`Roll back to revision ${target.number}`}
      dismissLabel="Cancel"
      onConfirm={async () =>
        onDone(
          await api.rollbackDeployment(deployment.id, {
            revision: target.number,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          }),
        )
      }
      onClose={onClose}
    >
      <Typography variant="subtitle2" component="h3">
        What changes
      </Typography>
      <ul aria-label="What changes">
        {changes.map(c => (
          <li key={c.path}>
            <Typography variant="body2">
              <code>{c.path}</code>: {c.before} → {c.after}
            </Typography>
          </li>
        ))}
      </ul>
      <TextField
        id={`rollback-${deployment.id}-reason`}
        label="Why (optional)"
        value={reason}
        onChange={e => setReason(e.target.value)}
        fullWidth
        multiline
        inputProps={{ maxLength: 2000 }}
      />
    </ConfirmDialog>
  );
}
