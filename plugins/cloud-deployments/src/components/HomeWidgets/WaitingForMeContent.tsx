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
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ReactNode } from 'react';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { useSignedInOwner } from '../../hooks/useSignedInOwner';
import { rootRouteRef } from '../../routes';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { DeploymentLink } from '../DeploymentLink';
import { EXPIRING_SOON_VIEW } from '../DeploymentsTable/views';
import { loadWaitingForMe } from './loadWaitingForMe';

function Section(props: {
  title: string;
  empty: string;
  /** How many there are, when more than the ones listed. */
  count?: number;
  children: ReactNode[];
}) {
  const { title, empty, count, children } = props;
  return (
    <Box mb={1}>
      <Typography variant="subtitle2" component="h3">
        {title} ({count ?? children.length})
      </Typography>
      {children.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {empty}
        </Typography>
      ) : (
        <List dense disablePadding>
          {children}
        </List>
      )}
    </Box>
  );
}

function driftText(deployment: Deployment): string {
  const fields = deployment.drift?.fields.length;
  if (!fields) return 'It no longer matches its spec';
  return fields === 1
    ? '1 field differs from the spec'
    : `${fields} fields differ from the spec`;
}

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

/**
 * What waits for the signed-in user: requests they may approve or reject,
 * their drifted deployments, and their TTLs ending within a week; each
 * links to the deployment's page, where it is dealt with.
 *
 * @public
 */
export function WaitingForMeContent() {
  const api = useApi(cloudDeploymentsApiRef);
  const permissionApi = useApi(permissionApiRef);
  const owner = useSignedInOwner();
  const listLink = useRouteRefIfMounted(rootRouteRef);
  const state = useAsync(async () => {
    if (!owner.value) return undefined;
    return loadWaitingForMe({ api, permissionApi, owner: owner.value });
  }, [api, permissionApi, owner.value]);

  const error = owner.error ?? state.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (owner.loading || state.loading || !state.value) return <Progress />;
  const { approvals, drifted, expiring } = state.value;

  return (
    <Box>
      <Section title="Approvals you can decide" empty="None waiting.">
        {approvals.map(({ deployment, approval }) => (
          <ListItem key={approval.id} disableGutters>
            <ListItemText
              primary={<DeploymentLink deployment={deployment} />}
              secondary={`The ${
                approval.operation
              }, requested by ${formatEntityRef(approval.requestedBy)}`}
            />
          </ListItem>
        ))}
      </Section>
      <Section title="Drifted" empty="None of yours has drifted.">
        {drifted.map(d => (
          <ListItem key={d.id} disableGutters>
            <ListItemText
              primary={<DeploymentLink deployment={d} />}
              secondary={driftText(d)}
            />
          </ListItem>
        ))}
      </Section>
      <Section
        title="TTL ending within a week"
        empty="None of yours."
        count={expiring.totalCount}
      >
        {expiring.items.map(d => (
          <ListItem key={d.id} disableGutters>
            <ListItemText
              primary={<DeploymentLink deployment={d} />}
              secondary={
                d.expiresAt ? `Destroyed ${when(d.expiresAt)}` : undefined
              }
            />
          </ListItem>
        ))}
      </Section>
      {listLink && expiring.totalCount > 0 && (
        <Typography variant="body2">
          <Link to={`${listLink()}?${EXPIRING_SOON_VIEW.query}`}>
            Expiring soon on the deployments page
          </Link>
        </Typography>
      )}
    </Box>
  );
}
