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
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { CloudDeploymentPermissionQuery } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';

/**
 * Adds a policy's conditions to a query of `deployments` as a WHERE clause,
 * the way the catalog applies its permission filters: allOf → AND, anyOf →
 * OR, not → NOT, each rule one column IN (values).
 */
export function applyPermissionFilter(
  qb: Knex.QueryBuilder,
  criteria: PermissionCriteria<CloudDeploymentPermissionQuery>,
): void {
  if (isAndCriteria(criteria)) {
    qb.where(inner => {
      for (const c of criteria.allOf) {
        inner.andWhere(sub => applyPermissionFilter(sub, c));
      }
    });
  } else if (isOrCriteria(criteria)) {
    qb.where(inner => {
      for (const c of criteria.anyOf) {
        inner.orWhere(sub => applyPermissionFilter(sub, c));
      }
    });
  } else if (isNotCriteria(criteria)) {
    qb.whereNot(inner => applyPermissionFilter(inner, criteria.not));
  } else if (criteria.key === 'sandbox') {
    const wanted = criteria.values.map(v => v === 'true');
    // An empty list matches nothing, as IN () would.
    if (wanted.length === 0) qb.whereRaw('1 = 0');
    else qb.whereIn('sandbox', wanted);
  } else if (criteria.key === 'owner') {
    // Owners compare case-insensitively; the rule lower-cases its claims.
    qb.whereIn(qb.client.raw('lower(owner)'), criteria.values);
  } else {
    qb.whereIn(criteria.key, criteria.values);
  }
}
