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
import {
  checkName,
  checkRequired,
  SageMakerApiError,
  validationError,
} from './awsErrors';
import { byName, page } from './listPaging';
import {
  describeEndpoint,
  readVariants,
  seconds,
  variantJson,
} from './sageMakerJson';
import { readTags } from './resourceTags';
import { SandboxResources } from './SandboxResources';
import { SandboxEndpointConfig } from './sandboxResourceTypes';
import { sageMakerEndpointQuotaName } from './serviceQuotas';

/**
 * The FailureReason SageMaker gives an endpoint it found no instances of its
 * type for (the endpoint ends `Failed`).
 *
 * @public
 */
export const INSUFFICIENT_CAPACITY_REASON =
  'Unable to provision requested ML compute capacity. Please retry using a different ML instance type.';

/**
 * Refuses a create that takes an instance type past its endpoint-usage
 * quota in the region, with SageMaker's `ResourceLimitExceeded` and the
 * numbers it quotes.
 */
function checkEndpointQuotas(
  config: SandboxEndpointConfig,
  resources: SandboxResources,
  region: string,
  quotas: ReadonlyMap<string, number>,
) {
  const asked = new Map<string, number>();
  for (const v of config.variants) {
    asked.set(
      v.instanceType,
      (asked.get(v.instanceType) ?? 0) + v.initialInstanceCount,
    );
  }
  for (const [type, delta] of asked) {
    const limit = quotas.get(type);
    if (limit === undefined) continue;
    let used = 0;
    for (const endpoint of resources.listEndpoints(region, 'Name', false)) {
      if (endpoint.status === 'Deleting' || endpoint.status === 'Failed') {
        continue;
      }
      let variants;
      try {
        variants = resources.getEndpointConfig(
          region,
          endpoint.configName,
        ).variants;
      } catch {
        continue;
      }
      for (const v of variants) {
        if (v.instanceType === type) {
          used += endpoint.instanceCount ?? v.initialInstanceCount;
        }
      }
    }
    if (used + delta > limit) {
      throw new SageMakerApiError(
        'ResourceLimitExceeded',
        `The account-level service limit '${sageMakerEndpointQuotaName(
          type,
        )}' is ${limit} Instances, with current utilization of ${used} Instances and a request delta of ${delta} Instances. Please use AWS Service Quotas to request an increase for this quota.`,
      );
    }
  }
}

type Body = Record<string, any>;

/** What an operation needs besides its input. */
export type OperationContext = {
  resources: SandboxResources;
  region: string;
  /** The FailureReason an endpoint's next create or update ends with. */
  takeFailure(kind: 'create' | 'update', name: string): string | undefined;
  /** The endpoint-usage quotas, instances by instance type (see `serviceQuotas.ts`). */
  endpointQuotas: ReadonlyMap<string, number>;
  /** Instance types the sandbox has no capacity of: their endpoints fail. */
  noCapacity: ReadonlySet<string>;
};

