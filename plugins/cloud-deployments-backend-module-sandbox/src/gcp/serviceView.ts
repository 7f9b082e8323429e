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
import { readyRevisionAt, StoredService } from './storedService';
import { scalingModeName } from './validateService';

const iso = (ms: number) => new Date(ms).toISOString();

/** Fills in the defaults Cloud Run adds to a revision template. */
export function withTemplateDefaults(template: any = {}) {
  return {
    ...template,
    timeout: template.timeout ?? '300s',
    maxInstanceRequestConcurrency: template.maxInstanceRequestConcurrency || 80,
    containers: (template.containers ?? []).map((c: any) => ({
      ...c,
      ports: c.ports?.length
        ? c.ports
        : [{ name: 'http1', containerPort: 8080 }],
      resources: {
        ...c.resources,
        limits: { cpu: '1000m', memory: '512Mi', ...c.resources?.limits },
      },
    })),
    scaling: { maxInstanceCount: 100, ...template.scaling },
  };
}

/** The service as the Cloud Run Admin API v2 returns it, at `now`. */
export function serviceView(
  service: StoredService,
  now = Date.now(),
): Record<string, unknown> {
  const settled = now >= service.settlesAt;
  const deleting = service.deleteTime !== undefined;
  const readyRevision = readyRevisionAt(service, now);
  const lastTransitionTime = iso(
    settled ? service.settlesAt : service.updateTime,
  );
  let terminalCondition: Record<string, unknown>;
  if (deleting) {
    terminalCondition = {
      type: 'Ready',
      state: 'CONDITION_RECONCILING',
      message: 'Deleting service.',
      lastTransitionTime: iso(service.deleteTime!),
    };
  } else if (!settled) {
    terminalCondition = {
      type: 'Ready',
      state:
        service.generation === 1
          ? 'CONDITION_PENDING'
          : 'CONDITION_RECONCILING',
      message: `Deploying revision ${service.revision}.`,
      lastTransitionTime,
    };
  } else if (service.failure) {
    terminalCondition = {
      type: 'Ready',
      state: 'CONDITION_FAILED',
      message: service.failure,
      severity: 'ERROR',
      reason: 'REVISION_FAILED',
      lastTransitionTime,
    };
  } else {
    terminalCondition = {
      type: 'Ready',
      state: 'CONDITION_SUCCEEDED',
      lastTransitionTime,
    };
  }
  const spec = service.spec as Record<string, any>;
  return {
    ...spec,
    name: service.name,
    uid: service.uid,
    generation: String(service.generation),
    labels: spec.labels ?? {},
    annotations: spec.annotations ?? {},
    createTime: iso(service.createTime),
    updateTime: iso(service.updateTime),
    ...(deleting
      ? {
          deleteTime: iso(service.deleteTime!),
          expireTime: iso(service.goneAt!),
        }
      : {}),
    creator: 'sandbox@cloud-deployments.local',
    lastModifier: 'sandbox@cloud-deployments.local',
    launchStage: spec.launchStage ?? 'GA',
    ingress: spec.ingress ?? 'INGRESS_TRAFFIC_ALL',
    template: withTemplateDefaults(spec.template),
    ...(spec.scaling
      ? {
          scaling: {
            ...spec.scaling,
            scalingMode: scalingModeName(spec.scaling.scalingMode),
          },
        }
      : {}),
    traffic: spec.traffic ?? [
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 },
    ],
    observedGeneration: String(service.generation),
    terminalCondition,
    conditions: [
      {
        type: 'RoutesReady',
        state: readyRevision ? 'CONDITION_SUCCEEDED' : 'CONDITION_PENDING',
        lastTransitionTime,
      },
      {
        type: 'ConfigurationsReady',
        state: terminalCondition.state,
        lastTransitionTime,
      },
    ],
    latestCreatedRevision: `${service.name}/revisions/${service.revision}`,
    ...(readyRevision
      ? {
          latestReadyRevision: `${service.name}/revisions/${readyRevision}`,
          trafficStatuses: [
            {
              type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST',
              percent: 100,
            },
          ],
        }
      : {}),
    uri: service.uri,
    urls: [service.uri],
    reconciling: deleting || !settled,
    etag: `"${service.generation}-${service.uid.slice(0, 8)}"`,
  };
}
