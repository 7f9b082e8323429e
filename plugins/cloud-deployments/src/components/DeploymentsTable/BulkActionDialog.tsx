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
import { useApi } from '@backstage/frontend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { cloudDeploymentsApiRef } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { BulkAction } from './bulkActions';
import { reasonOf } from './reasonOf';

/** How many changes are in flight at once: enough to be quick, few enough for the backend. */
const CONCURRENCY = 4;

type Outcome = { deployment: Deployment; refused?: string };

const plural = (n: number) => `${n} deployment${n === 1 ? '' : 's'}`;

function NameList(props: { label: string; items: string[] }) {
  const { label, items } = props;
  if (items.length === 0) return null;
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        {label}
      </Typography>
      <ul aria-label={label}>
        {items.map(item => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * Props of {@link BulkActionDialog}.
 *
 * @internal
 */
export type BulkActionDialogProps = {
  action: BulkAction;
  selected: Deployment[];
  /** Called when the dialog closes, with whether anything was changed. */
  onClose(changed: boolean): void;
};

/**
 * One confirmation for an action on the selected deployments, naming each
 * one it touches and each it leaves out (and why); then what happened to
 * each: done, or refused with the server's reason.
 *
 * @internal
 */
export function BulkActionDialog(props: BulkActionDialogProps) {
  const { action, selected, onClose } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const [outcomes, setOutcomes] = useState<Outcome[]>();
  const touched = selected.filter(d => !action.skipReason(d));
  const skipped = selected.filter(d => action.skipReason(d));

  const run = async () => {
    const results: Outcome[] = [];
    const queue = [...touched];
    const worker = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        try {
          await action.run(api, d);
          results.push({ deployment: d });
        } catch (e) {
          results.push({ deployment: d, refused: reasonOf(e) });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // In the order they were listed, not the order they finished.
    setOutcomes(touched.map(d => results.find(r => r.deployment.id === d.id)!));
  };

  if (outcomes) {
    const done = outcomes.filter(o => !o.refused);
    const refused = outcomes.filter(o => o.refused);
    return (
      <Dialog
        open
        onClose={() => onClose(done.length > 0)}
        aria-labelledby="cloud-deployments-bulk-result-title"
      >
        <DialogTitle id="cloud-deployments-bulk-result-title">
          {action.label}: {done.length} of {plural(outcomes.length)} accepted
        </DialogTitle>
        <DialogContent>
          <NameList label="Accepted" items={done.map(o => o.deployment.name)} />
          <NameList
            label="Refused"
            items={refused.map(o => `${o.deployment.name}: ${o.refused}`)}
          />
          <NameList
            label="Left out"
            items={skipped.map(d => `${d.name}: ${action.skipReason(d)}`)}
          />
        </DialogContent>
        <DialogActions>
          <Button
            color="primary"
            variant="contained"
            onClick={() => onClose(done.length > 0)}
          >
            Close
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  if (touched.length === 0) {
    return (
      <Dialog
        open
        onClose={() => onClose(false)}
        aria-labelledby="cloud-deployments-bulk-none-title"
      >
        <DialogTitle id="cloud-deployments-bulk-none-title">
          {action.label}: nothing to do
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            None of the selected deployments can take this action.
          </DialogContentText>
          <NameList
            label="Left out"
            items={skipped.map(d => `${d.name}: ${action.skipReason(d)}`)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <ConfirmDialog
      id="cloud-deployments-bulk"
      title={`${action.label} ${plural(touched.length)}?`}
      description={action.consequence}
      confirmLabel={`${action.label} ${plural(touched.length)}`}
      dismissLabel="Cancel"
      destructive={action.id === 'destroy'}
      onConfirm={run}
      onClose={() => onClose(false)}
    >
      <NameList label="Will change" items={touched.map(d => d.name)} />
      <NameList
        label="Left out"
        items={skipped.map(d => `${d.name}: ${action.skipReason(d)}`)}
      />
    </ConfirmDialog>
  );
}
