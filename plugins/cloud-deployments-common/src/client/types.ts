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
import { components } from './generated/paths';

type Schemas = components['schemas'];

/**
 * A Terraform state workspace as the API shows it, with the settings of
 * Terraform's `http` backend.
 *
 * @public
 */
export type TerraformWorkspace = Schemas['TerraformWorkspace'];

/**
 * What applying manifests to a cluster did.
 *
 * @public
 */
export type ManifestApplyResult = Schemas['ManifestApplyResult'];

/**
 * Options of {@link CloudDeploymentsClient}: the Backstage discovery and fetch
 * APIs, or anything shaped like them. A backend passes a `fetch` that adds a
 * service token (`auth.getPluginRequestToken`).
 *
 * @public
 */
export type CloudDeploymentsClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
};
