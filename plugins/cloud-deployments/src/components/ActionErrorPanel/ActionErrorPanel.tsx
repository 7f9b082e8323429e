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
import { WarningPanel } from '@backstage/core-components';
import { serverMessage } from '../../utils/serverMessage';

/**
 * Why an action was refused or failed, as the server put it: a reader can
 * act on "Deployment web has only revision 1; there is no earlier revision
 * to roll back to", not on "Request failed with 409 Conflict".
 *
 * @internal
 */
export function ActionErrorPanel(props: { error: Error; title?: string }) {
  const { error, title = 'That did not work' } = props;
  return (
    <WarningPanel
      severity="error"
      title={title}
      message={serverMessage(error)}
      defaultExpanded
    />
  );
}
