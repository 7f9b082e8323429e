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
import {
  InfoCard,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudDeploymentUpdatePermission,
  Deployment,
  DeploymentWithApproval,
  DriftField,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { cloudDeploymentsApiRef } from '../../api';
import { cardHeading } from '../cardHeading';

/**
 * Props of {@link DriftCard}.
 *
 * @internal
 */
export type DriftCardProps = {
  deployment: Deployment;
  /** Called with what the backend answered after re-apply or accept. */
  onDone?(updated: DeploymentWithApproval): void;
};

const show = (value: string | number | null) =>
  value === null ? '(none)' : String(value);

const columns: TableColumn<DriftField>[] = [
  { title: 'Field', field: 'field' },
  { title: 'Desired (spec)', render: row => show(row.desired) },
  { title: 'Observed (running)', render: row => show(row.observed) },
];

/**
 * What a drifted deployment runs that differs from its spec, field by field,
 * with the two ways out: put the spec back (re-apply) or take what runs as
 * the spec (accept). Nothing for a deployment that has not drifted.
 *
 * @internal
 */
export function DriftCard(props: DriftCardProps) {
  const { deployment, onDone } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const { allowed, loading } = usePermission({
    permission: cloudDeploymentUpdatePermission,
    resourceRef: deployment.id,
  });
  const [state, run] = useAsyncFn(
    async (action: 'reapply' | 'accept') => {
      const updated =
        action === 'reapply'
          ? await api.reapplyDrift(deployment.id)
          : await api.acceptDrift(deployment.id, deployment.version);
      onDone?.(updated);
      return updated;
    },
    [api, deployment.id, deployment.version, onDone],
  );

  if (deployment.status !== 'drifted' || !deployment.drift) return null;
  const busy = state.loading || loading;
  const denied = !loading && !allowed;
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Configuration drift"
      subheader={`Found ${new Date(
        deployment.drift.detectedAt,
      ).toLocaleString()}: ${deployment.name} runs differently from its spec.`}
    >
      <Table<DriftField>
        title={`Fields of ${deployment.name} that differ from the spec`}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          // Drag handles inside sortable headers nest interactive controls.
          draggable: false,
        }}
        columns={columns}
        data={deployment.drift.fields}
      />
      {state.error && <ResponseErrorPanel error={state.error} />}
      {denied && (
        <Typography variant="body2" color="textSecondary">
          You are not allowed to change this deployment.
        </Typography>
      )}
      <Box display="flex" gridGap={8} mt={2}>
        <Button
          variant="contained"
          color="primary"
          disabled={busy || denied}
          onClick={() => run('reapply')}
        >
          Re-apply the spec
        </Button>
        <Button
          variant="outlined"
          disabled={busy || denied}
          onClick={() => run('accept')}
        >
          Accept what runs
        </Button>
      </Box>
    </InfoCard>
  );
}
