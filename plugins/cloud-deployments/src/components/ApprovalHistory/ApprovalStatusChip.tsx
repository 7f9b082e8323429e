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
import { ApprovalStatus } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import FiberManualRecordIcon from '@material-ui/icons/FiberManualRecord';
import { statusLabel } from '../../utils/statusLabel';

/** The Backstage status colour each request status is shown in. */
const statusColor = (theme: Theme): Record<ApprovalStatus, string> => ({
  awaiting_approval: theme.palette.status.warning,
  approved: theme.palette.status.ok,
  rejected: theme.palette.status.error,
  void: theme.palette.status.aborted,
});

const useStyles = makeStyles<Theme, { status: ApprovalStatus }>(
  theme => ({
    chip: {
      borderColor: ({ status }) => statusColor(theme)[status],
    },
    icon: {
      color: ({ status }) => statusColor(theme)[status],
    },
  }),
  { name: 'CloudDeploymentsApprovalStatusChip' },
);

/**
 * A small label naming where an approval request stands, coloured by it.
 *
 * @internal
 */
export function ApprovalStatusChip(props: { status: ApprovalStatus }) {
  const { status } = props;
  const classes = useStyles({ status });
  return (
    <Chip
      size="small"
      variant="outlined"
      label={statusLabel(status)}
      className={classes.chip}
      icon={<FiberManualRecordIcon className={classes.icon} />}
    />
  );
}
