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
import { Table, TableColumn, WarningPanel } from '@backstage/core-components';
import {
  ConnectionPermission,
  ConnectionTest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';

const STATUS_COLOR: Record<
  ConnectionPermission['status'],
  'primary' | 'secondary' | 'default'
> = { granted: 'primary', missing: 'secondary', unknown: 'default' };

const columns: TableColumn<ConnectionPermission>[] = [
  { title: 'Permission', field: 'name' },
  { title: 'Used for', field: 'purpose' },
  {
    title: 'Status',
    render: p => (
      <Chip size="small" label={p.status} color={STATUS_COLOR[p.status]} />
    ),
  },
  { title: 'Why unknown', render: p => p.reason ?? '' },
];

/**
 * What a connection test found: its verdict, who the portal is, the problems,
 * and every permission with its status, missing ones first.
 *
 * @internal
 */
export function ConnectionTestResult(props: { test: ConnectionTest }) {
  const { test } = props;
  const order = { missing: 0, unknown: 1, granted: 2 };
  const permissions = [...test.permissions].sort(
    (a, b) => order[a.status] - order[b.status],
  );
  const missing = test.permissions.filter(p => p.status === 'missing').length;
  const unknown = test.permissions.filter(p => p.status === 'unknown').length;
  const identity = Object.entries(test.identity);
  return (
    <>
      <Typography
        variant="body1"
        color={test.ok ? 'primary' : 'error'}
        paragraph
      >
        {test.ok
          ? `Connected: every permission the deploy path needs is granted (checked ${test.checkedAt}).`
          : `Not ready: ${[
              missing && `${missing} missing`,
              unknown && `${unknown} unknown`,
              test.problems.length && `${test.problems.length} problem(s)`,
            ]
              .filter(Boolean)
              .join(', ')} (checked ${test.checkedAt}).`}
      </Typography>
      {test.problems.map(problem => (
        <WarningPanel
          key={problem}
          severity="error"
          title="Problem"
          message={problem}
          defaultExpanded
        />
      ))}
      <Typography variant="subtitle2">Identity</Typography>
      {identity.length ? (
        identity.map(([key, value]) => (
          <Typography key={key} variant="body2">
            <strong>{key}</strong> <span>{value}</span>
          </Typography>
        ))
      ) : (
        <Typography variant="body2">Not read</Typography>
      )}
      {permissions.length > 0 && (
        <Table
          title={`Permissions of ${test.provider} in ${test.account}`}
          options={{
            paging: false,
            search: false,
            padding: 'dense',
            // Drag handles inside sortable headers nest interactive controls.
            draggable: false,
          }}
          columns={columns}
          data={permissions}
        />
      )}
    </>
  );
}
