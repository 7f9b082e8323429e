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
import { createHash } from 'node:crypto';

/** Room for the name in the last candidate: every target accepts it (Cloud Run ids end at 49). */
const HASHED_BASE = 40;

/**
 * The cloud names a new deployment's resources may carry, in order of
 * preference: its name; then, when another environment's deployment has
 * that, the name and the environment (`web-api-production`); then, for
 * names too long for that, a prefix and a hash of both (`web-api-3f2a9c01`).
 * The hash is of the environment and name, so the choice is the same on
 * every attempt.
 */
export function resourceNameCandidates(
  name: string,
  environment: string,
): string[] {
  const hash = createHash('sha256')
    .update(`${environment}/${name}`)
    .digest('hex')
    .slice(0, 8);
  const base = name.slice(0, HASHED_BASE).replace(/-+$/, '');
  return [
    ...new Set([
      name,
      `${name}-${environment}`.replace(/-+$/, ''),
      `${base}-${hash}`,
    ]),
  ].filter(candidate => candidate.length <= 63);
}
