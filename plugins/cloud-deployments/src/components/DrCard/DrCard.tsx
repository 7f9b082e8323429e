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
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudDeploymentUpdatePermission,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { cloudDeploymentsApiRef } from '../../api';
import { cardHeading } from '../cardHeading';
import { ConfirmDialog } from '../ConfirmDialog';
import { DR_ACTIONS, DrAction } from './drActions';
import { DR_STATE_LABEL, DR_TASK_STATES } from './drText';
import { DrPlanDialog } from './DrPlanDialog';
import { DrPlanSummary } from './DrPlanSummary';
import { DrRunsTable } from './DrRunsTable';
import { useDrPlan } from './useDrPlan';

/**
 * Props of {@link DrCard}.
 *
 * @internal
 */
export type DrCardProps = {
  deployment: Deployment;
  /** Called when a DR task settles, e.g. to read the deployment's new endpoint. */
  onSettled?(): void;
  /** How often the plan is read while a DR task runs. */
  pollIntervalMs?: number;
};

/**
 * A deployment's disaster recovery: a way to set up a standby in another
 * region, or the plan with its standby's state and cost, its drills and
 * runs, and the failover, failback and drill that act on it.
 *
 * @internal
 */
export function DrCard(props: DrCardProps) {
  const { deployment, onSettled, pollIntervalMs } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const { plan, loading, error, update } = useDrPlan(
    deployment.id,
    pollIntervalMs,
  );
  const permission = usePermission({
    permission: cloudDeploymentUpdatePermission,
    resourceRef: deployment.id,
  });
  const denied = !permission.loading && !permission.allowed;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<DrAction>();

  const running = Boolean(plan && DR_TASK_STATES.has(plan.standbyState));
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) onSettled?.();
    wasRunning.current = running;
  }, [running, onSettled]);

  const disabled = permission.loading || denied || running;
  let body;
  if (loading) {
    body = <Progress />;
  } else if (!plan) {
    body = error ? (
      <ResponseErrorPanel error={error} />
    ) : (
      <>
        <Typography variant="body2" paragraph>
          {deployment.name} has no disaster-recovery plan. A plan keeps a
          standby in another region that follows each revision and can take over
          the endpoint: a pilot light runs nothing until needed, a warm standby
          runs at minimum capacity to recover faster.
        </Typography>
        <Button
          variant="contained"
          color="primary"
          disabled={permission.loading || denied}
          onClick={() => setEditing(true)}
        >
          Set up disaster recovery
        </Button>
      </>
    );
  } else {
    body = (
      <>
        {running && (
          <Box mb={2}>
            <Typography variant="body2">
              {DR_STATE_LABEL[plan.standbyState]}: the standby in{' '}
              {plan.standbyRegion} is being worked on; this card follows it.
            </Typography>
            <LinearProgress aria-label="DR task in progress" />
          </Box>
        )}
        {plan.activeSide === 'standby' && (
          <Typography variant="body2" color="error" paragraph>
            The standby serves {deployment.name}: changes to it are refused
            until you fail back.
          </Typography>
        )}
        {error && (
          <Typography variant="body2" color="error" paragraph>
            Could not read the plan again: {error.message}
          </Typography>
        )}
        <DrPlanSummary plan={plan} />
        <Box display="flex" flexWrap="wrap" gridGap={8} mt={2} mb={2}>
          {DR_ACTIONS.filter(action => action.shown(plan)).map(action => (
            <Button
              key={action.id}
              variant={action.id === 'drill' ? 'contained' : 'outlined'}
              color={action.id === 'drill' ? 'primary' : 'default'}
              disabled={disabled}
              onClick={() => setConfirming(action)}
            >
              {action.label}
            </Button>
          ))}
          {plan.activeSide === 'primary' && (
            <Button
              variant="outlined"
              disabled={disabled}
              onClick={() => setEditing(true)}
            >
              Edit plan
            </Button>
          )}
        </Box>
        {plan.runs.length > 0 && <DrRunsTable runs={plan.runs} />}
      </>
    );
  }

  return (
    <InfoCard titleTypographyProps={cardHeading} title="Disaster recovery">
      {body}
      {denied && (
        <Typography variant="body2" color="textSecondary">
          You are not allowed to change this deployment&apos;s disaster
          recovery.
        </Typography>
      )}
      {editing && (
        <DrPlanDialog
          deployment={deployment}
          plan={plan}
          onClose={() => setEditing(false)}
          onSaved={saved => {
            setEditing(false);
            update(saved);
          }}
        />
      )}
      {confirming && plan && (
        <ConfirmDialog
          id={`dr-${confirming.id}-${deployment.id}`}
          title={`${confirming.label}: ${deployment.name}?`}
          description={confirming.consequence(plan, deployment)}
          confirmLabel={confirming.label}
          dismissLabel="Cancel"
          destructive={confirming.destructive}
          onConfirm={async () => {
            const answered = await confirming.run(
              api,
              deployment.id,
              plan.version,
            );
            setConfirming(undefined);
            update(answered);
          }}
          onClose={() => setConfirming(undefined)}
        />
      )}
    </InfoCard>
  );
}
