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
import {
  coreServices,
  createServiceFactory,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  CloudDeploymentsSandboxCloud,
  CloudDeploymentsSandboxEndpoint,
  cloudDeploymentsSandboxServiceRef,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { SageMakerSandbox } from './aws/SageMakerSandbox';
import { AciSandbox } from './azure/AciSandbox';
import { CloudRunSandbox } from './gcp/CloudRunSandbox';
import { KubernetesSandbox } from './kubernetes/KubernetesSandbox';
import {
  checkTrafficSetting,
  SandboxTrafficSetting,
} from './traffic/SandboxTraffic';

type Running = {
  endpoint: CloudDeploymentsSandboxEndpoint;
  close(): Promise<void>;
};

/** Where the demo sets the traffic of sandbox resources by name. */
export const SANDBOX_TRAFFIC_CONFIG_KEY = 'cloudDeployments.sandbox.traffic';
/** Where the demo backdates the sandboxes' traffic. */
export const SANDBOX_TRAFFIC_HISTORY_CONFIG_KEY =
  'cloudDeployments.sandbox.trafficHistoryDays';

/**
 * `cloudDeployments.sandbox.traffic.<cloud>`: resource names and the daily
 * traffic their metrics report instead of the synthetic one; throws, naming
 * the key, when an amount is not a number of 0 or more.
 */
function trafficOf(
  config: RootConfigService,
  cloud: 'aws' | 'gcp' | 'azure',
): Record<string, SandboxTrafficSetting> | undefined {
  const traffic = config
    .getOptionalConfig(SANDBOX_TRAFFIC_CONFIG_KEY)
    ?.getOptional<Record<string, SandboxTrafficSetting>>(cloud);
  try {
    for (const [name, setting] of Object.entries(traffic ?? {})) {
      checkTrafficSetting(name, setting);
    }
  } catch (error) {
    throw new Error(
      `Invalid config ${SANDBOX_TRAFFIC_CONFIG_KEY}.${cloud}: ${
        (error as Error).message
      }`,
    );
  }
  return traffic;
}

/**
 * `cloudDeployments.sandbox.trafficHistoryDays` (default 0); throws, naming
 * the key, unless it is a whole number of days from 0 to 365.
 */
function trafficHistoryDaysOf(config: RootConfigService): number {
  const days =
    config.getOptionalNumber(SANDBOX_TRAFFIC_HISTORY_CONFIG_KEY) ?? 0;
  if (!Number.isInteger(days) || days < 0 || days > 365) {
    throw new Error(
      `Invalid config ${SANDBOX_TRAFFIC_HISTORY_CONFIG_KEY}: a whole number of days from 0 to 365, got ${days}`,
    );
  }
  return days;
}

/** Where the demo sets the sandboxes' quotas and capacity. */
export const SANDBOX_QUOTAS_CONFIG_KEY = 'cloudDeployments.sandbox.quotas';

/**
 * `cloudDeployments.sandbox.quotas.aws`: the SageMaker endpoint-usage
 * quotas (instances by instance type) and the types without capacity;
 * throws, naming the key, when a quota is not a whole number of 0 or more.
 */
function awsQuotasOf(config: RootConfigService) {
  const aws = config
    .getOptionalConfig(SANDBOX_QUOTAS_CONFIG_KEY)
    ?.getOptionalConfig('aws');
  const endpointQuotas =
    aws?.getOptional<Record<string, number>>('endpointInstances') ?? {};
  for (const [type, limit] of Object.entries(endpointQuotas)) {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new Error(
        `Invalid config ${SANDBOX_QUOTAS_CONFIG_KEY}.aws.endpointInstances.${type}: a whole number of instances of 0 or more, got ${limit}`,
      );
    }
  }
  return {
    endpointQuotas,
    noCapacity: aws?.getOptionalStringArray('noCapacity') ?? [],
  };
}

/**
 * `cloudDeployments.sandbox.quotas.kubernetes.gpus`: GPU quotas by
 * namespace; throws, naming the key, when one is not a whole number of 0 or
 * more.
 */
function kubernetesGpuQuotasOf(config: RootConfigService) {
  const gpus =
    config
      .getOptionalConfig(SANDBOX_QUOTAS_CONFIG_KEY)
      ?.getOptional<Record<string, number>>('kubernetes.gpus') ?? {};
  for (const [namespace, limit] of Object.entries(gpus)) {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new Error(
        `Invalid config ${SANDBOX_QUOTAS_CONFIG_KEY}.kubernetes.gpus.${namespace}: a whole number of GPUs of 0 or more, got ${limit}`,
      );
    }
  }
  return gpus;
}

/**
 * `cloudDeployments.sandbox.quotas.gcp`: Cloud Run's L4 GPU quotas by
 * region, with and without zonal redundancy; throws, naming the key, when
 * one is not a whole number of 0 or more.
 */
