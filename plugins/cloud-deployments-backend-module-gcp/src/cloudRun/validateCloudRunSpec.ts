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
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { SERVICE_ID_PATTERN } from './cloudRunService';

const WHOLE_CPUS = [1, 2, 4, 6, 8];

/** The fewest CPUs Cloud Run allows with an amount of memory. */
function minCpuFor(memoryMiB: number): number {
  if (memoryMiB > 24 * 1024) return 8;
  if (memoryMiB > 16 * 1024) return 6;
  if (memoryMiB > 8 * 1024) return 4;
  if (memoryMiB > 4 * 1024) return 2;
  return 0;
}

/** Why Cloud Run would refuse a deployment name as a service id, if it would. */
export function serviceIdProblem(name: string): string | undefined {
  if (name.length > 49) {
    return `must be at most 49 characters for Google Cloud Run (the service id), '${name}' has ${name.length}`;
  }
  if (!SERVICE_ID_PATTERN.test(name)) {
    return 'must be lowercase letters, digits and dashes, start with a letter and not end with a dash';
  }
  return undefined;
}

/**
 * What Cloud Run would refuse in a spec, as `field: message`: the service
 * id (when the deployment name is known), the image, and the CPU, memory,
 * GPU and concurrency combinations Cloud Run supports.
 */
export function validateCloudRunSpec(
  spec: DeploymentSpec,
  name?: string,
): string[] {
  const problems: string[] = [];
  const problem = (field: string, message: string) =>
    problems.push(`${field}: ${message}`);
  if (name !== undefined) {
    const nameProblem = serviceIdProblem(name);
    if (nameProblem) problem('name', nameProblem);
  }
  if (!spec.artifact.image?.trim()) {
    problem('artifact.image', 'is required: Cloud Run runs a container image');
  } else if (/\s/.test(spec.artifact.image)) {
    problem('artifact.image', 'must not contain spaces');
  }
  const { cpu, memoryMiB, gpu, concurrency, instanceType, instanceCount } =
    spec.compute;
  if (instanceType !== undefined) {
    problem(
      'compute.instanceType',
      'Cloud Run has no instance types; set compute.cpu and compute.memoryMiB',
    );
  }
  if (instanceCount !== undefined) {
    problem(
      'compute.instanceCount',
      'Cloud Run scales instances itself; set compute.minInstances and compute.maxInstances',
    );
  }
  if (
    cpu !== undefined &&
    !(WHOLE_CPUS.includes(cpu) || (cpu >= 0.08 && cpu <= 1))
  ) {
    problem(
      'compute.cpu',
      `Cloud Run supports 1, 2, 4, 6 or 8 CPUs, or a fraction of one CPU from 0.08 to 1, not ${cpu}`,
    );
  }
  if (memoryMiB !== undefined) {
    if (memoryMiB < 128 || memoryMiB > 32768) {
      problem(
        'compute.memoryMiB',
        `Cloud Run supports 128 to 32768 MiB, not ${memoryMiB}`,
      );
    } else if ((cpu ?? 1) < minCpuFor(memoryMiB)) {
      problem(
        'compute.cpu',
        `Cloud Run needs at least ${minCpuFor(
          memoryMiB,
        )} CPUs for ${memoryMiB} MiB of memory`,
      );
    }
  }
  if (
    cpu !== undefined &&
    cpu < 1 &&
    concurrency !== undefined &&
    concurrency > 1
  ) {
    problem(
      'compute.concurrency',
      'must be 1 when compute.cpu is below 1 (Cloud Run)',
    );
  }
  if (gpu !== undefined && gpu > 0) {
    if (gpu > 1) {
      problem(
        'compute.gpu',
        'Cloud Run supports one GPU (NVIDIA L4) per instance',
      );
    }
    if ((cpu ?? 1) < 4 || (memoryMiB ?? 512) < 16384) {
      problem(
        'compute.gpu',
        'Cloud Run needs at least 4 CPUs and 16384 MiB of memory with a GPU',
      );
    }
  }
  return problems;
}
