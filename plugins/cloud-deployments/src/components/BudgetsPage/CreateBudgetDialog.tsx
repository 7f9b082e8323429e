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
import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Budget,
  DEFAULT_BUDGET_THRESHOLDS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { cloudDeploymentsApiRef } from '../../api';
import { emptyBudgetForm, validateCreateBudget } from './budgetForm';
import {
  BudgetDialogActions,
  BudgetTextField,
  useBudgetForm,
} from './budgetFormFields';

/**
 * Props of {@link CreateBudgetDialog}.
 *
 * @internal
 */
export type CreateBudgetDialogProps = {
  onClose(): void;
  /** Called with the budget the backend created. */
  onCreated(budget: Budget): void;
};

/**
 * The new-budget dialog. It checks its fields with the schema the backend
 * checks the request with, so that only a request the backend accepts is
 * sent; what the backend still refuses (a scope that has a budget already)
 * is shown in the dialog, which stays open.
 *
 * @internal
 */
export function CreateBudgetDialog(props: CreateBudgetDialogProps) {
  const { onClose, onCreated } = props;
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const form = useBudgetForm(emptyBudgetForm, validateCreateBudget);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const save = async () => {
    const { request } = validateCreateBudget(form.values);
    if (!form.trySubmit() || !request) return;
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await cloudDeploymentsApi.createBudget(request));
    } catch (e) {
      setError(toError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby="new-budget-title"
    >
      <DialogTitle id="new-budget-title">New budget</DialogTitle>
      <DialogContent>
        <BudgetTextField
          label="Owner group"
          placeholder="group:default/ml-team"
          required
          field={form.fieldProps('owner')}
          hint="The group whose deployments the budget covers"
        />
        <BudgetTextField
          label="System"
          placeholder="system:default/fraud-detection"
          field={form.fieldProps('system')}
          hint="Optional: only deployments of this system count"
        />
        <BudgetTextField
          label="Environment"
          placeholder="production"
          field={form.fieldProps('environment')}
          hint="Optional: only deployments in this environment count"
        />
        <BudgetTextField
          label="Amount (USD a month)"
          required
          inputProps={{ inputMode: 'decimal' }}
          field={form.fieldProps('amount')}
        />
        <BudgetTextField
          label="Alert thresholds (%)"
          placeholder={DEFAULT_BUDGET_THRESHOLDS.join(', ')}
          field={form.fieldProps('thresholds')}
          hint={`Percentages of the amount, separated by commas; ${DEFAULT_BUDGET_THRESHOLDS.join(
            ', ',
          )} when left blank`}
        />
        {error && <ResponseErrorPanel error={error} />}
      </DialogContent>
      <BudgetDialogActions
        busy={busy}
        saveLabel="Create"
        onSave={save}
        onClose={onClose}
      />
    </Dialog>
  );
}
