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
  DefaultNamespaceEntityPolicy,
  Entity,
  entityKindSchemaValidator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import {
  cloudDeploymentEntityV1alpha1Schema,
  CloudDeploymentEntityV1alpha1,
  describeIssues,
  deploymentSpecSchema,
  findTextIssue,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

// What the catalog itself enforces on every entity (its default policies).
const catalogPolicies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const kindSchema = entityKindSchemaValidator<CloudDeploymentEntityV1alpha1>(
  cloudDeploymentEntityV1alpha1Schema,
);

/**
 * Why the catalog could not process this `CloudDeployment` entity, or
 * `undefined` when it can: text it cannot store faithfully, what its
 * default policies refuse, the kind's schema, and spec refs that would
 * relate it to entities that cannot exist.
 *
 * @public
 */
export async function deploymentEntityProblem(
  entity: CloudDeploymentEntityV1alpha1,
): Promise<string | undefined> {
  const text = findTextIssue(entity);
  if (text) return `${text.path}: ${text.message}`;
  try {
    await catalogPolicies.enforce(structuredClone(entity) as Entity);
    kindSchema(entity);
  } catch (error) {
    return (error as Error).message;
  }
  const spec = deploymentSpecSchema.safeParse(entity.spec);
  if (!spec.success) return `spec: ${describeIssues(spec.error)}`;
  return undefined;
}
