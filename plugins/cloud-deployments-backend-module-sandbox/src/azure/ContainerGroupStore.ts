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
import { randomUUID } from 'crypto';
import { armError, ArmError, resourceNotFound } from './armErrors';
import {
  AciSandboxContainerGroup,
  AciSandboxScope,
  Operation,
  scopeKey,
  StoredGroup,
} from './containerGroupModel';
import { containerGroupView } from './containerGroupView';
import {
  ContainerGroupBody,
  immutableChange,
  validateContainerGroup,
} from './validateContainerGroup';

/**
 * The container groups of the sandbox, by subscription and resource group.
 * States are computed from the clock when read, so nothing runs in the
 * background: an operation is in progress until its `doneAt`, then its
 * outcome shows, and a deleted group disappears.
 */
export class ContainerGroupStore {
  readonly #readyAfterMs: number;
  readonly #scopes = new Map<string, Map<string, StoredGroup>>();
  readonly #operations = new Map<string, Operation>();
  readonly #failNext = new Map<string, string>();
  #ips = 0;

  constructor(options: { readyAfterMs: number }) {
    this.#readyAfterMs = options.readyAfterMs;
  }

  failNext(name: string, message: string): void {
    this.#failNext.set(name, message);
  }

  get(scope: AciSandboxScope, name: string, now: number) {
    const group = this.#live(scope, name, now);
    return group && containerGroupView(group, now, true);
  }

  /** One page of a resource group's container groups, in creation order. */
  list(scope: AciSandboxScope, offset: number, limit: number, now: number) {
    const groups = this.#scopes.get(scopeKey(scope));
    const items: AciSandboxContainerGroup[] = [];
    let index = 0;
    let more = false;
    for (const group of groups?.values() ?? []) {
      if (!this.#isLive(group, now)) {
        groups!.delete(group.name);
        continue;
      }
      if (index >= offset + limit) {
        more = true;
        break;
      }
      if (index >= offset) items.push(containerGroupView(group, now, false));
      index += 1;
    }
    return { items, more };
  }

  all(now: number): AciSandboxContainerGroup[] {
    const result: AciSandboxContainerGroup[] = [];
    for (const groups of this.#scopes.values()) {
      for (const group of groups.values()) {
        if (this.#isLive(group, now)) {
          result.push(containerGroupView(group, now, true));
        }
      }
    }
    return result;
  }