const OPERATIONS: Record<string, (body: Body, ctx: OperationContext) => Body> =
  {
    CreateModel(body, { resources, region }) {
      const container = body.PrimaryContainer ?? body.Containers?.[0] ?? {};
      const model = resources.createModel(
        {
          name: checkName(body.ModelName, 'modelName'),
          region,
          executionRoleArn: checkRequired(
            body.ExecutionRoleArn,
            'executionRoleArn',
          ),
          image: checkRequired(container.Image, 'primaryContainer.image'),
          ...(container.ModelDataUrl
            ? { modelDataUrl: container.ModelDataUrl }
            : {}),
          mode: readMode(container.Mode),
          enableNetworkIsolation: body.EnableNetworkIsolation === true,
          ...(container.Environment
            ? { environment: readEnvironment(container.Environment) }
            : {}),
        },
        readTags(body.Tags ?? [], 'tags'),
      );
      return { ModelArn: model.arn };
    },
    DescribeModel(body, { resources, region }) {
      const model = resources.getModel(region, body.ModelName);
      return {
        ModelName: model.name,
        ModelArn: model.arn,
        ExecutionRoleArn: model.executionRoleArn,
        // The AWS provider compares Mode and EnableNetworkIsolation with
        // its configuration: without them every plan would replace the model.
        PrimaryContainer: {
          Image: model.image,
          Mode: model.mode ?? 'SingleModel',
          ...(model.modelDataUrl ? { ModelDataUrl: model.modelDataUrl } : {}),
          ...(model.environment ? { Environment: model.environment } : {}),
        },
        EnableNetworkIsolation: model.enableNetworkIsolation ?? false,
        CreationTime: seconds(model.createdAt),
      };
    },
    DeleteModel(body, { resources, region }) {
      resources.deleteModel(region, body.ModelName);
      return {};
    },
    ListModels(body, { resources, region }) {
      const { items, next } = page(
        byName(resources.listModels(region), body),
        body,
      );
      return {
        Models: items.map(m => ({
          ModelName: m.name,
          ModelArn: m.arn,
          CreationTime: seconds(m.createdAt),
        })),
        ...(next ? { NextToken: next } : {}),
      };
    },
    CreateEndpointConfig(body, { resources, region }) {
      const config = resources.createEndpointConfig(
        {
          name: checkName(body.EndpointConfigName, 'endpointConfigName'),
          region,
          variants: readVariants(body),
        },
        readTags(body.Tags ?? [], 'tags'),
      );
      return { EndpointConfigArn: config.arn };
    },
    DescribeEndpointConfig(body, { resources, region }) {
      const config = resources.getEndpointConfig(
        region,
        body.EndpointConfigName,
      );
      return {
        EndpointConfigName: config.name,
        EndpointConfigArn: config.arn,
        ProductionVariants: config.variants.map(variantJson),
        CreationTime: seconds(config.createdAt),
      };
    },
    DeleteEndpointConfig(body, { resources, region }) {
      resources.deleteEndpointConfig(region, body.EndpointConfigName);
      return {};
    },
    ListEndpointConfigs(body, { resources, region }) {
      const { items, next } = page(
        byName(resources.listEndpointConfigs(region), body),
        body,
      );
      return {
        EndpointConfigs: items.map(c => ({
          EndpointConfigName: c.name,
          EndpointConfigArn: c.arn,
          CreationTime: seconds(c.createdAt),
        })),
        ...(next ? { NextToken: next } : {}),
      };
    },
    CreateEndpoint(
      body,
      { resources, region, takeFailure, endpointQuotas, noCapacity },
    ) {
      const name = checkName(body.EndpointName, 'endpointName');
      const configName = checkName(
        body.EndpointConfigName,
        'endpointConfigName',
      );
      // Checked before the failure is taken, so that a refused create does
      // not use it up.
      const config = resources.getEndpointConfig(region, configName);
      checkEndpointQuotas(config, resources, region, endpointQuotas);
      const tags = readTags(body.Tags ?? [], 'tags');
      const endpoint = resources.createEndpoint(region, name, configName, {
        failWith:
          takeFailure('create', name) ??
          (config.variants.some(v => noCapacity.has(v.instanceType))
            ? INSUFFICIENT_CAPACITY_REASON
            : undefined),
        tags,
      });
      return { EndpointArn: endpoint.arn };
    },
    DescribeEndpoint(body, { resources, region }) {
      const endpoint = resources.getEndpoint(region, body.EndpointName);
      let config: SandboxEndpointConfig | undefined;
      try {
        config = resources.getEndpointConfig(region, endpoint.configName);
      } catch {
        // Deleting a configuration in use is allowed; the endpoint keeps it.
      }
      return describeEndpoint(endpoint, config);
    },
    UpdateEndpoint(body, { resources, region, takeFailure }) {
      const name = checkName(body.EndpointName, 'endpointName');
      const configName = checkName(
        body.EndpointConfigName,
        'endpointConfigName',
      );
      resources.getEndpoint(region, name);
      const endpoint = resources.updateEndpoint(region, name, configName, {
        failWith: takeFailure('update', name),
      });
      return { EndpointArn: endpoint.arn };
    },
    DeleteEndpoint(body, { resources, region }) {
      resources.deleteEndpoint(region, body.EndpointName);
      return {};
    },
    ListEndpoints(body, { resources, region }) {
      const sortBy = body.SortBy ?? 'CreationTime';
      let endpoints = resources.listEndpoints(
        region,
        sortBy,
        body.SortOrder !== 'Ascending',
      );
      if (body.NameContains) {
        endpoints = endpoints.filter(e => e.name.includes(body.NameContains));
      }
      if (body.StatusEquals) {
        endpoints = endpoints.filter(e => e.status === body.StatusEquals);
      }
      const { items, next } = page(endpoints, body);
      return {
        Endpoints: items.map(e => ({
          EndpointName: e.name,
          EndpointArn: e.arn,
          EndpointStatus: e.status,
          CreationTime: seconds(e.createdAt),
          LastModifiedTime: seconds(e.lastModifiedAt),
        })),
        ...(next ? { NextToken: next } : {}),
      };
    },
    ListTags(body, { resources }) {
      const { items, next } = page(
        resources.tags.list(body.ResourceArn),
        // ListTags pages by 50 by default, up to 100.
        { ...body, MaxResults: body.MaxResults ?? 50 },
      );
      return { Tags: items, ...(next ? { NextToken: next } : {}) };
    },
    AddTags(body, { resources }) {
      const tags = readTags(body.Tags, 'tags');
      resources.tags.add(body.ResourceArn, tags);
      return { Tags: tags };
    },
    DeleteTags(body, { resources }) {
      resources.tags.remove(body.ResourceArn, body.TagKeys);
      return {};
    },
  };

/** A container's `Mode`, checked against SageMaker's two values. */
function readMode(mode: unknown): 'SingleModel' | 'MultiModel' {
  if (mode === undefined || mode === 'SingleModel' || mode === 'MultiModel') {
    return mode ?? 'SingleModel';
  }
  throw new SageMakerApiError(
    'ValidationException',
    `1 validation error detected: Value '${mode}' at 'primaryContainer.mode' failed to satisfy constraint: Member must satisfy enum value set: [SingleModel, MultiModel]`,
  );
}

/** The operations the sandbox implements, e.g. `CreateEndpoint`. */
export const SANDBOX_OPERATIONS = Object.keys(OPERATIONS);

/** Runs one SageMaker operation; throws {@link SageMakerApiError}. */
export function runOperation(
  operation: string,
  body: Body,
  ctx: OperationContext,
): Body {
  const run = OPERATIONS[operation];
  if (!run) {
    throw new SageMakerApiError(
      'UnknownOperationException',
      `The sandbox does not implement SageMaker.${operation}`,
    );
  }
  return run(body, ctx);
}

/** A container's `Environment` as SageMaker takes it: text values, at most 100. */
function readEnvironment(value: unknown): Record<string, string> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.keys(value).length > 100 ||
    Object.values(value).some(v => typeof v !== 'string' || v.length > 1024)
  ) {
    throw validationError(
      'primaryContainer.environment must map at most 100 names to strings of at most 1024 characters',
    );
  }
  return { ...(value as Record<string, string>) };
}
