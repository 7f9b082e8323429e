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

/**
 * What `POST /kubernetes/apply` asks of a provider that applies manifests
 * (the `kubernetes` provider): Kubernetes objects written by a person or a
 * template, applied server-side to one of the portal's clusters.
 *
 * @public
 */
export type ManifestApplyRequest = {
  /** The cluster (`spec.account` of a deployment); the first configured by default. */
  cluster?: string;
  /** The namespace every object goes to; the configured one by default. */
  namespace?: string;
  /** One or more YAML documents. */
  manifests: string;
  /**
   * Names the set of objects these manifests make. Every object is labelled
   * with it, and `prune` deletes the set's objects that are no longer there.
   */
  applySet: string;
  /** Delete objects of the set that the manifests no longer have. */
  prune: boolean;
  /** Have the cluster check everything and persist nothing (`dryRun=All`). */
  dryRun: boolean;
  /** Wait for every Deployment to finish its rollout. */
  wait: boolean;
  /** Time limit of the wait, in seconds. */
  timeoutSeconds?: number;
};

/**
 * One object a manifest apply touched.
 *
 * @public
 */
export type AppliedObjectRef = {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
};

/**
 * What a manifest apply did.
 *
 * @public
 */
export type ManifestApplyResult = {
  cluster: string;
  namespace: string;
  dryRun: boolean;
  /** Applied, in order. */
  applied: AppliedObjectRef[];
  /** Deleted because the manifests no longer have them. */
  pruned: AppliedObjectRef[];
  /** The rollout of each Deployment, when asked to wait. */
  rollouts: Array<{ name: string; ready: boolean; message: string }>;
  /** What happened, line by line, as the task log should show it. */
  log: string[];
};
