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
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { TerraformPlanConfirmation } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { cloudDeploymentsApiRef } from '../../api';

const usd = (n: number) =>
  n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

function costChange(c: TerraformPlanConfirmation): string {
  const delta = c.monthlyAfter - c.monthlyBefore;
  return `${usd(c.monthlyBefore)} → ${usd(c.monthlyAfter)} a month (${
    delta >= 0 ? '+' : '−'
  }${usd(Math.abs(delta))})`;
}

/**
 * A saved Terraform plan a template waits on: what it adds, changes and
 * destroys and what it does to the monthly cost, with Confirm and Reject.
 * The template applies exactly this plan once confirmed.
 *
 * @internal
 */
export function PlanConfirmationPage() {
  const { workspace = '', confirmation = '' } = useParams();
  const api = useApi(cloudDeploymentsApiRef);
  const loaded = useAsyncRetry(
    () => api.getTerraformPlanConfirmation(workspace, confirmation),
    [api, workspace, confirmation],
  );
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<Error>();

  async function decide(confirm: boolean) {
    setSending(true);
    setFailed(undefined);
    try {
      await api.decideTerraformPlanConfirmation(workspace, confirmation, {
        confirm,
        ...(comment ? { comment } : {}),
      });
    } catch (error) {
      setFailed(error as Error);
    } finally {
      setSending(false);
      loaded.retry();
    }
  }

  let body;
  if (loaded.loading && !loaded.value) {
    body = <Progress />;
  } else if (loaded.error) {
    body = <ResponseErrorPanel error={loaded.error} />;
  } else if (loaded.value) {
    const c = loaded.value;
    body = (
      <InfoCard title={`Terraform plan for ${c.workspace}`}>
        <StructuredMetadataTable
          metadata={{
            status: c.status,
            changes: `${c.add} to add, ${c.change} to change, ${c.destroy} to destroy`,
            'monthly cost': costChange(c),
            ...(c.description ? { description: c.description } : {}),
            'requested by': c.requestedBy,
            'plan SHA-256': c.planSha256,
            ...(c.decidedBy
              ? {
                  'decided by': `${c.decidedBy}${
                    c.comment ? `: ${c.comment}` : ''
                  }`,
                }
              : {}),
          }}
        />
        {failed && <ResponseErrorPanel error={failed} />}
        {c.status === 'pending' && (
          <Box mt={2} display="flex" alignItems="center" gridGap={8}>
            <TextField
              id="plan-confirmation-comment"
              label="Comment"
              value={comment}
              onChange={e => setComment(e.target.value)}
              inputProps={{ maxLength: 1000 }}
            />
            <Button
              variant="contained"
              color="primary"
              disabled={sending}
              onClick={() => decide(true)}
            >
              Confirm and apply
            </Button>
            <Button
              variant="outlined"
              disabled={sending}
              onClick={() => decide(false)}
            >
              Reject
            </Button>
          </Box>
        )}
      </InfoCard>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Confirm a Terraform plan"
        subtitle="A template waits for this plan to be confirmed before it applies it"
        type="Deployments"
      />
      <Content>{body}</Content>
    </Page>
  );
}
