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
import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  DEPLOYMENTS_EVENT_TOPIC,
  DeploymentChangedEvent,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DeploymentStore } from './DeploymentStore';

/**
 * A DeploymentStore that announces every committed change on the events
 * service, so that followers (the catalog's entity provider) see it within
 * seconds. The change is committed first; a failed announcement is logged and
 * left to the followers' periodic full refresh, never failing the change.
 */
export class PublishingDeploymentStore implements DeploymentStore {
  readonly #store: DeploymentStore;
  readonly #events: EventsService;
  readonly #logger: LoggerService;

  constructor(options: {
    store: DeploymentStore;
    events: EventsService;
    logger: LoggerService;
  }) {
    this.#store = options.store;
    this.#events = options.events;
    this.#logger = options.logger;
  }

  async #announce(deployment: Deployment): Promise<Deployment> {
    const eventPayload: DeploymentChangedEvent = {
      action: deployment.status === 'destroyed' ? 'removed' : 'upserted',
      deployment,
    };
    try {
      await this.#events.publish({
        topic: DEPLOYMENTS_EVENT_TOPIC,
        eventPayload,
      });
    } catch (error) {
      this.#logger.warn(
        `Could not announce the change of deployment ${deployment.id}: ${error}`,
      );
    }
    return deployment;
  }

  async createDeployment(
    ...args: Parameters<DeploymentStore['createDeployment']>
  ) {
    return this.#announce(await this.#store.createDeployment(...args));
  }

  async createAdmitted(...args: Parameters<DeploymentStore['createAdmitted']>) {
    return this.#announce(await this.#store.createAdmitted(...args));
  }

  budgetStandings(...args: Parameters<DeploymentStore['budgetStandings']>) {
    return this.#store.budgetStandings(...args);
  }

  requestApproval(...args: Parameters<DeploymentStore['requestApproval']>) {
    return this.#store.requestApproval(...args);
  }

  async decideApproval(...args: Parameters<DeploymentStore['decideApproval']>) {
    const result = await this.#store.decideApproval(...args);
    await this.#announce(result.deployment);
    return result;
  }

  listApprovals(...args: Parameters<DeploymentStore['listApprovals']>) {
    return this.#store.listApprovals(...args);
  }

  getApproval(...args: Parameters<DeploymentStore['getApproval']>) {
    return this.#store.getApproval(...args);
  }

  async updateDeployment(
    ...args: Parameters<DeploymentStore['updateDeployment']>
  ) {
    return this.#announce(await this.#store.updateDeployment(...args));
  }

  async transitionDeployment(
    ...args: Parameters<DeploymentStore['transitionDeployment']>
  ) {
    return this.#announce(await this.#store.transitionDeployment(...args));
  }

  async rollbackDeployment(
    ...args: Parameters<DeploymentStore['rollbackDeployment']>
  ) {
    return this.#announce(await this.#store.rollbackDeployment(...args));
  }

  async moveEndpoint(...args: Parameters<DeploymentStore['moveEndpoint']>) {
    return this.#announce(await this.#store.moveEndpoint(...args));
  }

  async markDrifted(...args: Parameters<DeploymentStore['markDrifted']>) {
    const changed = await this.#store.markDrifted(...args);
    for (const deployment of changed) await this.#announce(deployment);
    return changed;
  }

  rollbackTarget(...args: Parameters<DeploymentStore['rollbackTarget']>) {
    return this.#store.rollbackTarget(...args);
  }

  listRevisions(...args: Parameters<DeploymentStore['listRevisions']>) {
    return this.#store.listRevisions(...args);
  }

  getRevision(...args: Parameters<DeploymentStore['getRevision']>) {
    return this.#store.getRevision(...args);
  }

  getLastGoodSpec(id: string) {
    return this.#store.getLastGoodSpec(id);
  }

  appendLog(...args: Parameters<DeploymentStore['appendLog']>) {
    return this.#store.appendLog(...args);
  }

  listDeployments(...args: Parameters<DeploymentStore['listDeployments']>) {
    return this.#store.listDeployments(...args);
  }

  summarizeDeployments(
    ...args: Parameters<DeploymentStore['summarizeDeployments']>
  ) {
    return this.#store.summarizeDeployments(...args);
  }

  getDeployment(id: string) {
    return this.#store.getDeployment(id);
  }

  listEvents(...args: Parameters<DeploymentStore['listEvents']>) {
    return this.#store.listEvents(...args);
  }

  listEventsOfMany(...args: Parameters<DeploymentStore['listEventsOfMany']>) {
    return this.#store.listEventsOfMany(...args);
  }
}
