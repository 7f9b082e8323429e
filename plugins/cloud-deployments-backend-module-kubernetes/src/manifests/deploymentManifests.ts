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
import { parseEntityRef } from '@backstage/catalog-model';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { resourceNameOf } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { KubernetesSettings } from '../cluster/readKubernetesConfig';
import { isLabelValue } from './names';

/**
 * A Kubernetes object as sent to the API server.
 *
 * @public
 */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** Labels every object the portal makes carries. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'backstage-cloud-deployments';
/** The deployment an object belongs to; prune and destroy select on it. */
export const DEPLOYMENT_ID_LABEL =
  'cloud-deployments.backstage.io/deployment-id';
/** The Backstage Kubernetes plugin finds a component's objects by this label. */
export const BACKSTAGE_KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
export const TITLE_ANNOTATION = 'cloud-deployments.backstage.io/title';

/** `0.5` → `500m`, `2` → `2`: exact CPU quantities, never floats. */
export function cpuQuantity(cpu: number): string {
  const millis = Math.round(cpu * 1000);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** The host an Ingress serves a deployment at. */
export const ingressHost = (name: string, domain: string) =>
  `${name}.${domain}`;

/** The parts of a deployment the manifests are made of. */
type Settings = Pick<
  KubernetesSettings,
  'namespace' | 'containerPort' | 'rolloutTimeoutMs' | 'ingress'
>;

/**
 * The objects of a `kubernetes` deployment: a Deployment, a Service in
 * front of it, a HorizontalPodAutoscaler when it may scale, and an Ingress
 * when the config names a domain. Built as objects, so values from the
 * form are data whatever they hold; the YAML library writes them.
 */
export function deploymentManifests(
  deployment: Deployment,
  settings: Settings,
): Manifest[] {
  const name = resourceNameOf(deployment);
  const { spec } = deployment;
  const { compute } = spec;
  const namespace = settings.namespace;
  const selector = {
    'app.kubernetes.io/name': name,
    [DEPLOYMENT_ID_LABEL]: deployment.id,
  };
  const component = parseEntityRef(spec.component, {
    defaultKind: 'Component',
    defaultNamespace: 'default',
  }).name;
  const labels: Record<string, string> = {
    ...selector,
    [MANAGED_BY_LABEL]: MANAGED_BY,
    ...(isLabelValue(component)
      ? { [BACKSTAGE_KUBERNETES_ID_LABEL]: component }
      : {}),
    ...(isLabelValue(spec.environment)
      ? { 'cloud-deployments.backstage.io/environment': spec.environment }
      : {}),
  };
  const annotations = deployment.title
    ? { [TITLE_ANNOTATION]: deployment.title }
    : undefined;
  const metadata = () => ({
    name,
    namespace,
    labels: { ...labels },
    ...(annotations ? { annotations: { ...annotations } } : {}),
  });

  const minReplicas = compute.minInstances ?? compute.instanceCount ?? 1;
  const maxReplicas = compute.maxInstances ?? minReplicas;
  // Scaling to zero needs an alpha feature gate; an HPA starts at one.
  const autoscaled = maxReplicas > Math.max(1, minReplicas);
  const requests: Record<string, string> = {
    cpu: cpuQuantity(compute.cpu ?? 0.1),
    memory: `${compute.memoryMiB ?? 128}Mi`,
  };
  const limits: Record<string, string> = {
    memory: requests.memory,
    ...(compute.gpu ? { 'nvidia.com/gpu': String(compute.gpu) } : {}),
  };

  const manifests: Manifest[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(),
      spec: {
        // With an HPA the replica count is the autoscaler's field: applying
        // one here would fight it on every apply.
        ...(autoscaled ? {} : { replicas: minReplicas }),
        selector: { matchLabels: { ...selector } },
        progressDeadlineSeconds: Math.ceil(settings.rolloutTimeoutMs / 1000),
        template: {
          metadata: { labels: { ...labels } },
          spec: {
            containers: [
              {
                name: 'app',
                image: spec.artifact.image ?? '',
                ...(spec.env
                  ? {
                      env: Object.entries(spec.env).map(([key, value]) => ({
                        name: key,
                        value,
                      })),
                    }
                  : {}),
                ports: [
                  {
                    name: 'http',
                    containerPort: settings.containerPort,
                    protocol: 'TCP',
                  },
                ],
                resources: { requests, limits },
                readinessProbe: {
                  tcpSocket: { port: 'http' },
                  periodSeconds: 10,
                },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(),
      spec: {
        type: 'ClusterIP',
        selector: { ...selector },
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        ],
      },
    },
  ];
  if (autoscaled) {
    manifests.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: metadata(),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: Math.max(1, minReplicas),
        maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
    });
  }
  if (settings.ingress) {
    manifests.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: metadata(),
      spec: {
        ...(settings.ingress.className
          ? { ingressClassName: settings.ingress.className }
          : {}),
        rules: [
          {
            host: ingressHost(name, settings.ingress.domain),
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name, port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
  return manifests;
}

/** Where the deployment is reached: its Ingress, or the Service in the cluster. */
export function deploymentEndpoint(
  name: string,
  settings: Pick<KubernetesSettings, 'namespace' | 'ingress'>,
): string {
  return settings.ingress
    ? `https://${ingressHost(name, settings.ingress.domain)}`
    : `http://${name}.${settings.namespace}.svc.cluster.local`;
}
