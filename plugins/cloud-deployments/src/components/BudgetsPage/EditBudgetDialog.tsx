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
import { ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError, toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Budget,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { cloudDeploymentsApiRef } from '../../api';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { budgetFormOf, validateUpdateBudget } from './budgetForm';
import { budgetScope } from './budgetScope';
import {
  BudgetDialogActions,
  BudgetTextField,
  useBudgetForm,
} from './budgetFormFields';

/**
 * Props of {@link EditBudgetDialog}.
 *
 * @internal
 */
export type EditBudgetDialogProps = {
  budget: Budget;
  onClose(): void;
  /** Called with the budget the backend saved. */
  onSaved(budget: Budget): void;
  /** Called when someone else changed the budget, to reload the table. */
  onStale(): void;
};

/**
 * Changes a budget's amount and thresholds, sending the version it was read
 * at. When someone changed it meanwhile (409), the dialog says so and
 * reloads it, so that the next save starts from their values.
 *
 * @internal
 */
export function EditBudgetDialog(props: EditBudgetDialogProps) {
  const { onClose, onSaved, onStale } = props;
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const [budget, setBudget] = useState(props.budget);
  const validate = (values: Parameters<typeof validateUpdateBudget>[0]) =>
    validateUpdateBudget(values, budget.version);
  const form = useBudgetForm(budgetFormOf(props.budget), validate);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [changedBy, setChangedBy] = useState<Budget>();

  const reload = async () => {
    const current = await cloudDeploymentsApi.getBudget(budget.id);
    setBudget(current);
    form.reset(budgetFormOf(current));
    setChangedBy(current);
    onStale();
  };

  const save = async () => {
    const { request } = validate(form.values);
    if (!form.trySubmit() || !request) return;
    setBusy(true);
    setError(undefined);
    setChangedBy(undefined);
    try {
      onSaved(await cloudDeploymentsApi.updateBudget(budget.id, request));
      return;
    } catch (e) {
      if (e instanceof ResponseError && e.statusCode === 409) {
        try {
          await reload();
        } catch (reloadError) {
          setError(toError(reloadError));
        }
      } else {
        setError(toError(e));
      }
    }
    setBusy(false);
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby="edit-budget-title"
    >
      <DialogTitle id="edit-budget-title">
        Edit the budget of {budgetScope(budget)}
      </DialogTitle>
      <DialogContent>
        {changedBy && (
          <Typography role="alert" color="error" paragraph>
            Someone changed this budget while you were editing it
            {changedBy.updatedBy
              ? ` (${formatEntityRef(changedBy.updatedBy)})`
              : ''}
            . It has been reloaded: it is now {formatUsd(changedBy.amount)} a
            month, alerting at {changedBy.thresholds.join(', ')} %. Make your
            change again and save.
          </Typography>
        )}
        <DialogContentText>
          The owner, system and environment of a budget are fixed; delete it and
          create another to change them.
        </DialogContentText>
        <BudgetTextField
          label="Amount (USD a month)"
          required
          inputProps={{ inputMode: 'decimal' }}
          field={form.fieldProps('amount')}
        />
        <BudgetTextField
          label="Alert thresholds (%)"
          required
          field={form.fieldProps('thresholds')}
          hint="Percentages of the amount, separated by commas"
        />
        {error && <ResponseErrorPanel error={error} />}
      </DialogContent>
      <BudgetDialogActions
        busy={busy}
        saveLabel="Save"
        onSave={save}
        onClose={onClose}
      />
    </Dialog>
  );
}
