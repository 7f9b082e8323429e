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
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudDeploymentProviderTestPermission,
  ProviderInfo,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { cloudDeploymentsApiRef } from '../../api';
import { ConnectionTestResult } from './ConnectionTestResult';

/** One account of a provider, with its "Test connection" button and result. */
function AccountConnection(props: {
  provider: string;
  account: string;
  canTest: boolean;
}) {
  const api = useApi(cloudDeploymentsApiRef);
  const { provider, account, canTest } = props;
  const [test, run] = useAsyncFn(
    () => api.testProviderConnection(provider, account),
    [api, provider, account],
  );
  return (
    <Box mb={2}>
      <Box display="flex" alignItems="center" mb={1}>
        <Typography variant="subtitle1" style={{ flexGrow: 1 }}>
          {account}
        </Typography>
        <Button
          variant="outlined"
          color="primary"
          disabled={!canTest || test.loading}
          onClick={() => run()}
          aria-label={`Test connection of ${account}`}
        >
          Test connection
        </Button>
      </Box>
      {test.loading && <Progress />}
      {test.error && <ResponseErrorPanel error={test.error} />}
      {test.value && <ConnectionTestResult test={test.value} />}
    </Box>
  );
}

function ProviderCard(props: { provider: ProviderInfo; canTest: boolean }) {
  const { provider, canTest } = props;
  return (
    <InfoCard
      title={provider.title}
      subheader={provider.id}
      action={provider.sandbox ? <Chip label="Sandbox" /> : undefined}
    >
      {provider.accounts === undefined ? (
        <Typography variant="body2">
          This provider cannot test its connection.
        </Typography>
      ) : (
        provider.accounts.map(account => (
          <AccountConnection
            key={account}
            provider={provider.id}
            account={account}
            canTest={canTest}
          />
        ))
      )}
    </InfoCard>
  );
}

/**
 * The providers page: each installed deployment target, whether it is a
 * sandbox, and its accounts, each with a connection test (for holders of
 * `cloud.provider.test`).
 *
 * @internal
 */
export function ProvidersPage() {
  const api = useApi(cloudDeploymentsApiRef);
  const { allowed: canTest } = usePermission({
    permission: cloudDeploymentProviderTestPermission,
  });
  const providers = useAsync(() => api.listProviders(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="Providers"
        subtitle="Where the portal deploys, and whether it may"
      />
      <Content>
        {providers.loading && <Progress />}
        {providers.error && <ResponseErrorPanel error={providers.error} />}
        {providers.value?.length === 0 && (
          <Typography>No provider is installed in this portal.</Typography>
        )}
        {!canTest && providers.value?.length ? (
          <Typography variant="body2" paragraph>
            Testing a connection needs the permission{' '}
            {cloudDeploymentProviderTestPermission.name}.
          </Typography>
        ) : null}
        <Grid container spacing={3}>
          {providers.value?.map(provider => (
            <Grid item xs={12} key={provider.id}>
              <ProviderCard provider={provider} canTest={canTest} />
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
