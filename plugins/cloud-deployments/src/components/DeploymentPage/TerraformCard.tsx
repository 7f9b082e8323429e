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
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  DeploymentEngine,
  DeploymentEvent,
  TerraformPlanSummary,
  TerraformStateVersion,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { cloudDeploymentsApiRef } from '../../api';
import { formatAge } from '../../utils/formatAge';
import { formatUsd } from '../../utils/formatMonthlyCost';
import { cardHeading } from '../cardHeading';

/**
 * Props of {@link TerraformCard}.
 *
 * @internal
 */
export type TerraformCardProps = {
  deploymentId: string;
  engine: DeploymentEngine;
  /** The deployment's log; the latest plan summary is read from it. */
  events: DeploymentEvent[];
  /** Reloads the state history when it changes, e.g. the deployment's version. */
  refreshKey?: unknown;
};

/** The latest plan summary the engine logged, if any. */
export function latestPlan(
  events: DeploymentEvent[],
): { plan: TerraformPlanSummary; at: string } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const plan = events[i].data?.terraformPlan as
      | TerraformPlanSummary
      | undefined;
    if (plan && plan.changes) return { plan, at: events[i].createdAt };
  }
  return undefined;
}

const versionColumns: TableColumn<TerraformStateVersion>[] = [
  { title: 'Version', field: 'version', width: '10%' },
  { title: 'Serial', field: 'serial', width: '10%' },
  {
    title: 'Written',
    render: v => <span title={v.createdAt}>{formatAge(v.createdAt)}</span>,
  },
  { title: 'By', field: 'createdBy' },
  {
    title: 'Run',
    render: v =>
      v.rolledBackFrom
        ? `rollback to version ${v.rolledBackFrom}`
        : v.lock?.Operation?.replace(/^OperationType/, '').toLowerCase() ?? '—',
  },
  {
    title: 'Size',
    render: v =>
      `${(v.size / 1024).toFixed(1)} KiB${v.encrypted ? ', encrypted' : ''}`,
  },
];

function PlanSummary(props: { plan: TerraformPlanSummary; at: string }) {
  const { plan, at } = props;
  const { add, change, destroy } = plan.changes;
  const delta = plan.monthlyDelta;
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="h3">
        Last plan ({formatAge(at)})
      </Typography>
      <Typography variant="body2">
        {add} to add, {change} to change, {destroy} to destroy · monthly cost{' '}
        {formatUsd(plan.monthlyBefore)} → {formatUsd(plan.monthlyAfter)} (
        {delta >= 0 ? '+' : '−'}
        {formatUsd(Math.abs(delta))})
      </Typography>
      {plan.resources.length > 0 && (
        <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {plan.resources.map(r => (
            <Chip
              key={r.address}
              size="small"
              variant="outlined"
              label={`${r.action} ${r.address}`}
            />
          ))}
        </Box>
      )}
      {plan.unpriced.length > 0 && (
        <Box mt={1}>
          <WarningPanel
            severity="warning"
            title={`Not priced: ${plan.unpriced.join(', ')}`}
            message="The cost change leaves them out."
          />
        </Box>
      )}
    </Box>
  );
}

/**
 * The Terraform side of a deployment with the `terraform` engine: the last
 * plan (changes and cost), the workspace's lock, and its state history.
 * State itself is never shown: it can hold secrets.
 *
 * @internal
 */
export function TerraformCard(props: TerraformCardProps) {
  const { deploymentId, engine, events, refreshKey } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const plan = useMemo(() => latestPlan(events), [events]);
  const state = useAsyncRetry(
    async () =>
      engine === 'terraform'
        ? api.getTerraformState(deploymentId, { limit: 10 })
        : undefined,
    [api, deploymentId, engine, refreshKey],
  );

  if (engine !== 'terraform') {
    return (
      <InfoCard
        titleTypographyProps={cardHeading}
        title="Terraform plan and state"
      >
        <Typography variant="body2" color="textSecondary">
          Not provisioned through Terraform: this deployment uses the{' '}
          <code>{engine}</code> engine, so it has no Terraform plan or state
          history.
        </Typography>
      </InfoCard>
    );
  }

  const lock = state.value?.workspace.lock;
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Terraform plan and state"
      subheader={
        state.value
          ? `Workspace ${state.value.workspace.name}${
              lock
                ? ` · locked by ${lock.info.Who ?? lock.info.ID} (${
                    lock.info.Operation?.replace(/^OperationType/, '') ?? 'run'
                  }), ${formatAge(lock.lockedAt)}`
                : ' · unlocked'
            }`
          : undefined
      }
    >
      {plan ? (
        <PlanSummary plan={plan.plan} at={plan.at} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No plan yet: the first run plans before it applies.
        </Typography>
      )}
      {state.loading && !state.value && <Progress />}
      {state.error && <ResponseErrorPanel error={state.error} />}
      {!state.loading && !state.error && !state.value && (
        <Typography variant="body2" color="textSecondary">
          No state yet.
        </Typography>
      )}
      {state.value && (
        <Table<TerraformStateVersion>
          title="State history"
          options={{
            paging: false,
            search: false,
            padding: 'dense',
            toolbar: true,
            // Drag handles inside sortable headers nest interactive controls.
            draggable: false,
          }}
          columns={versionColumns}
          data={state.value.versions}
          emptyContent={
            <Box p={2}>
              <Typography variant="body2">No state written yet.</Typography>
            </Box>
          }
        />
      )}
    </InfoCard>
  );
}
