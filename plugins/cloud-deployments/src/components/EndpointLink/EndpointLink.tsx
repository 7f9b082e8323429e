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
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { cloudConsoleUrl } from '../../utils/cloudConsoleUrl';
import { breakableId } from '../breakableId';
import { SandboxChip } from '../ProviderLabel';

const useStyles = makeStyles(
  {
    address: {
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      // A URL may break anywhere, but only where it must.
      overflowWrap: 'anywhere',
    },
    console: { display: 'inline-flex', alignItems: 'center', gap: 2 },
  },
  { name: 'CloudDeploymentsEndpointLink' },
);

const consoleNames: Record<string, string> = {
  'aws-sagemaker': 'AWS console',
  'gcp-cloud-run': 'Google Cloud console',
  'azure-container-instances': 'Azure portal',
  kubernetes: 'Kubernetes dashboard',
};

/** Only web addresses are links: a provider's output is not trusted. */
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/**
 * Props of {@link EndpointLink}.
 *
 * @internal
 */
export type EndpointLinkProps = {
  deployment: Pick<
    Deployment,
    'name' | 'resourceName' | 'spec' | 'outputs' | 'sandbox' | 'endpoint'
  >;
};

/**
 * Where a deployment answers. A sandbox's endpoint is marked as such and
 * shown as text, since no cloud serves it; a real one is a link, with a
 * link to the deployment's resources in its cloud's console. Nothing when
 * the deployment has no endpoint.
 *
 * @internal
 */
export function EndpointLink(props: EndpointLinkProps) {
  const { deployment } = props;
  const classes = useStyles();
  const config = useApi(configApiRef);
  const { endpoint } = deployment;
  if (!endpoint) return null;

  if (deployment.sandbox) {
    return (
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <SandboxChip />
        <code
          className={classes.address}
          title="Served by a local sandbox on the portal's machine, not by a cloud"
        >
          {breakableId(endpoint)}
        </code>
      </Box>
    );
  }

  const consoleUrl = cloudConsoleUrl(deployment, {
    kubernetesConsoleUrl: config.getOptionalString(
      'cloudDeployments.kubernetesConsoleUrl',
    ),
  });
  const consoleName = consoleNames[deployment.spec.provider] ?? 'console';
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      {isWebUrl(endpoint) ? (
        <Link to={endpoint} className={classes.address}>
          {breakableId(endpoint)}
        </Link>
      ) : (
        <code className={classes.address}>{breakableId(endpoint)}</code>
      )}
      {consoleUrl && (
        <Link
          to={consoleUrl}
          className={classes.console}
          aria-label={`Open ${deployment.name} in the ${consoleName}`}
        >
          {consoleName}
          <OpenInNewIcon fontSize="inherit" aria-hidden />
        </Link>
      )}
    </Box>
  );
}
