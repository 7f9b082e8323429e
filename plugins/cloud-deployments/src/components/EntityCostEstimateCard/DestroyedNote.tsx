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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';

/**
 * Says that a destroyed deployment costs nothing any more, so its estimate
 * is not read as a running cost. Nothing for other deployments.
 *
 * @internal
 */
export function DestroyedNote(props: {
  deployment?: Pick<Deployment, 'status' | 'updatedAt'>;
}) {
  const { deployment } = props;
  if (deployment?.status !== 'destroyed') return null;
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      Destroyed on {deployment.updatedAt.slice(0, 10)}: nothing runs, so nothing
      is billed any more. The estimate is what it cost each month while it ran.
    </Typography>
  );
}
