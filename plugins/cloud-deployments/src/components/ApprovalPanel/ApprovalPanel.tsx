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
import { InfoCard } from '@backstage/core-components';
import {
  Approval,
  Deployment,
  describeMonthlyCost,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { usePostSuccess } from '../../hooks/usePostSuccess';
import { formatAge } from '../../utils/formatAge';
import { statusLabel } from '../../utils/statusLabel';
import { cardHeading } from '../cardHeading';
import { EntityLink } from '../EntityLink';
import { MonthlyTotal } from '../EntityCostEstimateCard';
import {
  ApprovalDecision,
  ApprovalDecisionDialog,
} from './ApprovalDecisionDialog';
import { PolicyDecisionView } from './PolicyDecisionView';
import { SpecChangesList } from './SpecChangesList';
import { useWhyCannotDecide } from './useWhyCannotDecide';

/**
 * Props of {@link ApprovalPanel}.
 *
 * @internal
 */
export type ApprovalPanelProps = {
  deployment: Deployment;
  /** The request that waits. */
  approval: Approval;
  /** Called after a decision, with the deployment the backend returned. */
  onDecided(updated: Deployment): void;
  /** Called when the dialog closes without a decision: the request may have changed (void, decided meanwhile). */
  onDismissed?(): void;
};

function outcome(
  decision: ApprovalDecision,
  approval: Approval,
  updated: Deployment,
): string {
  const status = statusLabel(updated.status);
  if (decision === 'approve')
    return `Approved: ${updated.name} is now ${status}`;
  return `Rejected: the ${approval.operation} of ${updated.name}; it ${
    approval.operation === 'create' ? 'is now' : 'stays'
  } ${status}`;
}

/**
 * A request a policy holds for approval, with what an approver needs to
 * decide: who asked and when, the policies that asked for an approval and
 * the values they saw, what it changes, its estimate, and Approve and
 * Reject, each asking for a comment.
 *
 * @internal
 */
export function ApprovalPanel(props: ApprovalPanelProps) {
  const { deployment, approval, onDecided, onDismissed } = props;
  const postSuccess = usePostSuccess();
  const whyNot = useWhyCannotDecide(approval);
  const [deciding, setDeciding] = useState<ApprovalDecision>();
  const requestedAt = new Date(approval.requestedAt);
  const reasonId = `approval-${approval.id}-why-not`;

  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Waiting for approval"
      subheader={`The ${approval.operation} of ${deployment.name} runs once someone approves it.`}
    >
      <Typography variant="body2" paragraph>
        Requested by <EntityLink entityRef={approval.requestedBy} />{' '}
        <time dateTime={approval.requestedAt}>
          {formatAge(approval.requestedAt)} ({requestedAt.toLocaleString()})
        </time>
      </Typography>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <PolicyDecisionView decision={approval.decision} />
        </Grid>
        <Grid item xs={12} md={6}>
          {approval.operation !== 'create' && (
            <SpecChangesList deployment={deployment} approval={approval} />
          )}
          <Typography variant="subtitle2" component="h3">
            Estimate of the request
          </Typography>
          {approval.estimate ? (
            <MonthlyTotal total={approval.estimate} />
          ) : (
            <Typography variant="body2" paragraph>
              None: the request has no cost estimate.
            </Typography>
          )}
          {approval.operation !== 'create' && deployment.estimate && (
            <Typography variant="body2" color="textSecondary" paragraph>
              Now: {describeMonthlyCost(deployment.estimate, ' a month')}
            </Typography>
          )}
        </Grid>
      </Grid>
      <Box display="flex" gridGap={8} mt={2}>
        <Button
          variant="contained"
          color="primary"
          disabled={Boolean(whyNot)}
          aria-describedby={whyNot ? reasonId : undefined}
          onClick={() => setDeciding('approve')}
        >
          Approve
        </Button>
        <Button
          variant="outlined"
          disabled={Boolean(whyNot)}
          aria-describedby={whyNot ? reasonId : undefined}
          onClick={() => setDeciding('reject')}
        >
          Reject
        </Button>
      </Box>
      {whyNot && (
        <Typography
          id={reasonId}
          variant="caption"
          color="textSecondary"
          component="p"
        >
          {whyNot}
        </Typography>
      )}
      {deciding && (
        <ApprovalDecisionDialog
          decision={deciding}
          deployment={deployment}
          approval={approval}
          onClose={() => {
            setDeciding(undefined);
            onDismissed?.();
          }}
          onDone={updated => {
            setDeciding(undefined);
            postSuccess(outcome(deciding, approval, updated));
            onDecided(updated);
          }}
        />
      )}
    </InfoCard>
  );
}
