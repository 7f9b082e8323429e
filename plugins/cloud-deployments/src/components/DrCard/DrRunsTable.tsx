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
import { Table, TableColumn } from '@backstage/core-components';
import { DrRun } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { describeRun } from './drText';

const columns: TableColumn<DrRun>[] = [
  { title: 'Kind', field: 'kind' },
  {
    title: 'Started',
    render: run => new Date(run.startedAt).toLocaleString(),
  },
  { title: 'Region', field: 'standbyRegion' },
  { title: 'Outcome', render: run => describeRun(run) },
  { title: 'By', field: 'requestedBy' },
];

/**
 * A deployment's recent failovers, failbacks and drills, newest first.
 *
 * @internal
 */
export function DrRunsTable(props: { runs: DrRun[] }) {
  return (
    <Table<DrRun>
      title="Recent runs"
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        // Drag handles inside sortable headers nest interactive controls.
        draggable: false,
      }}
      columns={columns}
      data={props.runs}
    />
  );
}
