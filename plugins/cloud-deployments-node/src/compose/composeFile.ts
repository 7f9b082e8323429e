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
import { InputError } from '@backstage/errors';
import {
  Deployment,
  DeploymentProvider,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { resourceNameOf } from '../providers/resourceName';

/**
 * The port the container serves on in every target: SageMaker containers
 * serve 8080, Cloud Run and Container Instances get `PORT=8080`, and 8080 is
 * the Kubernetes module's default `containerPort`.
 *
 * @public
 */
export const COMPOSE_CONTAINER_PORT = 8080;

/** What one target runs besides the image, as far as Compose can copy it. */
type TargetRuntime = {
  /** Arguments the target starts the container with. */
  command?: string[];
  /** Variables the platform sets (after the spec's, which may not set them). */
  platformEnv?: Record<string, string>;
  /** Path of an HTTP check that must answer 2xx; else any answer will do. */
  pingPath?: string;
  /** Limits the target applies when the spec names none. */
  defaultLimits: { cpu?: number; memoryMiB?: number };
  /** Whether the spec's CPU is a request (Kubernetes) rather than a limit. */
  cpuIsReservation?: boolean;
  /** Where the target unpacks `artifact.modelDataUrl`. */
  modelDirectory?: string;
};

const PORT_ENV = { PORT: String(COMPOSE_CONTAINER_PORT) };

// As each target runs the container: SageMaker starts `<image> serve` and
// pings GET /ping; Cloud Run defaults to 1 CPU and 512 MiB and probes TCP on
// PORT; the Azure module asks for 1 CPU and 1.5 GB (and no probe: the check
// here only reports); the Kubernetes manifests request the CPU, limit memory
// (128 MiB by default) and probe TCP. Read from the modules, which this
// package may not import.
const TARGETS: Record<DeploymentProvider, TargetRuntime> = {
  'aws-sagemaker': {
    command: ['serve'],
    pingPath: '/ping',
    defaultLimits: {},
    modelDirectory: '/opt/ml/model',
  },
  'gcp-cloud-run': {
    platformEnv: PORT_ENV,
    defaultLimits: { cpu: 1, memoryMiB: 512 },
  },
  'azure-container-instances': {
    platformEnv: PORT_ENV,
    defaultLimits: { cpu: 1, memoryMiB: 1536 },
  },
  kubernetes: {
    defaultLimits: { memoryMiB: 128 },
    cpuIsReservation: true,
  },
};

/**
 * A Compose Specification document with one service, as this renderer makes
 * it.
 *
 * @public
 */
export type ComposeFile = {
  name: string;
  services: Record<string, Record<string, unknown>>;
};

const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Compose interpolates `$VAR`, `${VAR}` and `${VAR:-x}` in every value; `$$`
 * is a literal `$`, so doubling each one makes any text reach the container
 * as it was written.
 *
 * @public
 */
export function escapeComposeInterpolation(value: string): string {
  return value.replaceAll('$', () => '$$');
}

/** A value Docker can pass to a process: C strings end at NUL. */
function processText(value: string, field: string): string {
  if (value.includes('\0')) {
    throw new InputError(`${field}: cannot hold a NUL character`);
  }
  return escapeComposeInterpolation(value);
}

/**
 * The Compose document that runs a deployment on a developer's machine:
 * the image, with the port, platform variables, limits and health check of
 * its target, published on 127.0.0.1 only. One replica: scaling is the
 * cloud's business. Values are data in an object; the YAML library writes
 * them.
 *
 * @public
 */
export function composeFileOf(
  deployment: Pick<Deployment, 'name' | 'resourceName' | 'spec'>,
): ComposeFile {
  const { spec } = deployment;
  const name = resourceNameOf(deployment);
  if (!PROJECT_NAME.test(name)) {
    throw new InputError(
      `name: a Compose project name must be lowercase letters, digits, dashes and underscores, not ${JSON.stringify(
        name.slice(0, 100),
      )}`,
    );
  }
  const image = spec.artifact.image;
  if (!image) {
    throw new InputError(
      `artifact.image: is required for a Compose file, which runs a container image${
        spec.artifact.modelDataUrl
          ? ' (the model data is mounted into it, never run alone)'
          : ''
      }`,
    );
  }
  const target = TARGETS[spec.provider];
  if (!target) {
    throw new InputError(`provider: ${spec.provider} is not a known target`);
  }
  const specEnv = spec.env ?? {};
  for (const key of Object.keys(specEnv)) {
    if (!ENV_NAME.test(key)) {
      throw new InputError(
        `env: ${JSON.stringify(
          key.slice(0, 100),
        )} is not a variable name (letters, digits and _)`,
      );
    }
  }
  const environment = Object.fromEntries(
    Object.entries({ ...specEnv, ...target.platformEnv }).map(
      ([key, value]) => [key, processText(value, `env.${key}`)],
    ),
  );

  const { compute } = spec;
  const cpu = compute.cpu ?? target.defaultLimits.cpu;
  const memoryMiB = compute.memoryMiB ?? target.defaultLimits.memoryMiB;
  const limits = {
    ...(cpu !== undefined && !target.cpuIsReservation ? { cpus: cpu } : {}),
    ...(memoryMiB !== undefined ? { memory: `${memoryMiB}M` } : {}),
  };
  const reservations = {
    ...(cpu !== undefined && target.cpuIsReservation ? { cpus: cpu } : {}),
    ...(compute.gpu
      ? {
          devices: [
            { driver: 'nvidia', count: compute.gpu, capabilities: ['gpu'] },
          ],
        }
      : {}),
  };
  const resources = {
    ...(Object.keys(limits).length ? { limits } : {}),
    ...(Object.keys(reservations).length ? { reservations } : {}),
  };

  const url = `http://127.0.0.1:${COMPOSE_CONTAINER_PORT}${
    target.pingPath ?? '/'
  }`;
  // Compose checks run inside the container, so the image needs curl. Without
  // --fail any HTTP answer passes: the TCP probe of the other targets.
  const test = target.pingPath
    ? ['CMD', 'curl', '--fail', '--silent', '--output', '/dev/null', url]
    : ['CMD', 'curl', '--silent', '--output', '/dev/null', url];

  return {
    name,
    services: {
      [name]: {
        image: processText(image, 'artifact.image'),
        ...(target.command ? { command: target.command } : {}),
        ports: [
          {
            target: COMPOSE_CONTAINER_PORT,
            published: String(COMPOSE_CONTAINER_PORT),
            host_ip: '127.0.0.1',
            protocol: 'tcp',
          },
        ],
        ...(Object.keys(environment).length ? { environment } : {}),
        ...(spec.artifact.modelDataUrl && target.modelDirectory
          ? {
              volumes: [
                {
                  type: 'bind',
                  source: './model',
                  target: target.modelDirectory,
                  read_only: true,
                },
              ],
            }
          : {}),
        ...(Object.keys(resources).length ? { deploy: { resources } } : {}),
        healthcheck: {
          test,
          interval: '10s',
          timeout: '2s',
          retries: 3,
          start_period: '30s',
        },
      },
    },
  };
}
