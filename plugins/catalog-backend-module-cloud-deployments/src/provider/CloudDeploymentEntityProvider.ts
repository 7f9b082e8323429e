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
import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  CloudDeploymentsClient,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  DEPLOYMENTS_EVENT_TOPIC,
  DeploymentChangedEvent,
  pluginRequestFetch,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { deploymentEntityProblem } from './deploymentEntityProblem';
import { deploymentToEntity } from './deploymentToEntity';

const LOCATION_KEY = 'cloud-deployments';
const PAGE_SIZE = 200;

function isDeploymentChangedEvent(
  payload: unknown,
): payload is DeploymentChangedEvent {
  const event = payload as Partial<DeploymentChangedEvent> | undefined;
  const deployment = event?.deployment;
  return (
    (event?.action === 'upserted' || event?.action === 'removed') &&
    typeof deployment?.id === 'string' &&
    typeof deployment.name === 'string' &&
    typeof deployment.spec === 'object' &&
    deployment.spec !== null
  );
}

/**
 * Publishes every deployment the cloud-deployments backend knows as a
 * `CloudDeployment` entity: a full mutation on a schedule, and a delta for
 * each change announced on the events service.
 *
 * @public
 */
export class CloudDeploymentEntityProvider implements EntityProvider {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #appBaseUrl: string;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #events?: EventsService;
  #connection?: EntityProviderConnection;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    appBaseUrl: string;
    taskRunner: SchedulerServiceTaskRunner;
    events?: EventsService;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#appBaseUrl = options.appBaseUrl;
    this.#taskRunner = options.taskRunner;
    this.#events = options.events;
  }

  /** `cloud-deployments`: the name of this provider, the source of its entities. */
  getProviderName(): string {
    return 'cloud-deployments';
  }

  /** Keeps the connection, schedules the full refresh and follows the change events. */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
    await this.#events?.subscribe({
      id: 'catalog-cloud-deployments',
      topics: [DEPLOYMENTS_EVENT_TOPIC],
      onEvent: async ({ eventPayload }) => {
        if (!isDeploymentChangedEvent(eventPayload)) {
          this.#logger.warn(
            `Ignoring a malformed event on ${DEPLOYMENTS_EVENT_TOPIC}`,
          );
          return;
        }
        try {
          await this.applyChange(eventPayload);
        } catch (error) {
          // The next full refresh catches up with what this change missed.
          this.#logger.warn(
            `Could not apply the change of deployment ${eventPayload.deployment.id}: ${error}`,
          );
        }
      },
    });
  }

  /**
   * Replaces every entity of this provider with the deployments the backend
   * lists now, leaving out (with one logged error each) those the catalog
   * could not process. Returns how many were published.
   */
  async refresh(): Promise<number> {
    const connection = this.#requireConnection();
    const deployments = await this.#listAll();
    const entities = [];
    for (const deployment of deployments) {
      const entity = await this.#entityOf(deployment);
      if (entity) entities.push({ entity, locationKey: LOCATION_KEY });
    }
    await connection.applyMutation({ type: 'full', entities });
    const skipped = deployments.length - entities.length;
    this.#logger.info(
      `Published ${entities.length} deployments${
        skipped ? `; skipped ${skipped} the catalog could not process` : ''
      }`,
    );
    return entities.length;
  }

  /** Applies one announced change as a delta. */
  async applyChange(change: DeploymentChangedEvent): Promise<void> {
    const connection = this.#requireConnection();
    const entity = await this.#entityOf(change.deployment);
    // Never published, so there is nothing to add or remove either.
    if (!entity) return;
    const item = { entity, locationKey: LOCATION_KEY };
    if (
      change.action === 'removed' ||
      change.deployment.status === 'destroyed'
    ) {
      await connection.applyMutation({
        type: 'delta',
        added: [],
        removed: [item],
      });
    } else {
      await connection.applyMutation({
        type: 'delta',
        added: [item],
        removed: [],
      });
    }
  }

  /**
   * The entity of a deployment, or `undefined` (logged) when the catalog
   * could not process it: one such entity would otherwise keep the catalog
   * retrying it, and on SQLite a ref it cannot store keeps its stitcher busy
   * for good.
   */
  async #entityOf(deployment: Deployment) {
    let problem: string | undefined;
    try {
      const entity = deploymentToEntity(deployment, {
        appBaseUrl: this.#appBaseUrl,
      });
      problem = await deploymentEntityProblem(entity);
      if (!problem) return entity;
    } catch (error) {
      problem = String(error);
    }
    this.#logger.error(
      `Not publishing deployment ${deployment.id} to the catalog: ${problem}`,
    );
    return undefined;
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) {
      throw new Error('CloudDeploymentEntityProvider is not connected yet');
    }
    return this.#connection;
  }

  async #listAll(): Promise<Deployment[]> {
    const auth = this.#auth;
    const client = new CloudDeploymentsClient({
      discoveryApi: this.#discovery,
      fetchApi: pluginRequestFetch({
        auth,
        credentials: () => auth.getOwnServiceCredentials(),
      }),
    });
    const all: Deployment[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listDeployments({ limit: PAGE_SIZE, cursor });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
}
