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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  escapeTemplate as text,
  RenderedFiles,
  terraformJson,
  resourceNameOf,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { stringify } from 'yaml';
import {
  KubernetesCluster,
  KubernetesSettings,
} from '../cluster/readKubernetesConfig';
import {
  deploymentEndpoint,
  deploymentManifests,
  Manifest,
} from './deploymentManifests';

/** The versions of the Terraform kubernetes provider the mapping is written for. */
export const KUBERNETES_PROVIDER_VERSION = '>= 2.23, < 3.0';

/** Where the manifests of a render go. */
export const MANIFESTS_FILE = 'manifests/deployment.yaml';

/**
 * Several objects as one YAML stream. The YAML library quotes whatever a
 * value holds (`---`, `&anchors`, `: `, newlines), so no value becomes
 * syntax; aliases are never written.
 */
export function toYaml(manifests: Manifest[]): string {
  return manifests
    .map(m => stringify(m, { aliasDuplicateObjects: false, lineWidth: 0 }))
    .join('---\n');
}

const texts = (values: Record<string, string> | undefined) =>
  values
    ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]))
    : undefined;

const tfMetadata = (m: Manifest) => ({
  name: text(m.metadata.name),
  namespace: text(m.metadata.namespace ?? ''),
  labels: texts(m.metadata.labels),
  ...(m.metadata.annotations
    ? { annotations: texts(m.metadata.annotations) }
    : {}),
});

/** The same objects for the Terraform kubernetes provider (`*.tf.json`). */
function terraformResources(manifests: Manifest[]) {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const m of manifests) {
    const spec = m.spec as any;
    switch (m.kind) {
      case 'Deployment': {
        const pod = spec.template.spec;
        const c = pod.containers[0];
        resource.kubernetes_deployment_v1 = {
          this: {
            metadata: tfMetadata(m),
            spec: {
              ...(spec.replicas !== undefined
                ? { replicas: String(spec.replicas) }
                : {}),
              progress_deadline_seconds: spec.progressDeadlineSeconds,
              selector: { match_labels: texts(spec.selector.matchLabels) },
              template: {
                metadata: { labels: texts(spec.template.metadata.labels) },
                spec: {
                  container: [
                    {
                      name: c.name,
                      image: text(c.image),
                      ...(c.env
                        ? {
                            env: c.env.map((v: any) => ({
                              name: v.name,
                              value: text(v.value),
                            })),
                          }
                        : {}),
                      port: c.ports.map((p: any) => ({
                        name: p.name,
                        container_port: p.containerPort,
                        protocol: p.protocol,
                      })),
                      resources: {
                        requests: texts(c.resources.requests),
                        limits: texts(c.resources.limits),
                      },
                      readiness_probe: {
                        tcp_socket: { port: c.readinessProbe.tcpSocket.port },
                        period_seconds: c.readinessProbe.periodSeconds,
                      },
                    },
                  ],
                },
              },
            },
            wait_for_rollout: true,
          },
        };
        break;
      }
      case 'Service':
        resource.kubernetes_service_v1 = {
          this: {
            metadata: tfMetadata(m),
            spec: {
              type: spec.type,
              selector: texts(spec.selector),
              port: spec.ports.map((p: any) => ({
                name: p.name,
                port: p.port,
                target_port: p.targetPort,
                protocol: p.protocol,
              })),
            },
          },
        };
        break;
      case 'HorizontalPodAutoscaler':
        resource.kubernetes_horizontal_pod_autoscaler_v2 = {
          this: {
            metadata: tfMetadata(m),
            spec: {
              min_replicas: spec.minReplicas,
              max_replicas: spec.maxReplicas,
              scale_target_ref: {
                api_version: 'apps/v1',
                kind: 'Deployment',
                name: '${kubernetes_deployment_v1.this.metadata[0].name}',
              },
              metric: [
                {
                  type: 'Resource',
                  resource: {
                    name: 'cpu',
                    target: { type: 'Utilization', average_utilization: 70 },
                  },
                },
              ],
            },
          },
        };
        break;
      case 'Ingress': {
        const rule = spec.rules[0];
        resource.kubernetes_ingress_v1 = {
          this: {
            metadata: tfMetadata(m),
            spec: {
              ...(spec.ingressClassName
                ? { ingress_class_name: text(spec.ingressClassName) }
                : {}),
              rule: [
                {
                  host: text(rule.host),
                  http: {
                    path: [
                      {
                        path: '/',
                        path_type: 'Prefix',
                        backend: {
                          service: {
                            name: '${kubernetes_service_v1.this.metadata[0].name}',
                            port: { name: 'http' },
                          },
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        };
        break;
      }
      default:
        throw new Error(`No Terraform mapping for ${m.kind}`);
    }
  }
  return resource;
}

/**
 * The files of a `kubernetes` deployment: its manifests as YAML (for
 * server-side apply, or to commit), and the same objects for Terraform's
 * kubernetes provider. No credential is written: Terraform takes the token
 * from `KUBE_TOKEN` in its environment.
 */
export function renderKubernetes(
  deployment: Deployment,
  cluster: KubernetesCluster,
  settings: KubernetesSettings,
): RenderedFiles {
  const manifests = deploymentManifests(deployment, settings);
  const main = { resource: terraformResources(manifests) };
  // Defaults of variables are literal in JSON: not escaped.
  const variables = {
    variable: {
      cluster_host: {
        type: 'string',
        description: 'The Kubernetes API server of the cluster.',
        default: cluster.url,
      },
      cluster_ca_certificate: {
        type: 'string',
        description:
          "Base64 PEM of the API server's CA; the system's CAs when null.",
        default: cluster.caData ?? null,
        nullable: true,
      },
    },
  };
  const outputs = {
    output: {
      endpoint: {
        description: 'Where the deployment is reached.',
        value: text(deploymentEndpoint(resourceNameOf(deployment), settings)),
      },
      namespace: {
        value: '${kubernetes_deployment_v1.this.metadata[0].namespace}',
      },
      deployment_name: {
        value: '${kubernetes_deployment_v1.this.metadata[0].name}',
      },
      cluster: { value: text(cluster.name) },
    },
  };
  const versions = {
    terraform: {
      required_version: '>= 1.5.0',
      required_providers: {
        kubernetes: {
          source: 'hashicorp/kubernetes',
          version: KUBERNETES_PROVIDER_VERSION,
        },
      },
      // Filled in by the runner through TF_HTTP_ADDRESS and friends.
      backend: { http: {} },
    },
  };
  const providers = {
    provider: {
      kubernetes: {
        host: '${var.cluster_host}',
        cluster_ca_certificate:
          '${var.cluster_ca_certificate == null ? null : base64decode(var.cluster_ca_certificate)}',
      },
    },
  };
  return {
    files: {
      [MANIFESTS_FILE]: toYaml(manifests),
      'main.tf.json': terraformJson(main),
      'variables.tf.json': terraformJson(variables),
      'outputs.tf.json': terraformJson(outputs),
      'versions.tf.json': terraformJson(versions),
      'providers.tf.json': terraformJson(providers),
    },
  };
}
