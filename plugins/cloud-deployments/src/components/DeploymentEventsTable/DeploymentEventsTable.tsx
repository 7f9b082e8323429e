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
import { Table, TableColumn, TableOptions } from '@backstage/core-components';
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { breakableWords } from '../breakableId';
import { EntityLink } from '../EntityLink';

/** Actors that are catalog entities link to them; others (services) do not. */
const isEntityActor = (actor: string) => /^(user|group):/i.test(actor);

// One line each: a time, a type or an actor never wraps, so that the
// message, the column worth reading, gets the rest of the width.
const oneLine = { whiteSpace: 'nowrap', width: '1%' } as const;
// material-table gives every column without a width an equal share, over
// any width in headerStyle; a width of 1% lets these shrink to their content.
const narrow = '1%';

// The full time is the cell's title; the short one leaves the message room.
const SHORT_TIME = { dateStyle: 'short', timeStyle: 'medium' } as const;
// A long service name is cut with an ellipsis (its title has all of it): a
// table cell itself ignores max-width.
const cutActor = {
  display: 'inline-block',
  maxWidth: '11em',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  verticalAlign: 'bottom',
} as const;

// Defined once: material-table resets its state when these change identity.
const columns: TableColumn<DeploymentEvent>[] = [
  {
    title: 'Time',
    width: narrow,
    field: 'createdAt',
    defaultSort: 'desc',
    customSort: (a, b) => a.id - b.id,
    cellStyle: oneLine,
    headerStyle: oneLine,
    render: e => (
      <time dateTime={e.createdAt} title={e.createdAt}>
        {new Date(e.createdAt).toLocaleString(undefined, SHORT_TIME)}
      </time>
    ),
  },
  {
    title: 'Type',
    width: narrow,
    field: 'type',
    cellStyle: oneLine,
    headerStyle: oneLine,
    render: e => <Chip size="small" variant="outlined" label={e.type} />,
  },
  {
    title: 'Actor',
    width: narrow,
    field: 'actor',
    cellStyle: { ...oneLine, maxWidth: '16em' },
    headerStyle: oneLine,
    render: e =>
      isEntityActor(e.actor) ? (
        <EntityLink entityRef={e.actor} />
      ) : (
        <span title={e.actor} style={cutActor}>
          {e.actor}
        </span>
      ),
  },
  {
    title: 'Message',
    field: 'message',
    // Breaks between words only; long ids in it break at their separators.
    cellStyle: {
      minWidth: '16em',
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
    render: e => breakableWords(e.message),
  },
];

const options: TableOptions<DeploymentEvent> = {
  paging: true,
  pageSize: 20,
  pageSizeOptions: [20, 50, 100],
  emptyRowsWhenPaging: false,
  padding: 'dense',
  draggable: false,
};

/**
 * Every event of a deployment, newest first: who did what when, and what
 * the engine reported. The audit trail of the deployment.
 *
 * @internal
 */
export function DeploymentEventsTable(props: {
  events: DeploymentEvent[];
  loading?: boolean;
}) {
  const { events, loading } = props;
  // material-table writes its own state into the rows: give it copies.
  const rows = useMemo(() => events.map(e => ({ ...e })), [events]);
  return (
    <Table<DeploymentEvent>
      title="Events"
      columns={columns}
      data={rows}
      options={options}
      isLoading={loading}
      localization={{ toolbar: { searchPlaceholder: 'Search events' } }}
      emptyContent={<Box p={2}>No events yet.</Box>}
    />
  );
}
