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

/**
 * The events service topic on which the cloud-deployments backend announces
 * every change of a deployment, so that other plugins (the catalog's entity
 * provider) follow within seconds instead of waiting for a full refresh.
 *
 * @public
 */
export const DEPLOYMENTS_EVENT_TOPIC = 'cloud-deployments.deployment';

/**
 * The payload of an event on {@link DEPLOYMENTS_EVENT_TOPIC}: the deployment as
 * it is now. `removed` when it is destroyed (it leaves the catalog), otherwise
 * `upserted`.
 *
 * @public
 */
export type DeploymentChangedEvent = {
  action: 'upserted' | 'removed';
  deployment: Deployment;
};
