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
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import FiberManualRecordIcon from '@material-ui/icons/FiberManualRecord';
import { DeploymentStatus } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { statusLabel } from '../../utils/statusLabel';

/** The Backstage status colour each deployment status is shown in. */
const statusColor = (theme: Theme): Record<DeploymentStatus, string> => ({
  awaiting_approval: theme.palette.status.warning,
  pending: theme.palette.status.pending,
  provisioning: theme.palette.status.running,
  active: theme.palette.status.ok,
  // Running, but not as specified: a warning, not an error.
  drifted: theme.palette.status.warning,
  updating: theme.palette.status.running,
  stopping: theme.palette.status.running,
  // Resting on purpose: nothing runs, nothing is wrong.
  stopped: theme.palette.status.aborted,
  starting: theme.palette.status.running,
  failed: theme.palette.status.error,
  destroying: theme.palette.status.warning,
  destroyed: theme.palette.status.aborted,
});

const useStyles = makeStyles<Theme, { status: DeploymentStatus }>(
  theme => ({
    chip: {
      borderColor: ({ status }) => statusColor(theme)[status],
    },
    icon: {
      color: ({ status }) => statusColor(theme)[status],
    },
  }),
  { name: 'CloudDeploymentsStatusChip' },
);

/**
 * Props of {@link DeploymentStatusChip}.
 *
 * @internal
 */
export type DeploymentStatusChipProps = {
  status: DeploymentStatus;
  /** Why the deployment is in its status; shown as a tooltip. */
  reason?: string;
};

/**
 * A small label naming a deployment's status, coloured by status.
 *
 * @internal
 */
export function DeploymentStatusChip(props: DeploymentStatusChipProps) {
  const { status, reason } = props;
  const classes = useStyles({ status });
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      label={statusLabel(status)}
      className={classes.chip}
      icon={<FiberManualRecordIcon className={classes.icon} />}
    />
  );
  return reason ? <Tooltip title={reason}>{chip}</Tooltip> : chip;
}
