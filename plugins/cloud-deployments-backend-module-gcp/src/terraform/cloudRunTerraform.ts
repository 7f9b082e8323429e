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
  RenderedFiles,
  resourceNameOf,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { cloudRunService } from '../cloudRun/cloudRunService';
import { CloudRunAccount } from '../cloudRun/readCloudRunConfig';
import {
  escapeTemplate as text,
  terraformJson,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * The versions of the Google provider the mapping is written for: 6.0 added
 * `deletion_protection` (on by default) to Cloud Run services.
 */
export const GOOGLE_PROVIDER_VERSION = '>= 6.0, < 8.0';

const mapValues = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]));

/**
 * Terraform JSON for a Cloud Run deployment: the service the SDK path makes
 * (`cloudRunService`), named after the deployment, labelled with its id, in
 * the account's project.
 *
 * Expects a spec that the provider's `validate` accepts; whatever the input,
 * every value from the deployment is escaped, so none is ever evaluated by
 * Terraform. State goes to the HTTP backend configured through `TF_HTTP_*`;
 * no credentials are written.
 */
export function renderCloudRunTerraform(
  deployment: Deployment,
  account: CloudRunAccount,
): RenderedFiles {
  const { spec } = deployment;
  const service = cloudRunService(deployment);
  const template = service.template ?? {};
  const container = template.containers?.[0] ?? {};
  const limits = container.resources?.limits ?? {};
  const scaling = template.scaling ?? {};

  const main = {
    resource: {
      google_cloud_run_v2_service: {
        this: {
          name: text(resourceNameOf(deployment)),
          location: text(spec.region),
          project: '${var.project_id}',
          // The portal deletes what it made; the provider's default refuses.
          deletion_protection: false,
          labels: mapValues(service.labels ?? {}),
          template: {
            containers: [
              {
                image: text(container.image ?? ''),
                ...(container.env?.length
                  ? {
                      env: container.env.map(v => ({
                        name: v.name ?? '',
                        value: text(v.value ?? ''),
                      })),
                    }
                  : {}),
                resources: {
                  ...(Object.keys(limits).length
                    ? { limits: mapValues(limits) }
                    : {}),
                  ...(container.resources?.cpuIdle === false
                    ? { cpu_idle: false }
                    : {}),
                },
              },
            ],
            ...(scaling.minInstanceCount !== undefined ||
            scaling.maxInstanceCount !== undefined
              ? {
                  scaling: {
                    ...(typeof scaling.minInstanceCount === 'number'
                      ? { min_instance_count: scaling.minInstanceCount }
                      : {}),
                    ...(typeof scaling.maxInstanceCount === 'number'
                      ? { max_instance_count: scaling.maxInstanceCount }
                      : {}),
                  },
                }
              : {}),
            ...(typeof template.maxInstanceRequestConcurrency === 'number'
              ? {
                  max_instance_request_concurrency:
                    template.maxInstanceRequestConcurrency,
                }
              : {}),
            ...(template.nodeSelector?.accelerator
              ? {
                  node_selector: {
                    accelerator: text(template.nodeSelector.accelerator),
                  },
                }
              : {}),
          },
        },
      },
    },
  };

  // Defaults and descriptions of variables are literal in JSON: not escaped.
  const variables = {
    variable: {
      project_id: {
        type: 'string',
        description:
          'The Google Cloud project of the service; the configured account project by default.',
        default: account.projectId,
      },
    },
  };

  const outputs = {
    output: {
      endpoint_url: {
        description: 'The URL Cloud Run serves the service at.',
        value: '${google_cloud_run_v2_service.this.uri}',
      },
      service_id: { value: '${google_cloud_run_v2_service.this.id}' },
      service_name: { value: '${google_cloud_run_v2_service.this.name}' },
      latest_ready_revision: {
        value: '${google_cloud_run_v2_service.this.latest_ready_revision}',
      },
      project_id: { value: '${var.project_id}' },
      region: { value: text(spec.region) },
    },
  };

  const versions = {
    terraform: {
      required_version: '>= 1.5.0',
      required_providers: {
        google: {
          source: 'hashicorp/google',
          version: GOOGLE_PROVIDER_VERSION,
        },
      },
      // Filled in by the runner through TF_HTTP_ADDRESS and friends.
      backend: { http: {} },
    },
  };

  // Credentials come from the runner's environment, never from here.
  const providers = {
    provider: {
      google: { project: '${var.project_id}', region: text(spec.region) },
    },
  };

  return {
    files: {
      'main.tf.json': terraformJson(main),
      'variables.tf.json': terraformJson(variables),
      'outputs.tf.json': terraformJson(outputs),
      'versions.tf.json': terraformJson(versions),
      'providers.tf.json': terraformJson(providers),
    },
  };
}
