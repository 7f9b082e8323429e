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
import { ComponentType } from 'react';
import { SvgIconProps } from '@material-ui/core/SvgIcon';
import CloudIcon from '@material-ui/icons/Cloud';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import DirectionsRunIcon from '@material-ui/icons/DirectionsRun';
import MemoryIcon from '@material-ui/icons/Memory';
import ViewModuleIcon from '@material-ui/icons/ViewModule';

// Generic icons that hint at each target, not the vendors' logos.
const icons: Record<string, ComponentType<SvgIconProps>> = {
  'aws-sagemaker': MemoryIcon,
  'gcp-cloud-run': DirectionsRunIcon,
  'azure-container-instances': ViewModuleIcon,
  kubernetes: DeviceHubIcon,
};

/**
 * The icon of a deployment target; decorative, as its name is shown beside it.
 *
 * @internal
 */
export function ProviderIcon(props: { provider: string } & SvgIconProps) {
  const { provider, ...iconProps } = props;
  const Icon = icons[provider] ?? CloudIcon;
  return <Icon fontSize="small" aria-hidden {...iconProps} />;
}
