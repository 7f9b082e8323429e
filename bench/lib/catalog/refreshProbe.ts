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
import { performance } from 'node:perf_hooks';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { CloudDeploymentEntityProvider } from '../../../plugins/catalog-backend-module-cloud-deployments/src/provider/CloudDeploymentEntityProvider';

/** Marks taken inside the real provider's refresh, through its connection and fetch. */
export const marks: {
  pages: number;
  readEnd?: number;
  applyStart?: number;
  applyEnd?: number;
  entities?: number;
} = { pages: 0 };
/** The highest heap use sampled. */
export const heap = { peak: 0 };
export const sampleHeap = () => {
  heap.peak = Math.max(heap.peak, process.memoryUsage().heapUsed);
};

let provider: CloudDeploymentEntityProvider | undefined;

/** The provider instance the catalog connected, once it has. */
export const connectedProvider = () => provider;

/**
 * Wraps the provider's connection and the global fetch to take the marks;
 * called before the backend starts.
 */
export function instrumentRefresh() {
  const connect = CloudDeploymentEntityProvider.prototype.connect;
  CloudDeploymentEntityProvider.prototype.connect = function instrumented(
    this: CloudDeploymentEntityProvider,
    connection: EntityProviderConnection,
  ) {
    provider = this;
    return connect.call(this, {
      async applyMutation(mutation: EntityProviderMutation) {
        sampleHeap();
        marks.applyStart = performance.now();
        marks.entities =
          mutation.type === 'full' ? mutation.entities.length : undefined;
        await connection.applyMutation(mutation);
        marks.applyEnd = performance.now();
        sampleHeap();
      },
      refresh: options => connection.refresh(options),
    });
  };

  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const res = await realFetch(input, init);
    if (String(input).includes('/api/cloud-deployments/deployments?')) {
      const json = res.json.bind(res);
      res.json = async () => {
        const body = await json();
        marks.pages += 1;
        marks.readEnd = performance.now();
        sampleHeap();
        return body;
      };
    }
    return res;
  };
}
