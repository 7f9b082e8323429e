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
import { ReactNode, RefObject, useEffect, useRef, useState } from 'react';
import { toError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ActionErrorPanel } from '../ActionErrorPanel';

/**
 * Props of {@link ConfirmDialog}.
 *
 * @internal
 */
export type ConfirmDialogProps = {
  /** Makes the ids of the title and description unique on the page. */
  id: string;
  title: ReactNode;
  /** What confirming does, in words. */
  description: ReactNode;
  confirmLabel: string;
  dismissLabel: string;
  /** A change that cannot be undone: the confirm button says so by colour. */
  destructive?: boolean;
  /** What the change needs besides a click, e.g. a comment field. */
  children?: ReactNode;
  /** Keeps the confirm button disabled, e.g. until a required field is filled. */
  confirmDisabled?: boolean;
  /** Takes the focus instead of the dismiss button, e.g. a field to fill in. */
  initialFocus?: RefObject<HTMLElement>;
  /** Runs on confirmation; its failure is shown and the dialog stays open. */
  onConfirm(): Promise<void>;
  onClose(): void;
};

/**
 * Asks to confirm a change and makes it on confirmation. The dismiss button
 * takes the focus; while the change runs, neither button nor Escape acts.
 *
 * @internal
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { id, title, description, confirmLabel, dismissLabel } = props;
  const { destructive, children, confirmDisabled, initialFocus } = props;
  const { onConfirm, onClose } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const dismissRef = useRef<HTMLButtonElement>(null);

  // The safe choice takes the focus, so that Enter does not destroy by
  // accident. Not autoFocus: focusing while the dialog mounts, within the
  // click that opened it, trips React's suspense check for synchronous input.
  useEffect(() => {
    const timer = setTimeout(() =>
      (initialFocus?.current ?? dismissRef.current)?.focus(),
    );
    return () => clearTimeout(timer);
  }, [initialFocus]);
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(toError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id={descriptionId}>{description}</DialogContentText>
        {children}
        {error && <ActionErrorPanel error={error} />}
      </DialogContent>
      <DialogActions>
        <Button ref={dismissRef} onClick={onClose} disabled={busy}>
          {dismissLabel}
        </Button>
        <Button
          onClick={confirm}
          disabled={busy || confirmDisabled}
          color={destructive ? 'secondary' : 'primary'}
          variant="contained"
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
