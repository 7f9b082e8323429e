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
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { toError } from '@backstage/errors';
import {
  cloudDeploymentUpdatePermission,
  Deployment,
  Recommendation,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { deploymentRouteRef } from '../../routes';
import { EditDeploymentDialog } from '../EditDeployment/EditDeploymentDialog';

const KIND_LABEL: Record<Recommendation['kind'], string> = {
  idle: 'Idle',
  rightsizing: 'Rightsizing',
  commitment: 'Commitment',
  orphaned: 'Orphaned',
};

/**
 * One recommendation: what, why, what it saves and how sure that is, and
 * what can be done with it. "Review change" opens the change screen filled
 * in with the proposal; it is accepted only once that change is submitted.
 *
 * @internal
 */
export function RecommendationRow(props: {
  recommendation: Recommendation;
  onChanged(): void;
}) {
  const { recommendation: r, onChanged } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const link = useRouteRefIfMounted(deploymentRouteRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [editing, setEditing] = useState<Deployment>();
  const { allowed } = usePermission({
    permission: cloudDeploymentUpdatePermission,
    resourceRef: r.deploymentId,
  });

  const run = async (step: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await step();
      onChanged();
    } catch (e) {
      setError(toError(e));
    }
    setBusy(false);
  };
  const setStatus = (
    status: 'open' | 'accepted' | 'dismissed',
    reason?: string,
  ) =>
    run(() =>
      api.updateRecommendation(r.id, {
        status,
        version: r.version,
        ...(reason ? { reason } : {}),
      }),
    );
  const review = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setEditing(await api.getDeployment(r.deploymentId!));
    } catch (e) {
      setError(toError(e));
    }
    setBusy(false);
  };

  const sure = r.savings.totalKind;
  let named: ReactNode = null;
  if (r.deploymentId && r.deploymentName) {
    named = link ? (
      // Underlined: inside grey caption text, colour alone does not mark it
      // as a link (WCAG 1.4.1).
      <Link to={link({ id: r.deploymentId })} underline="always">
        {r.deploymentName}
      </Link>
    ) : (
      r.deploymentName
    );
  }
  const canAct = allowed && !busy;
  return (
    <Box
      component="li"
      py={1.5}
      borderBottom={1}
      borderColor="divider"
      aria-label={r.title}
    >
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <Chip size="small" label={KIND_LABEL[r.kind]} />
        <Typography variant="subtitle1" component="h3">
          {r.title}
        </Typography>
        {r.status !== 'open' && (
          <Chip size="small" variant="outlined" label={r.status} />
        )}
      </Box>
      {named && (
        <Typography variant="caption" component="p" color="textSecondary">
          Deployment {named}
          {r.environment ? ` · ${r.environment} · ${r.owner}` : ''}
        </Typography>
      )}
      <Typography variant="body2" paragraph>
        {r.detail}
      </Typography>
      <Typography variant="body2">
        <strong>Saves {r.savings.description}</strong>
        {sure === 'exact' && ' (list prices)'}
        {r.savings.note && sure !== 'unknown' && ` — ${r.savings.note}`}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {r.proposal.type === 'change' ? 'Change: ' : 'To do: '}
        {r.proposal.summary}
      </Typography>
      {error && <ResponseErrorPanel error={error} />}
      <Box mt={1} display="flex" gridGap={8}>
        {r.status === 'open' &&
          r.proposal.type === 'change' &&
          r.deploymentId && (
            <Button
              size="small"
              variant="contained"
              color="primary"
              disabled={!canAct}
              onClick={review}
            >
              Review change
            </Button>
          )}
        {r.status === 'open' && r.proposal.type === 'manual' && (
          <Button
            size="small"
            variant="outlined"
            disabled={!canAct}
            onClick={() => setStatus('accepted')}
          >
            Accept
          </Button>
        )}
        {r.status === 'open' && (
          <Button
            size="small"
            disabled={!canAct}
            onClick={() => setStatus('dismissed')}
          >
            Dismiss
          </Button>
        )}
        {(r.status === 'accepted' || r.status === 'dismissed') && (
          <Button
            size="small"
            disabled={!canAct}
            onClick={() => setStatus('open')}
          >
            Reopen
          </Button>
        )}
        {busy && <Progress />}
      </Box>
      {editing && r.proposal.type === 'change' && (
        <EditDeploymentDialog
          deployment={editing}
          proposed={r.proposal}
          onClose={() => setEditing(undefined)}
          onDone={() => {
            setEditing(undefined);
            setStatus('accepted', 'change submitted from the recommendation');
          }}
        />
      )}
    </Box>
  );
}
