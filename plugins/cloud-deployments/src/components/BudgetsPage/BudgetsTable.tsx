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
import { useMemo } from 'react';
import {
  SubvalueCell,
  Table,
  TableColumn,
  TableOptions,
} from '@backstage/core-components';
import {
  Budget,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import IconButton from '@material-ui/core/IconButton';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import { formatAge } from '../../utils/formatAge';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { EntityLink } from '../EntityLink';
import { budgetScope } from './budgetScope';
import { BudgetThresholds } from './BudgetThresholds';
import { BudgetUseCell } from './BudgetUseCell';

// Defined once: material-table resets its state when options change identity.
const options: TableOptions<Budget> = {
  paging: false,
  search: false,
  draggable: false,
  padding: 'dense',
};

/**
 * Props of {@link BudgetsTable}.
 *
 * @internal
 */
export type BudgetsTableProps = {
  budgets: Budget[];
  /** Edit and delete buttons, for holders of `cloud.budget.manage` only. */
  manage?: {
    onEdit(budget: Budget): void;
    onDelete(budget: Budget): void;
  };
};

const baseColumns: TableColumn<Budget>[] = [
  {
    title: 'Owner',
    field: 'owner',
    highlight: true,
    render: b => <EntityLink entityRef={b.owner} />,
  },
  {
    title: 'System',
    field: 'system',
    render: b => (b.system ? <EntityLink entityRef={b.system} /> : 'All'),
  },
  {
    title: 'Environment',
    field: 'environment',
    render: b => b.environment ?? 'All',
  },
  {
    title: 'Amount',
    field: 'amount',
    type: 'numeric',
    render: b => `${formatUsd(b.amount)} a month`,
  },
  {
    title: 'Use',
    field: 'use.monthlyCost',
    sorting: false,
    render: b => <BudgetUseCell use={b.use} />,
  },
  {
    title: 'Thresholds',
    field: 'thresholds',
    sorting: false,
    render: b => <BudgetThresholds budget={b} />,
  },
  {
    title: 'Updated',
    field: 'updatedAt',
    render: b => (
      <SubvalueCell
        value={formatAge(b.updatedAt)}
        subvalue={`by ${formatEntityRef(b.updatedBy)}`}
      />
    ),
  },
];

/**
 * The budgets in a table: scope, amount, use and thresholds, and for those
 * who may manage budgets, the buttons to edit or delete each.
 *
 * @internal
 */
export function BudgetsTable(props: BudgetsTableProps) {
  const { budgets, manage } = props;
  const columns = useMemo<TableColumn<Budget>[]>(() => {
    if (!manage) return baseColumns;
    return [
      ...baseColumns,
      {
        title: 'Actions',
        sorting: false,
        render: b => (
          <>
            <IconButton
              size="small"
              aria-label={`Edit budget of ${budgetScope(b)}`}
              onClick={() => manage.onEdit(b)}
            >
              <EditIcon fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              aria-label={`Delete budget of ${budgetScope(b)}`}
              onClick={() => manage.onDelete(b)}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </>
        ),
      },
    ];
  }, [manage]);

  return (
    <Table<Budget>
      title="Budgets"
      options={options}
      columns={columns}
      data={budgets}
    />
  );
}
