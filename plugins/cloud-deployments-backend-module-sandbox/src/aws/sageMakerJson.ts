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
import { checkName, checkRequired, validationError } from './awsErrors';
import {
  SandboxEndpoint,
  SandboxEndpointConfig,
  SandboxVariant,
} from './sandboxResourceTypes';

type Body = Record<string, any>;

// awsJson1_1 sends timestamps as epoch seconds.
export const seconds = (ms: number) => ms / 1000;

const INSTANCE_TYPE = /^ml\.[a-z0-9-]+\.[a-z0-9]+$/;

/** A production variant as DescribeEndpointConfig answers it. */
export function variantJson(v: SandboxVariant) {
  return {
    VariantName: v.variantName,
    ModelName: v.modelName,
    InstanceType: v.instanceType,
    InitialInstanceCount: v.initialInstanceCount,
    InitialVariantWeight: 1,
  };
}

/** The production variants of a CreateEndpointConfig, checked as SageMaker checks them. */
export function readVariants(body: Body): SandboxVariant[] {
  const variants = body.ProductionVariants;
  if (!Array.isArray(variants) || variants.length === 0) {
    throw validationError(
      `1 validation error detected: Value '[]' at 'productionVariants' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  return variants.map((v: Body, i: number) => {
    const at = `productionVariants.${i + 1}.member`;
    if (v.InstanceType !== undefined && !INSTANCE_TYPE.test(v.InstanceType)) {
      throw validationError(
        `1 validation error detected: Value '${v.InstanceType}' at '${at}.instanceType' failed to satisfy constraint: Member must satisfy enum value set`,
      );
    }
    const count = v.InitialInstanceCount ?? 1;
    if (!Number.isInteger(count) || count < 1) {
      throw validationError(
        `1 validation error detected: Value '${count}' at '${at}.initialInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1`,
      );
    }
    return {
      variantName: checkName(v.VariantName, `${at}.variantName`),
      modelName: checkName(v.ModelName, `${at}.modelName`),
      instanceType: checkRequired(v.InstanceType, `${at}.instanceType`),
      initialInstanceCount: count,
    };
  });
}

/** An endpoint as DescribeEndpoint answers it. */
export function describeEndpoint(
  ep: SandboxEndpoint,
  config: SandboxEndpointConfig | undefined,
) {
  const variants =
    ep.status === 'Creating' || ep.status === 'Failed' || !config
      ? undefined
      : config.variants.map(v => ({
          VariantName: v.variantName,
          CurrentWeight: 1,
          DesiredWeight: 1,
          CurrentInstanceCount: ep.instanceCount ?? v.initialInstanceCount,
          DesiredInstanceCount: ep.instanceCount ?? v.initialInstanceCount,
        }));
  return {
    EndpointName: ep.name,
    EndpointArn: ep.arn,
    EndpointConfigName: ep.configName,
    EndpointStatus: ep.status,
    CreationTime: seconds(ep.createdAt),
    LastModifiedTime: seconds(ep.lastModifiedAt),
    ...(variants ? { ProductionVariants: variants } : {}),
    ...(ep.failureReason ? { FailureReason: ep.failureReason } : {}),
    ...(ep.pendingConfigName
      ? {
          PendingDeploymentSummary: {
            EndpointConfigName: ep.pendingConfigName,
            StartTime: seconds(ep.lastModifiedAt),
          },
        }
      : {}),
  };
}
