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
  createExtensionPoint,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConnectionCheck } from './connectionCheck';
import { ManifestApplyRequest, ManifestApplyResult } from './manifestApply';
import { QuotaQuery, QuotaReading } from './quota';
import {
  CostEstimate,
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * The configuration a provider reads back from the cloud, in the spec's
 * terms, for reconciliation to compare with the spec. A field is present
 * only when the provider read it: one it cannot see (or that the target
 * does not have) is left out, never guessed from the spec.
 *
 * @public
 */
export type ObservedConfig = {
  /** The container image that runs. */
  image?: string;
  /** The instance type (SageMaker). */
  instanceType?: string;
  /**
   * Fixed instances or replicas running, compared with
   * `compute.instanceCount` (or `compute.minInstances` where the target
   * reads that as its replica count).
   */
  instanceCount?: number;
  /** vCPUs per container or instance. */
  cpu?: number;
  /** Memory per container or instance, in MiB. */
  memoryMiB?: number;
  /** The autoscaler's lower bound. */
  minInstances?: number;
  /** The autoscaler's upper bound. */
  maxInstances?: number;
  /** Environment variables of the container, by name. */
  env?: Record<string, string>;
  /**
   * Labels the portal puts on the resources that they no longer carry, with
   * the value they should have.
   */
  missingLabels?: Record<string, string>;
};

/**
 * What a provider sees of a deployment's cloud resources when it looks.
 *
 * - `absent`: nothing exists (never created, or deleted).
 * - `in-progress`: the cloud is creating, updating, deleting, stopping or
 *   starting it.
 * - `ready`: serving, with its endpoint and outputs.
 * - `stopped`: in the shape `stop` leaves it: nothing runs or bills for
 *   compute, and what `start` needs to run it again is kept (see
 *   `CloudDeploymentProvider.stop`).
 * - `failed`: the cloud gave up, with its reason.
 *
 * `config`, where the provider reads it, is what the resources are
 * configured with now (see {@link ObservedConfig}).
 *
 * @public
 */
export type ObservedState =
  | { state: 'absent' }
  | { state: 'in-progress'; detail?: string; config?: ObservedConfig }
  | {
      state: 'ready';
      endpoint?: string;
      outputs: Record<string, unknown>;
      config?: ObservedConfig;
    }
  | {
      state: 'stopped';
      outputs?: Record<string, unknown>;
      config?: ObservedConfig;
    }
  | {
      state: 'failed';
      reason: string;
      /**
       * The cloud's code for the failure where the provider knows one, e.g.
       * `InsufficientCapacity` (see `CAPACITY_ERROR_CODES`).
       */
      code?: string;
      outputs?: Record<string, unknown>;
      config?: ObservedConfig;
    };

/**
 * A cloud resource carrying the portal's deployment-id tag or label, as a
 * provider lists it (see `CloudDeploymentProvider.listTaggedResources`).
 *
 * @public
 */
export type TaggedCloudResource = {
  /**
   * The deployment id in its `cloud-deployments-id` tag or label (on
   * Kubernetes, the `cloud-deployments.backstage.io/deployment-id` label),
   * exactly as the cloud holds it: never empty (a resource whose value is
   * empty or blank is not listed), but otherwise whatever someone may have
   * written there, of any length the cloud allows and any characters.
   */
  deploymentId: string;
  /** What it is, e.g. `SageMaker endpoint`, `Cloud Run service`. */
  kind: string;
  /**
   * The cloud's own id of it (ARN, resource name or id, `namespace/name`).
   * Unique within the provider's resources, except that a Kubernetes
   * `namespace/name` is unique only within its cluster (`location`): key
   * a resource by its location and id.
   */
  resourceId: string;
  /** Its name in the cloud. */
  name: string;
  /**
   * The region (or cluster) it is in, where it has one: SageMaker and Cloud
   * Run regions, Azure locations, the Kubernetes cluster's name.
   */
  region?: string;
  /**
   * The configured account, project, subscription or cluster it is in, as
   * `spec.account` names it (not the cloud's own number).
   */
  location?: string;
  /** When the cloud says it was created (ISO 8601), where it says. */
  createdAt?: string;
  /**
   * What it runs, in the spec's terms (instance type, count, CPU, memory),
   * as far as the provider read it, so that the portal can price it:
   * `instanceCount` is what runs now (0 when the cloud runs nothing for
   * it, e.g. a failed endpoint or a stopped container group), CPU and memory
   * are per instance, summed over its containers. Never environment
   * variables.
   */
  config?: ObservedConfig;
};

/**
 * What the job engine hands a provider with each call.
 *
 * @public
 */
export type ProviderContext = {
  /**
   * Appends a line to the deployment's log, shown live in the portal. Never
   * pass credentials or other secrets.
   */
  log(message: string, data?: Record<string, unknown>): Promise<void>;
  /**
   * Aborted when the deployment is cancelled, the task's lease is lost, or
   * the backend shuts down. Pass it to the SDK calls.
   */
  signal: AbortSignal;
  logger: LoggerService;
};

/**
 * Terraform files and/or Kubernetes manifests rendered for a spec.
 *
 * @public
 */
export type RenderedFiles = {
  /** Path relative to the work directory → file content. */
  files: Record<string, string>;
};

/**
 * A deployment target: a cloud service the portal can provision through its
 * SDK. Registered by backend modules through
 * {@link cloudDeploymentsProvidersExtensionPoint}.
 *
 * Every call that changes something must be idempotent: the job engine may
 * call it again after a crash or a lost lease, so a provider asks the cloud
 * for the current state of a resource before creating it, and derives
 * resource names from the deployment so a second attempt finds the first.
 * `provision`, `update` and `destroy` start the change and return what they
 * see; the engine polls `describe` until the change has settled.
 *
 * @public
 */
export interface CloudDeploymentProvider {
  /** The `spec.provider` value it serves, e.g. `aws-sagemaker`. */
  readonly id: string;
  /** Human-readable name, e.g. `AWS SageMaker`. */
  readonly title: string;
  /**
   * True when the provider talks to the local sandbox instead of a real cloud
   * (no credentials were configured). Shown as "sandbox" in the API and UI.
   */
  readonly sandbox: boolean;
  /**
   * True when, in sandbox mode, `render` points Terraform's provider at the
   * sandbox, so that engine `terraform` can run there too. Without it a
   * sandbox provider's Terraform would reach the real cloud, and is refused.
   */
  readonly sandboxTerraform?: boolean;

  /**
   * Target-specific checks beyond the common schema (names, regions,
   * instance types the target accepts). Returns problems as
   * `field: message`; empty when the spec is valid. `name` is the
   * deployment's name, which often becomes the cloud resource's name.
   */
  validate?(spec: DeploymentSpec, name?: string): string[];

  /** A monthly cost estimate, for targets the built-in estimators do not price. */
  estimate?(spec: DeploymentSpec): Promise<CostEstimate>;

  /** Infrastructure-as-code for the deployment (Terraform JSON, manifests). */
  render?(deployment: Deployment): Promise<RenderedFiles>;

  /** Starts creating the resources unless they exist; returns what it sees. */
  provision(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState>;

  /** Looks at the deployment's resources without changing them. */
  describe(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState>;

  /** Starts bringing existing resources to the deployment's current spec. */
  update(deployment: Deployment, ctx: ProviderContext): Promise<ObservedState>;

  /**
   * Starts deleting the resources; `absent` when they are already gone.
   * Deletes whatever exists under the deployment's name or labels, also
   * when it was changed outside the portal (relabelled, rescaled).
   */
  destroy(deployment: Deployment, ctx: ProviderContext): Promise<ObservedState>;

  /**
   * Starts stopping a deployment so that its compute no longer runs or
   * bills, keeping what `start` needs to bring it back to the same spec:
   * a container group stopped, a service or Deployment scaled to zero, a
   * SageMaker endpoint deleted with its model and endpoint configuration
   * kept. Returns what it sees; the engine polls `describe` until it
   * reports `stopped`, so `describe` must recognise the stopped shape (and
   * `describeMany` likewise). Idempotent: stopping what is stopped returns
   * `stopped`. Optional: a target without it cannot be stopped.
   */
  stop?(deployment: Deployment, ctx: ProviderContext): Promise<ObservedState>;

  /**
   * Starts running a stopped deployment again to its current spec; returns
   * what it sees, and the engine polls `describe` until `ready`. Idempotent:
   * starting what runs returns its state. Present whenever `stop` is.
   */
  start?(deployment: Deployment, ctx: ProviderContext): Promise<ObservedState>;

  /**
   * Looks at many deployments at once (e.g. one list call per region), for
   * reconciliation. Deployments missing from the result are treated as
   * `absent`. Optional: without it the engine calls `describe` for each.
   */
  describeMany?(
    deployments: Deployment[],
    ctx: ProviderContext,
  ): Promise<Map<string, ObservedState>>;

  /**
   * Lists every cloud resource, in all the accounts, projects, subscriptions
   * or clusters the provider deploys to, that carries the portal's
   * deployment-id tag or label, whether or not its deployment still exists,
   * for the orphaned-resources recommendation. Only what costs money while
   * it exists is listed (an endpoint, not its configurations and models),
   * and not what the cloud is deleting already. Throws when a location
   * cannot be listed rather than return part of the answer as if complete;
   * the error is a `ProviderError` naming the location. Reads only: it may
   * make one request per region of every account, and one per resource
   * where the cloud's list has no tags (SageMaker).
   * Optional: without it the provider's orphans are not looked for.
   */
  listTaggedResources?(
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<TaggedCloudResource[]>;
  /**
   * Applies manifests written outside a deployment (a template's files) to
   * one of the provider's clusters, for `POST /kubernetes/apply`. Only
   * providers that apply Kubernetes objects have it.
   */
  applyManifests?(
    request: ManifestApplyRequest,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<ManifestApplyResult>;

  /**
   * Reads the quotas that limit GPU deployments of these instance types in
   * the spec's account and region (or namespace), for the pre-flight check
   * of a GPU deployment: a reading per type it found one for, keyed by the
   * type (`*` for a quota on GPUs of any type). A type left out has no
   * quota the provider could find. Throws a `ProviderError` when the quota
   * API cannot be read (denied, unreachable); the check then reports the
   * quota as unknown and never refuses for it. Reads only.
   * Optional: without it a target's quotas are not checked.
   */
  readQuotas?(
    query: QuotaQuery,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<Map<string, QuotaReading>>;

  /**
   * The accounts, projects, subscriptions or clusters the provider deploys
   * to, as `spec.account` names them (in sandbox mode, the sandbox's), for
   * `GET /providers` and the connection test. Present whenever
   * `testConnection` is.
   */
  readonly accounts?: readonly string[];

  /**
   * Tests one of {@link CloudDeploymentProvider.accounts}, for
   * `POST /providers/:provider/accounts/:account/test`: one cheap read of
   * who the portal is with the account's configured credentials, and a check
   * (a simulation or a permissions listing, never a change) of every
   * permission the deploy path needs (provision, update, stop, start,
   * destroy, and the readers of costs and metrics). Never throws for what
   * the cloud answers: an unreachable endpoint, a refusal or an answer not
   * understood becomes a problem, and permissions it could not check are
   * `unknown`. Gives up when `ctx.signal` aborts. Never returns, logs or
   * stores a secret. Optional: a provider without it cannot be tested.
   */
  testConnection?(
    account: string,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<ConnectionCheck>;
}

/**
 * Lets backend modules add deployment targets.
 *
 * @public
 */
export interface CloudDeploymentsProvidersExtensionPoint {
  /** Adds a deployment target, offered under its `id`. */
  addProvider(provider: CloudDeploymentProvider): void;
}

/**
 * The extension point through which modules add deployment targets.
 *
 * @public
 */
export const cloudDeploymentsProvidersExtensionPoint =
  createExtensionPoint<CloudDeploymentsProvidersExtensionPoint>({
    id: 'cloud-deployments.providers',
  });
