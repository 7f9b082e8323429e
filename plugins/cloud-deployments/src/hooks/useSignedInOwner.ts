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
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import useAsync, { AsyncState } from 'react-use/esm/useAsync';

/**
 * Who the signed-in user is, for "mine": their user ref, and the user and
 * group refs they own through (what `GET /deployments?owner=` takes).
 *
 * @internal
 */
export type SignedInOwner = {
  userEntityRef: string;
  ownerRefs: string[];
};

/**
 * The signed-in user and the owner refs that make a deployment theirs.
 *
 * @internal
 */
export function useSignedInOwner(): AsyncState<SignedInOwner> {
  const identityApi = useApi(identityApiRef);
  return useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    // The deployments list filters owners by user and group refs only.
    const ownerRefs = identity.ownershipEntityRefs.filter(ref =>
      /^(user|group):/i.test(ref),
    );
    return { userEntityRef: identity.userEntityRef, ownerRefs };
  }, [identityApi]);
}
