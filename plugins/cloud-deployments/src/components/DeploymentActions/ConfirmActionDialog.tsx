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
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Deployment,
  DeploymentWithApproval,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
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
  onDone(updated: DeploymentWithApproval): void;
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
  return (
    <ConfirmDialog
      id={`confirm-${action.id}-${deployment.id}`}
      title={action.title(deployment)}
      description={action.consequence(deployment)}
      dismissLabel={action.dismissLabel(deployment)}
      confirmLabel={action.confirmLabel(deployment)}
      destructive={action.id === 'destroy'}
      onConfirm={async () =>
        onDone(await action.run(cloudDeploymentsApi, deployment.id))
      }
      onClose={onClose}
    />
  );
}