  put(
    scope: AciSandboxScope,
    name: string,
    body: ContainerGroupBody,
    now: number,
  ):
    | {
        created: boolean;
        resource: AciSandboxContainerGroup;
        operation: Operation;
      }
    | ArmError {
    const invalid = validateContainerGroup(name, body);
    if (invalid) return invalid;
    const existing = this.#live(scope, name, now);
    const location = body.location!;
    if (existing) {
      if (now < existing.operation.doneAt) {
        return transitioning(name);
      }
      if (existing.body.location !== location) {
        return armError(
          409,
          'InvalidResourceLocation',
          `The resource '${name}' already exists in location '${existing.body.location}' in resource group '${scope.resourceGroup}'. A resource with the same name cannot be created in location '${location}'. Please select a new resource name.`,
        );
      }
      const change = immutableChange(existing.body, body);
      if (change) {
        return armError(
          409,
          'InvalidContainerGroupUpdate',
          `The updates on container group '${name}' are invalid. If you are going to update the os type, restart policy, network profile, CPU, memory or GPU resources for a container group, you must delete it first and then create a new one (changed: ${change}).`,
        );
      }
    }
    const failure = this.#failNext.get(name);
    this.#failNext.delete(name);
    const operation = this.#startOperation(
      existing ? 'update' : 'create',
      scope,
      location,
      now,
      failure,
    );
    const group: StoredGroup = {
      scope,
      name,
      body,
      ip: existing?.ip ?? this.#nextIp(),
      operation,
      createdAt: existing?.createdAt ?? now,
    };
    this.#groups(scope, true).set(name, group);
    return {
      created: !existing,
      resource: containerGroupView(group, now, true),
      operation,
    };
  }

  /** Starts deleting; undefined when there is no such container group. */
  delete(
    scope: AciSandboxScope,
    name: string,
    now: number,
  ): Operation | undefined {
    const group = this.#live(scope, name, now);
    if (!group) return undefined;
    if (group.operation.kind !== 'delete') {
      group.operation = this.#startOperation(
        'delete',
        scope,
        group.body.location!,
        now,
      );
    }
    return group.operation;
  }

  /**
   * The stop action: at once, its containers stop and it releases its IP
   * address (ARM answers 204). Stopping a stopped group is a no-op; one
   * that is still being created, updated or started is refused, as ACI
   * refuses it.
   */
  stop(scope: AciSandboxScope, name: string, now: number): ArmError | true {
    const group = this.#live(scope, name, now);
    if (!group) return resourceNotFound(scope.resourceGroup, name);
    if (group.operation.kind === 'delete' || now < group.operation.doneAt) {
      return transitioning(name);
    }
    group.stopped = true;
    return true;
  }

  /**
   * Starts the start action, a long-running operation at whose end the
   * containers run again. Starting a group that runs is a no-op that
   * succeeds.
   */
  start(
    scope: AciSandboxScope,
    name: string,
    now: number,
  ): ArmError | Operation {
    const group = this.#live(scope, name, now);
    if (!group) return resourceNotFound(scope.resourceGroup, name);
    if (group.operation.kind === 'delete' || now < group.operation.doneAt) {
      return transitioning(name);
    }
    if (!group.stopped) {
      return this.#startOperation('start', scope, group.body.location!, now);
    }
    group.stopped = false;
    group.operation = this.#startOperation(
      'start',
      scope,
      group.body.location!,
      now,
    );
    return group.operation;
  }

  /**
   * Changes a container group's body at once, as an update made outside the
   * portal that already finished. False when there is no such group.
   */
  edit(
    scope: AciSandboxScope,
    name: string,
    change: (body: ContainerGroupBody) => void,
  ): boolean {
    const group = this.#live(scope, name, Date.now());
    if (!group || group.operation.kind === 'delete') return false;
    change(group.body);
    return true;
  }

  /**
   * When a container group was created, and until when it exists (`now`,
   * or the start of its deletion), with its location; undefined when there
   * is none.
   */
  lifetime(
    scope: AciSandboxScope,
    name: string,
    now: number,
  ): { createdAt: number; until: number; location: string } | undefined {
    const group = this.#live(scope, name, now);
    if (!group) return undefined;
    const { operation } = group;
    return {
      createdAt: group.createdAt,
      until: operation.kind === 'delete' ? operation.startedAt : now,
      location: group.body.location!,
    };
  }

  /** Removes a container group at once, as if deleted outside the portal. */
  remove(scope: AciSandboxScope, name: string): boolean {
    return this.#groups(scope, false)?.delete(name) ?? false;
  }

  operation(id: string): Operation | undefined {
    return this.#operations.get(id);
  }

  clear(): void {
    this.#scopes.clear();
    this.#operations.clear();
  }

  #startOperation(
    kind: Operation['kind'],
    scope: AciSandboxScope,
    location: string,
    now: number,
    failure?: string,
  ): Operation {
    const operation: Operation = {
      id: randomUUID(),
      kind,
      scope,
      location,
      startedAt: now,
      doneAt: now + this.#readyAfterMs,
      ...(failure ? { failure } : {}),
    };
    this.#operations.set(operation.id, operation);
    return operation;
  }

  #groups(scope: AciSandboxScope, create: true): Map<string, StoredGroup>;
  #groups(
    scope: AciSandboxScope,
    create: false,
  ): Map<string, StoredGroup> | undefined;
  #groups(scope: AciSandboxScope, create: boolean) {
    const key = scopeKey(scope);
    let groups = this.#scopes.get(key);
    if (!groups && create) {
      groups = new Map();
      this.#scopes.set(key, groups);
    }
    return groups;
  }

  #isLive(group: StoredGroup, now: number): boolean {
    return group.operation.kind !== 'delete' || now < group.operation.doneAt;
  }

  #live(
    scope: AciSandboxScope,
    name: string,
    now: number,
  ): StoredGroup | undefined {
    const groups = this.#groups(scope, false);
    const group = groups?.get(name);
    if (group && !this.#isLive(group, now)) {
      groups!.delete(name);
      return undefined;
    }
    return group;
  }

  #nextIp(): string {
    // 198.18.0.0/15 is reserved for benchmarks: never a real address.
    const n = (this.#ips += 1);
    return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
  }
}

function transitioning(name: string): ArmError {
  return armError(
    409,
    'ContainerGroupTransitioning',
    `The container group '${name}' is still transitioning, please retry later.`,
  );
}
