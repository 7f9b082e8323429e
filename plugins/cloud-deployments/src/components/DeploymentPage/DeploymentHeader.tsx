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
import { Header, HeaderLabel } from '@backstage/core-components';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import {
  Deployment,
  DeploymentWithApproval,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { useProviders } from '../../hooks/useProviders';
import { rootRouteRef } from '../../routes';
import {
  DeploymentActions,
  useActionPermissions,
  useRollbackTarget,
} from '../DeploymentActions';
import { breakableId } from '../breakableId';
import { DeploymentStatusChip } from '../DeploymentStatusChip';
import { EditDeploymentButton } from '../EditDeployment';
import { EntityLink } from '../EntityLink';
import { providerTitle, SandboxChip } from '../ProviderLabel';
import { statusLabel } from '../../utils/statusLabel';

const useStyles = makeStyles(
  theme => ({
    // Chips are made for paper, not for the header's banner.
    chips: {
      '& .MuiChip-root': {
        backgroundColor: theme.palette.background.paper,
      },
    },
    // The name breaks after a separator only: its box keeps the width of
    // its longest part, and the labels beside it wrap first.
    name: {
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
    actions: {
      color: theme.page.fontColor,
      '& button:not([aria-disabled])': {
        color: 'inherit',
      },
    },
  }),
  { name: 'CloudDeploymentsDeploymentHeader' },
);

/**
 * Props of {@link DeploymentHeader}.
 *
 * @internal
 */
export type DeploymentHeaderProps = {
  deployment: Deployment;
  /** Called with the deployment an action returned. */
  onActionDone?(updated: DeploymentWithApproval): void;
};

/**
 * The page header of a deployment: its name and title, status (and whether
 * it lives in a sandbox), where it runs, who owns it and what it deploys,
 * and the actions the user may take on it.
 *
 * @internal
 */
export function DeploymentHeader(props: DeploymentHeaderProps) {
  const { deployment, onActionDone } = props;
  const classes = useStyles();
  const deploymentsLink = useRouteRefIfMounted(rootRouteRef);
  const providers = useProviders();
  const permissions = useActionPermissions(deployment.id);
  const rollback = useRollbackTarget(deployment);

  const { spec } = deployment;
  const provider = providers.get(spec.provider);
  return (
    <Header
      title={
        <span className={classes.name}>{breakableId(deployment.name)}</span>
      }
      pageTitleOverride={deployment.title ?? deployment.name}
      subtitle={deployment.title ?? deployment.description}
      type="Deployments"
      typeLink={deploymentsLink?.()}
    >
      <HeaderLabel
        label="Status"
        value={
          <Box
            display="flex"
            alignItems="center"
            gridGap={4}
            component="span"
            className={classes.chips}
            // Changes are announced by the page's live region; this names it.
            role="group"
            aria-label={`Status: ${statusLabel(deployment.status)}`}
          >
            <DeploymentStatusChip
              status={deployment.status}
              reason={deployment.statusReason}
            />
            {(deployment.sandbox || provider?.sandbox) && (
              <SandboxChip onHeader />
            )}
          </Box>
        }
      />
      <HeaderLabel
        label="Provider"
        value={providerTitle(spec.provider, provider)}
      />
      <HeaderLabel label="Region" value={spec.region} />
      <HeaderLabel label="Environment" value={spec.environment} />
      {deployment.resourceName &&
        deployment.resourceName !== deployment.name && (
          // Another environment's deployment had the name first.
          <HeaderLabel label="Cloud name" value={deployment.resourceName} />
        )}
      <HeaderLabel
        label="Owner"
        value={<EntityLink entityRef={spec.owner} color="inherit" />}
      />
      <HeaderLabel
        label="Component"
        value={<EntityLink entityRef={spec.component} color="inherit" />}
      />
      <Grid item className={classes.actions}>
        <Box display="flex" alignItems="center">
          <EditDeploymentButton deployment={deployment} onDone={onActionDone} />
          <DeploymentActions
            deployment={deployment}
            permissions={permissions}
            rollback={rollback}
            onDone={onActionDone}
          />
        </Box>
      </Grid>
    </Header>
  );
}
