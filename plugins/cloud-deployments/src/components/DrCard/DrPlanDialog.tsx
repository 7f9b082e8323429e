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
  AWS_REGIONS,
  AZURE_REGIONS,
  CLOUD_RUN_REGIONS,
  Deployment,
  DR_MODES,
  DrMode,
  DrPlan,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { cloudDeploymentsApiRef } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { DR_MODE_TEXT } from './drText';

// Kubernetes regions are a cluster's own label: typed, not picked.
const REGIONS: Partial<Record<string, readonly string[]>> = {
  'aws-sagemaker': AWS_REGIONS,
  'azure-container-instances': AZURE_REGIONS,
  'gcp-cloud-run': CLOUD_RUN_REGIONS,
};

/**
 * Props of {@link DrPlanDialog}.
 *
 * @internal
 */
export type DrPlanDialogProps = {
  deployment: Deployment;
  /** The plan to edit; absent: a new one. */
  plan?: DrPlan;
  onClose(): void;
  /** Called with the plan the backend answered. */
  onSaved(plan: DrPlan): void;
};

/**
 * Sets up or edits a deployment's DR plan: the standby's region and account,
 * its mode and the recovery-time objective.
 *
 * @internal
 */
export function DrPlanDialog(props: DrPlanDialogProps) {
  const { deployment, plan, onClose, onSaved } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const regions = REGIONS[deployment.spec.provider];
  const [region, setRegion] = useState(plan?.standbyRegion ?? '');
  const [account, setAccount] = useState(plan?.standbyAccount ?? '');
  const [mode, setMode] = useState<DrMode>(plan?.mode ?? 'pilot-light');
  const [rto, setRto] = useState(
    plan ? String(Math.round(plan.rtoSeconds / 60)) : '15',
  );
  const rtoMinutes = Number(rto);
  const rtoValid =
    Number.isInteger(rtoMinutes) && rtoMinutes >= 1 && rtoMinutes <= 10080;

  return (
    <ConfirmDialog
      id={`dr-plan-${deployment.id}`}
      title={
        plan ? 'Edit the disaster-recovery plan' : 'Set up disaster recovery'
      }
      description={`A standby of ${deployment.name} (in ${deployment.spec.region} now) follows each of its revisions in another region, ready to take over its endpoint.`}
      confirmLabel={plan ? 'Save plan' : 'Set up'}
      dismissLabel="Cancel"
      confirmDisabled={!region.trim() || !rtoValid}
      onConfirm={async () => {
        const trimmed = account.trim();
        onSaved(
          await api.putDrPlan(deployment.id, {
            standbyRegion: region.trim(),
            ...(trimmed ? { standbyAccount: trimmed } : {}),
            mode,
            rtoMinutes,
            ...(plan ? { version: plan.version } : {}),
          }),
        );
      }}
      onClose={onClose}
    >
      <TextField
        id="dr-standby-region"
        label="Standby region"
        fullWidth
        margin="dense"
        variant="outlined"
        required
        select={Boolean(regions)}
        SelectProps={{ native: true }}
        value={region}
        onChange={event => setRegion(event.target.value)}
        helperText="Where the standby runs; not the primary's region."
      >
        {regions && [
          <option key="" value="" disabled />,
          ...regions.map(r => (
            <option key={r} value={r} disabled={r === deployment.spec.region}>
              {r}
            </option>
          )),
        ]}
      </TextField>
      <TextField
        id="dr-standby-account"
        label="Standby account (optional)"
        fullWidth
        margin="dense"
        variant="outlined"
        value={account}
        onChange={event => setAccount(event.target.value)}
        helperText={`Empty: the primary's (${
          deployment.spec.account ?? 'the default'
        }).`}
      />
      <FormControl component="fieldset" margin="dense">
        <FormLabel component="legend">Mode</FormLabel>
        <RadioGroup
          value={mode}
          onChange={event => setMode(event.target.value as DrMode)}
        >
          {DR_MODES.map(m => (
            <FormControlLabel
              key={m}
              value={m}
              control={<Radio />}
              label={`${DR_MODE_TEXT[m].label}: ${DR_MODE_TEXT[m].hint}`}
            />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField
        id="dr-rto"
        label="Recovery-time objective (minutes)"
        type="number"
        fullWidth
        margin="dense"
        variant="outlined"
        required
        inputProps={{ min: 1, max: 10080 }}
        value={rto}
        error={!rtoValid}
        onChange={event => setRto(event.target.value)}
        helperText={
          rtoValid
            ? 'How long a failover may take; each run is measured against it.'
            : 'A whole number of minutes, from 1 to 10080 (7 days).'
        }
      />
    </ConfirmDialog>
  );
}
