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

/**
 * Where a console shows a deployment's resources, beyond what the
 * deployment itself knows.
 *
 * @internal
 */
export type CloudConsoleOptions = {
  /**
   * A Kubernetes dashboard's address of one Deployment, with `{cluster}`,
   * `{namespace}` and `{name}` filled in; Kubernetes has no console of its
   * own, so without it Kubernetes deployments get no link.
   */
  kubernetesConsoleUrl?: string;
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const enc = encodeURIComponent;

/**
 * The address of a deployment's resources in its cloud's console (SageMaker
 * endpoint, Cloud Run service, ACI container group, or a configured
 * Kubernetes dashboard), built from its region, account and resource name;
 * `undefined` for a sandbox deployment (no cloud has it) and when the
 * deployment does not say enough to address it.
 *
 * @internal
 */
export function cloudConsoleUrl(
  deployment: Pick<
    Deployment,
    'name' | 'resourceName' | 'spec' | 'outputs' | 'sandbox'
  >,
  options: CloudConsoleOptions = {},
): string | undefined {
  if (deployment.sandbox) return undefined;
  const { spec } = deployment;
  const outputs = deployment.outputs ?? {};
  const name = deployment.resourceName ?? deployment.name;
  const region = text(outputs.region) ?? spec.region;

  switch (spec.provider) {
    case 'aws-sagemaker': {
      const endpoint = text(outputs.endpointName) ?? name;
      return `https://${enc(
        region,
      )}.console.aws.amazon.com/sagemaker/home?region=${enc(
        region,
      )}#/endpoints/${enc(endpoint)}`;
    }
    case 'gcp-cloud-run': {
      const project = text(outputs.projectId);
      if (!project) return undefined;
      // The API names a service `projects/p/locations/r/services/s`.
      const service = (text(outputs.serviceName) ?? name).split('/').pop()!;
      return `https://console.cloud.google.com/run/detail/${enc(region)}/${enc(
        service,
      )}/metrics?project=${enc(project)}`;
    }
    case 'azure-container-instances': {
      const id = text(outputs.containerGroupId);
      // An ARM id: /subscriptions/…/containerGroups/name, used as it is.
      if (!id || !/^\/subscriptions\/[^#?\s]+$/i.test(id)) return undefined;
      return `https://portal.azure.com/#resource${id}/overview`;
    }
    case 'kubernetes': {
      const template = options.kubernetesConsoleUrl;
      const namespace = text(outputs.namespace);
      if (!template || !namespace) return undefined;
      return template
        .replace(/\{cluster\}/g, enc(text(outputs.cluster) ?? ''))
        .replace(/\{namespace\}/g, enc(namespace))
        .replace(/\{name\}/g, enc(text(outputs.deployment) ?? name));
    }
    default:
      return undefined;
  }
}
