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
 * Resources that cost nothing by themselves: their cost, if any, is on
 * another resource (an endpoint's on its configuration, a role's nowhere).
 */
export const FREE_TYPES: ReadonlySet<string> = new Set([
  'aws_sagemaker_model',
  'aws_sagemaker_endpoint',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'google_cloud_run_v2_service_iam_member',
  'google_cloud_run_v2_service_iam_binding',
  'google_cloud_run_service_iam_member',
  'azurerm_resource_group',
  'kubernetes_namespace',
  'kubernetes_namespace_v1',
  'kubernetes_service',
  'kubernetes_service_v1',
  'kubernetes_horizontal_pod_autoscaler_v2',
  'kubernetes_ingress_v1',
  'terraform_data',
  'null_resource',
  'random_id',
  'random_string',
  'random_password',
]);

/**
 * Resources known to be billed that the price data has no price for: by the
 * hour (gateways, databases, addresses, clusters) or by size and use
 * (storage, logs, registries). They are reported as chargeable but
 * unpriced, never as free and never as an unknown type.
 */
export const CHARGEABLE_UNPRICED_TYPES: ReadonlySet<string> = new Set([
  'aws_nat_gateway',
  'aws_eip',
  'aws_lb',
  'aws_alb',
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_elasticache_cluster',
  'aws_eks_cluster',
  'aws_ebs_volume',
  'aws_s3_bucket',
  'aws_ecr_repository',
  'aws_cloudwatch_log_group',
  'google_sql_database_instance',
  'google_compute_address',
  'google_compute_global_address',
  'google_compute_router_nat',
  'google_compute_disk',
  'google_container_cluster',
  'google_container_node_pool',
  'google_storage_bucket',
  'google_artifact_registry_repository',
  'azurerm_public_ip',
  'azurerm_nat_gateway',
  'azurerm_lb',
  'azurerm_managed_disk',
  'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool',
  'azurerm_storage_account',
  'azurerm_mssql_database',
  'azurerm_postgresql_flexible_server',
  'azurerm_container_registry',
  'azurerm_log_analytics_workspace',
]);

/** Why a resource of a type with no pricing is not in the totals, in words. */
export function unpricedReason(type: string): {
  pricing: 'chargeable-unpriced' | 'unknown-type';
  reason: string;
} {
  return CHARGEABLE_UNPRICED_TYPES.has(type)
    ? {
        pricing: 'chargeable-unpriced',
        reason: `${type} is billed, but the price data has no price for it: not in the totals`,
      }
    : {
        pricing: 'unknown-type',
        reason: `${type} is a resource type this pricer does not know (it may cost money): not in the totals`,
      };
}
