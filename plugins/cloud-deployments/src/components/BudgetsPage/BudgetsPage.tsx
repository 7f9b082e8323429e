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
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Budget,
  cloudDeploymentBudgetManagePermission,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { rootRouteRef } from '../../routes';
import { BudgetsTable } from './BudgetsTable';
import { CreateBudgetDialog } from './CreateBudgetDialog';
import { DeleteBudgetDialog } from './DeleteBudgetDialog';
import { EditBudgetDialog } from './EditBudgetDialog';

type OpenDialog =
  | { kind: 'create' }
  | { kind: 'edit'; budget: Budget }
  | { kind: 'delete'; budget: Budget };

/**
 * The budgets page: every owner group's monthly budget and how much of it
 * its deployments use. Holders of `cloud.budget.manage` also create, edit
 * and delete budgets here; everyone else only reads.
 *
 * @internal
 */
export function BudgetsPage() {
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const deploymentsLink = useRouteRefIfMounted(rootRouteRef);
  const { allowed: canManage } = usePermission({
    permission: cloudDeploymentBudgetManagePermission,
  });
  const budgets = useAsyncRetry(
    async () => (await cloudDeploymentsApi.listBudgets()).items,
    [cloudDeploymentsApi],
  );
  const [dialog, setDialog] = useState<OpenDialog>();
  const close = () => setDialog(undefined);
  const closeAndReload = () => {
    setDialog(undefined);
    budgets.retry();
  };

  const newBudget = canManage && (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setDialog({ kind: 'create' })}
    >
      New budget
    </Button>
  );

  let body;
  if (budgets.loading && !budgets.value) {
    body = <Progress />;
  } else if (budgets.error) {
    body = <ResponseErrorPanel error={budgets.error} />;
  } else if (!budgets.value?.length) {
    body = (
      <EmptyState
        missing="data"
        title="No budgets yet"
        description={
          canManage
            ? 'Set a monthly budget for an owner group to be told when its deployments are about to cost more.'
            : 'An administrator sets the monthly budgets of owner groups; none has been set.'
        }
        action={newBudget || undefined}
      />
    );
  } else {
    body = (
      <>
        {newBudget && <ContentHeader title="">{newBudget}</ContentHeader>}
        <BudgetsTable
          budgets={budgets.value}
          manage={
            canManage
              ? {
                  onEdit: budget => setDialog({ kind: 'edit', budget }),
                  onDelete: budget => setDialog({ kind: 'delete', budget }),
                }
              : undefined
          }
        />
      </>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Budgets"
        subtitle="Monthly budgets of owner groups, against the estimates of their deployments"
        type="Deployments"
        typeLink={deploymentsLink?.()}
      />
      <Content>
        {body}
        {dialog?.kind === 'create' && (
          <CreateBudgetDialog onClose={close} onCreated={closeAndReload} />
        )}
        {dialog?.kind === 'edit' && (
          <EditBudgetDialog
            budget={dialog.budget}
            onClose={close}
            onSaved={closeAndReload}
            onStale={budgets.retry}
          />
        )}
        {dialog?.kind === 'delete' && (
          <DeleteBudgetDialog
            budget={dialog.budget}
            onClose={close}
            onDeleted={closeAndReload}
          />
        )}
      </Content>
    </Page>
  );
}
