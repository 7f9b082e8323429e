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
  ApiException,
  AuthenticationV1Api,
  AuthorizationV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import {
  ConnectionCheck,
  NeededPermission,
  unknownPermissions,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { ConnectionPermission } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { KubernetesCluster } from './readKubernetesConfig';

/** What the deploy path does to each kind it applies, by `kubectl auth can-i` name. */
const RESOURCES: ReadonlyArray<{ resource: string; group: string }> = [
  { resource: 'deployments', group: 'apps' },
  { resource: 'services', group: '' },
  { resource: 'horizontalpodautoscalers', group: 'autoscaling' },
  { resource: 'ingresses', group: 'networking.k8s.io' },
];

const VERBS: ReadonlyArray<{ verb: string; purpose: string }> = [
  { verb: 'get', purpose: 'status, reconcile' },
  { verb: 'list', purpose: 'reconcile, orphans, prune' },
  { verb: 'create', purpose: 'provision (server-side apply of a new object)' },
  {
    verb: 'patch',
    purpose: 'provision, update, stop, start (server-side apply)',
  },
  { verb: 'delete', purpose: 'destroy, prune' },
];

/** Every verb on every resource the deploy path needs, named as `kubectl auth can-i` does. */
export const KUBERNETES_PERMISSIONS: ReadonlyArray<
  NeededPermission & { verb: string; resource: string; group: string }
> = RESOURCES.flatMap(({ resource, group }) =>
  VERBS.map(({ verb, purpose }) => ({
    name: `${verb} ${group ? `${resource}.${group}` : resource}`,
    purpose,
    verb,
    resource,
    group,
  })),
);

function kubeConfig(cluster: KubernetesCluster): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        skipTLSVerify: Boolean(cluster.skipTLSVerify),
      },
    ],
    users: [{ name: 'cloud-deployments', token: cluster.token }],
    contexts: [
      {
        name: 'cloud-deployments',
        cluster: cluster.name,
        user: 'cloud-deployments',
      },
    ],
    currentContext: 'cloud-deployments',
  });
  return kc;
}

/** One sentence about a failed call; the API server never echoes the token. */
function describeFailure(call: string, error: unknown): string {
  if (error instanceof ApiException) {
    let message: string | undefined;
    try {
      const body =
        typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
      if (typeof body?.message === 'string') message = body.message;
    } catch {
      // Not a Status: the code says enough.
    }
    return `${call} failed (HTTP ${error.code})${
      message ? `: ${message}` : ''
    }`;
  }
  return `${call} failed: ${
    error instanceof Error ? error.message : String(error)
  }`;
}

/**
 * The connection test of a cluster: `SelfSubjectReview` for who the token is
 * (a cluster that does not serve it, before Kubernetes 1.28, leaves the user
 * name out), then a `SelfSubjectAccessReview` in the deployments' namespace
 * for every verb on every kind the deploy path applies.
 */
export async function testClusterConnection(
  cluster: KubernetesCluster,
  options: { namespace: string; signal: AbortSignal },
): Promise<ConnectionCheck> {
  const { namespace, signal } = options;
  const kc = kubeConfig(cluster);
  const identity: Record<string, string> = {
    cluster: cluster.name,
    server: cluster.url,
    namespace,
  };
  const problems: string[] = [];
  try {
    signal.throwIfAborted();
    const review = await kc
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'SelfSubjectReview',
        },
      });
    const user = review?.status?.userInfo;
    if (typeof user?.username !== 'string') {
      throw new Error('the answer names no user');
    }
    identity.user = user.username;
    if (user.groups?.length) identity.groups = user.groups.join(', ');
  } catch (error) {
    if (!(error instanceof ApiException && error.code === 404)) {
      const problem = describeFailure('SelfSubjectReview', error);
      return {
        identity: {},
        permissions: unknownPermissions(
          KUBERNETES_PERMISSIONS.map(strip),
          problem,
        ),
        problems: [problem],
      };
    }
  }
  const authorization = kc.makeApiClient(AuthorizationV1Api);
  const permissions: ConnectionPermission[] = [];
  for (const p of KUBERNETES_PERMISSIONS) {
    try {
      signal.throwIfAborted();
      const review = await authorization.createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              namespace,
              verb: p.verb,
              group: p.group,
              resource: p.resource,
            },
          },
        },
      });
      const allowed = review?.status?.allowed;
      if (typeof allowed !== 'boolean') {
        throw new Error('the answer has no status.allowed');
      }
      permissions.push({
        ...strip(p),
        status: allowed ? 'granted' : 'missing',
      });
    } catch (error) {
      const reason = describeFailure('SelfSubjectAccessReview', error);
      // One refusal says it for all: the rest stay unknown.
      problems.push(reason);
      const rest = KUBERNETES_PERMISSIONS.slice(permissions.length).map(strip);
      permissions.push(...unknownPermissions(rest, reason));
      break;
    }
  }
  return { identity, permissions, problems };
}

function strip(p: NeededPermission): NeededPermission {
  return { name: p.name, purpose: p.purpose };
}
