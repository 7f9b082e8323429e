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
import { EndpointRecord } from './endpointLifecycle';
import { SandboxEndpointConfig, SandboxModel } from './sandboxResourceTypes';

/**
 * What the sandbox holds in one region, with the sorted lists of its
 * endpoints kept until an endpoint is added or removed, so that listing many
 * endpoints page by page does not sort them again for every page.
 */
export class RegionResources {
  readonly models = new Map<string, SandboxModel>();
  readonly configs = new Map<string, SandboxEndpointConfig>();
  readonly endpoints = new Map<string, EndpointRecord>();
  /** Sorted lists of the endpoints, by sort key; cleared on add and remove. */
  readonly #sorted = new Map<string, EndpointRecord[]>();

  addEndpoint(record: EndpointRecord): void {
    this.endpoints.set(record.name, record);
    this.#sorted.clear();
  }

  removeEndpoint(record: EndpointRecord): void {
    this.endpoints.delete(record.name);
    this.#sorted.clear();
  }

  /** The endpoint records by name, or by creation time then name. */
  sortedEndpoints(
    sortBy: 'Name' | 'CreationTime' | 'Status',
    descending: boolean,
  ): EndpointRecord[] {
    const key = `${sortBy}:${descending}`;
    let records = this.#sorted.get(key);
    if (!records) {
      const byName = (a: EndpointRecord, b: EndpointRecord) =>
        a.name < b.name ? -1 : Number(a.name > b.name);
      records = [...this.endpoints.values()].sort(
        sortBy === 'CreationTime'
          ? (a, b) => a.createdAt - b.createdAt || byName(a, b)
          : byName,
      );
      if (descending) records.reverse();
      this.#sorted.set(key, records);
    }
    return records;
  }
}
