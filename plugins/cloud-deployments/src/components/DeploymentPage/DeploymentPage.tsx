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
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useRouteRefParams,
} from '@backstage/frontend-plugin-api';
import { Deployment } from '@internal/backstage-plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { cloudDeploymentsApiRef } from '../../api';
import { useProviders } from '../../hooks/useProviders';
import { deploymentRouteRef, rootRouteRef } from '../../routes';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { formatMonthlyCost } from '../../utils/formatMonthlyCost';
import { DeploymentStatusChip } from '../DeploymentStatusChip';
import { ProviderLabel } from '../ProviderLabel';

/** Outputs as text: structured values would not fit a metadata table. */
function outputsAsText(outputs: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(outputs).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

function DeploymentDetails(props: { deployment: Deployment }) {
  const { deployment: d } = props;
  const providers = useProviders();
  const outputs = outputsAsText(d.outputs);
  return (
    <InfoCard title="Deployment">
      <StructuredMetadataTable
        metadata={{
          status: (
            <Box display="flex" alignItems="center" gridGap={8}>
              <DeploymentStatusChip status={d.status} />
              {d.statusReason && (
                <Typography variant="body2">{d.statusReason}</Typography>
              )}
            </Box>
          ),
          provider: (
            <ProviderLabel
              provider={d.spec.provider}
              info={providers.get(d.spec.provider)}
              sandbox={d.sandbox}
            />
          ),
          region: d.spec.region,
          environment: d.spec.environment,
          endpoint: d.endpoint ? (
            <Link to={d.endpoint}>{d.endpoint}</Link>
          ) : (
            '—'
          ),
          'monthly cost': formatMonthlyCost(d.estimate),
          owner: formatEntityRef(d.spec.owner),
          component: formatEntityRef(d.spec.component),
        }}
      />
      <Typography variant="h6" component="h2">
        Outputs
      </Typography>
      {Object.keys(outputs).length ? (
        <StructuredMetadataTable metadata={outputs} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No outputs yet.
        </Typography>
      )}
    </InfoCard>
  );
}

/**
 * The page of one deployment: its header (name, status, provider, region,
 * endpoint) and outputs. A placeholder until the full page is built.
 *
 * @internal
 */
export function DeploymentPage() {
  const { id } = useRouteRefParams(deploymentRouteRef);
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const deploymentsLink = useRouteRef(rootRouteRef);
  const { value, loading, error } = useAsync(
    () => cloudDeploymentsApi.getDeployment(id),
    [cloudDeploymentsApi, id],
  );

  return (
    <Page themeId="tool">
      <Header
        title={value?.name ?? 'Deployment'}
        subtitle={value?.title}
        type="Deployment"
        typeLink={deploymentsLink?.()}
      >
        {value && (
          <>
            <HeaderLabel label="Status" value={value.status} />
            <HeaderLabel label="Region" value={value.spec.region} />
          </>
        )}
      </Header>
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <DeploymentDetails deployment={value} />}
      </Content>
    </Page>
  );
}
