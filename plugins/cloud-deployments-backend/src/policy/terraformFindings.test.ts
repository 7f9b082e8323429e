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
import { findIacIssues } from './iacFindings';

const tf = (resource: unknown, data?: unknown) =>
  findIacIssues({
    'main.tf.json': JSON.stringify({ resource, ...(data ? { data } : {}) }),
  }).map(f => `${f.resource}: ${f.check}: ${f.detail}`);

describe('findIacIssues on Terraform JSON', () => {
  it('finds a container group with a public IP, set or by default', () => {
    expect(
      tf({
        azurerm_container_group: {
          set: { ip_address_type: 'public' },
          unset: { name: 'x' },
          private: { ip_address_type: 'Private' },
          none: { ip_address_type: 'None' },
        },
      }),
    ).toEqual([
      'azurerm_container_group.set: aci-public-ip: ip_address_type = public',
      'azurerm_container_group.unset: aci-public-ip: ip_address_type not set (defaults to Public)',
    ]);
  });

  it('finds a SageMaker endpoint configuration without a KMS key', () => {
    expect(
      tf({
        aws_sagemaker_endpoint_configuration: {
          plain: { name: 'a' },
          empty: { kms_key_arn: '' },
          keyed: { kms_key_arn: '${aws_kms_key.models.arn}' },
        },
      }),
    ).toEqual([
      'aws_sagemaker_endpoint_configuration.empty: sagemaker-no-kms-key: aws_sagemaker_endpoint_configuration has no kms_key_arn',
      'aws_sagemaker_endpoint_configuration.plain: sagemaker-no-kms-key: aws_sagemaker_endpoint_configuration has no kms_key_arn',
    ]);
  });

  it('finds Cloud Run services anyone may invoke', () => {
    expect(
      tf(
        {
          google_cloud_run_v2_service_iam_member: {
            public: { role: 'roles/run.invoker', member: 'allUsers' },
            team: { role: 'roles/run.invoker', member: 'group:web@acme.dev' },
            viewer: { role: 'roles/run.viewer', member: 'allUsers' },
          },
          google_cloud_run_service_iam_binding: {
            v1: {
              role: 'roles/run.invoker',
              members: ['user:ada@acme.dev', 'allAuthenticatedUsers'],
            },
          },
          google_cloud_run_v2_service_iam_policy: {
            literal: {
              policy_data: JSON.stringify({
                bindings: [{ role: 'roles/run.admin', members: ['allUsers'] }],
              }),
            },
            fromData: {
              policy_data: '${data.google_iam_policy.open.policy_data}',
            },
          },
          google_cloud_run_v2_service: {
            open: { invoker_iam_disabled: true },
            closed: { invoker_iam_disabled: false },
          },
        },
        {
          google_iam_policy: {
            open: {
              binding: [{ role: 'roles/run.invoker', members: ['allUsers'] }],
            },
          },
        },
      ),
    ).toEqual([
      'google_cloud_run_service_iam_binding.v1: cloud-run-unauthenticated: google_cloud_run_service_iam_binding grants roles/run.invoker to allAuthenticatedUsers',
      'google_cloud_run_v2_service.open: cloud-run-unauthenticated: invoker_iam_disabled = true (invocations skip IAM)',
      'google_cloud_run_v2_service_iam_member.public: cloud-run-unauthenticated: google_cloud_run_v2_service_iam_member grants roles/run.invoker to allUsers',
      'google_cloud_run_v2_service_iam_policy.fromData: cloud-run-unauthenticated: google_cloud_run_v2_service_iam_policy grants roles/run.invoker to allUsers (data.google_iam_policy.open)',
      'google_cloud_run_v2_service_iam_policy.literal: cloud-run-unauthenticated: google_cloud_run_v2_service_iam_policy grants roles/run.admin to allUsers',
    ]);
  });

  it('reads the kubernetes provider: its workloads (blocks as objects or lists) and kubernetes_manifest', () => {
    expect(
      tf({
        kubernetes_cron_job_v1: {
          nightly: {
            spec: [
              {
                job_template: {
                  spec: {
                    template: {
                      spec: [
                        {
                          host_network: true,
                          security_context: [{ run_as_user: '1000' }],
                          container: [
                            {
                              name: 'job',
                              security_context: { privileged: true },
                              resources: {
                                limits: { cpu: '1', memory: '1Gi' },
                              },
                            },
                          ],
                          init_container: {
                            name: 'init',
                            security_context: { run_as_user: '0' },
                            resources: { limits: { cpu: '1', memory: '1Gi' } },
                          },
                        },
                      ],
                    },
                  },
                },
              },
            ],
          },
        },
        kubernetes_manifest: {
          pod: {
            manifest: {
              kind: 'Pod',
              metadata: { name: 'p' },
              spec: { hostNetwork: true },
            },
          },
        },
      }),
    ).toEqual([
      'kubernetes_cron_job_v1.nightly: kubernetes-host-network: host_network = true',
      'kubernetes_cron_job_v1.nightly container job: kubernetes-privileged: security_context.privileged = true',
      'kubernetes_cron_job_v1.nightly init container init: kubernetes-root: security_context.run_as_user = 0',
      'kubernetes_manifest.pod Pod/p: kubernetes-host-network: hostNetwork: true',
    ]);
  });

  it('reads resource blocks written as lists', () => {
    expect(
      findIacIssues({
        'a.tf.json': JSON.stringify({
          resource: [
            {
              azurerm_container_group: [{ g: [{ ip_address_type: 'Public' }] }],
            },
          ],
        }),
      }),
    ).toEqual([
      {
        check: 'aci-public-ip',
        resource: 'azurerm_container_group.g',
        detail: 'ip_address_type = Public',
      },
    ]);
  });

  it.each([
    ['not JSON', '{"resource": '],
    ['null', 'null'],
    ['resource as text', '{"resource": "azurerm_container_group"}'],
    ['a type as a number', '{"resource": {"azurerm_container_group": 5}}'],
    [
      'a body as null',
      '{"resource": {"aws_sagemaker_endpoint_configuration": {"x": null}}}',
    ],
    [
      'policy_data as an object',
      '{"resource": {"google_cloud_run_v2_service_iam_policy": {"x": {"policy_data": {"bindings": 1}}}}}',
    ],
    [
      'members as text',
      '{"resource": {"google_cloud_run_service_iam_binding": {"x": {"role": "roles/run.invoker", "members": "allUsers"}}}}',
    ],
    [
      'a __proto__ key',
      '{"resource": {"__proto__": {"x": {"ip_address_type": "Public"}}}}',
    ],
    ['deep nesting', `${'['.repeat(100000)}${']'.repeat(100000)}`],
  ])('finds nothing, and does not throw, in %s', (_, content) => {
    expect(findIacIssues({ 'main.tf.json': content })).toEqual([]);
  });
});
