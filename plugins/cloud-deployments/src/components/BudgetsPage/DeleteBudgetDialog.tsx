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
  Budget,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { budgetScope } from './budgetScope';

/**
 * Props of {@link DeleteBudgetDialog}.
 *
 * @internal
 */
export type DeleteBudgetDialogProps = {
  budget: Budget;
  onClose(): void;
  onDeleted(): void;
};

/**
 * Asks to confirm deleting a budget, naming its scope and amount, and
 * deletes it on confirmation. A failure is shown in the dialog.
 *
 * @internal
 */
export function DeleteBudgetDialog(props: DeleteBudgetDialogProps) {
  const { budget, onClose, onDeleted } = props;
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  return (
    <ConfirmDialog
      id="delete-budget"
      title={`Delete the budget of ${budgetScope(budget)}?`}
      description={`Its ${formatUsd(
        budget.amount,
      )} a month and alerts at ${budget.thresholds.join(
        ', ',
      )} % go; nothing will warn about this scope's spend until a new budget is set.`}
      dismissLabel="Keep it"
      confirmLabel="Delete"
      destructive
      onConfirm={async () => {
        await cloudDeploymentsApi.deleteBudget(budget.id);
        onDeleted();
      }}
      onClose={onClose}
    />
  );
}
