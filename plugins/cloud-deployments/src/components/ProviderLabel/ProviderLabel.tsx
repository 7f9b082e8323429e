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
import { ProviderInfo } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ProviderIcon } from './ProviderIcon';
import { providerTitle } from './providerTitle';
import { SandboxChip } from './SandboxChip';

/**
 * Props of {@link ProviderLabel}.
 *
 * @internal
 */
export type ProviderLabelProps = {
  provider: string;
  /** The provider as `GET /providers` describes it, if known. */
  info?: ProviderInfo;
  /** Whether the deployment itself lives in a sandbox. */
  sandbox?: boolean;
};

/**
 * A deployment target's icon and name, with a "Sandbox" chip when the
 * deployment, or every deployment of the target, lives in a local sandbox.
 *
 * @internal
 */
export function ProviderLabel(props: ProviderLabelProps) {
  const { provider, info, sandbox } = props;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={4}>
      <ProviderIcon provider={provider} color="action" />
      <Typography variant="body2" component="span" title={provider}>
        {providerTitle(provider, info)}
      </Typography>
      {(sandbox || info?.sandbox) && <SandboxChip />}
    </Box>
  );
}
