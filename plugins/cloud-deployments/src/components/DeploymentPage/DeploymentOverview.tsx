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
import { useMemo } from 'react';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import {
  Deployment,
  DeploymentWithApproval,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Grid from '@material-ui/core/Grid';
import { DeploymentEventsState } from '../../hooks/useDeploymentEvents';
import { ApprovalPanel } from '../ApprovalPanel';
import { DeploymentCostCard } from '../DeploymentCostCard';
import { DeploymentLog, LogFeedStatus } from '../DeploymentLog';
import { DeploymentOutputs } from '../DeploymentOutputs';
import { deploymentStages, StageProgress } from '../DeploymentStages';
import { DriftCard } from '../DriftCard';
import { DrCard } from '../DrCard';
import { TerraformCard } from './TerraformCard';
import { cardHeading } from '../cardHeading';

/**
 * Props of {@link DeploymentOverview}.
 *
 * @internal
 */
export type DeploymentOverviewProps = {
  deployment: DeploymentWithApproval;
  events: DeploymentEventsState;
  /** Called after an approver decided on the waiting request. */
  onApprovalDecided?(updated: Deployment): void;
  /** Called to load the deployment again, e.g. when a decision was refused. */
  onRefresh?(): void;
};

/**
 * What a deployment is going through and what it gives: the request of it
 * waiting for approval, why it failed, its stages, its live log, its endpoint and outputs, its cost, its
 * disaster recovery, and its Terraform plan and state where it has them.
 *
 * @internal
 */
export function DeploymentOverview(props: DeploymentOverviewProps) {
  const { deployment, events, onApprovalDecided, onRefresh } = props;
  const stages = useMemo(
    () => deploymentStages(deployment, events.events),
    [deployment, events.events],
  );

  return (
    <Grid container spacing={3}>
      {deployment.approval && (
        <Grid item xs={12}>
          <ApprovalPanel
            deployment={deployment}
            approval={deployment.approval}
            onDecided={updated => onApprovalDecided?.(updated)}
            onDismissed={onRefresh}
          />
        </Grid>
      )}
      {deployment.status === 'drifted' && (
        <Grid item xs={12}>
          <DriftCard
            deployment={deployment}
            onDone={updated => onApprovalDecided?.(updated)}
          />
        </Grid>
      )}
      {deployment.status === 'failed' && (
        <Grid item xs={12}>
          <WarningPanel
            severity="error"
            title={`${deployment.name} failed`}
            defaultExpanded
            message={deployment.statusReason ?? 'The provider gave no reason.'}
          />
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <InfoCard titleTypographyProps={cardHeading} title="Progress">
          {events.loading ? <Progress /> : <StageProgress stages={stages} />}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard
          titleTypographyProps={cardHeading}
          title="Log"
          subheader={<LogFeedStatus mode={events.mode} error={events.error} />}
        >
          {events.loading ? (
            <Progress />
          ) : (
            <DeploymentLog
              events={events.events}
              label={`Log of ${deployment.name}`}
            />
          )}
        </InfoCard>
      </Grid>
      {/* Side by side only where the cost breakdown's four columns still
          fit in half the page (1920 px); below that each card is full width. */}
      <Grid item xs={12} xl={6}>
        <InfoCard
          titleTypographyProps={cardHeading}
          title="Endpoint and outputs"
        >
          <DeploymentOutputs deployment={deployment} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} xl={6}>
        <DeploymentCostCard deployment={deployment} />
      </Grid>
      {/* Terraform deployments get a standby from their own configuration. */}
      {deployment.spec.engine !== 'terraform' &&
        deployment.status !== 'destroyed' && (
          <Grid item xs={12}>
            <DrCard deployment={deployment} onSettled={onRefresh} />
          </Grid>
        )}
      <Grid item xs={12}>
        <TerraformCard
          deploymentId={deployment.id}
          engine={deployment.spec.engine}
          events={events.events}
          refreshKey={`${deployment.version}:${deployment.status}`}
        />
      </Grid>
    </Grid>
  );
}
