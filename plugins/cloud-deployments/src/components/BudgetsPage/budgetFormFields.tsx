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
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import DialogActions from '@material-ui/core/DialogActions';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import { BudgetFormErrors, BudgetFormValues } from './budgetForm';

/**
 * The state of a budget form: its values, what is wrong with them, and which
 * errors to show — a field's once it has been left, all once a save was
 * tried.
 *
 * @internal
 */
export function useBudgetForm(
  initial: BudgetFormValues,
  validate: (values: BudgetFormValues) => { errors?: BudgetFormErrors },
) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Set<keyof BudgetFormValues>>(
    new Set(),
  );
  const [submitted, setSubmitted] = useState(false);
  const errors = validate(values).errors ?? {};

  const fieldProps = (
    field: keyof BudgetFormValues,
  ): Partial<TextFieldProps> => {
    const shown = submitted || touched.has(field) ? errors[field] : undefined;
    return {
      id: `budget-${field}`,
      value: values[field],
      error: Boolean(shown),
      helperText: shown,
      onChange: event =>
        setValues(current => ({ ...current, [field]: event.target.value })),
      onBlur: () => setTouched(current => new Set(current).add(field)),
    };
  };

  return {
    values,
    reset: (next: BudgetFormValues) => {
      setValues(next);
      setTouched(new Set());
      setSubmitted(false);
    },
    /** Shows every error; true when there are none. */
    trySubmit: () => {
      setSubmitted(true);
      return Object.keys(errors).length === 0;
    },
    fieldProps,
  };
}

/**
 * A text field of a budget form, with the helper text given unless it shows
 * an error.
 *
 * @internal
 */
export function BudgetTextField(
  props: TextFieldProps & { field: Partial<TextFieldProps>; hint?: string },
) {
  const { field, hint, ...rest } = props;
  return (
    <TextField
      fullWidth
      margin="dense"
      variant="outlined"
      {...rest}
      {...field}
      helperText={field.helperText ?? hint}
    />
  );
}

/**
 * A budget dialog's buttons: Cancel, and the save under its own label, both
 * held while the request runs.
 *
 * @internal
 */
export function BudgetDialogActions(props: {
  busy: boolean;
  saveLabel: string;
  onSave(): void;
  onClose(): void;
}) {
  const { busy, saveLabel, onSave, onClose } = props;
  return (
    <DialogActions>
      <Button onClick={onClose} disabled={busy}>
        Cancel
      </Button>
      <Button
        onClick={onSave}
        disabled={busy}
        color="primary"
        variant="contained"
        startIcon={busy ? <CircularProgress size={16} /> : undefined}
      >
        {saveLabel}
      </Button>
    </DialogActions>
  );
}
