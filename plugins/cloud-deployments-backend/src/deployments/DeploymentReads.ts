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
import { NotFoundError } from '@backstage/errors';
import {
  cloudDeploymentReadPermission,
  Approval,
  Deployment,
  DeploymentWithApproval,
  DeploymentEvent,
  DeploymentRevision,
  DeploymentSortField,
  DeploymentsSummary,
  listDeploymentsQuerySchema,
  listEventsQuerySchema,
  listRevisionsQuerySchema,
  Page,
  RevisionPage,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DeploymentStore } from '../database/DeploymentStore';
import { EstimationService } from '../pricing/EstimationService';
import {
  Decision,
  DeploymentAuthorizer,
} from '../permissions/DeploymentAuthorizer';
import { subjectOf } from '../permissions/subject';
import { Caller } from '../service/caller';
import {
  parseDeploymentId,
  parseInput,
  parseRevisionNumber,
} from '../service/validation';
import { withEmissions } from './withEmissions';

const DESCENDING_BY_DEFAULT = new Set<DeploymentSortField | undefined>([
  undefined,
  'createdAt',
  'updatedAt',
  'monthlyCost',
]);

/**
 * Reading deployments: what the caller may read, as the permission policy's
 * conditions say — applied in the database to lists and summaries, and to
 * each deployment read on its own.
 */
export class DeploymentReads {
  readonly #store: DeploymentStore;
  readonly #authorizer: DeploymentAuthorizer;
  readonly #estimates?: EstimationService;

  constructor(options: {
    store: DeploymentStore;
    authorizer: DeploymentAuthorizer;
    /** Computes the emissions of estimates stored before they were estimated. */
    estimates?: EstimationService;
  }) {
    this.#store = options.store;
    this.#authorizer = options.authorizer;
    this.#estimates = options.estimates;
  }

  #withEmissions<T extends Deployment>(deployment: T): T {
    return this.#estimates
      ? withEmissions(deployment, this.#estimates)
      : deployment;
  }

  /** A page of the deployments the caller may read, newest first by default. */
  async list(query: unknown, caller: Caller): Promise<Page<Deployment>> {
    const permission = await this.#readFilter(caller);
    const { cursor, limit, q, sort, order, ...filter } = parseInput(
      listDeploymentsQuerySchema,
      query,
      'query',
    );
    const page = await this.#store.listDeployments(
      { ...filter, q: q?.trim() || undefined, permission },
      {
        cursor,
        limit: limit ?? 50,
        order: {
          sort: sort ?? 'createdAt',
          // Newest, latest changed or dearest first; names A to Z.
          order: order ?? (DESCENDING_BY_DEFAULT.has(sort) ? 'desc' : 'asc'),
        },
      },
    );
    return { ...page, items: page.items.map(d => this.#withEmissions(d)) };
  }

  /** Count and monthly cost of the deployments the caller may read. */
  async summarize(query: unknown, caller: Caller): Promise<DeploymentsSummary> {
    const permission = await this.#readFilter(caller);
    const {
      cursor: _cursor,
      limit: _limit,
      sort: _sort,
      order: _order,
      q,
      ...filter
    } = parseInput(listDeploymentsQuerySchema, query, 'query');
    return this.#store.summarizeDeployments({
      ...filter,
      q: q?.trim() || undefined,
      permission,
    });
  }

  /**
   * One deployment, with the request of it that waits for approval; 404 when
   * it does not exist or the caller may not read it.
   */
  async get(rawId: string, caller: Caller): Promise<DeploymentWithApproval> {
    const deployment = await this.#readable(await this.#decide(caller), rawId);
    const [latest] = await this.#store.listApprovals(deployment.id);
    const read = this.#withEmissions(deployment);
    return latest?.status === 'awaiting_approval'
      ? { ...read, approval: latest }
      : read;
  }

  /** The approval requests of a deployment the caller may read. */
  async approvals(rawId: string, caller: Caller): Promise<Approval[]> {
    const deployment = await this.#readable(await this.#decide(caller), rawId);
    return this.#store.listApprovals(deployment.id);
  }

  /** A page of a deployment's revisions, newest first. */
  async revisions(
    rawId: string,
    query: unknown,
    caller: Caller,
  ): Promise<RevisionPage> {
    const decision = await this.#decide(caller);
    const { before, limit } = parseInput(
      listRevisionsQuerySchema,
      query,
      'query',
    );
    const deployment = await this.#readable(decision, rawId);
    return this.#store.listRevisions(deployment.id, {
      before,
      limit: limit ?? 50,
    });
  }

  /** One revision of a deployment. */
  async revision(
    rawId: string,
    rawNumber: string,
    caller: Caller,
  ): Promise<DeploymentRevision> {
    const decision = await this.#decide(caller);
    const number = parseRevisionNumber(rawNumber);
    const deployment = await this.#readable(decision, rawId);
    const revision = await this.#store.getRevision(deployment.id, number);
    if (!revision) {
      throw new NotFoundError(
        `Deployment ${deployment.name} has no revision ${number}`,
      );
    }
    return revision;
  }

  async #readable(decision: Decision, rawId: string): Promise<Deployment> {
    const id = parseDeploymentId(rawId);
    const deployment = await this.#store.getDeployment(id);
    if (!deployment) throw new NotFoundError(`No deployment with id ${id}`);
    // Not readable is not found: its existence is not told either.
    if (!decision.allows(subjectOf(deployment))) {
      throw new NotFoundError(`No deployment with id ${deployment.id}`);
    }
    return deployment;
  }

  /** Where a deployment's event log stands, after a validated `after`. */
  async events(
    rawId: string,
    query: unknown,
    caller: Caller,
  ): Promise<DeploymentEvent[]> {
    const decision = await this.#decide(caller);
    const { after, limit } = parseInput(listEventsQuerySchema, query, 'query');
    const deployment = await this.#readable(decision, rawId);
    return this.#store.listEvents(deployment.id, {
      after,
      limit: limit ?? 200,
    });
  }

  /** The deployment and cursor an event stream of it starts from. */
  async eventStream(
    rawId: string,
    query: unknown,
    caller: Caller,
  ): Promise<{ deployment: Deployment; after?: number }> {
    const decision = await this.#decide(caller);
    const { after } = parseInput(listEventsQuerySchema, query, 'query');
    return { deployment: await this.#readable(decision, rawId), after };
  }

  #decide(caller: Caller) {
    return this.#authorizer.decide(caller, cloudDeploymentReadPermission);
  }

  #readFilter(caller: Caller) {
    return this.#authorizer.readFilter(caller, cloudDeploymentReadPermission);
  }
}
