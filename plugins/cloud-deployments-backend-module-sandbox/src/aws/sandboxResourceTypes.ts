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

// The resources of SageMakerSandbox as its inspection methods show them.

/**
 * A model the sandbox holds.
 *
 * @public
 */
export type SandboxModel = {
  name: string;
  arn: string;
  region: string;
  executionRoleArn: string;
  image: string;
  modelDataUrl?: string;
  /** The container's `Mode`: `SingleModel` unless created otherwise. */
  mode?: 'SingleModel' | 'MultiModel';
  /** Whether the container has no network access; false unless created so. */
  enableNetworkIsolation?: boolean;
  /** The container's environment variables, as created. */
  environment?: Record<string, string>;
  /** Epoch milliseconds. */
  createdAt: number;
};

/**
 * One production variant of a sandbox endpoint configuration.
 *
 * @public
 */
export type SandboxVariant = {
  variantName: string;
  modelName: string;
  instanceType: string;
  initialInstanceCount: number;
};

/**
 * An endpoint configuration the sandbox holds.
 *
 * @public
 */
export type SandboxEndpointConfig = {
  name: string;
  arn: string;
  region: string;
  variants: SandboxVariant[];
  /** Epoch milliseconds. */
  createdAt: number;
};

/**
 * The endpoint statuses the sandbox simulates.
 *
 * @public
 */
export type SandboxEndpointStatus =
  | 'Creating'
  | 'Updating'
  | 'Deleting'
  | 'InService'
  | 'Failed';

/**
 * An endpoint the sandbox holds, as it is at the moment it is read.
 *
 * @public
 */
export type SandboxEndpoint = {
  name: string;
  arn: string;
  region: string;
  status: SandboxEndpointStatus;
  /** The configuration it serves (or is created with). */
  configName: string;
  /** The configuration an update in progress rolls out. */
  pendingConfigName?: string;
  failureReason?: string;
  /** Instances now, when scaled away from its configuration's count. */
  instanceCount?: number;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  lastModifiedAt: number;
};
