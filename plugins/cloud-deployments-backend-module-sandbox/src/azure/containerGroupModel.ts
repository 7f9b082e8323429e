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
import { ContainerGroupBody } from './validateContainerGroup';

/**
 * Where a container group lives.
 *
 * @public
 */
export type AciSandboxScope = { subscriptionId: string; resourceGroup: string };

/**
 * A create, update, delete or start of a container group, done at `doneAt`.
 */
export type Operation = {
  id: string;
  kind: 'create' | 'update' | 'delete' | 'start';
  scope: AciSandboxScope;
  location: string;
  startedAt: number;
  doneAt: number;
  /** Why the container group fails when the operation ends. */
  failure?: string;
};

/** A container group as the sandbox holds it. */
export type StoredGroup = {
  scope: AciSandboxScope;
  name: string;
  body: ContainerGroupBody;
  ip: string;
  operation: Operation;
  /** When it was first created (epoch milliseconds); updates keep it. */
  createdAt: number;
  /**
   * Stopped by the stop action: its containers do not run and it has no
   * IP address until it is started (or updated) again.
   */
  stopped?: boolean;
};

/**
 * A container group as ARM answers it.
 *
 * @public
 */
export type AciSandboxContainerGroup = {
  id: string;
  name: string;
  type: string;
  location: string;
  tags: Record<string, string>;
  properties: Record<string, unknown> & { provisioningState: string };
};

export function scopeKey(scope: AciSandboxScope): string {
  // ARM compares subscription and resource group names case-insensitively.
  return `${scope.subscriptionId}/${scope.resourceGroup}`.toLowerCase();
}

export function containerGroupId(scope: AciSandboxScope, name: string): string {
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}/providers/Microsoft.ContainerInstance/containerGroups/${name}`;
}
