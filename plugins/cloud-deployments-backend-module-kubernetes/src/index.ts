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

/**
 * Kubernetes for the cloud-deployments backend: deployments applied
 * server-side to the clusters of the Backstage `kubernetes` config, with
 * prune, rollout status and dry-run; manifests validated against the
 * Kubernetes schemas; and the sandbox cluster of the sandbox module when none
 * is configured.
 *
 * @packageDocumentation
 */

export { cloudDeploymentsModuleKubernetes as default } from './module';
export { KubernetesProvider } from './KubernetesProvider';
export { APPLY_SET_LABEL } from './cluster/applyManifestSet';
export type { KubernetesProviderOptions } from './KubernetesProvider';
export { readKubernetesConfig } from './cluster/readKubernetesConfig';
export type {
  KubernetesCluster,
  KubernetesSettings,
} from './cluster/readKubernetesConfig';
export type { Manifest } from './manifests/deploymentManifests';
export { parseManifests } from './manifests/parseManifests';
export { validateManifests } from './manifests/validateManifests';
