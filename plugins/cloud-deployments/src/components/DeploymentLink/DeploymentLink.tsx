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
import { Link } from '@backstage/core-components';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { deploymentRouteRef } from '../../routes';

/**
 * A deployment's name, linking to its page when the page is mounted.
 *
 * @internal
 */
export function DeploymentLink(props: {
  deployment: Pick<Deployment, 'id' | 'name'>;
}) {
  const { deployment } = props;
  const deploymentLink = useRouteRefIfMounted(deploymentRouteRef);
  if (!deploymentLink) {
    return <>{deployment.name}</>;
  }
  return (
    <Link to={deploymentLink({ id: deployment.id })}>{deployment.name}</Link>
  );
}
