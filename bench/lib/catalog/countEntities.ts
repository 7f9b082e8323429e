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
import type { Knex } from 'knex';

/** The CloudDeployment entities in the catalog's database, by how far they got. */
export async function countEntities(catalogDb: Knex) {
  const cd = (q: Knex.QueryBuilder) =>
    q.where('refresh_state.entity_ref', 'like', 'clouddeployment:%');
  const [stored] = await cd(catalogDb('refresh_state')).count({ n: '*' });
  const [processed] = await cd(catalogDb('refresh_state'))
    .whereNotNull('processed_entity')
    .count({ n: '*' });
  const [failed] = await cd(catalogDb('refresh_state'))
    .whereNotNull('errors')
    .whereNotIn('errors', ['', '[]'])
    .count({ n: '*' });
  const [visible] = await cd(
    catalogDb('final_entities').join(
      'refresh_state',
      'refresh_state.entity_id',
      'final_entities.entity_id',
    ),
  )
    .whereNotNull('final_entities.final_entity')
    .count({ n: '*' });
  return {
    stored: Number(stored.n),
    processed: Number(processed.n),
    failed: Number(failed.n),
    visible: Number(visible.n),
  };
}
