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
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { LoggerService } from '@backstage/backend-plugin-api';
import { isDnsLabel, isDnsSubdomain } from '../manifests/names';

/** The module's own settings. */
export const KUBERNETES_CONFIG_KEY = 'cloudDeployments.providers.kubernetes';

/**
 * A cluster deployments can go to, from the Backstage `kubernetes` config
 * (`clusterLocatorMethods` of type `config`).
 */
export type KubernetesCluster = {
  /** What `spec.account` names, e.g. `prod-eu`. */
  name: string;
  /** The API server, e.g. `https://10.0.0.1:6443`. */
  url: string;
  /** A service account token (authProvider `serviceAccount`). */
  token?: string;
  /** Base64 PEM of the API server's CA. */
  caData?: string;
  skipTLSVerify?: boolean;
};

/** Where and how deployments are made in the clusters. */
export type KubernetesSettings = {
  clusters: KubernetesCluster[];
  /** True when no cluster is configured: the in-process sandbox cluster `local`. */
  sandbox: boolean;
  /** The namespace of deployments and applies that name none. */
  namespace: string;
  /** The server-side apply field manager. */
  fieldManager: string;
  /** The port the container listens on. */
  containerPort: number;
  /** How long a rollout may take before the deployment fails. */
  rolloutTimeoutMs: number;
  /** An Ingress per deployment at `<name>.<domain>`, when set. */
  ingress?: { domain: string; className?: string };
};

/** The name of the sandbox cluster. */
export const SANDBOX_CLUSTER = 'local';

/**
 * Reads the clusters from `kubernetes.clusterLocatorMethods` (type `config`,
 * authProvider `serviceAccount`; other auth providers need the Kubernetes
 * plugin's credential translators and are skipped with a warning) and the
 * settings under `cloudDeployments.providers.kubernetes`. Throws on values
 * no cluster would accept, so a typo stops the start.
 */
export function readKubernetesConfig(
  config: Config,
  logger?: LoggerService,
): KubernetesSettings {
  const clusters: KubernetesCluster[] = [];
  const methods = config.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  );
  for (const method of methods ?? []) {
    if (method.getString('type') !== 'config') continue;
    for (const c of method.getOptionalConfigArray('clusters') ?? []) {
      const name = c.getString('name');
      const authProvider =
        c.getOptionalString('authProvider') ?? 'serviceAccount';
      if (authProvider !== 'serviceAccount') {
        logger?.warn(
          `Kubernetes cluster ${name} is skipped for deployments: authProvider ${authProvider} is not supported here (use serviceAccount with serviceAccountToken)`,
        );
        continue;
      }
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) {
        throw new Error(
          `kubernetes cluster name '${name}' cannot be named by a deployment's spec.account: use lowercase letters, digits and dashes`,
        );
      }
      clusters.push({
        name,
        url: c.getString('url'),
        token: c.getOptionalString('serviceAccountToken'),
        caData: c.getOptionalString('caData'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify'),
      });
    }
  }

  const own = config.getOptionalConfig(KUBERNETES_CONFIG_KEY);
  const namespace = own?.getOptionalString('namespace') ?? 'default';
  if (!isDnsLabel(namespace)) {
    throw new Error(
      `${KUBERNETES_CONFIG_KEY}.namespace '${namespace}' is not a namespace name (DNS-1123 label)`,
    );
  }
  const containerPort = own?.getOptionalNumber('containerPort') ?? 8080;
  if (
    !Number.isInteger(containerPort) ||
    containerPort < 1 ||
    containerPort > 65535
  ) {
    throw new Error(
      `${KUBERNETES_CONFIG_KEY}.containerPort must be a port number (1-65535)`,
    );
  }
  const fieldManager =
    own?.getOptionalString('fieldManager') ?? 'backstage-cloud-deployments';
  if (!/^[\x21-\x7e]{1,128}$/.test(fieldManager)) {
    throw new Error(
      `${KUBERNETES_CONFIG_KEY}.fieldManager must be 1-128 printable characters without spaces`,
    );
  }
  const rolloutTimeoutMs = own?.has('rolloutTimeout')
    ? durationToMilliseconds(
        readDurationFromConfig(own, { key: 'rolloutTimeout' }),
      )
    : 10 * 60_000;
  const ingressConfig = own?.getOptionalConfig('ingress');
  let ingress: KubernetesSettings['ingress'];
  if (ingressConfig) {
    const domain = ingressConfig.getString('domain');
    // Room for `<name>.` in front.
    if (!isDnsSubdomain(domain) || domain.length > 200) {
      throw new Error(
        `${KUBERNETES_CONFIG_KEY}.ingress.domain '${domain}' is not a DNS domain`,
      );
    }
    ingress = {
      domain,
      className: ingressConfig.getOptionalString('className'),
    };
  }

  const sandbox = clusters.length === 0;
  return {
    clusters: sandbox ? [{ name: SANDBOX_CLUSTER, url: '' }] : clusters,
    sandbox,
    namespace,
    fieldManager,
    containerPort,
    rolloutTimeoutMs: Math.max(1000, rolloutTimeoutMs),
    ingress,
  };
}
