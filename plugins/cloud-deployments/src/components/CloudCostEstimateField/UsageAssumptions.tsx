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
import {
  CostEstimate,
  DeploymentProvider,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ChosenUsage,
  parseUsageInput,
  UsageField,
  usageFieldsFor,
  usageInputText,
} from './usageFields';

export type UsageAssumptionsProps = {
  provider: DeploymentProvider;
  /** The latest estimate's assumptions: the values used, and which are defaults. */
  assumptions?: CostEstimate['assumptions'];
  /** What the user chose so far. */
  chosen: ChosenUsage;
  /** Called with valid choices only: an out-of-range value is never sent. */
  onChange: (chosen: ChosenUsage) => void;
  /** Called with whether some input holds a value the API would refuse. */
  onInvalid: (invalid: boolean) => void;
  /** Values the form sets elsewhere (e.g. compute.concurrency): shown, not editable here. */
  fromForm?: Partial<Record<keyof ChosenUsage, unknown>>;
  /** Prefix of the inputs' ids. */
  idPrefix: string;
};

/** Which assumptions the estimate did not get from the request. */
function defaultKeys(assumptions?: CostEstimate['assumptions']): Set<string> {
  const defaults = assumptions?.defaults;
  return new Set(
    typeof defaults === 'string'
      ? defaults
          .split(',')
          .map(d => d.trim())
          .filter(Boolean)
      : [],
  );
}

/**
 * The usage an estimate assumes, editable: each input shows the value used,
 * says when it is the default, and refuses (inline) what the API would.
 */
export function UsageAssumptions(props: UsageAssumptionsProps) {
  const { provider, assumptions, chosen, onChange, onInvalid } = props;
  const { fromForm, idPrefix } = props;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const defaults = defaultKeys(assumptions);
  const headingId = `${idPrefix}-usage`;

  const edit = (field: UsageField, text: string) => {
    setDrafts(current => ({ ...current, [field.key]: text }));
    const parsed = parseUsageInput(field, text);
    const { [field.key]: _, ...otherErrors } = errors;
    if ('error' in parsed) {
      setErrors({ ...otherErrors, [field.key]: parsed.error });
      onInvalid(true);
      return;
    }
    setErrors(otherErrors);
    onInvalid(Object.keys(otherErrors).length > 0);
    const { [field.key]: __, ...others } = chosen;
    onChange(
      parsed.value === undefined
        ? others
        : { ...others, [field.key]: parsed.value },
    );
  };

  const helperText = (field: UsageField): string => {
    if (errors[field.key]) return errors[field.key];
    if (fromForm?.[field.key] !== undefined) return 'set in the form above';
    const assumption = field.assumption ?? field.key;
    const used = assumptions?.[assumption];
    if (defaults.has(assumption) && used !== undefined) {
      return field.describeDefault(used);
    }
    if (chosen[field.key] !== undefined) return 'your value';
    return '';
  };

  const shown = (field: UsageField): string => {
    const draft = drafts[field.key];
    if (draft !== undefined) return draft;
    const value =
      fromForm?.[field.key] ??
      chosen[field.key] ??
      assumptions?.[field.assumption ?? field.key];
    return usageInputText(field, value);
  };

  return (
    <Box component="section" aria-labelledby={headingId} mt={2}>
      <Typography id={headingId} variant="subtitle1" component="h4">
        Usage assumptions
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        The estimate assumes this usage; change it to match yours. Clear an
        input to go back to its default.
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        {usageFieldsFor(provider).map(field => (
          <TextField
            key={field.key}
            id={`${idPrefix}-usage-${field.key}`}
            label={field.label}
            value={shown(field)}
            select={Boolean(field.options)}
            type={field.options ? undefined : 'number'}
            disabled={fromForm?.[field.key] !== undefined}
            error={Boolean(errors[field.key])}
            helperText={helperText(field) || ' '}
            // A field set in the form above is disabled, but the note that
            // says so must stay readable, not in the disabled grey.
            FormHelperTextProps={{ disabled: false }}
            onChange={event => edit(field, event.target.value)}
            inputProps={{ inputMode: field.options ? undefined : 'decimal' }}
          >
            {field.options?.map(option => (
              <MenuItem key={option.value} value={option.value}>
                {option.label}
              </MenuItem>
            ))}
          </TextField>
        ))}
      </Box>
    </Box>
  );
}
