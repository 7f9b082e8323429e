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
  CostEstimate,
  Deployment,
  DeploymentEngine,
  DeploymentEvent,
  DeploymentProvider,
  DeploymentSpec,
  DeploymentStatus,
  Page,
} from '@internal/backstage-plugin-cloud-deployments-common';

/** A deployment to be created. */
export type NewDeployment = {
  name: string;
  title?: string;
  description?: string;
  spec: DeploymentSpec;
  /** The cost estimate of the spec, kept as the deployment's last estimate. */
  estimate?: CostEstimate;
};

/** A change to a deployment: the whole new spec, already validated. */
export type DeploymentChange = {
  title?: string | null;
  description?: string | null;
  spec: DeploymentSpec;
  estimate?: CostEstimate;
};

/** Filters of a list; each given filter matches any of its values. */
export type DeploymentFilter = {
  owner?: string[];
  component?: string[];
  provider?: DeploymentProvider[];
  engine?: DeploymentEngine[];
  status?: DeploymentStatus[];
  environment?: string[];
  /** Case-insensitive substring of the name or title. */
  q?: string;
};

/** Who does something, as recorded in the event log. */
export type Actor = { ref: string };

/**
 * Persistence of deployments and their event log. Every change is one
 * transaction that also appends its event.
 */
export interface DeploymentStore {
  /** Creates a deployment in `pending` with a `created` event. ConflictError on a live name clash. */
  createDeployment(input: NewDeployment, actor: Actor): Promise<Deployment>;

  /** Lists deployments newest first. Destroyed ones only when `status` asks for them. */
  listDeployments(
    filter: DeploymentFilter,
    page: { cursor?: string; limit: number },
  ): Promise<Page<Deployment>>;

  getDeployment(id: string): Promise<Deployment | undefined>;

  /**
   * Applies a change if the deployment is still at `expectedVersion`.
   * NotFoundError when it does not exist, ConflictError on a stale version or
   * when its status does not allow changes.
   */
  updateDeployment(
    id: string,
    change: DeploymentChange,
    options: { expectedVersion: number; actor: Actor },
  ): Promise<Deployment>;

  /**
   * Moves a deployment to another status along the lifecycle. ConflictError on
   * an illegal transition (or a stale `expectedVersion`).
   */
  transitionDeployment(
    id: string,
    to: DeploymentStatus,
    options: { actor: Actor; reason?: string; expectedVersion?: number },
  ): Promise<Deployment>;

  /** The events of a deployment in order, after the event id `after`. */
  listEvents(
    deploymentId: string,
    options: { after?: number; limit: number },
  ): Promise<DeploymentEvent[]>;
}
