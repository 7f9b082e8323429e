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

/** What each known target is called when the backend does not say. */
const knownTitles: Record<string, string> = {
  'aws-sagemaker': 'AWS SageMaker',
  'gcp-cloud-run': 'Google Cloud Run',
  'azure-container-instances': 'Azure Container Instances',
  kubernetes: 'Kubernetes',
};

/**
 * The name of a deployment target: the backend's title, a known name, or its
 * id.
 *
 * @internal
 */
export function providerTitle(id: string, info?: ProviderInfo): string {
  return info?.title || knownTitles[id] || id;
}
