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
import { ReactNode } from 'react';
import { DrPlan } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  DR_MODE_TEXT,
  DR_STATE_LABEL,
  describeDrCost,
  describeRun,
  formatSeconds,
} from './drText';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Typography variant="caption" color="textSecondary" component="p">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

function Cost(props: { estimate: DrPlan['standbyEstimate'] }) {
  const { amount, notes } = describeDrCost(props.estimate);
  return (
    <>
      {amount}
      {notes.map(note => (
        <Typography
          key={note}
          variant="caption"
          color="textSecondary"
          component="p"
        >
          {note}
        </Typography>
      ))}
    </>
  );
}

/**
 * What a DR plan is and where its standby stands: mode, region, objective,
 * which side serves, the standby's state and costs, and the last drill.
 *
 * @internal
 */
export function DrPlanSummary(props: { plan: DrPlan }) {
  const { plan } = props;
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      label={DR_STATE_LABEL[plan.standbyState]}
    />
  );
  return (
    <Grid container spacing={2}>
      <Fact label="Mode">{DR_MODE_TEXT[plan.mode].label}</Fact>
      <Fact label="Standby">
        {plan.standbyRegion}
        {plan.standbyAccount ? ` (account ${plan.standbyAccount})` : ''}
      </Fact>
      <Fact label="Recovery-time objective">
        {formatSeconds(plan.rtoSeconds)}
      </Fact>
      <Fact label="Serving">
        {plan.activeSide === 'standby'
          ? `The standby, in ${plan.standbyRegion}`
          : 'The primary'}
      </Fact>
      <Fact label="Standby state">
        {plan.statusReason ? (
          <Tooltip title={plan.statusReason}>{chip}</Tooltip>
        ) : (
          chip
        )}
        {plan.standbyState === 'failed' && plan.statusReason && (
          <Typography variant="caption" color="error" component="p">
            {plan.statusReason}
          </Typography>
        )}
      </Fact>
      <Fact label="Standby endpoint">{plan.standbyEndpoint ?? 'none yet'}</Fact>
      <Fact label="Standby cost while waiting">
        <Cost estimate={plan.standbyEstimate} />
      </Fact>
      <Fact label="Cost while it serves">
        <Cost estimate={plan.failoverEstimate} />
      </Fact>
      <Fact label="Last drill">
        {plan.lastDrill
          ? `${new Date(
              plan.lastDrill.startedAt,
            ).toLocaleString()}: ${describeRun(plan.lastDrill)}`
          : 'Never tested'}
      </Fact>
    </Grid>
  );
}
