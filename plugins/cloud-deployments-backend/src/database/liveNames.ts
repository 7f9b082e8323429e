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
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { NewDeployment } from './DeploymentStore';
import { deployments, isUniqueViolation } from './tables';

// How a new deployment gets its names: its name must be free in its
// environment, and its cloud resources take the first of its candidate
// names that no live deployment carries. The unique indexes decide races.

function nameConflict(input: NewDeployment): ConflictError {
  return new ConflictError(
    `name: a deployment named "${input.name}" already exists in environment ${input.spec.environment}`,
  );
}

async function nameTaken(
  db: Knex | Knex.Transaction,
  input: NewDeployment,
): Promise<boolean> {
  const row = await deployments(db)
    .where({ environment: input.spec.environment, name: input.name })
    .whereNot({ status: 'destroyed' })
    .first('id');
  return row !== undefined;
}

/** The first candidate name no live deployment's resources carry. */
async function freeResourceName(
  db: Knex | Knex.Transaction,
  input: NewDeployment,
): Promise<string> {
  const candidates = input.resourceNames?.length
    ? input.resourceNames
    : [input.name];
  const taken = new Set(
    (
      await deployments(db)
        .whereIn('resource_name', candidates)
        .whereNot({ status: 'destroyed' })
        .select('resource_name')
    ).map(r => r.resource_name),
  );
  const free = candidates.find(c => !taken.has(c));
  if (free === undefined) {
    throw new ConflictError(
      `name: live deployments in other environments already carry the cloud names ${candidates
        .map(c => `"${c}"`)
        .join(', ')}; choose another name`,
    );
  }
  return free;
}

/**
 * Runs `insert` with a free resource name for the new deployment; a 409 when
 * its name is taken in its environment. When another creation takes the
 * chosen cloud name at the same moment, picks again.
 */
export async function withLiveNames<T>(
  db: Knex | Knex.Transaction,
  input: NewDeployment,
  insert: (resourceName: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (await nameTaken(db, input)) throw nameConflict(input);
    const resourceName = await freeResourceName(db, input);
    try {
      return await insert(resourceName);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await nameTaken(db, input)) throw nameConflict(input);
      if (attempt === 3) {
        throw new ConflictError(
          `name: the cloud name "${resourceName}" was taken by another deployment created at the same moment; try again`,
        );
      }
    }
  }
}
