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

import { CostEstimate, EstimateTotalKind } from './pricing';

/**
 * The deployment targets the product knows.
 *
 * @public
 */
export const DEPLOYMENT_PROVIDERS = [
  'aws-sagemaker',
  'gcp-cloud-run',
  'azure-container-instances',
  'kubernetes',
] as const;

/**
 * A deployment target.
 *
 * @public
 */
export type DeploymentProvider = (typeof DEPLOYMENT_PROVIDERS)[number];

/**
 * How a deployment is provisioned: directly through the cloud SDK, through
 * generated Terraform, or through Kubernetes server-side apply.
 *
 * @public
 */
export const DEPLOYMENT_ENGINES = ['sdk', 'terraform', 'kubernetes'] as const;

/**
 * A provisioning engine.
 *
 * @public
 */
export type DeploymentEngine = (typeof DEPLOYMENT_ENGINES)[number];

/**
 * Every state a deployment can be in.
 *
 * @public
 */
export const DEPLOYMENT_STATUSES = [
  'awaiting_approval',
  'pending',
  'provisioning',
  'active',
  'drifted',
  'updating',
  'stopping',
  'stopped',
  'starting',
  'failed',
  'destroying',
  'destroyed',
] as const;

/**
 * The lifecycle state of a deployment.
 *
 * @public
 */
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/**
 * What is deployed: a container image and/or model data.
 *
 * @public
 */
export type DeploymentArtifact = {
  /** Container image reference, e.g. `ghcr.io/acme/model:1.2.0`. */
  image?: string;
  /** URL of the model data, e.g. `s3://bucket/model.tar.gz`. */
  modelDataUrl?: string;
};

/**
 * The compute a deployment asks for. Instance-based targets (SageMaker) use
 * `instanceType` and `instanceCount`; container targets use cpu / memory and
 * the scaling fields.
 *
 * @public
 */
export type DeploymentCompute = {
  /** Provider instance type, e.g. `ml.m5.large`. */
  instanceType?: string;
  /** Number of instances of `instanceType`. */
  instanceCount?: number;
  /** vCPUs per instance or container, e.g. `1` or `0.5`. */
  cpu?: number;
  /** Memory per instance or container, in MiB. */
  memoryMiB?: number;
  /** Minimum number of instances kept running. */
  minInstances?: number;
  /** Maximum number of instances scaled out to. */
  maxInstances?: number;
  /** Concurrent requests one instance serves. */
  concurrency?: number;
  /** GPUs per instance or container. */
  gpu?: number;
};

/**
 * What a person declares about a deployment; the `spec` of a
 * `CloudDeployment` entity.
 *
 * @public
 */
export type DeploymentSpec = {
  /** Entity ref of the owning group or user, e.g. `group:default/ml-team`. */
  owner: string;
  /** Entity ref of the component that is deployed. */
  component: string;
  /** Entity ref of the system the deployment belongs to. */
  system?: string;
  /** `production`, `staging`, `development`, or an organisation's own name. */
  environment: string;
  provider: DeploymentProvider;
  /** Provider region, e.g. `us-east-1`, `europe-west1`, `westeurope`. */
  region: string;
  /**
   * Id of a configured account (AWS account, GCP project, Azure
   * subscription) to deploy into; the provider's default when absent.
   */
  account?: string;
  artifact: DeploymentArtifact;
  compute: DeploymentCompute;
  engine: DeploymentEngine;
  /** Time to live as an ISO 8601 duration, e.g. `P7D`; destroyed after it. */
  ttl?: string;
  /**
   * Environment variables of the deployed container. Part of the spec, so
   * visible to everyone who may read the deployment: not for secrets.
   */
  env?: Record<string, string>;
  /** The usage its estimate assumes, where the defaults do not fit. */
  usage?: DeploymentUsage;
  /**
   * What reconciliation does when the resources no longer match this spec:
   * `notify` (the default) marks the deployment `drifted` and tells its
   * owners; `reapply` also queues an update that puts the spec back.
   */
  driftRemediation?: DriftRemediation;
};

/**
 * What reconciliation does about drift; see `DeploymentSpec.driftRemediation`.
 *
 * @public
 */
export const DRIFT_REMEDIATIONS = ['notify', 'reapply'] as const;

/**
 * A drift remediation.
 *
 * @public
 */
export type DriftRemediation = (typeof DRIFT_REMEDIATIONS)[number];

/**
 * One field whose cloud value differs from the spec, e.g.
 * `{ field: 'compute.instanceCount', desired: 3, observed: 1 }`.
 *
 * @public
 */
export type DriftField = {
  /** The spec path (`artifact.image`, `compute.cpu`), or `metadata.labels`. */
  field: string;
  desired: string | number | null;
  /** `null` when the resource no longer has the field at all. */
  observed: string | number | null;
};

/**
 * What reconciliation last found different between a deployment's spec and
 * its resources.
 *
 * @public
 */
export type DeploymentDrift = {
  fields: DriftField[];
  /** When reconciliation first found this drift. */
  detectedAt: string;
};

/**
 * The usage a deployment's estimate assumes; each one left out takes its
 * labelled default.
 *
 * @public
 */
