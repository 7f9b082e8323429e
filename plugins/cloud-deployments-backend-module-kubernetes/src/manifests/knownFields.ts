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

// The fields of the objects the portal applies, for the unknown-field check
// the schema validation lacks (a real API server refuses unknown fields in
// an apply; catching them first gives a message per field). `'*'` is a
// value whose inside is not checked here (maps, and structures the schema
// validation covers).

/** Allowed keys → the shape of each value. */
export type Shape = { [key: string]: Shape | '*' | [Shape] };

const ANY = '*' as const;

const objectMeta: Shape = {
  name: ANY,
  namespace: ANY,
  labels: ANY,
  annotations: ANY,
  generateName: ANY,
  finalizers: ANY,
  ownerReferences: ANY,
};

const containerPort: Shape = {
  name: ANY,
  containerPort: ANY,
  protocol: ANY,
  hostPort: ANY,
  hostIP: ANY,
};

const container: Shape = {
  name: ANY,
  image: ANY,
  imagePullPolicy: ANY,
  command: ANY,
  args: ANY,
  workingDir: ANY,
  ports: [containerPort],
  env: ANY,
  envFrom: ANY,
  resources: { requests: ANY, limits: ANY, claims: ANY },
  resizePolicy: ANY,
  restartPolicy: ANY,
  volumeMounts: ANY,
  volumeDevices: ANY,
  livenessProbe: ANY,
  readinessProbe: ANY,
  startupProbe: ANY,
  lifecycle: ANY,
  terminationMessagePath: ANY,
  terminationMessagePolicy: ANY,
  securityContext: ANY,
  stdin: ANY,
  stdinOnce: ANY,
  tty: ANY,
};

const podSpec: Shape = {
  containers: [container],
  initContainers: [container],
  ephemeralContainers: ANY,
  volumes: ANY,
  restartPolicy: ANY,
  terminationGracePeriodSeconds: ANY,
  activeDeadlineSeconds: ANY,
  dnsPolicy: ANY,
  dnsConfig: ANY,
  nodeSelector: ANY,
  serviceAccountName: ANY,
  automountServiceAccountToken: ANY,
  nodeName: ANY,
  hostNetwork: ANY,
  hostPID: ANY,
  hostIPC: ANY,
  shareProcessNamespace: ANY,
  securityContext: ANY,
  imagePullSecrets: ANY,
  hostname: ANY,
  subdomain: ANY,
  affinity: ANY,
  schedulerName: ANY,
  tolerations: ANY,
  hostAliases: ANY,
  priorityClassName: ANY,
  priority: ANY,
  readinessGates: ANY,
  runtimeClassName: ANY,
  enableServiceLinks: ANY,
  preemptionPolicy: ANY,
  overhead: ANY,
  topologySpreadConstraints: ANY,
  setHostnameAsFQDN: ANY,
  os: ANY,
  hostUsers: ANY,
  schedulingGates: ANY,
  resourceClaims: ANY,
};

const servicePort: Shape = {
  name: ANY,
  protocol: ANY,
  appProtocol: ANY,
  port: ANY,
  targetPort: ANY,
  nodePort: ANY,
};

/** `apiVersion kind` → the object's shape. */
export const KNOWN_KINDS: Record<string, Shape> = {
  'apps/v1 Deployment': {
    apiVersion: ANY,
    kind: ANY,
    metadata: objectMeta,
    spec: {
      replicas: ANY,
      selector: ANY,
      template: { metadata: objectMeta, spec: podSpec },
      strategy: ANY,
      minReadySeconds: ANY,
      revisionHistoryLimit: ANY,
      paused: ANY,
      progressDeadlineSeconds: ANY,
    },
  },
  'v1 Service': {
    apiVersion: ANY,
    kind: ANY,
    metadata: objectMeta,
    spec: {
      ports: [servicePort],
      selector: ANY,
      clusterIP: ANY,
      clusterIPs: ANY,
      type: ANY,
      externalIPs: ANY,
      sessionAffinity: ANY,
      loadBalancerIP: ANY,
      loadBalancerSourceRanges: ANY,
      externalName: ANY,
      externalTrafficPolicy: ANY,
      healthCheckNodePort: ANY,
      publishNotReadyAddresses: ANY,
      sessionAffinityConfig: ANY,
      ipFamilies: ANY,
      ipFamilyPolicy: ANY,
      allocateLoadBalancerNodePorts: ANY,
      loadBalancerClass: ANY,
      internalTrafficPolicy: ANY,
      trafficDistribution: ANY,
    },
  },
  'autoscaling/v2 HorizontalPodAutoscaler': {
    apiVersion: ANY,
    kind: ANY,
    metadata: objectMeta,
    spec: {
      scaleTargetRef: { apiVersion: ANY, kind: ANY, name: ANY },
      minReplicas: ANY,
      maxReplicas: ANY,
      metrics: ANY,
      behavior: ANY,
    },
  },
  'networking.k8s.io/v1 Ingress': {
    apiVersion: ANY,
    kind: ANY,
    metadata: objectMeta,
    spec: {
      ingressClassName: ANY,
      defaultBackend: ANY,
      tls: ANY,
      rules: [{ host: ANY, http: { paths: ANY } }],
    },
  },
  'v1 ConfigMap': {
    apiVersion: ANY,
    kind: ANY,
    metadata: objectMeta,
    data: ANY,
    binaryData: ANY,
    immutable: ANY,
  },
};

/** The paths of keys a value has that its shape does not. */
export function unknownFields(
  value: unknown,
  shape: Shape,
  path = '',
): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = path ? `${path}.${key}` : key;
    const childShape = shape[key];
    if (childShape === undefined) return [childPath];
    if (childShape === ANY) return [];
    if (Array.isArray(childShape)) {
      return Array.isArray(child)
        ? child.flatMap((item, i) =>
            unknownFields(item, childShape[0], `${childPath}[${i}]`),
          )
        : [];
    }
    return unknownFields(child, childShape, childPath);
  });
}
