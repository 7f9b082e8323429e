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
import { googleApiError, GoogleApiError } from './googleErrors';
import { serviceView } from './serviceView';
import { StoredService } from './storedService';

type Operation = {
  name: string;
  service: StoredService;
  doneAt: number;
  /** The generation it rolls out, undefined for a delete. */
  generation?: number;
};

const SERVICE_TYPE = 'type.googleapis.com/google.cloud.run.v2.Service';

/**
 * The long-running operations of the sandbox: each create, update or delete
 * of a service is one, done once its time has come, and read from the clock.
 */
export class LongRunningOperations {
  readonly #operations = new Map<string, Operation>();

  /** A long-running operation for a change of `service`, done after `ms`. */
  start(service: StoredService, ms: number, generation?: number) {
    const name = `${service.parent}/operations/${randomUUID()}`;
    const operation: Operation = {
      name,
      service,
      doneAt: Date.now() + ms,
      generation,
    };
    this.#operations.set(name, operation);
    return this.#view(operation);
  }

  /** An operation as a GET of its name answers it. */
  get(name: string): GoogleApiError | { ok: unknown } {
    const operation = this.#operations.get(name);
    if (!operation) {
      return googleApiError('NOT_FOUND', `Operation ${name} not found.`);
    }
    return { ok: this.#view(operation) };
  }

  #view(operation: Operation) {
    const now = Date.now();
    const view = {
      '@type': SERVICE_TYPE,
      ...serviceView(operation.service, now),
    };
    const done = now >= operation.doneAt;
    const result: Record<string, unknown> = {
      name: operation.name,
      metadata: view,
      done,
    };
    if (done) {
      const superseded =
        operation.generation !== undefined &&
        operation.generation !== operation.service.generation;
      if (
        operation.service.failure &&
        !superseded &&
        operation.generation !== undefined
      ) {
        result.error = { code: 9, message: operation.service.failure };
      } else {
        result.response = view;
      }
    }
    return result;
  }
}