export type DeploymentUsage = {
  /** Hours a month it runs; 730 (a full month) by default. */
  hoursPerMonth?: number;
  /** Cloud Run: requests a month. */
  requestsPerMonth?: number;
  /** Cloud Run: the average time a request takes, in ms. */
  avgRequestDurationMs?: number;
  /** Cloud Run: billed per request or per instance. */
  billing?: 'request' | 'instance';
  /** Container Instances: the operating system priced. */
  os?: 'linux' | 'windows';
  /** Cloud Run: whether the free tier is credited. */
  applyFreeTier?: boolean;
};

/**
 * A deployment as the backend stores and serves it.
 *
 * @public
 */
export type Deployment = {
  /** Opaque, stable identifier (UUID). */
  id: string;
  /**
   * DNS-1123 label, unique among the deployments of its environment that are
   * not destroyed: `web-api` can live in staging and in production.
   */
  name: string;
  /**
   * The name its cloud resources carry (endpoint, service, container group,
   * Kubernetes Deployment): `name` unless another environment's live
   * deployment already had it, then e.g. `web-api-production`. Unique among
   * deployments that are not destroyed. Every stored deployment has it;
   * absent only in one not yet stored, where it is `name`.
   */
  resourceName?: string;
  title?: string;
  description?: string;
  spec: DeploymentSpec;
  status: DeploymentStatus;
  /** Why the deployment is in its status, e.g. a provider's failure reason. */
  statusReason?: string;
  /** The fields that differ from the spec, while the deployment is `drifted`. */
  drift?: DeploymentDrift;
  /** Endpoint URL once the deployment is active. */
  endpoint?: string;
  /** Provider outputs (resource ids, IPs, URLs). */
  outputs: Record<string, unknown>;
  /** The monthly cost estimate of the current spec. */
  estimate?: CostEstimate;
  /**
   * True when the deployment lives in a provider's local sandbox (no cloud
   * credentials were configured), not in a real cloud.
   */
  sandbox?: boolean;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /**
   * When the time to live runs out (counted from `createdAt`) and the
   * deployment is destroyed; absent without a TTL.
   */
  expiresAt?: string;
  /** Incremented on every change; send it back to update (optimistic concurrency). */
  version: number;
};

/**
 * The kinds of entries in a deployment's event log.
 *
 * @public
 */
export const DEPLOYMENT_EVENT_TYPES = [
  'created',
  'updated',
  'status',
  'log',
  'approval',
] as const;

/**
 * The kind of a deployment event.
 *
 * @public
 */
export type DeploymentEventType = (typeof DEPLOYMENT_EVENT_TYPES)[number];

/**
 * One append-only entry of a deployment's log: a change, a status
 * transition, or a line of provisioning output, with who caused it.
 *
 * @public
 */
export type DeploymentEvent = {
  /** Increasing identifier; events of a deployment are ordered by it. */
  id: number;
  deploymentId: string;
  type: DeploymentEventType;
  message: string;
  /** Structured details, e.g. `{ from, to }` for a status change. */
  data?: Record<string, unknown>;
  /** Entity ref of the user, or the service principal, that caused it. */
  actor: string;
  createdAt: string;
};

/**
 * One page of a list, with the cursor of the next page if there is one.
 *
 * @public
 */
export type Page<T> = {
  items: T[];
  /** Number of items matching the filters, over all pages. */
  totalCount: number;
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
};

/**
 * A deployment target the backend can provision, as `GET /providers` lists it.
 *
 * @public
 */
export type ProviderInfo = {
  id: string;
  title: string;
  /** True when it provisions into a local sandbox rather than a real cloud. */
  sandbox: boolean;
  /**
   * The accounts, projects, subscriptions or clusters it deploys to, as
   * `spec.account` names them; each can be tested with
   * `POST /providers/:provider/accounts/:account/test`. Absent when the
   * provider cannot test its connection.
   */
  accounts?: string[];
};

/**
 * Totals over the deployments matching a list's filters, as
 * `GET /deployments/summary` answers.
 *
 * @public
 */
export type DeploymentsSummary = {
  /** Number of deployments matching the filters. */
  count: number;
  /** Of those, the ones billing now (see `BILLING_STATUSES`): only they are in `monthlyCost`. */
  billingCount: number;
  currency: 'USD';
  /** Sum of the priced parts of the monthly estimates of the billing deployments. */
  monthlyCost: number;
  /** How sure `monthlyCost` is: `partial` when `leftOut` names unpriced lines or estimates. */
  totalKind: EstimateTotalKind;
  /** What `monthlyCost` leaves out, or holds only approximately. */
  leftOut: DeploymentsSummaryLeftOut;
  /** Counts and monthly cost per provider, for providers with deployments. */
  byProvider: Array<{
    provider: string;
    count: number;
    billingCount: number;
    monthlyCost: number;
    totalKind: EstimateTotalKind;
  }>;
};

/**
 * The deployments a summary's sum leaves out, or holds only approximately.
 *
 * @public
 */
export type DeploymentsSummaryLeftOut = {
  /** Not billing (awaiting approval, pending, failed or destroyed): not in the sum. */
  notBilling: number;
  /** Billing, with no estimate: not in the sum. */
  withoutEstimate: number;
  /** Billing, with some lines unpriced: only their priced lines are in the sum. */
  partlyPriced: number;
  /** Billing, with no line priced: nothing of them is in the sum. */
  unpriced: number;
  /** Billing, priced with another region's prices. */
  approximate: number;
};
