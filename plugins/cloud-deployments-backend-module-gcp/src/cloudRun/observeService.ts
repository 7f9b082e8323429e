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
import { protos } from '@google-cloud/run';
import {
  cpuOf,
  memoryMiBOf,
  ObservedConfig,
  ObservedState,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { isScaledToZero } from './stoppedService';

type IService = protos.google.cloud.run.v2.IService;
const { State } = protos.google.cloud.run.v2.Condition;

/** An enum field as a name, whether the client decoded it as one or not. */
function stateName(value: unknown): string | undefined {
  return typeof value === 'number'
    ? State[value]
    : (value as string | undefined) ?? undefined;
}

/** Where a service lives, for its outputs. */
export type ServiceLocation = {
  account: string;
  projectId: string;
  region: string;
};

/** The last path segment of a resource name. */
const shortName = (name?: string | null) => name?.split('/').pop() ?? '';

/**
 * What a Cloud Run service's status means for the deployment: reconciling
 * (or its Ready condition pending) is a change in progress, a failed Ready
 * condition is a failure with Cloud Run's message, a succeeded one is
 * ready at the service's URL, or stopped when it is scaled to zero (see
 * `isScaledToZero`). A stopped service's config is its revision template's,
 * which `stop` does not change: the spec's min and max instances are still
 * there, and no drift shows.
 */
export function observeService(
  service: IService,
  location: ServiceLocation,
): ObservedState {
  const id = shortName(service.name);
  const condition = service.terminalCondition;
  const state = stateName(condition?.state);
  const message = condition?.message?.trim();
  const generation = Number(service.generation ?? 0);
  const observedGeneration = Number(service.observedGeneration ?? generation);
  const config = observedConfig(service);
  if (service.deleteTime) {
    return {
      state: 'in-progress',
      detail: `Cloud Run is deleting service ${id}`,
    };
  }
  if (
    service.reconciling ||
    state === 'CONDITION_PENDING' ||
    state === 'CONDITION_RECONCILING' ||
    observedGeneration < generation
  ) {
    return {
      state: 'in-progress',
      config,
      detail:
        message ||
        `Cloud Run is deploying revision ${shortName(
          service.latestCreatedRevision,
        )}`,
    };
  }
  if (state === 'CONDITION_FAILED') {
    const reason = condition?.reason;
    const code =
      typeof reason === 'string' && reason !== 'COMMON_REASON_UNDEFINED'
        ? ` (${reason})`
        : '';
    return {
      state: 'failed',
      reason: `Cloud Run service ${id} failed${code}: ${
        message || 'no message'
      }`,
      outputs: {
        serviceName: service.name,
        latestCreatedRevision: service.latestCreatedRevision,
        ...location,
      },
      config,
    };
  }
  if (state === 'CONDITION_SUCCEEDED' && isScaledToZero(service)) {
    return {
      state: 'stopped',
      outputs: {
        serviceName: service.name,
        uri: service.uri,
        latestReadyRevision: service.latestReadyRevision,
        ...location,
      },
      config,
    };
  }
  if (state === 'CONDITION_SUCCEEDED') {
    return {
      state: 'ready',
      endpoint: service.uri || undefined,
      outputs: {
        serviceName: service.name,
        uri: service.uri,
        latestReadyRevision: service.latestReadyRevision,
        ...location,
      },
      config,
    };
  }
  return {
    state: 'in-progress',
    detail: `Waiting for Cloud Run to report the state of service ${id}`,
  };
}

/**
 * What the service's revision template runs, in the spec's terms: image,
 * CPU and memory limits, scaling bounds, and the environment variables (the
 * portal sets none). What the template leaves out is not reported.
 */
export function observedConfig(service: IService): ObservedConfig {
  const template = service.template;
  const container = template?.containers?.[0];
  const config: ObservedConfig = {};
  if (container?.image) config.image = container.image;
  const cpu = cpuOf(container?.resources?.limits?.cpu);
  if (cpu !== undefined) config.cpu = cpu;
  const memoryMiB = memoryMiBOf(container?.resources?.limits?.memory);
  if (memoryMiB !== undefined) config.memoryMiB = memoryMiB;
  const scaling = template?.scaling;
  if (typeof scaling?.minInstanceCount === 'number') {
    config.minInstances = scaling.minInstanceCount;
  }
  if (typeof scaling?.maxInstanceCount === 'number') {
    config.maxInstances = scaling.maxInstanceCount;
  }
  // None at all is an empty set, compared with the spec's.
  if (container) {
    config.env = Object.fromEntries(
      (container.env ?? []).map(v => [
        v.name ?? '',
        v.value ?? '(from a reference)',
      ]),
    );
  }
  return config;
}
