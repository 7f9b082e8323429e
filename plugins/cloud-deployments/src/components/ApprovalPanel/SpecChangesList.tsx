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
import {
  Approval,
  Deployment,
  specChanges,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';

// Operations that apply the spec that is already there.
const NO_CHANGES: Partial<Record<Approval['operation'], string>> = {
  redeploy: 'None: the current spec is applied again.',
  start: 'None: the current spec starts again.',
};

/**
 * What an update or rollback would change: each field of the spec it
 * differs in, with its value now and the one asked for.
 *
 * @internal
 */
export function SpecChangesList(props: {
  deployment: Deployment;
  approval: Approval;
}) {
  const { deployment, approval } = props;
  const changes = specChanges(deployment.spec, approval.spec);
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Changes
      </Typography>
      {changes.length === 0 ? (
        <Typography variant="body2" paragraph>
          {NO_CHANGES[approval.operation] ??
            'None: the spec asked for is the current one.'}
        </Typography>
      ) : (
        <ul aria-label="Changes">
          {changes.map(c => (
            <li key={c.path}>
              <Typography variant="body2">
                <code>{c.path}</code>: {c.before} → {c.after}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
