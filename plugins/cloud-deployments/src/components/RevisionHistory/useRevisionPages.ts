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
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  DeploymentRevision,
  RevisionPage,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../../api';

/** Revisions a request asks for: the newest 100 first, then 100 older at a time. */
export const REVISION_PAGE = 100;

/** The newest page and what the current revision is. */
type FirstPage = { page: RevisionPage; current?: DeploymentRevision };

/** Older pages loaded on top of one first page. */
type OlderPages = {
  first: FirstPage;
  items: DeploymentRevision[];
  nextBefore?: number;
};

/**
 * A deployment's revisions, newest first: the newest page, then older pages
 * appended one at a time by `loadOlder` (the endpoint pages by revision
 * number, `before`). The current revision is found even when it is not on a
 * loaded page, so "Roll back to revision N" works on any revision shown.
 * A new `refreshKey` starts over from the newest page.
 */
export function useRevisionPages(deploymentId: string, refreshKey: unknown) {
  const api = useApi(cloudDeploymentsApiRef);
  const first = useAsync(async (): Promise<FirstPage> => {
    const page = await api.listRevisions(deploymentId, {
      limit: REVISION_PAGE,
    });
    if (page.current === undefined) return { page };
    const current =
      page.items.find(r => r.number === page.current) ??
      (await api.getRevision(deploymentId, page.current));
    return { page, current };
  }, [api, deploymentId, refreshKey]);

  const [older, setOlder] = useState<OlderPages>();
  // Pages loaded for an earlier first page (before a refresh) are dropped.
  const shown = older && older.first === first.value ? older : undefined;
  const nextBefore = shown ? shown.nextBefore : first.value?.page.nextBefore;

  const [olderState, loadOlder] = useAsyncFn(async () => {
    const base = first.value;
    if (!base || nextBefore === undefined) return;
    const page = await api.listRevisions(deploymentId, {
      before: nextBefore,
      limit: REVISION_PAGE,
    });
    setOlder(previous => ({
      first: base,
      items: [
        ...(previous?.first === base ? previous.items : []),
        ...page.items,
      ],
      nextBefore: page.nextBefore,
    }));
  }, [api, deploymentId, first.value, nextBefore]);

  const revisions = useMemo(
    () =>
      first.value ? [...first.value.page.items, ...(shown?.items ?? [])] : [],
    [first.value, shown],
  );

  return {
    revisions,
    current: first.value?.current,
    loaded: Boolean(first.value),
    loading: first.loading,
    error: first.error,
    hasOlder: nextBefore !== undefined,
    loadOlder,
    loadingOlder: olderState.loading,
    olderError: olderState.error,
  };
}
