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
import { useMemo, useState } from 'react';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
  TableOptions,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  canTransition,
  cloudDeploymentUpdatePermission,
  Deployment,
  DeploymentRevision,
  DeploymentWithApproval,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { formatAge } from '../../utils/formatAge';
import { breakableWords } from '../breakableId';
import { EntityLink } from '../EntityLink';
import { costKindLabel, formatRevisionCost } from './revisionCost';
import { RevisionDiff } from './RevisionDiff';
import { RollbackDialog } from './RollbackDialog';
import { useRevisionPages } from './useRevisionPages';

const OUTCOMES: Record<DeploymentRevision['outcome'], string> = {
  pending: 'pending',
  active: 'reached active',
  failed: 'failed',
  superseded: 'superseded before it settled',
};

function why(revision: DeploymentRevision): string {
  const change = {
    create: 'Created',
    update: 'Updated',
    rollback: `Rollback to revision ${revision.rollbackTo}`,
    recorded: 'Recorded when revisions began',
  }[revision.change];
  return revision.reason ? `${change}: ${revision.reason}` : change;
}

// A figure, or a button's label, broken over two lines is hard to read.
const oneLine = { whiteSpace: 'nowrap' } as const;

// Paged in the browser, as the events are: older revisions are fetched
// by "Load older revisions", and the diff can pick from all loaded.
const options: TableOptions<DeploymentRevision> = {
  paging: true,
  pageSize: 20,
  pageSizeOptions: [20, 50, 100],
  emptyRowsWhenPaging: false,
  search: false,
  padding: 'dense',
  draggable: false,
  sorting: false,
};

/**
 * Props of {@link RevisionHistory}.
 *
 * @internal
 */
export type RevisionHistoryProps = {
  deployment: Deployment;
  /** Reloads the revisions when it changes, e.g. the deployment's version. */
  refreshKey?: unknown;
  /** Called with the deployment as the backend returned it after a rollback. */
  onRolledBack(updated: DeploymentWithApproval): void;
};

/**
 * The specs a deployment was given to apply, newest first: why, who and
 * when, the monthly cost as estimated then and how sure, what applying it
 * came to, and which is current; a diff of any two, and "Roll back to
 * revision N". The newest 100 first; older ones a page at a time.
 *
 * @internal
 */
export function RevisionHistory(props: RevisionHistoryProps) {
  const { deployment, refreshKey, onRolledBack } = props;
  const update = usePermission({
    permission: cloudDeploymentUpdatePermission,
    resourceRef: deployment.id,
  });
  const [target, setTarget] = useState<DeploymentRevision>();
  const pages = useRevisionPages(deployment.id, refreshKey);
  const { revisions, current } = pages;

  const columns = useMemo((): TableColumn<DeploymentRevision>[] => {
    let blocked: string | undefined;
    if (!canTransition(deployment.status, 'updating')) {
      blocked = `Deployment ${deployment.name} is ${deployment.status} and cannot be rolled back now`;
    } else if (!update.allowed && !update.loading) {
      blocked = 'You are not allowed to change this deployment';
    }
    return [
      {
        title: 'Revision',
        field: 'number',
        render: r => (
          <>
            {r.number}
            {r.number === current?.number && (
              <Box component="span" ml={1}>
                <Chip size="small" label="current" color="primary" />
              </Box>
            )}
          </>
        ),
      },
      {
        // Why, then who and when on a line of their own: one column, so
        // that the table keeps every column in sight at 1024 px.
        title: 'Change',
        field: 'change',
        render: r => (
          <>
            {/* A reason is free text: a URL in it breaks at separators. */}
            <div>{breakableWords(why(r))}</div>
            <div>
              {'by '}
              <EntityLink entityRef={r.createdBy} />
              {r.approvedBy && (
                <>
                  {', approved by '}
                  <EntityLink entityRef={r.approvedBy} />
                </>
              )}
              {' · '}
              <time
                dateTime={r.createdAt}
                title={new Date(r.createdAt).toLocaleString()}
              >
                {formatAge(r.createdAt)}
              </time>
            </div>
          </>
        ),
      },
      {
        title: 'Monthly cost',
        field: 'monthlyCost',
        render: r => `${formatRevisionCost(r)} (${costKindLabel(r)})`,
        cellStyle: oneLine,
      },
      {
        title: 'Outcome',
        field: 'outcome',
        render: r => OUTCOMES[r.outcome],
      },
      {
        title: 'Actions',
        field: 'number',
        cellStyle: oneLine,
        render: r => {
          // The current revision, or one with its spec, restores nothing.
          if (
            !current ||
            JSON.stringify(r.spec) === JSON.stringify(current.spec)
          ) {
            return null;
          }
          const button = (
            <Button
              size="small"
              variant="outlined"
              disabled={Boolean(blocked) || update.loading}
              onClick={() => setTarget(r)}
            >
              Roll back to revision {r.number}
            </Button>
          );
          return blocked ? (
            <Tooltip title={blocked}>
              <span>{button}</span>
            </Tooltip>
          ) : (
            button
          );
        },
      },
    ];
  }, [current, deployment, update.allowed, update.loading]);

  // material-table writes its own state into the rows: give it copies.
  const rows = useMemo(() => revisions.map(r => ({ ...r })), [revisions]);

  if (pages.error) return <ResponseErrorPanel error={pages.error} />;
  return (
    <>
      <Table<DeploymentRevision>
        // A reload starts over from the newest page: back to its first rows.
        key={String(refreshKey)}
        title="Revisions"
        columns={columns}
        data={rows}
        options={options}
        isLoading={pages.loading && !pages.loaded}
        emptyContent={
          <Box p={2}>
            No revision yet: the first is made when the deployment starts.
          </Box>
        }
      />
      {pages.olderError && <ResponseErrorPanel error={pages.olderError} />}
      {pages.hasOlder && (
        <Box mt={1} display="flex" alignItems="center">
          <Button
            variant="outlined"
            size="small"
            disabled={pages.loadingOlder}
            onClick={() => pages.loadOlder()}
          >
            Load older revisions
          </Button>
          <Box ml={2} component="span">
            {revisions.length} newest shown
          </Box>
        </Box>
      )}
      {revisions.length > 0 && (
        <RevisionDiff key={current?.number} revisions={revisions} />
      )}
      {target && current && (
        <RollbackDialog
          deployment={deployment}
          current={current}
          target={target}
          onClose={() => setTarget(undefined)}
          onDone={updated => {
            setTarget(undefined);
            onRolledBack(updated);
          }}
        />
      )}
    </>
  );
}
