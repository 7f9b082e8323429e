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
import { Content, Header, LinkButton, Page } from '@backstage/core-components';
import MoneyIcon from '@material-ui/icons/AttachMoney';
import CloudIcon from '@material-ui/icons/Cloud';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { budgetsRouteRef, providersRouteRef } from '../../routes';
import { DeploymentsTable } from '../DeploymentsTable';

/**
 * The deployments page: every deployment the backend knows, newest first,
 * and links to the budgets they are measured against and to the providers
 * they are deployed by.
 *
 * @internal
 */
export function DeploymentsPage() {
  const budgetsLink = useRouteRefIfMounted(budgetsRouteRef);
  const providersLink = useRouteRefIfMounted(providersRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Deployments"
        subtitle="Models and services deployed to the cloud"
      >
        {budgetsLink && (
          <LinkButton
            to={budgetsLink()}
            color="inherit"
            variant="outlined"
            startIcon={<MoneyIcon />}
          >
            Budgets
          </LinkButton>
        )}
        {providersLink && (
          <LinkButton
            to={providersLink()}
            color="inherit"
            variant="outlined"
            startIcon={<CloudIcon />}
          >
            Providers
          </LinkButton>
        )}
      </Header>
      <Content>
        <DeploymentsTable />
      </Content>
    </Page>
  );
}
