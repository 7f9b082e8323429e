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
  LinkButton,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  DEPLOYMENT_STATUSES,
  EstimateTotalKind,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { useSignedInOwner } from '../../hooks/useSignedInOwner';
import { rootRouteRef } from '../../routes';
import { formatMonthlyCost } from '../../utils/formatMonthlyCost';
import { DeploymentLink } from '../DeploymentLink';
import { DeploymentStatusChip } from '../DeploymentStatusChip';

const KIND_PREFIX: Record<EstimateTotalKind, string> = {
  exact: '',
  approximate: '≈ ',
  partial: '≥ ',
  unknown: '',
};

/** Rows shown: a glance, the deployments page has the rest. */
const SHOWN = 8;

// Everything but destroyed: what still exists (or is on its way).
const LIVE = DEPLOYMENT_STATUSES.filter(s => s !== 'destroyed');

const useStyles = makeStyles(
  theme => ({
    table: { tableLayout: 'auto' },
    name: {
      maxWidth: 0,
      width: '100%',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
    nowrap: { whiteSpace: 'nowrap' },
    header: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      justifyContent: 'space-between',
      gap: theme.spacing(1),
      marginBottom: theme.spacing(1),
    },
  }),
  { name: 'CloudDeploymentsMyDeployments' },
);

/**
 * Props of {@link MyDeploymentsContent}.
 *
 * @public
 */
export type MyDeploymentsContentProps = {
  /** Where the Deploy button leads: the software templates, `/create` by default. */
  deployPath?: string;
};

/**
 * The signed-in user's deployments (theirs and their groups'), newest first,
 * with status and monthly cost, what they cost a month together, and a
 * button to deploy something new.
 *
 * @public
 */
export function MyDeploymentsContent(props: MyDeploymentsContentProps) {
  const { deployPath = '/create' } = props;
  const classes = useStyles();
  const api = useApi(cloudDeploymentsApiRef);
  const owner = useSignedInOwner();
  const listLink = useRouteRefIfMounted(rootRouteRef);
  const state = useAsync(async () => {
    if (!owner.value) return undefined;
    const filter = { owner: owner.value.ownerRefs, status: LIVE };
    const [page, summary] = await Promise.all([
      api.listDeployments({ ...filter, limit: SHOWN }),
      api.getDeploymentsSummary(filter),
    ]);
    return { page, summary };
  }, [api, owner.value]);

  const deploy = (
    <LinkButton
      to={deployPath}
      variant="contained"
      color="primary"
      size="small"
      startIcon={<AddIcon />}
    >
      Deploy
    </LinkButton>
  );
  const error = owner.error ?? state.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (owner.loading || state.loading || !state.value) return <Progress />;

  const { page, summary } = state.value;
  if (page.totalCount === 0) {
    return (
      <Box>
        <Typography variant="body2" paragraph>
          You have no deployments yet. Pick a template to deploy a service or a
          model to a cloud; its cost is estimated before anything is made.
        </Typography>
        {deploy}
      </Box>
    );
  }

  const prefix = KIND_PREFIX[summary.totalKind];
  return (
    <Box>
      <Box className={classes.header}>
        <Typography variant="body2">
          {page.totalCount} live ·{' '}
          {summary.totalKind === 'unknown' ? (
            'monthly cost unknown (no prices)'
          ) : (
            <>
              <strong>
                {prefix}
                {formatUsd(summary.monthlyCost)}
              </strong>{' '}
              a month estimated for the {summary.billingCount} billing
            </>
          )}
        </Typography>
        {deploy}
      </Box>
      <Table size="small" aria-label="My deployments" className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Monthly</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {page.items.map(d => (
            <TableRow key={d.id}>
              <TableCell className={classes.name} title={d.name}>
                <DeploymentLink deployment={d} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <DeploymentStatusChip
                  status={d.status}
                  reason={d.statusReason}
                />
              </TableCell>
              <TableCell align="right" className={classes.nowrap}>
                {formatMonthlyCost(d.estimate)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {listLink && page.totalCount > page.items.length && (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          <Link to={listLink()}>
            All {page.totalCount} on the deployments page
          </Link>
        </Typography>
      )}
    </Box>
  );
}
