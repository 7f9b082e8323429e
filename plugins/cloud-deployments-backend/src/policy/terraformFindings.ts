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
import { IacFinding } from './iacFinding';
import { objectFindings } from './manifestFindings';
import { podSpecFindings, TERRAFORM_KEYS } from './podSpecFindings';
import { blocks, field, isObject, isTrue, text } from './values';
import { publicGrants, Resource } from './cloudRunGrants';

/**
 * The labelled blocks under `resource` or `data`. Terraform JSON writes each
 * level as an object keyed by label, or as an array of such objects.
 */
function labelled(root: unknown, key: string): Resource[] {
  const found: Resource[] = [];
  for (const types of blocks(field(root, key))) {
    for (const [type, named] of Object.entries(types)) {
      for (const names of blocks(named)) {
        for (const [name, body] of Object.entries(names)) {
          for (const b of blocks(body)) found.push({ type, name, body: b });
        }
      }
    }
  }
  return found;
}

/** Where the Terraform kubernetes provider's workloads keep their pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  kubernetes_pod: ['spec'],
  kubernetes_pod_v1: ['spec'],
  kubernetes_deployment: ['spec', 'template', 'spec'],
  kubernetes_deployment_v1: ['spec', 'template', 'spec'],
  kubernetes_stateful_set: ['spec', 'template', 'spec'],
  kubernetes_stateful_set_v1: ['spec', 'template', 'spec'],
  kubernetes_daemonset: ['spec', 'template', 'spec'],
  kubernetes_daemon_set_v1: ['spec', 'template', 'spec'],
  kubernetes_replication_controller: ['spec', 'template', 'spec'],
  kubernetes_replication_controller_v1: ['spec', 'template', 'spec'],
  kubernetes_job: ['spec', 'template', 'spec'],
  kubernetes_job_v1: ['spec', 'template', 'spec'],
  kubernetes_cron_job: ['spec', 'job_template', 'spec', 'template', 'spec'],
  kubernetes_cron_job_v1: ['spec', 'job_template', 'spec', 'template', 'spec'],
};

/** The findings of one parsed `*.tf.json` file. */
export function terraformFindings(root: unknown): IacFinding[] {
  const policies = new Map(
    labelled(root, 'data')
      .filter(d => d.type === 'google_iam_policy')
      .map(d => [d.name, d.body]),
  );
  return labelled(root, 'resource').flatMap(r => resourceFindings(r, policies));
}

function resourceFindings(
  r: Resource,
  policies: Map<string, Record<string, unknown>>,
): IacFinding[] {
  const resource = `${r.type}.${r.name}`;
  if (r.type === 'azurerm_container_group') {
    const type = field(r.body, 'ip_address_type');
    if (type === undefined || type === null) {
      return [
        {
          check: 'aci-public-ip',
          resource,
          detail: 'ip_address_type not set (defaults to Public)',
        },
      ];
    }
    return typeof type === 'string' && type.toLowerCase() === 'public'
      ? [
          {
            check: 'aci-public-ip',
            resource,
            detail: `ip_address_type = ${type}`,
          },
        ]
      : [];
  }
  if (r.type === 'aws_sagemaker_endpoint_configuration') {
    return text(field(r.body, 'kms_key_arn'))
      ? []
      : [
          {
            check: 'sagemaker-no-kms-key',
            resource,
            detail: `${r.type} has no kms_key_arn`,
          },
        ];
  }
  if (r.type === 'google_cloud_run_v2_service') {
    return isTrue(field(r.body, 'invoker_iam_disabled'))
      ? [
          {
            check: 'cloud-run-unauthenticated',
            resource,
            detail: 'invoker_iam_disabled = true (invocations skip IAM)',
          },
        ]
      : [];
  }
  if (
    /^google_cloud_run_(v2_)?service_iam_(member|binding|policy)$/.test(r.type)
  ) {
    return publicGrants(r, policies).map(detail => ({
      check: 'cloud-run-unauthenticated' as const,
      resource,
      detail,
    }));
  }
  if (r.type === 'kubernetes_manifest') {
    return objectFindings(field(r.body, 'manifest')).map(f => ({
      ...f,
      resource: `${resource} ${f.resource}`,
    }));
  }
  if (Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, r.type)) {
    const pod = POD_SPEC_PATHS[r.type].reduce<unknown>(
      (value, key) => blocks(field(value, key))[0],
      r.body,
    );
    return isObject(pod) ? podSpecFindings(resource, pod, TERRAFORM_KEYS) : [];
  }
  return [];
}
