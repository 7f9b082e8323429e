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
import {
  Budget,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { cloudDeploymentsApiRef } from '../../api';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const keepRef = useRef<HTMLButtonElement>(null);

  // The safe choice takes the focus (see ConfirmActionDialog for why not
  // autoFocus).
  useEffect(() => {
    const timer = setTimeout(() => keepRef.current?.focus());
    return () => clearTimeout(timer);
  }, []);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await cloudDeploymentsApi.deleteBudget(budget.id);
      onDeleted();
    } catch (e) {
      setError(toError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby="delete-budget-title"
      aria-describedby="delete-budget-description"
    >
      <DialogTitle id="delete-budget-title">
        Delete the budget of {budgetScope(budget)}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText id="delete-budget-description">
          Its {formatUsd(budget.amount)} a month and alerts at{' '}
          {budget.thresholds.join(', ')} % go; nothing will warn about this
          scope&apos;s spend until a new budget is set.
        </DialogContentText>
        {error && <ResponseErrorPanel error={error} />}
      </DialogContent>
      <DialogActions>
        <Button ref={keepRef} onClick={onClose} disabled={busy}>
          Keep it
        </Button>
        <Button
          onClick={confirm}
          disabled={busy}
          color="secondary"
          variant="contained"
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
