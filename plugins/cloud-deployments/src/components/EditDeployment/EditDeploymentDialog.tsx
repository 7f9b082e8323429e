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
import { useApi } from '@backstage/core-plugin-api';
import { toError } from '@backstage/errors';
import {
  Deployment,
  DeploymentChangePreview,
  DeploymentSpec,
  DeploymentWithApproval,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { cloudDeploymentsApiRef } from '../../api';
import { ChangePreview } from './ChangePreview';
import {
  changeRequest,
  editFieldsOf,
  EditValues,
  initialValues,
} from './editFields';
import { ActionErrorPanel } from '../ActionErrorPanel';

/**
 * Props of {@link EditDeploymentDialog}.
 *
 * @internal
 */
export type EditDeploymentDialogProps = {
  deployment: Deployment;
  onClose(): void;
  /** Called with what the change returned: updating, or waiting for approval. */
  onDone(updated: DeploymentWithApproval): void;
  /**
   * A change to start from (a recommendation's), filled into the form and
   * said above it; still previewed and confirmed like any other.
   */
  proposed?: {
    spec: { ttl?: string; compute?: DeploymentSpec['compute'] };
    summary: string;
  };
};

/**
 * The change screen: image, scale, size and TTL; then a preview of what the
 * change does (the fields, the cost before and after, what the policies
 * say); then, confirmed, the change at the version that was previewed. A
 * change made meanwhile by someone else gets a 409 instead of being
 * overwritten.
 *
 * @internal
 */
export function EditDeploymentDialog(props: EditDeploymentDialogProps) {
  const { deployment, onClose, onDone, proposed } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const fields = useMemo(
    () => editFieldsOf(deployment.spec),
    [deployment.spec],
  );
  const [values, setValues] = useState<EditValues>(() =>
    initialValues(
      proposed
        ? {
            ...deployment.spec,
            ...(proposed.spec.ttl !== undefined
              ? { ttl: proposed.spec.ttl }
              : {}),
            compute: { ...deployment.spec.compute, ...proposed.spec.compute },
          }
        : deployment.spec,
    ),
  );
  const [preview, setPreview] = useState<DeploymentChangePreview>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const titleId = `edit-${deployment.id}-title`;

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await step();
    } catch (e) {
      setError(toError(e));
    }
    setBusy(false);
  };

  const showPreview = () =>
    run(async () => {
      setPreview(
        await api.previewDeploymentChange(
          deployment.id,
          changeRequest(deployment, values),
        ),
      );
    });

  const apply = (previewed: DeploymentChangePreview) =>
    run(async () => {
      onDone(
        await api.updateDeployment(deployment.id, {
          ...changeRequest(deployment, values),
          version: previewed.version,
        }),
      );
    });

  const canApply =
    preview?.outcome === 'apply' || preview?.outcome === 'approval';
  return (
    <Dialog
      open
      fullWidth
      maxWidth="md"
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>
        {preview
          ? `Review the change of ${deployment.name}`
          : `Change ${deployment.name}`}
      </DialogTitle>
      <DialogContent>
        {preview ? (
          <ChangePreview preview={preview} name={deployment.name} />
        ) : (
          <>
            <DialogContentText>
              {proposed &&
                `Filled in from a recommendation: ${proposed.summary}. `}
              Nothing is applied until you have seen what the change does and
              confirmed it.
            </DialogContentText>
            {fields.map(field => (
              <TextField
                key={field.key}
                id={`edit-${deployment.id}-${field.key}`}
                label={field.label}
                type={field.type === 'lines' ? 'text' : field.type}
                multiline={field.type === 'lines'}
                minRows={field.type === 'lines' ? 2 : undefined}
                helperText={field.helperText}
                fullWidth
                margin="dense"
                variant="outlined"
                value={values[field.key] ?? ''}
                inputProps={field.type === 'number' ? { step: 'any' } : {}}
                onChange={e =>
                  setValues(v => ({ ...v, [field.key]: e.target.value }))
                }
              />
            ))}
          </>
        )}
        {busy && !preview && deployment.spec.engine === 'terraform' && (
          <Typography
            variant="body2"
            component="div"
            role="status"
            style={{ display: 'flex', alignItems: 'center', gap: 8 }}
          >
            <CircularProgress size={16} />
            Running terraform plan… (this can take a minute)
          </Typography>
        )}
        {error && <ActionErrorPanel error={error} />}
      </DialogContent>
      <DialogActions>
        {preview ? (
          <>
            <Button onClick={() => setPreview(undefined)} disabled={busy}>
              Back
            </Button>
            <Button
              color="primary"
              variant="contained"
              disabled={busy || !canApply}
              startIcon={busy ? <CircularProgress size={16} /> : undefined}
              onClick={() => apply(preview)}
            >
              {preview.outcome === 'approval' ? 'Request approval' : 'Apply'}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button
              color="primary"
              variant="contained"
              disabled={busy}
              startIcon={busy ? <CircularProgress size={16} /> : undefined}
              onClick={showPreview}
            >
              Preview
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
