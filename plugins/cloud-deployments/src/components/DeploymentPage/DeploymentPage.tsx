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
import { useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  HeaderTabs,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRefParams } from '@backstage/core-plugin-api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { ResponseError } from '@backstage/errors';
import {
  Deployment,
  DeploymentWithApproval,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { useDeployment } from '../../hooks/useDeployment';
import { useDeploymentEvents } from '../../hooks/useDeploymentEvents';
import { deploymentRouteRef, rootRouteRef } from '../../routes';
import { ApprovalHistory } from '../ApprovalHistory';
import { DeploymentEventsTable } from '../DeploymentEventsTable';
import { RevisionHistory } from '../RevisionHistory';
import Box from '@material-ui/core/Box';
import { DeploymentCostHistory } from '../CostHistory';
import { RecommendationsCard } from '../Recommendations';
import { DeploymentHeader } from './DeploymentHeader';
import { DeploymentOverview } from './DeploymentOverview';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'events', label: 'Events' },
  { id: 'approvals', label: 'Approvals' },
  { id: 'revisions', label: 'Revisions' },
  { id: 'costs', label: 'Costs' },
] as const;

type TabId = (typeof TABS)[number]['id'];

const statusOf = (error: Error) => (error as Partial<ResponseError>).statusCode;

// The id is the only input of the request: a 400 says it cannot name any
// deployment, which to the reader is the same as naming none.
const isNotFound = (error: Error) =>
  statusOf(error) === 404 ||
  statusOf(error) === 400 ||
  error.name === 'NotFoundError';

function NotFound(props: { id: string; malformed: boolean }) {
  const deploymentsLink = useRouteRefIfMounted(rootRouteRef);
  return (
    <EmptyState
      missing="data"
      title="No such deployment"
      description={
        props.malformed
          ? `"${props.id}" is not a deployment id (ids look like 3f2b8c1e-9a4d-4c1b-8f0e-2d6a7b5c4e1f), so the link is wrong.`
          : `There is no deployment with id ${props.id}. It may have been removed, or the link is wrong.`
      }
      action={
        deploymentsLink && (
          <LinkButton
            to={deploymentsLink()}
            variant="contained"
            color="primary"
          >
            All deployments
          </LinkButton>
        )
      }
    />
  );
}

/** The page of a loaded deployment, following its events. */
function LoadedDeploymentPage(props: {
  deployment: DeploymentWithApproval;
  refresh(): void;
  update(deployment: DeploymentWithApproval): void;
}) {
  const { deployment, refresh, update } = props;
  const [tab, setTab] = useState<TabId>('overview');
  const events = useDeploymentEvents(deployment.id, {
    live: deployment.status !== 'destroyed',
    since: deployment.updatedAt,
    onChange: refresh,
  });

  return (
    <Page themeId="tool">
      <DeploymentHeader deployment={deployment} onActionDone={update} />
      <HeaderTabs
        tabs={TABS.map(t => ({
          id: t.id,
          label: t.label,
          tabProps: {
            id: `deployment-tab-${t.id}`,
            'aria-controls': `deployment-tabpanel-${t.id}`,
          },
        }))}
        selectedIndex={TABS.findIndex(t => t.id === tab)}
        onChange={index => setTab(TABS[index].id)}
      />
      <Content>
        <div
          role="tabpanel"
          id={`deployment-tabpanel-${tab}`}
          aria-labelledby={`deployment-tab-${tab}`}
        >
          {tab === 'overview' && (
            <DeploymentOverview
              deployment={deployment}
              events={events}
              onApprovalDecided={(updated: Deployment) => {
                update(updated);
                refresh();
              }}
              onRefresh={refresh}
            />
          )}
          {tab === 'events' && (
            <DeploymentEventsTable
              events={events.events}
              loading={events.loading}
            />
          )}
          {tab === 'approvals' && (
            <ApprovalHistory
              deploymentId={deployment.id}
              refreshKey={`${deployment.version}:${deployment.status}:${
                deployment.approval?.id ?? ''
              }`}
            />
          )}
          {tab === 'revisions' && (
            <RevisionHistory
              deployment={deployment}
              refreshKey={`${deployment.version}:${deployment.status}`}
              onRolledBack={updated => {
                update(updated);
                refresh();
              }}
            />
          )}
          {tab === 'costs' && (
            <>
              <DeploymentCostHistory deployment={deployment} />
              <Box mt={3}>
                <RecommendationsCard deploymentId={deployment.id} />
              </Box>
            </>
          )}
        </div>
      </Content>
    </Page>
  );
}

/** The page of the deployment with this id; rendered anew for each id. */
function DeploymentPageForId(props: { id: string }) {
  const { id } = props;
  const { deployment, loading, error, refresh, update } = useDeployment(id);
  const deploymentsLink = useRouteRefIfMounted(rootRouteRef);

  if (deployment) {
    return (
      <LoadedDeploymentPage
        deployment={deployment}
        refresh={refresh}
        update={update}
      />
    );
  }

  let content = <Progress />;
  if (!loading && error) {
    content = isNotFound(error) ? (
      <NotFound id={id} malformed={statusOf(error) === 400} />
    ) : (
      <ResponseErrorPanel error={error} />
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Deployment"
        type="Deployments"
        typeLink={deploymentsLink?.()}
      />
      <Content>{content}</Content>
    </Page>
  );
}

/**
 * The page of one deployment, live: its header with status and actions, the
 * stages of what it is going through, its log as it is written, its
 * endpoint, outputs and cost, and all its events.
 *
 * @internal
 */
export function DeploymentPage() {
  const { id } = useRouteRefParams(deploymentRouteRef);
  return <DeploymentPageForId key={id} id={id} />;
}