function gcpGpuQuotasOf(config: RootConfigService) {
  const gcp = config
    .getOptionalConfig(SANDBOX_QUOTAS_CONFIG_KEY)
    ?.getOptionalConfig('gcp');
  const read = (key: string) => {
    const limits = gcp?.getOptional<Record<string, number>>(key) ?? {};
    for (const [region, limit] of Object.entries(limits)) {
      if (!Number.isInteger(limit) || limit < 0) {
        throw new Error(
          `Invalid config ${SANDBOX_QUOTAS_CONFIG_KEY}.gcp.${key}.${region}: a whole number of GPUs of 0 or more, got ${limit}`,
        );
      }
    }
    return limits;
  };
  return {
    gpuQuotas: read('gpus'),
    gpuQuotasNoZonalRedundancy: read('gpusNoZonalRedundancy'),
  };
}

/** Where the demo denies the sandboxes' callers permissions. */
export const SANDBOX_DENIED_PERMISSIONS_CONFIG_KEY =
  'cloudDeployments.sandbox.deniedPermissions';

/** `cloudDeployments.sandbox.deniedPermissions.<cloud>`, default none. */
function deniedPermissionsOf(
  config: RootConfigService,
  cloud: CloudDeploymentsSandboxCloud,
): string[] | undefined {
  return config
    .getOptionalConfig(SANDBOX_DENIED_PERMISSIONS_CONFIG_KEY)
    ?.getOptionalStringArray(cloud);
}

const starters: Record<
  CloudDeploymentsSandboxCloud,
  (config: RootConfigService) => Promise<Running>
> = {
  // A demo backend runs for days: keeping every request would only grow.
  aws: async config => {
    const sandbox = await SageMakerSandbox.start({
      recordRequests: false,
      traffic: trafficOf(config, 'aws'),
      trafficHistoryDays: trafficHistoryDaysOf(config),
      ...awsQuotasOf(config),
      deniedActions: deniedPermissionsOf(config, 'aws'),
    });
    return { endpoint: { url: sandbox.url }, close: () => sandbox.close() };
  },
  gcp: async config => {
    const sandbox = await CloudRunSandbox.start({
      recordRequests: false,
      traffic: trafficOf(config, 'gcp'),
      trafficHistoryDays: trafficHistoryDaysOf(config),
      ...gcpGpuQuotasOf(config),
      deniedPermissions: deniedPermissionsOf(config, 'gcp'),
    });
    return { endpoint: { url: sandbox.url }, close: () => sandbox.close() };
  },
  azure: async config => {
    const sandbox = await AciSandbox.start({
      recordRequests: false,
      traffic: trafficOf(config, 'azure'),
      trafficHistoryDays: trafficHistoryDaysOf(config),
      deniedActions: deniedPermissionsOf(config, 'azure'),
    });
    const { url, certificate, token } = sandbox;
    return {
      endpoint: { url, certificate, token },
      close: () => sandbox.close(),
    };
  },
  kubernetes: async config => {
    const sandbox = await KubernetesSandbox.start({
      gpuQuotas: kubernetesGpuQuotasOf(config),
      denied: deniedPermissionsOf(config, 'kubernetes'),
    });
    const { url, token } = sandbox;
    return { endpoint: { url, token }, close: () => sandbox.close() };
  },
};

/**
 * Installs the sandboxes: a provider module with no cloud configured
 * deploys to a local stand-in of its cloud's API, started on loopback when
 * the module first asks for it and closed when the backend stops. Their
 * metrics APIs serve synthetic traffic, which
 * `cloudDeployments.sandbox.traffic.<aws|gcp|azure>.<resource name>` sets
 * explicitly for the demo, and `cloudDeployments.sandbox.trafficHistoryDays`
 * starts that many days before a resource's creation (for a demo with a
 * seeded history). For demos and tests; a production backend leaves this
 * out.
 *
 * @public
 */
export const cloudDeploymentsSandboxServiceFactory = createServiceFactory({
  service: cloudDeploymentsSandboxServiceRef,
  deps: { lifecycle: coreServices.lifecycle, config: coreServices.rootConfig },
  factory({ lifecycle, config }) {
    const running = new Map<CloudDeploymentsSandboxCloud, Promise<Running>>();
    lifecycle.addShutdownHook(async () => {
      const started = await Promise.allSettled(running.values());
      running.clear();
      await Promise.all(
        started.map(s =>
          s.status === 'fulfilled' ? s.value.close() : undefined,
        ),
      );
    });
    return {
      async start(cloud) {
        let sandbox = running.get(cloud);
        if (!sandbox) {
          sandbox = starters[cloud](config);
          running.set(cloud, sandbox);
          // A failed start is not remembered, so that a retry can succeed.
          sandbox.catch(() => running.delete(cloud));
        }
        return (await sandbox).endpoint;
      },
    };
  },
});
