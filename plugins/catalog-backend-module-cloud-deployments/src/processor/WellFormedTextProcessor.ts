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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { findTextIssue } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * Refuses, before any other processing, an entity of any kind that holds
 * text the catalog cannot store faithfully: an unpaired UTF-16 surrogate or
 * a NUL, anywhere, keys included. On SQLite such a ref in a relation is
 * written as bytes that read back as other text, so the catalog's stitcher
 * can never mark it done and retries it without pause, starving the whole
 * backend; on PostgreSQL it is silently changed. Refused here, the entity
 * carries a processing error naming the field instead, and emits no
 * relations.
 *
 * @public
 */
export class WellFormedTextProcessor implements CatalogProcessor {
  /** The name of this processor in logs and errors. */
  getProcessorName(): string {
    return 'WellFormedTextProcessor';
  }

  /** Throws, naming the field, when the entity holds ill-formed text. */
  async preProcessEntity(entity: Entity): Promise<Entity> {
    const issue = findTextIssue(entity, { maxDepth: 100 });
    if (issue) {
      throw new InputError(
        `${safeRef(entity)} cannot be stored by the catalog: ${issue.path}: ${
          issue.message
        }`,
      );
    }
    return entity;
  }
}

/** The entity's ref for a message, with any ill-formed part replaced. */
function safeRef(entity: Entity): string {
  try {
    return stringifyEntityRef(entity).replace(/[\ud800-\udfff\0]/gu, '\ufffd');
  } catch {
    return 'The entity';
  }
}
