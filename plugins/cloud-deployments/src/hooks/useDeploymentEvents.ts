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
import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../api';
import {
  EventFeedMode,
  followDeploymentEvents,
} from './followDeploymentEvents';

/**
 * What {@link useDeploymentEvents} returns.
 *
 * @internal
 */
export type DeploymentEventsState = {
  /** The events so far, oldest first. */
  events: DeploymentEvent[];
  /** True until the events so far are loaded, or could not be. */
  loading: boolean;
  mode: EventFeedMode;
  /** The last failure to read events, until reading works again. */
  error?: Error;
};

/**
 * The events of a deployment, followed live while `live` is true.
 * `onChange` is called when events arrive that change the deployment itself
 * (its status, its spec, or a request of it waiting for approval) after
 * `since`, so that it can be loaded again.
 *
 * Render it under a `key` of the deployment id: it does not start over when
 * `id` changes.
 *
 * @internal
 */
export function useDeploymentEvents(
  id: string,
  options: {
    live: boolean;
    /** When the deployment was last changed, as loaded (ISO 8601). */
    since?: string;
    onChange?(): void;
  },
): DeploymentEventsState {
  const { live, onChange } = options;
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const [events, setEvents] = useState<DeploymentEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const [mode, setMode] = useState<EventFeedMode>('idle');
  const [error, setError] = useState<Error>();
  const cursor = useRef<number>();
  const loaded = useRef(false);
  const since = useRef(options.since ? Date.parse(options.since) : Infinity);
  const onChangeRef = useRef(onChange);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const controller = new AbortController();
    followDeploymentEvents({
      api: cloudDeploymentsApi,
      id,
      // Following again (e.g. once destroyed) picks up where it stopped.
      after: cursor.current,
      once: !live,
      signal: controller.signal,
      onEvents: fresh => {
        cursor.current = fresh[fresh.length - 1].id;
        setEvents(previous => [...previous, ...fresh]);
        // An approval's request or decision changes what the page shows
        // (the waiting request) even when the deployment itself stays put.
        const changes = fresh.filter(
          e =>
            e.type === 'status' ||
            e.type === 'updated' ||
            e.type === 'approval',
        );
        // Among the events so far, only those after the deployment was last
        // changed are news; every one that arrives later is.
        if (
          changes.length > 0 &&
          (loaded.current ||
            changes.some(e => Date.parse(e.createdAt) > since.current))
        ) {
          onChangeRef.current?.();
        }
      },
      onLoaded: () => {
        loaded.current = true;
        setLoading(false);
      },
      onMode: setMode,
      onError: setError,
    });
    return () => controller.abort();
  }, [cloudDeploymentsApi, id, live]);

  return { events, loading, mode, error };
}
