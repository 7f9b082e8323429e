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
import { useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Approval,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import TextField from '@material-ui/core/TextField';
import { cloudDeploymentsApiRef } from '../../api';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { ConfirmDialog } from '../ConfirmDialog';

/**
 * What an approver decides.
 *
 * @internal
 */
export type ApprovalDecision = 'approve' | 'reject';

// The backend's limit (approvalDecisionRequestSchema).
const MAX_COMMENT = 2000;

const EFFECT: Record<Approval['operation'], string> = {
  create: 'is provisioned',
  update: 'gets the requested spec',
  redeploy: 'is deployed again',
  rollback: 'is rolled back',
  start: 'starts again',
};

/**
 * Props of {@link ApprovalDecisionDialog}.
 *
 * @internal
 */
export type ApprovalDecisionDialogProps = {
  decision: ApprovalDecision;
  deployment: Deployment;
  approval: Approval;
  onClose(): void;
  /** Called with the deployment as the backend returned it after the decision. */
  onDone(updated: Deployment): void;
};

/**
 * Approves or rejects a request with the comment it needs, which the
 * requester and the audit log see. A refusal (a void request, a decision
 * made meanwhile) is shown in the dialog, in the server's words.
 *
 * @internal
 */
export function ApprovalDecisionDialog(props: ApprovalDecisionDialogProps) {
  const { decision, deployment, approval, onClose, onDone } = props;
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const [comment, setComment] = useState('');
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const blank = comment.trim() === '';
  const approve = decision === 'approve';
  const what = `the ${approval.operation} of ${deployment.name}`;
  const requester = formatEntityRef(approval.requestedBy);

  return (
    <ConfirmDialog
      id={`${decision}-${approval.id}`}
      title={approve ? `Approve ${what}?` : `Reject ${what}?`}
      description={
        approve
          ? `${deployment.name} ${
              EFFECT[approval.operation]
            } at once, as requested by ${requester}.`
          : `${
              approval.operation === 'create'
                ? `Nothing of ${deployment.name} was created: it ends as destroyed.`
                : `${deployment.name} is left as it is.`
            } ${requester} can make the request again.`
      }
      dismissLabel="Cancel"
      confirmLabel={approve ? 'Approve' : 'Reject'}
      destructive={!approve}
      confirmDisabled={blank}
      initialFocus={commentRef}
      onConfirm={async () => {
        const request = { comment: comment.trim() };
        onDone(
          approve
            ? await cloudDeploymentsApi.approveRequest(
                deployment.id,
                approval.id,
                request,
              )
            : await cloudDeploymentsApi.rejectRequest(
                deployment.id,
                approval.id,
                request,
              ),
        );
      }}
      onClose={onClose}
    >
      <TextField
        id={`${decision}-${approval.id}-comment`}
        inputRef={commentRef}
        label="Comment"
        required
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        variant="outlined"
        value={comment}
        onChange={e => setComment(e.target.value)}
        inputProps={{ maxLength: MAX_COMMENT }}
        helperText={
          approve
            ? 'Required: why it may go ahead. The requester and the audit log see it.'
            : 'Required: why not. The requester and the audit log see it.'
        }
      />
    </ConfirmDialog>
  );
}
