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
import { useCallback, useRef, useState } from 'react';
import {
  Deployment,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { statusLabel } from '../../utils/statusLabel';
import { actionOutcome, DeploymentAction } from '../DeploymentActions';

/**
 * What the table's live region says: which deployments changed status since
 * the last fetch, or what an action just did.
 */
export function useStatusAnnouncements() {
  const [announcement, setAnnouncement] = useState('');
  // The last status seen of each deployment, to announce changes.
  const statuses = useRef(new Map<string, DeploymentStatus>());

  const announceChanges = useCallback((items: Deployment[]) => {
    const changes: string[] = [];
    for (const d of items) {
      const before = statuses.current.get(d.id);
      if (before && before !== d.status) {
        changes.push(`${d.name} is now ${statusLabel(d.status)}`);
      }
      statuses.current.set(d.id, d.status);
    }
    if (changes.length) {
      setAnnouncement(changes.join('. '));
    }
  }, []);

  const announceActionDone = useCallback(
    (updated: Deployment, action: DeploymentAction) => {
      statuses.current.set(updated.id, updated.status);
      setAnnouncement(actionOutcome(action, updated));
    },
    [],
  );

  return { announcement, announceChanges, announceActionDone };
}
