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
import {
  booleanConfig,
  ownConfigMessage,
  readConfigWithSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { z } from 'zod/v3';
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
 * A refinement refusing a value with a message of its own, which gets the
 * value's full key path (these messages predate the zod schemas).
 */
function refuseUnless<T>(
  valid: (value: T) => boolean,
  message: (value: T, path: string) => string,
) {
  return (value: T, ctx: z.RefinementCtx) => {
    if (!valid(value)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        params: ownConfigMessage(path => message(value, path)),
      });
    }
  };
}

/** As Backstage's getOptionalNumber: a number written as text is that number. */
function numberFromText(value: unknown): unknown {
  return typeof value === 'string' && value.trim() !== '' && !isNaN(+value)
    ? Number(value)
    : value;
}

/** A cluster of a `config` cluster locator, as far as deployments need it. */
const clusterSchema = z
  .object({
    name: z.string(),
    authProvider: z.string().default('serviceAccount'),
    url: z.string().optional(),
    serviceAccountToken: z.string().optional(),
    caData: z.string().optional(),
    skipTLSVerify: booleanConfig(),
  })
  .superRefine((cluster, ctx) => {
    // Clusters of other auth providers are skipped, not checked.
    if (cluster.authProvider !== 'serviceAccount') return;
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(cluster.name)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['name'],
        params: ownConfigMessage(
          () =>
            `kubernetes cluster name '${cluster.name}' cannot be named by a deployment's spec.account: use lowercase letters, digits and dashes`,
        ),
      });
    } else if (cluster.url === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.invalid_type,
        path: ['url'],
        expected: 'string',
        received: 'undefined',
      });
    }
  });

/** Other methods than `config` keep only their type: their clusters are not read. */
function withoutOtherMethodsClusters(method: unknown): unknown {
  if (typeof method !== 'object' || method === null) return method;
  const { type } = method as { type?: unknown };
  return type === 'config' ? method : { type };
}

/** `kubernetes.clusterLocatorMethods`, as far as deployments need it. */
const clusterLocatorMethodsSchema = z
  .array(
    z.preprocess(
      withoutOtherMethodsClusters,
      z.object({
        type: z.string(),
        clusters: z.array(clusterSchema).optional(),
      }),
    ),
  )
  .optional();

const settingsSchema = z
  .object({
    namespace: z
      .string()
      .default('default')
      .superRefine(
        refuseUnless(
          isDnsLabel,
          (namespace, path) =>
            `${path} '${namespace}' is not a namespace name (DNS-1123 label)`,
        ),
      ),
    containerPort: z.preprocess(
      numberFromText,
      z
        .number()
        .default(8080)
        .superRefine(
          refuseUnless(
            port => Number.isInteger(port) && port >= 1 && port <= 65535,
            (_, path) => `${path} must be a port number (1-65535)`,
          ),
        ),
    ),
    fieldManager: z
      .string()
      .default('backstage-cloud-deployments')
      .superRefine(
        refuseUnless(
          fieldManager => /^[\x21-\x7e]{1,128}$/.test(fieldManager),
          (_, path) =>
            `${path} must be 1-128 printable characters without spaces`,
        ),
      ),
    // A Backstage duration, read below by Backstage's own duration reader.
    rolloutTimeout: z.unknown(),
    ingress: z
      .object({
        domain: z.string().superRefine(
          refuseUnless(
            // Room for `<name>.` in front.
            domain => isDnsSubdomain(domain) && domain.length <= 200,
            (domain, path) => `${path} '${domain}' is not a DNS domain`,
          ),
        ),
        className: z.string().optional(),
      })
      .optional(),
  })
  .default({});

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
  const methods = readConfigWithSchema(
    config,
    'kubernetes.clusterLocatorMethods',
    clusterLocatorMethodsSchema,
  );
  const clusters: KubernetesCluster[] = [];
  for (const c of (methods ?? []).flatMap(m => m.clusters ?? [])) {
    if (c.authProvider !== 'serviceAccount') {
      logger?.warn(
        `Kubernetes cluster ${c.name} is skipped for deployments: authProvider ${c.authProvider} is not supported here (use serviceAccount with serviceAccountToken)`,
      );
      continue;
    }
    clusters.push({
      name: c.name,
      // Required of serviceAccount clusters by the schema.
      url: c.url ?? '',
      token: c.serviceAccountToken,
      caData: c.caData,
      skipTLSVerify: c.skipTLSVerify,
    });
  }

  const settings = readConfigWithSchema(
    config,
    KUBERNETES_CONFIG_KEY,
    settingsSchema,
  );
  const rolloutTimeoutMs =
    settings.rolloutTimeout !== undefined
      ? durationToMilliseconds(
          readDurationFromConfig(config, {
            key: `${KUBERNETES_CONFIG_KEY}.rolloutTimeout`,
          }),
        )
      : 10 * 60_000;
  const { ingress } = settings;

  const sandbox = clusters.length === 0;
  return {
    clusters: sandbox ? [{ name: SANDBOX_CLUSTER, url: '' }] : clusters,
    sandbox,
    namespace: settings.namespace,
    fieldManager: settings.fieldManager,
    containerPort: settings.containerPort,
    rolloutTimeoutMs: Math.max(1000, rolloutTimeoutMs),
    ingress: ingress && {
      domain: ingress.domain,
      className: ingress.className,
    },
  };
}
