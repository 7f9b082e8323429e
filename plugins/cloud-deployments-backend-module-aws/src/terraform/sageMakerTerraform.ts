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
import { RenderedFiles } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { invocationUrl } from '../sagemaker/observeEndpoint';
import { SageMakerAccount } from '../sagemaker/readSageMakerConfig';
import {
  DEPLOYMENT_ID_TAG,
  MANAGED_BY,
  MANAGED_BY_TAG,
} from '../deploymentTags';
import { resourceNames, VARIANT_NAME } from '../sagemaker/resourceNames';
import {
  escapeTemplate as text,
  escapeTemplateValues as textValues,
  terraformJson,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

export {
  DEPLOYMENT_ID_TAG,
  MANAGED_BY,
  MANAGED_BY_TAG,
} from '../deploymentTags';

/**
 * The major version of the AWS provider the templates are validated
 * against (resource schemas change between majors).
 */
export const AWS_PROVIDER_VERSION = '>= 5.0, < 6.0';

/**
 * Terraform JSON for a SageMaker deployment: the same model, endpoint
 * configuration and endpoint the SDK path makes, under the same names
 * (see `resourceNames`), tagged with the deployment id.
 *
 * Expects a spec that `validateSageMakerSpec` accepts; whatever the input,
 * every value from the deployment is escaped, so none is ever evaluated by
 * Terraform. State goes to the HTTP backend configured through `TF_HTTP_*`;
 * no credentials are written.
 */
export function renderSageMakerTerraform(
  deployment: Deployment,
  account: SageMakerAccount,
  options: { sandboxUrl?: string } = {},
): RenderedFiles {
  const { spec } = deployment;
  const { artifact, compute } = spec;
  // The revision hash covers the configured role, as on the SDK path.
  const names = resourceNames(deployment, {
    image: artifact.image,
    modelDataUrl: artifact.modelDataUrl,
    instanceType: compute.instanceType,
    instanceCount: compute.instanceCount,
    executionRoleArn: account.executionRoleArn,
    env: deployment.spec.env,
  });
  const tags = {
    [MANAGED_BY_TAG]: MANAGED_BY,
    [DEPLOYMENT_ID_TAG]: text(deployment.id),
  };
  // A new spec is a new revision name: create it before the endpoint moves
  // to it, and delete the old one after, as the SDK path rolls out.
  const rollOut = { create_before_destroy: true };

  const main = {
    resource: {
      aws_sagemaker_model: {
        this: {
          name: text(names.revision),
          execution_role_arn: '${var.execution_role_arn}',
          primary_container: {
            image: text(artifact.image ?? ''),
            ...(artifact.modelDataUrl
              ? { model_data_url: text(artifact.modelDataUrl) }
              : {}),
            ...(deployment.spec.env
              ? { environment: textValues(deployment.spec.env) }
              : {}),
          },
          tags,
          lifecycle: rollOut,
        },
      },
      aws_sagemaker_endpoint_configuration: {
        this: {
          name: text(names.revision),
          production_variants: [
            {
              variant_name: VARIANT_NAME,
              model_name: '${aws_sagemaker_model.this.name}',
              instance_type: text(compute.instanceType ?? ''),
              initial_instance_count: compute.instanceCount ?? 1,
            },
          ],
          tags,
          lifecycle: rollOut,
        },
      },
      aws_sagemaker_endpoint: {
        this: {
          name: text(names.endpoint),
          endpoint_config_name:
            '${aws_sagemaker_endpoint_configuration.this.name}',
          tags,
        },
      },
    },
  };

  // Defaults and descriptions of variables are literal in JSON: not escaped.
  const variables = {
    variable: {
      execution_role_arn: {
        type: 'string',
        description:
          'The IAM role SageMaker assumes for the model; the configured account role by default. The revision names are derived from the default, so another role means replacing the model under the same name.',
        default: account.executionRoleArn,
      },
    },
  };

  const outputs = {
    output: {
      endpoint_url: {
        description: 'The invocation URL of the endpoint.',
        value: text(invocationUrl(spec.region, names.endpoint)),
      },
      endpoint_name: { value: '${aws_sagemaker_endpoint.this.name}' },
      endpoint_arn: { value: '${aws_sagemaker_endpoint.this.arn}' },
      endpoint_config_name: {
        value: '${aws_sagemaker_endpoint_configuration.this.name}',
      },
      model_name: { value: '${aws_sagemaker_model.this.name}' },
      region: { value: text(spec.region) },
    },
  };

  const versions = {
    terraform: {
      required_version: '>= 1.5.0',
      required_providers: {
        aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION },
      },
      // Filled in by the runner through TF_HTTP_ADDRESS and friends.
      backend: { http: {} },
    },
  };

  // Credentials come from the runner's environment, never from here.
  const providers = { provider: { aws: { region: text(spec.region) } } };

  return {
    files: {
      'main.tf.json': terraformJson(main),
      'variables.tf.json': terraformJson(variables),
      'outputs.tf.json': terraformJson(outputs),
      'versions.tf.json': terraformJson(versions),
      'providers.tf.json': terraformJson(providers),
      ...(options.sandboxUrl
        ? { 'sandbox_override.tf.json': sandboxOverride(options.sandboxUrl) }
        : {}),
    },
  };
}

/** Fake credentials the sandbox accepts; never those of the backend. */
export const SANDBOX_ACCESS_KEY = 'SANDBOXACCESSKEY';

/**
 * Points the AWS provider at the SageMaker sandbox. An override file rather
 * than environment variables: the provider's skip flags have none. Its own
 * credentials, so that real ones in the backend's environment never reach a
 * sandbox run; STS and IAM point at the sandbox too, so that any call the
 * provider makes beyond SageMaker fails there instead of reaching AWS.
 */
function sandboxOverride(sandboxUrl: string): string {
  return terraformJson({
    provider: {
      aws: {
        access_key: SANDBOX_ACCESS_KEY,
        secret_key: 'sandbox-secret-key',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        endpoints: {
          sagemaker: text(sandboxUrl),
          sts: text(sandboxUrl),
          iam: text(sandboxUrl),
        },
      },
    },
  });
}
