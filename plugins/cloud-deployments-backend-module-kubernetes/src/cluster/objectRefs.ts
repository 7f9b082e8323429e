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
import { KubernetesObject } from '@kubernetes/client-node';

/** The kinds prune and destroy look for, in the order they delete them. */
export const MANAGED_KINDS: Array<{ apiVersion: string; kind: string }> = [
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
];

/** An object's identity in a cluster. */
export type ObjectRef = {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
};

/** The identity of an object, in `namespace` unless it names its own. */
export const refOf = (m: KubernetesObject, namespace: string): ObjectRef => ({
  apiVersion: m.apiVersion ?? '',
  kind: m.kind ?? '',
  namespace: m.metadata?.namespace ?? namespace,
  name: m.metadata?.name ?? '',
});

/** A key that tells objects apart in a set. */
export const refKey = (r: ObjectRef) =>
  `${r.apiVersion} ${r.kind} ${r.namespace}/${r.name}`;

/** `a=b,c=d`. */
export const labelSelector = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** `Kind namespace/name`, as logs show an object. */
export const describeRef = (r: ObjectRef) =>
  `${r.kind} ${r.namespace}/${r.name}`;
