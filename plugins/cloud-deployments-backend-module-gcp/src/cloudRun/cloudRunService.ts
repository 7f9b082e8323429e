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
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { createHash } from 'crypto';

type IService = protos.google.cloud.run.v2.IService;

/** The label every service the portal creates carries. */
export const MANAGED_BY_LABEL = 'managed-by';
export const MANAGED_BY = 'backstage-cloud-deployments';
/** The label that ties a service to its deployment. */
export const DEPLOYMENT_ID_LABEL = 'cloud-deployments-id';

/** A Cloud Run service id: starts with a letter, fewer than 50 characters. */
export const SERVICE_ID_PATTERN = /^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/;

const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/**
 * The deployment id as a label value (lowercase letters, digits, `_` and
 * `-`, at most 63); ids that are not get a stable hash instead.
 */
export function deploymentIdLabel(id: string): string {
  if (LABEL_VALUE.test(id)) return id;
  return `h-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

/** Cloud Run's notation of a CPU count: whole CPUs, or millicores below one. */
export function formatCpu(cpu: number): string {
  return Number.isInteger(cpu) ? String(cpu) : `${Math.round(cpu * 1000)}m`;
}

/** Whether a service is the one the portal created for this deployment. */
export function isServiceOf(
  service: IService,
  deployment: Deployment,
): boolean {
  return (
    service.labels?.[DEPLOYMENT_ID_LABEL] === deploymentIdLabel(deployment.id)
  );
}

/**
 * The Cloud Run service for a spec: one container of the image with the
 * requested CPU, memory and GPU as limits, min/max instances and concurrency
 * on the revision template, and the labels that identify the deployment.
 * Cloud Run needs concurrency 1 below one CPU, so that is the default there.
 */
export function cloudRunService(
  deployment: Deployment,
  name?: string,
): IService {
  const spec: DeploymentSpec = deployment.spec;
  const { cpu, memoryMiB, gpu, minInstances, maxInstances } = spec.compute;
  const limits: Record<string, string> = {};
  if (cpu !== undefined) limits.cpu = formatCpu(cpu);
  if (memoryMiB !== undefined) limits.memory = `${memoryMiB}Mi`;
  if (gpu) limits['nvidia.com/gpu'] = String(gpu);
  const concurrency =
    spec.compute.concurrency ?? (cpu !== undefined && cpu < 1 ? 1 : undefined);
  const scaling: Record<string, number> = {};
  if (minInstances !== undefined) scaling.minInstanceCount = minInstances;
  if (maxInstances !== undefined) scaling.maxInstanceCount = maxInstances;
  return {
    ...(name ? { name } : {}),
    labels: {
      [MANAGED_BY_LABEL]: MANAGED_BY,
      [DEPLOYMENT_ID_LABEL]: deploymentIdLabel(deployment.id),
    },
    template: {
      containers: [
        {
          image: spec.artifact.image,
          ...(spec.env
            ? {
                env: Object.entries(spec.env).map(([key, value]) => ({
                  name: key,
                  value,
                })),
              }
            : {}),
          resources: {
            limits,
            // GPUs need instance-based billing (CPU always allocated).
            ...(gpu ? { cpuIdle: false } : {}),
          },
        },
      ],
      ...(Object.keys(scaling).length ? { scaling } : {}),
      ...(concurrency !== undefined
        ? { maxInstanceRequestConcurrency: concurrency }
        : {}),
      ...(gpu ? { nodeSelector: { accelerator: 'nvidia-l4' } } : {}),
    },
  };
}
