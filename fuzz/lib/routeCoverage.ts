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
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The routes the backend's routers declare, read from their source, so that
 * a route added there without a generator here fails the fuzz run instead of
 * going unfuzzed.
 */

const backend = join(__dirname, '../../plugins/cloud-deployments-backend/src');

const sources = [
  ...readdirSync(join(backend, 'service'))
    .filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map(f => join(backend, 'service', f)),
  ...readdirSync(join(backend, 'service', 'routes'))
    .filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map(f => join(backend, 'service', 'routes', f)),
  ...readdirSync(join(backend, 'terraform'))
    .filter(f => f.endsWith('Routes.ts'))
    .map(f => join(backend, 'terraform', f)),
];

/** `POST /deployments/:id/cancel`, …; `ALL` where the router takes every method. */
export function declaredRoutes(): string[] {
  const routes = new Set<string>();
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    const constants = new Map(
      [...text.matchAll(/export const (\w+) = '([^']+)'/g)].map(m => [
        m[1],
        m[2],
      ]),
    );
    for (const m of text.matchAll(
      /router\.(get|post|put|patch|delete|all)\(\s*(?:'([^']+)'|(\w+))/g,
    )) {
      const path = m[2] ?? constants.get(m[3]);
      if (path) routes.add(`${m[1].toUpperCase()} ${path}`);
    }
  }
  return [...routes].sort();
}

/** The declared routes no generator aims at. */
export function unfuzzedRoutes(labels: string[]): string[] {
  const fuzzed = new Set(labels);
  return declaredRoutes().filter(route => !fuzzed.has(route));
}
