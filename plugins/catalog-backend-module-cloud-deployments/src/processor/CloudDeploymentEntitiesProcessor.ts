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
  Entity,
  entityKindSchemaValidator,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  cloudDeploymentEntityV1alpha1Schema,
  CloudDeploymentEntityV1alpha1,
  describeIssues,
  deploymentSpecSchema,
  isCloudDeploymentEntity,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

const validate = entityKindSchemaValidator<CloudDeploymentEntityV1alpha1>(
  cloudDeploymentEntityV1alpha1Schema,
);

/**
 * Validates `CloudDeployment` entities against their schema and relates them
 * to their owner, component and system, in both directions.
 *
 * @public
 */
export class CloudDeploymentEntitiesProcessor implements CatalogProcessor {
  /** The name of this processor in logs and errors. */
  getProcessorName(): string {
    return 'CloudDeploymentEntitiesProcessor';
  }

  /**
   * `false` for other kinds; `true` for a valid `CloudDeployment`. Throws,
   * naming the field, for an invalid one: the kind's schema, then the rules
   * the API applies to a spec (refs of the right kinds, with names the
   * catalog accepts), so an entity from a YAML file is held to the same.
   */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (validate(entity) === false) return false;
    const spec = deploymentSpecSchema.safeParse(entity.spec);
    if (!spec.success) {
      throw new InputError(
        `Invalid CloudDeployment spec: ${describeIssues(spec.error)}`,
      );
    }
    return true;
  }

  /**
   * Emits the relations of a `CloudDeployment` in both directions: ownedBy /
   * ownerOf, dependsOn / dependencyOf (its component), partOf / hasPart.
   */
  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isCloudDeploymentEntity(entity)) return entity;
    const self = getCompoundEntityRef(entity);
    const namespace = entity.metadata.namespace;
    const relate = (
      ref: string | undefined,
      defaultKind: string,
      outgoing: string,
      incoming: string,
    ) => {
      if (!ref) return;
      const target = parseEntityRef(ref, {
        defaultKind,
        defaultNamespace: namespace,
      });
      emit(processingResult.relation({ source: self, type: outgoing, target }));
      emit(
        processingResult.relation({
          source: target,
          type: incoming,
          target: self,
        }),
      );
    };
    relate(entity.spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    relate(
      entity.spec.component,
      'Component',
      RELATION_DEPENDS_ON,
      RELATION_DEPENDENCY_OF,
    );
    relate(entity.spec.system, 'System', RELATION_PART_OF, RELATION_HAS_PART);
    return entity;
  }
}
